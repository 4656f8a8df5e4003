import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { newId } from '../ids.ts';
import type { DatabaseHandle } from './database.ts';

describe('transactions', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('roll back every write when the work throws', async () => {
    const id = newId();
    const now = new Date().toISOString();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('accounts')
          .values({
            id,
            kind: 'property',
            parentAccountId: null,
            name: 'Rollback Apartments',
            accountNumber: `RB-${id}`,
            status: 'prospect',
            portalAccessEnabled: 0,
            addressLine1: null,
            addressLine2: null,
            city: null,
            region: null,
            postalCode: null,
            onboardingState: 'not_started',
            onboardCompletedAt: null,
            onboardCompletedByStaffId: null,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const row = await database.db.selectFrom('accounts').select('id').where('id', '=', id).executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
