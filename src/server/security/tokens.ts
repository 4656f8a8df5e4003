import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits from the CSPRNG, base64url: used for session ids and every emailed link. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored and looked up only by this keyed hash; the raw value never reaches the database. */
export function hashToken(secretKey: string, token: string): string {
  return createHmac('sha256', secretKey).update(token).digest('hex');
}

export function constantTimeEquals(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

const READABLE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random string from an alphabet without look-alike characters (generated passwords, portal keys). */
export function generateReadableSecret(length: number): string {
  const bytes = randomBytes(length * 2);
  let result = '';
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % READABLE_ALPHABET.length);
  for (const byte of bytes) {
    if (byte >= limit) continue;
    result += READABLE_ALPHABET[byte % READABLE_ALPHABET.length];
    if (result.length === length) return result;
  }
  return result + generateReadableSecret(length - result.length);
}
