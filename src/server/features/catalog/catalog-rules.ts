import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AppError, fieldError, type FieldProblem } from '../../errors.ts';
import type { AddonApprovalMethod } from '../../db/schema/catalog.ts';

export const PHONE_FORMAT_MESSAGE = 'Use the format +1XXXXXXXXXX';

/**
 * A phone number for SMS: must be written in international form (+ and country code) and be a
 * valid number; returns it in E.164. Null when it is not.
 */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+')) return null;
  const parsed = parsePhoneNumberFromString(trimmed);
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

/** A phone field: blank → null, valid → E.164, otherwise a field error at `path`. */
export function requirePhoneOrNull(path: string, input: string | null): string | null {
  if (input === null || input.trim() === '') return null;
  const phone = toE164(input);
  if (!phone) throw fieldError(path, PHONE_FORMAT_MESSAGE);
  return phone;
}

/**
 * A pricelist that replaces another must be whole and sane before anything is written: no negative
 * price, no service twice, only services the list may hold. Every problem is reported at once.
 */
export function checkPriceEntries(
  prices: Array<{ serviceId: string; priceCents: number }>,
  allowedServiceIds: ReadonlySet<string>,
  path = 'prices',
): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  prices.forEach((entry, index) => {
    if (entry.priceCents < 0)
      problems.push({ path: `${path}.${index}.priceCents`, message: 'A price cannot be negative' });
    if (!allowedServiceIds.has(entry.serviceId))
      problems.push({ path: `${path}.${index}.serviceId`, message: 'This service is not available here' });
    if (seen.has(entry.serviceId))
      problems.push({ path: `${path}.${index}.serviceId`, message: 'This service is listed twice' });
    seen.add(entry.serviceId);
  });
  if (problems.length)
    throw new AppError('validation_failed', 'Some prices need attention; nothing was saved.', { fields: problems });
}

/** The add-on approval settings are consistent: a limit exactly when the method needs one. */
export function normalizeApprovalLimit(method: AddonApprovalMethod, limitCents: number | null): number | null {
  if (method !== 'auto_approve_under_limit') return null;
  if (limitCents === null)
    throw fieldError('addonAutoApproveLimitCents', 'Enter the limit under which add-ons are approved automatically');
  if (limitCents <= 0) throw fieldError('addonAutoApproveLimitCents', 'The limit must be more than $0');
  return limitCents;
}

/**
 * The new order of an account's services: the ids given first, in that order, then any service the
 * caller left out (for example one added meanwhile), in its previous order. Unknown ids are refused.
 */
export function mergeServiceOrder(currentOrder: readonly string[], requested: readonly string[]): string[] {
  const known = new Set(currentOrder);
  const requestedSet = new Set<string>();
  requested.forEach((serviceId, index) => {
    if (!known.has(serviceId)) throw fieldError(`serviceIds.${index}`, 'This service is not offered to this account');
    if (requestedSet.has(serviceId)) throw fieldError(`serviceIds.${index}`, 'This service is listed twice');
    requestedSet.add(serviceId);
  });
  return [...requested, ...currentOrder.filter((serviceId) => !requestedSet.has(serviceId))];
}

const MAX_UNITS_AT_ONCE = 500;

/** Expands "101-120, 130, 2A" into unit numbers; ranges keep the width of their start ("001-010"). */
export function parseUnitNumbers(input: string): string[] {
  const numbers: string[] = [];
  for (const rawPart of input.split(/[,\n;]+/)) {
    const part = rawPart.trim();
    if (!part) continue;
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (range) {
      const [start, end] = [Number(range[1]), Number(range[2])];
      if (end < start) throw fieldError('numbers', `The range ${part} runs backwards`);
      if (end - start + 1 > MAX_UNITS_AT_ONCE)
        throw fieldError('numbers', `Add at most ${MAX_UNITS_AT_ONCE} units at once`);
      const width = range[1]!.length;
      for (let value = start; value <= end; value++) numbers.push(String(value).padStart(width, '0'));
    } else if (/^[A-Za-z0-9][A-Za-z0-9 ._#/-]{0,19}$/.test(part)) {
      numbers.push(part);
    } else {
      throw fieldError('numbers', `"${part}" is not a unit number or a range such as 101-120`);
    }
  }
  if (numbers.length === 0) throw fieldError('numbers', 'Enter unit numbers such as 101-120');
  if (numbers.length > MAX_UNITS_AT_ONCE) throw fieldError('numbers', `Add at most ${MAX_UNITS_AT_ONCE} units at once`);
  const duplicate = numbers.find((number, index) => numbers.indexOf(number) !== index);
  if (duplicate) throw fieldError('numbers', `Unit ${duplicate} is listed twice`);
  return numbers;
}

/** Per-property pro preferences: one row per service, and the secondary pro is someone else. */
export function checkProPreferences(
  preferences: Array<{ serviceId: string; preferredProId: string; secondaryProId: string | null }>,
): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  preferences.forEach((preference, index) => {
    if (preference.secondaryProId && preference.secondaryProId === preference.preferredProId) {
      problems.push({
        path: `preferences.${index}.secondaryProId`,
        message: 'Choose a different pro than the preferred one',
      });
    }
    if (seen.has(preference.serviceId))
      problems.push({ path: `preferences.${index}.serviceId`, message: 'This service is listed twice' });
    seen.add(preference.serviceId);
  });
  if (problems.length)
    throw new AppError('validation_failed', 'Some preferences need attention; nothing was saved.', {
      fields: problems,
    });
}

/** Bathrooms are stored in tenths so the schema stays integer-only. */
export const bathroomsToTenths = (bathrooms: number) => Math.round(bathrooms * 10);
export const tenthsToBathrooms = (tenths: number) => tenths / 10;
