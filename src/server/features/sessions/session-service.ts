import { addSeconds, type Clock } from '../../clock.ts';
import type { Db, Trx } from '../../db/database.ts';
import { type PurgeLimits, purgeInBatches } from '../../db/purge-batches.ts';
import type { SessionKind, SessionSecondFactor, SessionsTable } from '../../db/database-schema.ts';
import { generateToken, hashToken } from '../../security/tokens.ts';
import { newId } from '../../ids.ts';
import {
  countLiveSessions,
  deleteExpiredSessions,
  deleteOwnSession,
  listLiveSessions,
  deleteSession,
  deleteSessionsOf,
  findSession,
  insertSession,
  markSessionReauthenticated,
  touchSession,
} from './session-repository.ts';

// NIST 800-63B AAL2 / ASVS 3.3.2: re-authenticate after 30 idle minutes and at most every 12 hours.
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
// A pro's phone stays in a pocket through a long job: their session lasts a working day (10 h) and
// only ends early after 4 idle hours; staff revoke it and deactivating the pro ends it at once.
export const PRO_SESSION_SECONDS = 10 * 60 * 60;
const IDLE_SECONDS: Record<SessionKind, number> = {
  staff: SESSION_IDLE_SECONDS,
  customer: SESSION_IDLE_SECONDS,
  pro: 4 * 60 * 60,
};
// Writing last_seen_at on every request would turn each read into a write.
const TOUCH_INTERVAL_SECONDS = 60;

export interface NewSession {
  kind: SessionKind;
  subjectId: string;
  mustChangePassword?: boolean;
  impersonatorStaffId?: string | null;
  lifetimeSeconds?: number;
  secondFactor?: SessionSecondFactor | null;
  reauthenticatedAt?: string | null;
  ipAddress: string | null;
  userAgent: string | null;
}

/** Told when sessions end, so whatever remembers a session (the access layer's cache) forgets it. */
export interface SessionEndListener {
  tokenEnded(token: string): void;
  subjectsEnded(subjectIds: readonly string[]): void;
}

export interface SessionService {
  create(db: Db | Trx, session: NewSession): Promise<{ token: string; expiresAt: Date }>;
  resolve(token: string, kind: SessionKind): Promise<SessionsTable | null>;
  end(token: string): Promise<void>;
  endToken(db: Db | Trx, token: string): Promise<void>;
  endAllOf(db: Db | Trx, kind: SessionKind, subjectIds: string[]): Promise<number>;
  /** After a second factor: clears the pending/enrol state and restarts the step-up window. */
  markReauthenticated(db: Db | Trx, token: string): Promise<void>;
  onEnd(listener: SessionEndListener): void;
  /** A person's own live sessions (not staff viewing as them), newest first, the current one marked. */
  listOwn(
    kind: SessionKind,
    subjectId: string,
    currentToken: string | null,
    page: { limit: number; offset: number },
  ): Promise<{ items: Array<SessionsTable & { current: boolean }>; total: number }>;
  /** Ends one of a person's own sessions by its public id; false when it is not theirs (or gone). */
  endOwn(kind: SessionKind, subjectId: string, publicId: string): Promise<boolean>;
  /** Retention: deletes sessions (every kind) past their absolute deadline, in bounded batches. */
  purgeExpired(limits: PurgeLimits): Promise<number>;
}

/** When a session stops being valid without another request: its absolute or its idle deadline. */
export function sessionDeadline(session: Pick<SessionsTable, 'kind' | 'expiresAt' | 'lastSeenAt'>): number {
  return Math.min(
    new Date(session.expiresAt).getTime(),
    new Date(session.lastSeenAt).getTime() + IDLE_SECONDS[session.kind] * 1000,
  );
}

export function createSessionService(deps: { db: Db; clock: Clock; secretKey: string }): SessionService {
  const { db, clock, secretKey } = deps;
  const listeners: SessionEndListener[] = [];
  return {
    async create(executor, session) {
      const token = generateToken();
      const now = clock.now();
      const expiresAt = addSeconds(
        now,
        Math.min(session.lifetimeSeconds ?? SESSION_ABSOLUTE_SECONDS, SESSION_ABSOLUTE_SECONDS),
      );
      await insertSession(executor, {
        idHash: hashToken(secretKey, token),
        publicId: newId(),
        kind: session.kind,
        subjectId: session.subjectId,
        impersonatorStaffId: session.impersonatorStaffId ?? null,
        mustChangePassword: session.mustChangePassword ? 1 : 0,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: expiresAt.toISOString(),
        ipAddress: session.ipAddress,
        userAgent: session.userAgent?.slice(0, 300) ?? null,
        secondFactor: session.secondFactor ?? null,
        reauthenticatedAt: session.reauthenticatedAt ?? null,
      });
      return { token, expiresAt };
    },

    async resolve(token, kind) {
      const idHash = hashToken(secretKey, token);
      const session = await findSession(db, idHash, kind);
      if (!session) return null;
      const now = clock.now();
      const idleDeadline = addSeconds(new Date(session.lastSeenAt), IDLE_SECONDS[kind]);
      if (now >= new Date(session.expiresAt) || now >= idleDeadline) {
        await deleteSession(db, idHash);
        return null;
      }
      if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_INTERVAL_SECONDS * 1000) {
        await touchSession(db, idHash, now.toISOString());
      }
      return session;
    },

    async end(token) {
      for (const listener of listeners) listener.tokenEnded(token);
      await deleteSession(db, hashToken(secretKey, token));
    },

    async endToken(executor, token) {
      for (const listener of listeners) listener.tokenEnded(token);
      await deleteSession(executor, hashToken(secretKey, token));
    },

    async endAllOf(executor, kind, subjectIds) {
      for (const listener of listeners) listener.subjectsEnded(subjectIds);
      return deleteSessionsOf(executor, kind, subjectIds);
    },

    async markReauthenticated(executor, token) {
      for (const listener of listeners) listener.tokenEnded(token);
      await markSessionReauthenticated(executor, hashToken(secretKey, token), clock.now().toISOString());
    },

    onEnd(listener) {
      listeners.push(listener);
    },

    async listOwn(kind, subjectId, currentToken, page) {
      const now = clock.now();
      const idleSince = addSeconds(now, -IDLE_SECONDS[kind]).toISOString();
      const live = { kind, subjectId, now: now.toISOString(), idleSince };
      const [rows, total] = await Promise.all([listLiveSessions(db, live, page), countLiveSessions(db, live)]);
      const currentHash = currentToken ? hashToken(secretKey, currentToken) : null;
      return { items: rows.map((row) => ({ ...row, current: row.idHash === currentHash })), total };
    },

    async endOwn(kind, subjectId, publicId) {
      for (const listener of listeners) listener.subjectsEnded([subjectId]);
      return (await deleteOwnSession(db, kind, subjectId, publicId)) > 0;
    },

    // Nothing to tell the listeners: a cached principal stops at its session's deadline by itself.
    purgeExpired: (limits) =>
      purgeInBatches(limits, (limit) => deleteExpiredSessions(db, clock.now().toISOString(), limit)),
  };
}
