import { describe, expect, it } from 'vitest';
import { IDENTIFIER_POLICY, lockedUntil } from './login-throttle.ts';

describe('lockedUntil', () => {
  const at = new Date('2026-01-01T00:00:00Z');
  const secondsAfter = (until: Date | null) => (until ? (until.getTime() - at.getTime()) / 1000 : 0);

  it('allows the first four failures freely, then waits 60 s growing to 15 min', () => {
    expect(lockedUntil({ failures: 4, lastFailureAt: at }, IDENTIFIER_POLICY)).toBeNull();
    expect(secondsAfter(lockedUntil({ failures: 5, lastFailureAt: at }, IDENTIFIER_POLICY))).toBe(60);
    expect(secondsAfter(lockedUntil({ failures: 6, lastFailureAt: at }, IDENTIFIER_POLICY))).toBe(120);
    expect(secondsAfter(lockedUntil({ failures: 500, lastFailureAt: at }, IDENTIFIER_POLICY))).toBe(900);
  });

  it('keeps an attacker who retries whenever allowed under 100 failures an hour', () => {
    let failures = 0;
    let time = 0;
    while (time < 3600) {
      failures += 1;
      const until = lockedUntil({ failures, lastFailureAt: new Date(at.getTime() + time * 1000) }, IDENTIFIER_POLICY);
      time = until ? (until.getTime() - at.getTime()) / 1000 : time + 1;
    }
    expect(failures).toBeLessThanOrEqual(100);
  });
});
