import type { Kysely } from 'kysely';
import { newId } from '../../ids.ts';

// Customers list and end their own sessions ("signed-in devices"): each session gets an id that can be
// shown and sent back, unlike its keyed hash, which identifies the cookie.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('public_id', 'text').execute();
  const rows = await db.selectFrom('sessions').select('id_hash').execute();
  // The one selected column, whatever case the result rows come back in.
  for (const idHash of rows.map((row) => Object.values(row)[0] as string)) {
    await db.updateTable('sessions').set({ public_id: newId() }).where('id_hash', '=', idHash).execute();
  }
  await db.schema.createIndex('sessions_public_id').unique().on('sessions').column('public_id').execute();
}
