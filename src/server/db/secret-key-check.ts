import { constantTimeEquals, hashToken } from '../security/tokens.ts';
import type { Db } from './database.ts';

const CHECK_ID = 'deployment';

/** What the database keeps of the key: a keyed hash of a fixed text, which reveals nothing of the key. */
export const secretKeyCheckHash = (secretKey: string) => hashToken(secretKey, 'portico secret key check');

/**
 * Compares the secret key with the one the database was first used with (recorded then). Sealed portal
 * keys and every link hash depend on it, so a database restored without its key must not start silently.
 */
export async function checkSecretKey(db: Db, secretKey: string, now: Date): Promise<'recorded' | 'same' | 'different'> {
  const expected = secretKeyCheckHash(secretKey);
  const stored = await db
    .selectFrom('secretKeyChecks')
    .select('checkHash')
    .where('id', '=', CHECK_ID)
    .executeTakeFirst();
  if (stored) return constantTimeEquals(stored.checkHash, expected) ? 'same' : 'different';
  await db
    .insertInto('secretKeyChecks')
    .values({ id: CHECK_ID, checkHash: expected, createdAt: now.toISOString() })
    .onConflict((conflict) => conflict.column('id').doNothing())
    .execute();
  return (await checkSecretKey(db, secretKey, now)) === 'same' ? 'recorded' : 'different';
}

export const DIFFERENT_SECRET_KEY_MESSAGE =
  'This database was created with a different secret key. Start Portico with the SECRET_KEY (or the secret.key ' +
  'file next to the SQLite database) it was created with: without it, portal keys cannot be revealed and every ' +
  'link and session already issued is unreadable. A backup made with `portico backup` carries its key.';
