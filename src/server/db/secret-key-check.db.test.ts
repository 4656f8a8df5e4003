import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { checkSecretKey } from './secret-key-check.ts';

describe('the secret key check', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('records the first key, accepts it again and recognises another one, keeping only a keyed hash', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const key = 'the-deployment-key-0123456789abcdefghij';
    expect(await checkSecretKey(database.db, key, now)).toBe('recorded');
    expect(await checkSecretKey(database.db, key, now)).toBe('same');
    expect(await checkSecretKey(database.db, 'another-key-0123456789abcdefghijklmnop', now)).toBe('different');
    const rows = await database.db.selectFrom('secretKeyChecks').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.checkHash).not.toContain(key);
    expect(rows[0]!.checkHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
