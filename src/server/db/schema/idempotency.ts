import type { IsoTimestamp } from './columns.ts';

export interface IdempotencyKeysTable {
  /** `<principal kind>:<principal id>:<operationId>`. */
  scope: string;
  key: string;
  /** SHA-256 of the method, URL and body the key was first used with. */
  fingerprint: string;
  /** Null while the first request is in flight. */
  statusCode: number | null;
  contentType: string | null;
  responseBody: string | null;
  startedAt: IsoTimestamp;
  expiresAt: IsoTimestamp;
}

export interface IdempotencyTables {
  idempotencyKeys: IdempotencyKeysTable;
}
