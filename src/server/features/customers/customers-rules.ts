import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Account numbers are matched as typed on a letter: case and surrounding spaces do not matter. */
export function normalizeAccountNumber(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, '');
}

const ACCOUNT_NUMBER_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,31}$/;

export function accountNumberProblem(value: string): string | null {
  return ACCOUNT_NUMBER_PATTERN.test(normalizeAccountNumber(value))
    ? null
    : 'Use 2 to 32 letters, digits and dashes, e.g. A-10423';
}

/** A generated, human-readable account number such as "A-10423"; the caller retries on a clash. */
export function generatedAccountNumber(randomInt: (max: number) => number): string {
  return `A-${10000 + randomInt(90000)}`;
}

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

/** Accepts what people type ("(512) 555-0100", "+1 512 555 0100"); US when no country code is given. */
export function normalizePhone(input: string): PhoneResult {
  const phone = parsePhoneNumberFromString(input, 'US');
  if (!phone?.isValid()) return { ok: false, message: 'Enter a valid phone number, e.g. +15125550100' };
  return { ok: true, e164: phone.number };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface ContactEmailInput {
  primaryEmails: string[];
  otherEmails: string[];
}

/** The emails to store, each once; a field problem when an address is listed twice. */
export function contactEmailRows(input: ContactEmailInput): {
  rows: Array<{ email: string; kind: 'primary' | 'other' }>;
  problem: { path: string; message: string } | null;
} {
  const seen = new Set<string>();
  const rows: Array<{ email: string; kind: 'primary' | 'other' }> = [];
  const lists = [
    ['primaryEmails', 'primary', input.primaryEmails],
    ['otherEmails', 'other', input.otherEmails],
  ] as const;
  for (const [field, kind, emails] of lists) {
    for (const [index, raw] of emails.entries()) {
      const email = raw.trim();
      const normalized = normalizeEmail(email);
      if (seen.has(normalized))
        return { rows, problem: { path: `${field}.${index}`, message: `${email} is listed twice` } };
      seen.add(normalized);
      rows.push({ email, kind });
    }
  }
  return { rows, problem: null };
}

/** The main account must be one the contact is linked to: the property, or the company when linked to several. */
export function mainAccountProblem(mainAccountId: string | null, linkedAccountIds: string[]): string | null {
  if (mainAccountId === null) return null;
  return linkedAccountIds.includes(mainAccountId) ? null : 'Link the contact to this account first';
}

/** Only the fields that changed, as audit before/after. */
export function changedFields<T extends object>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const changedBefore: Partial<T> = {};
  const changedAfter: Partial<T> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key] as T[keyof T];
    }
  }
  return { before: changedBefore, after: changedAfter };
}

/** A LIKE pattern matching the term anywhere, with the term's own % and _ taken literally (ESCAPE '\'). */
export function containsPattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
