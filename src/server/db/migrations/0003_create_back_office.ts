import type { Kysely } from 'kysely';

// Migrations are frozen in time: they take Kysely<any> and never import application code.
export async function up(db: Kysely<any>): Promise<void> {
  // The portal key is kept twice: a keyed hash to match what a customer types, and a sealed
  // (AES-256-GCM) copy so staff can read it out and letters can merge it.
  await db.schema.alterTable('accounts').addColumn('portal_key_hash', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('portal_key_sealed', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('portal_key_rotated_at', 'text').execute();
  await db.schema.createIndex('accounts_name').on('accounts').column('name').execute();

  await db.schema
    .alterTable('contacts')
    .addColumn('staff_member_id', 'text', (column) => column.references('staff_members.id'))
    .execute();
  await db.schema.createIndex('contacts_staff_member').on('contacts').column('staff_member_id').execute();
  await db.schema.createIndex('account_contacts_contact').on('account_contacts').column('contact_id').execute();

  await db.schema
    .createTable('onboarding_check_offs')
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (column) => column.notNull())
    .addColumn('checked_by_staff_id', 'text', (column) => column.notNull().references('staff_members.id'))
    .addColumn('checked_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('onboarding_check_offs_pk', ['account_id', 'item_key'])
    .execute();
}
