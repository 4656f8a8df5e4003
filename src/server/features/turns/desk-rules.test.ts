import { describe, expect, it } from 'vitest';
import { atRiskFrom, isAtRisk } from './desk-rules.ts';

describe('at risk', () => {
  it('starts on the first day the days left to the ready-by day are fewer than the services left', () => {
    // Move-in 06-10: ready by 06-09. Three services left need 06-07, 06-08 and 06-09.
    const from = atRiskFrom('2026-06-10', 3);
    expect(from).toBe('2026-06-08');
    expect(isAtRisk(from, '2026-06-07')).toBe(false);
    expect(isAtRisk(from, '2026-06-08')).toBe(true);
    expect(isAtRisk(from, '2026-06-12')).toBe(true);
  });

  it('never holds without a move-in or with nothing left to do', () => {
    expect(atRiskFrom(null, 4)).toBeNull();
    expect(atRiskFrom('2026-06-10', 0)).toBeNull();
    expect(isAtRisk(null, '2026-06-10')).toBe(false);
  });
});
