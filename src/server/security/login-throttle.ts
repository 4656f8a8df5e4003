import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { type PurgeLimits, purgeInBatches } from '../db/purge-batches.ts';
import { AppError, fieldError } from '../errors.ts';

export interface ThrottlePolicy {
  /** Failures allowed before the first wait. */
  freeFailures: number;
  /** Each failure past the free ones adds this much wait (Keycloak waitIncrementSeconds). */
  waitIncrementSeconds: number;
  maxWaitSeconds: number;
  /** A quiet period after which the count starts again (Keycloak maxDeltaTimeSeconds). */
  forgetAfterSeconds: number;
}

// 5 failures, then 60 s waits growing to 15 min; forgotten after 12 h; never permanent, so an attacker
// cannot lock a real customer out for good.
export const IDENTIFIER_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  waitIncrementSeconds: 60,
  maxWaitSeconds: 900,
  forgetAfterSeconds: 43_200,
};
// One address behind many accounts (spraying): looser, but it still trips.
export const IP_POLICY: ThrottlePolicy = {
  freeFailures: 50,
  waitIncrementSeconds: 60,
  maxWaitSeconds: 900,
  forgetAfterSeconds: 3_600,
};

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
}

/** Pure rule: when may the next attempt happen after this many recent failures? */
export function lockedUntil(state: ThrottleState, policy: ThrottlePolicy): Date | null {
  const excess = state.failures - policy.freeFailures + 1;
  if (excess <= 0) return null;
  const waitSeconds = Math.min(policy.maxWaitSeconds, excess * policy.waitIncrementSeconds);
  return new Date(state.lastFailureAt.getTime() + waitSeconds * 1000);
}

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/**
 * Counts failures per key (an identifier such as an email, or an IP) in the database, so the limit holds
 * across processes and restarts. Keys are independent of whether an account exists, so a lockout
 * reveals nothing about which emails are registered.
 */
export function createLoginThrottle(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  function recentFailures(
    row: { failures: number; lastFailureAt: string } | undefined,
    policy: ThrottlePolicy,
  ): ThrottleState | null {
    if (!row) return null;
    const lastFailureAt = new Date(row.lastFailureAt);
    if (clock.now().getTime() - lastFailureAt.getTime() > policy.forgetAfterSeconds * 1000) return null;
    return { failures: row.failures, lastFailureAt };
  }

  async function currentFailures(key: string, policy: ThrottlePolicy): Promise<ThrottleState | null> {
    const row = await db.selectFrom('loginThrottles').selectAll().where('key', '=', key).executeTakeFirst();
    return recentFailures(row, policy);
  }

  /**
   * One read for all keys: the wait before another attempt (0 when none), and which keys have a row,
   * so a successful sign-in deletes only rows that exist (most sign-ins have none to delete).
   */
  async function check(keys: ThrottleKey[]): Promise<{ retryAfterSeconds: number; recordedKeys: string[] }> {
    if (keys.length === 0) return { retryAfterSeconds: 0, recordedKeys: [] };
    const rows = await db
      .selectFrom('loginThrottles')
      .selectAll()
      .where(
        'key',
        'in',
        keys.map(({ key }) => key),
      )
      .execute();
    let wait = 0;
    for (const { key, policy } of keys) {
      const state = recentFailures(
        rows.find((row) => row.key === key),
        policy,
      );
      const until = state && lockedUntil(state, policy);
      if (until) wait = Math.max(wait, Math.ceil((until.getTime() - clock.now().getTime()) / 1000));
    }
    return { retryAfterSeconds: wait, recordedKeys: rows.map((row) => row.key) };
  }

  return {
    check,

    /** Seconds to wait before another attempt is allowed, or 0. */
    async retryAfterSeconds(keys: ThrottleKey[]): Promise<number> {
      return (await check(keys)).retryAfterSeconds;
    },

    async recordFailure(keys: ThrottleKey[]): Promise<void> {
      const now = clock.now().toISOString();
      for (const { key, policy } of keys) {
        const state = await currentFailures(key, policy);
        const failures = (state?.failures ?? 0) + 1;
        const until = lockedUntil({ failures, lastFailureAt: new Date(now) }, policy);
        const values = { failures, lastFailureAt: now, lockedUntil: until?.toISOString() ?? null };
        await db
          .insertInto('loginThrottles')
          .values({ key, ...values })
          .onConflict((conflict) => conflict.column('key').doUpdateSet(values))
          .execute();
      }
    },

    async clear(...keys: string[]): Promise<void> {
      if (keys.length === 0) return;
      await db.deleteFrom('loginThrottles').where('key', 'in', keys).execute();
    },

    /** Retention: rows quiet for longer than any policy remembers failures are forgotten already. */
    purgeForgotten(limits: PurgeLimits): Promise<number> {
      const forgetAfter = Math.max(IDENTIFIER_POLICY.forgetAfterSeconds, IP_POLICY.forgetAfterSeconds);
      const before = new Date(clock.now().getTime() - forgetAfter * 1000).toISOString();
      return purgeInBatches(limits, async (limit) => {
        const batch = db.selectFrom('loginThrottles').select('key').where('lastFailureAt', '<=', before).limit(limit);
        const result = await db.deleteFrom('loginThrottles').where('key', 'in', batch).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },

    async isLocked(key: string, policy: ThrottlePolicy): Promise<Date | null> {
      const state = await currentFailures(key, policy);
      const until = state && lockedUntil(state, policy);
      return until && until > clock.now() ? until : null;
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** "Try again in …" wording for a throttle wait. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * A signed-in person retyping their current password (change password): wrong guesses are counted per
 * person like sign-in failures, so a stolen session cannot be used to guess the password.
 */
export async function checkCurrentPassword(
  throttle: LoginThrottle,
  subjectKey: string,
  matches: () => Promise<boolean>,
): Promise<void> {
  const keys: ThrottleKey[] = [{ key: `current-password:${subjectKey}`, policy: IDENTIFIER_POLICY }];
  const wait = await throttle.retryAfterSeconds(keys);
  if (wait > 0) {
    throw new AppError('rate_limited', `Too many wrong passwords. Try again in ${formatWait(wait)}.`, {
      retryAfterSeconds: wait,
    });
  }
  if (!(await matches())) {
    await throttle.recordFailure(keys);
    throw fieldError('currentPassword', 'The current password is not correct.');
  }
  await throttle.clear(keys[0]!.key);
}
