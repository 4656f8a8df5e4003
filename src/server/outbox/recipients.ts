import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** An E.164 number (+15125550123) from what a person typed, or null when it is not a valid number. */
export function toE164(phone: string, defaultCountry: CountryCode = 'US'): string | null {
  const parsed = parsePhoneNumberFromString(phone.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/** Strictly E.164 already: what the outbox stores and the SMS provider receives. */
export function isE164(phone: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(phone) && toE164(phone) === phone;
}

export function isEmailAddress(value: string): boolean {
  return /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/.test(value);
}
