import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Db, Trx } from '../../db/database.ts';
import type { AccountsTable } from '../../db/database-schema.ts';
import { AppError } from '../../errors.ts';
import { constantTimeEquals, hashToken } from '../../security/tokens.ts';
import { normalizeAccountNumber } from './customers-rules.ts';

/**
 * Portal keys: the per-account secret a customer types, with the account number, to register for the
 * portal. 28 characters of Crockford base32 (140 bits) in groups of four: long enough to be unguessable
 * without relying on attempt caps, and free of look-alike characters so it survives a printed letter.
 */
const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PORTAL_KEY_LENGTH = 28;

export function generatePortalKey(): string {
  // 256 is a multiple of 32, so masking keeps every character equally likely.
  const characters = [...randomBytes(PORTAL_KEY_LENGTH)].map((byte) => CROCKFORD_ALPHABET[byte & 31]!).join('');
  return formatPortalKey(characters);
}

/** Uppercase, no dashes or spaces, and the look-alikes people type (O, I, L) read as the digits they resemble. */
export function normalizePortalKey(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function formatPortalKey(input: string): string {
  return (normalizePortalKey(input).match(/.{1,4}/g) ?? []).join('-');
}

export function hashPortalKey(secretKey: string, portalKey: string): string {
  return hashToken(secretKey, `portal-key:${normalizePortalKey(portalKey)}`);
}

// A separate key for sealing, derived from the app secret, so the HMAC key and the cipher key differ.
function sealingKey(secretKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, 'portico', 'portal-key-seal', 32));
}

/** AES-256-GCM; the account id is the associated data, so a sealed key copied to another account fails to open. */
export function sealPortalKey(secretKey: string, accountId: string, portalKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secretKey), iv);
  cipher.setAAD(Buffer.from(accountId));
  const ciphertext = Buffer.concat([cipher.update(normalizePortalKey(portalKey), 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

/** The columns to store for a new key. */
export function portalKeyColumns(secretKey: string, accountId: string, portalKey: string, now: string) {
  return {
    portalKeyHash: hashPortalKey(secretKey, portalKey),
    portalKeySealed: sealPortalKey(secretKey, accountId, portalKey),
    portalKeyRotatedAt: now,
  };
}

/** The account's portal key, formatted for reading out ("K7Q2-…"). */
export function revealPortalKey(account: Pick<AccountsTable, 'id' | 'portalKeySealed'>, secretKey: string): string {
  if (!account.portalKeySealed)
    throw new AppError('not_found', 'This account has no portal key yet. Generate one first.');
  const [version, iv, tag, ciphertext] = account.portalKeySealed.split('.');
  if (version !== 'v1' || !iv || !tag || !ciphertext)
    throw new AppError('internal', 'The stored portal key is unreadable.');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(secretKey), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(account.id));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
  return formatPortalKey(plain);
}

const UNKNOWN_ACCOUNT_HASH = '0'.repeat(64);

/**
 * The account whose number and portal key both match, or null. The hash comparison runs whether or not
 * the account exists, so timing does not tell an unknown account number from a wrong key.
 */
export async function findAccountByPortalKey(
  db: Db | Trx,
  secretKey: string,
  input: { accountNumber: string; portalKey: string },
): Promise<AccountsTable | null> {
  const account = await db
    .selectFrom('accounts')
    .selectAll()
    .where('accountNumber', '=', normalizeAccountNumber(input.accountNumber))
    .executeTakeFirst();
  const candidate = hashPortalKey(secretKey, input.portalKey);
  const matches = constantTimeEquals(candidate, account?.portalKeyHash ?? UNKNOWN_ACCOUNT_HASH);
  return account?.portalKeyHash && matches ? account : null;
}
