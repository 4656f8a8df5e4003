import type { IsoTimestamp } from './columns.ts';

export interface SecretKeyChecksTable {
  id: string;
  checkHash: string;
  createdAt: IsoTimestamp;
}

export interface OperationsTables {
  secretKeyChecks: SecretKeyChecksTable;
}
