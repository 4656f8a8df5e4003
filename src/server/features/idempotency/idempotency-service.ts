import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import {
  deleteClaim,
  deleteExpired,
  findKey,
  insertClaim,
  replaceClaim,
  storeResponse,
} from './idempotency-repository.ts';

/** How long a key keeps its answer. */
const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;
/**
 * A first request still unanswered after this long is taken to have died with its process; its key may
 * be used again. Far longer than any create takes.
 */
const IN_FLIGHT_LEASE_SECONDS = 60;

export interface IdempotencyClaim {
  scope: string;
  key: string;
  startedAt: string;
}

export type IdempotencyOutcome =
  | { kind: 'first'; claim: IdempotencyClaim }
  | { kind: 'replay'; statusCode: number; contentType: string | null; body: string }
  | { kind: 'different_request' }
  | { kind: 'in_flight' };

export function createIdempotencyService({ db, clock }: { db: Db; clock: Clock }) {
  /** Claims the key for this request, or says what the earlier request with the same key got. */
  async function begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyOutcome> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const now = clock.now();
      const row = {
        scope,
        key,
        fingerprint,
        statusCode: null,
        contentType: null,
        responseBody: null,
        startedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_SECONDS * 1000).toISOString(),
      };
      try {
        await insertClaim(db, row);
        return { kind: 'first', claim: { scope, key, startedAt: row.startedAt } };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await findKey(db, scope, key);
      if (!existing) continue;
      const abandoned =
        existing.statusCode === null &&
        new Date(existing.startedAt).getTime() + IN_FLIGHT_LEASE_SECONDS * 1000 <= now.getTime();
      if (existing.expiresAt <= row.startedAt || abandoned) {
        if (await replaceClaim(db, existing.startedAt, row))
          return { kind: 'first', claim: { scope, key, startedAt: row.startedAt } };
        continue;
      }
      if (existing.fingerprint !== fingerprint) return { kind: 'different_request' };
      if (existing.statusCode === null || existing.responseBody === null) return { kind: 'in_flight' };
      return {
        kind: 'replay',
        statusCode: existing.statusCode,
        contentType: existing.contentType,
        body: existing.responseBody,
      };
    }
    return { kind: 'in_flight' };
  }

  return {
    begin,
    /** Keeps a successful answer for replays. */
    complete: (claim: IdempotencyClaim, response: { statusCode: number; contentType: string | null; body: string }) =>
      storeResponse(db, claim, response),
    /** Frees the key after a failed request, so the caller can correct it and send it again. */
    release: (claim: IdempotencyClaim) => deleteClaim(db, claim),
    /** Retention: forgets keys whose 24 hours are over. */
    purgeExpired: () => deleteExpired(db, clock.now().toISOString()),
  };
}

export type IdempotencyService = ReturnType<typeof createIdempotencyService>;
