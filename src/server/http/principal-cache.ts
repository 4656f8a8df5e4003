import type { Clock } from '../clock.ts';

/**
 * Who a session cookie belongs to, remembered for a few seconds so a burst of reads does not repeat
 * the session lookup, its keyed hash and the principal's queries on every request; and, for routes
 * that opt in (`config.cachedRead`), the answer that principal got from a small read.
 *
 * Invalidation: a sign-out or revocation in this process (sessions.end / endAllOf) drops the
 * subject's entries and stops caching it for one lifetime, and every state-changing request clears
 * the whole cache when it starts and when it ends (a change of accounts, access or roles is always
 * such a request), and nothing loaded while one ran is stored. A cached answer lives only as long as
 * the principal entry it was stored under. Another process may serve a revoked session, or an answer
 * from before its own change, for at most PRINCIPAL_CACHE_SECONDS.
 */
export const PRINCIPAL_CACHE_SECONDS = 5;
const MAX_ENTRIES = 10_000;
// Bounds the answers' memory: 2,000 × 16 KB at most.
const MAX_ANSWERS = 2000;
const MAX_ANSWER_CHARACTERS = 16 * 1024;

interface Entry<T> {
  value: T;
  subjectId: string;
  /** The session's own deadlines still apply to a cached entry. */
  validUntil: number;
  storedAt: number;
}

export type PrincipalCache<T> = ReturnType<typeof createPrincipalCache<T>>;

export function createPrincipalCache<T>(clock: Clock) {
  const entries = new Map<string, Entry<T>>();
  // Keyed by principal key and URL; valid only while `entry` is still the principal's live entry.
  const answers = new Map<string, { body: string; entry: Entry<T> }>();
  const revokedAt = new Map<string, number>();
  let epoch = 0;
  let writesInFlight = 0;
  const lifetime = PRINCIPAL_CACHE_SECONDS * 1000;

  function liveEntry(key: string): Entry<T> | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    const now = clock.now().getTime();
    if (now - entry.storedAt >= lifetime || now >= entry.validUntil) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function clear(): void {
    entries.clear();
    answers.clear();
  }

  return {
    get: (key: string): T | undefined => liveEntry(key)?.value,

    /** A ticket taken before loading; `set` and `setAnswer` store only if nothing changed meanwhile. */
    ticket: () => (writesInFlight === 0 ? epoch : -1),

    set(ticket: number, key: string, value: T, subjectId: string, validUntil: number): void {
      if (ticket !== epoch || writesInFlight > 0) return;
      const now = clock.now().getTime();
      const revoked = revokedAt.get(subjectId);
      if (revoked !== undefined && now - revoked < lifetime) return;
      if (entries.size >= MAX_ENTRIES) clear();
      entries.set(key, { value, subjectId, validUntil, storedAt: now });
    },

    /** The answer the principal under `key` got from `url`, while that principal entry lives. */
    getAnswer(key: string, url: string): string | undefined {
      const answerKey = `${key} ${url}`;
      const answer = answers.get(answerKey);
      if (!answer) return undefined;
      if (liveEntry(key) !== answer.entry) {
        answers.delete(answerKey);
        return undefined;
      }
      return answer.body;
    },

    setAnswer(ticket: number, key: string, url: string, body: string): void {
      if (ticket !== epoch || writesInFlight > 0 || body.length > MAX_ANSWER_CHARACTERS) return;
      const entry = liveEntry(key);
      if (!entry) return;
      if (answers.size >= MAX_ANSWERS) answers.clear();
      answers.set(`${key} ${url}`, { body, entry });
    },

    forget(key: string): void {
      entries.delete(key);
    },

    revoke(subjectIds: readonly string[]): void {
      const now = clock.now().getTime();
      epoch += 1;
      for (const subjectId of subjectIds) revokedAt.set(subjectId, now);
      for (const [key, entry] of entries) if (subjectIds.includes(entry.subjectId)) entries.delete(key);
      for (const [subjectId, at] of revokedAt) if (now - at >= lifetime) revokedAt.delete(subjectId);
    },

    writeStarted(): void {
      writesInFlight += 1;
      epoch += 1;
      clear();
    },

    writeEnded(): void {
      writesInFlight = Math.max(0, writesInFlight - 1);
      epoch += 1;
      clear();
    },
  };
}
