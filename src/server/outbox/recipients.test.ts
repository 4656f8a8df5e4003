import { describe, expect, it } from 'vitest';
import { isE164, isEmailAddress, toE164 } from './recipients.ts';

describe('recipients', () => {
  it('normalizes typed phone numbers to E.164 and rejects impossible ones', () => {
    expect(toE164('(512) 555-0123')).toBe('+15125550123');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('555-0123')).toBeNull();
    expect(toE164('not a number')).toBeNull();
  });

  it('accepts only strict E.164 for stored recipients', () => {
    expect(isE164('+15125550123')).toBe(true);
    expect(isE164('5125550123')).toBe(false);
    expect(isE164('+1 512 555 0123')).toBe(false);
  });

  it('checks email addresses loosely but refuses header tricks', () => {
    expect(isEmailAddress('pat@example.com')).toBe(true);
    expect(isEmailAddress('pat@example')).toBe(false);
    expect(isEmailAddress('a@b.c, evil@x.y')).toBe(false);
  });
});
