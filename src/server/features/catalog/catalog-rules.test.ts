import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import {
  checkPriceEntries,
  checkProPreferences,
  mergeServiceOrder,
  normalizeApprovalLimit,
  parseUnitNumbers,
  requirePhoneOrNull,
  toE164,
} from './catalog-rules.ts';

function fieldsOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error.details?.fields;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('toE164', () => {
  it('accepts international numbers in any punctuation and returns E.164', () => {
    expect(toE164('+1 (512) 555-0142')).toBe('+15125550142');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
  });
  it('refuses national formats and invalid numbers', () => {
    expect(toE164('512-555-0142')).toBeNull();
    expect(toE164('+1555')).toBeNull();
    expect(toE164('+1 000 000 0000')).toBeNull();
  });
  it('treats blank as no phone and names the field otherwise', () => {
    expect(requirePhoneOrNull('phone', '  ')).toBeNull();
    expect(fieldsOf(() => requirePhoneOrNull('backupNotificationPhone', '5125550142'))).toEqual([
      { path: 'backupNotificationPhone', message: 'Use the format +1XXXXXXXXXX' },
    ]);
  });
});

describe('checkPriceEntries', () => {
  const allowed = new Set(['a', 'b']);
  it('passes a clean list, including free services', () => {
    expect(() =>
      checkPriceEntries(
        [
          { serviceId: 'a', priceCents: 0 },
          { serviceId: 'b', priceCents: 100 },
        ],
        allowed,
      ),
    ).not.toThrow();
  });
  it('reports every negative, unknown and duplicate entry at once', () => {
    expect(
      fieldsOf(() =>
        checkPriceEntries(
          [
            { serviceId: 'a', priceCents: -1 },
            { serviceId: 'x', priceCents: 5 },
            { serviceId: 'a', priceCents: 5 },
          ],
          allowed,
        ),
      ),
    ).toEqual([
      { path: 'prices.0.priceCents', message: 'A price cannot be negative' },
      { path: 'prices.1.serviceId', message: 'This service is not available here' },
      { path: 'prices.2.serviceId', message: 'This service is listed twice' },
    ]);
  });
});

describe('normalizeApprovalLimit', () => {
  it('requires a positive limit only for auto-approval and drops it otherwise', () => {
    expect(normalizeApprovalLimit('customer_approves', 5000)).toBeNull();
    expect(normalizeApprovalLimit('auto_approve_under_limit', 5000)).toBe(5000);
    expect(fieldsOf(() => normalizeApprovalLimit('auto_approve_under_limit', null))![0]!.path).toBe(
      'addonAutoApproveLimitCents',
    );
    expect(fieldsOf(() => normalizeApprovalLimit('auto_approve_under_limit', 0))![0]!.message).toBe(
      'The limit must be more than $0',
    );
  });
});

describe('mergeServiceOrder', () => {
  it('puts the requested ids first and keeps the rest in their previous order', () => {
    expect(mergeServiceOrder(['a', 'b', 'c', 'd'], ['c', 'a'])).toEqual(['c', 'a', 'b', 'd']);
  });
  it('refuses unknown and repeated ids', () => {
    expect(fieldsOf(() => mergeServiceOrder(['a'], ['z']))).toEqual([
      { path: 'serviceIds.0', message: 'This service is not offered to this account' },
    ]);
    expect(fieldsOf(() => mergeServiceOrder(['a', 'b'], ['a', 'a']))).toEqual([
      { path: 'serviceIds.1', message: 'This service is listed twice' },
    ]);
  });
});

describe('parseUnitNumbers', () => {
  it('expands ranges and lists, keeping leading zeros', () => {
    expect(parseUnitNumbers('101-103, 2A')).toEqual(['101', '102', '103', '2A']);
    expect(parseUnitNumbers('008-010')).toEqual(['008', '009', '010']);
  });
  it('refuses backwards ranges, duplicates, junk and huge ranges', () => {
    expect(fieldsOf(() => parseUnitNumbers('120-101'))![0]!.message).toBe('The range 120-101 runs backwards');
    expect(fieldsOf(() => parseUnitNumbers('101, 100-102'))![0]!.message).toBe('Unit 101 is listed twice');
    expect(fieldsOf(() => parseUnitNumbers('!!'))![0]!.path).toBe('numbers');
    expect(fieldsOf(() => parseUnitNumbers('1-1000'))![0]!.message).toBe('Add at most 500 units at once');
    expect(fieldsOf(() => parseUnitNumbers(' , '))![0]!.message).toBe('Enter unit numbers such as 101-120');
  });
});

describe('checkProPreferences', () => {
  it('requires a secondary pro different from the preferred one and one row per service', () => {
    expect(() => checkProPreferences([{ serviceId: 's', preferredProId: 'p', secondaryProId: 'q' }])).not.toThrow();
    expect(
      fieldsOf(() =>
        checkProPreferences([
          { serviceId: 's', preferredProId: 'p', secondaryProId: 'p' },
          { serviceId: 's', preferredProId: 'q', secondaryProId: null },
        ]),
      ),
    ).toEqual([
      { path: 'preferences.0.secondaryProId', message: 'Choose a different pro than the preferred one' },
      { path: 'preferences.1.serviceId', message: 'This service is listed twice' },
    ]);
  });
});
