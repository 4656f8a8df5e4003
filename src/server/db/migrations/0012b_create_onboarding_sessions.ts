import type { Kysely } from 'kysely';

// The onboard meeting: answers without another home in the product, the account's billing profile, and the
// account's onboarding state ("onboard complete" with date and PSM) that the customers list filters on.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('onboarding_answers')
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('question_key', 'text', (column) => column.notNull())
    // Null when the answer lives elsewhere (service profile, contact, billing profile): the row keeps who and when.
    .addColumn('value_json', 'text')
    // Bumped on every save; a save naming an older version is refused, so two PSMs never overwrite silently.
    .addColumn('version', 'integer', (column) => column.notNull())
    .addColumn('answered_by_staff_id', 'text', (column) => column.notNull().references('staff_members.id'))
    .addColumn('answered_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('onboarding_answers_pk', ['account_id', 'question_key'])
    .execute();

  await db.schema
    .createTable('account_billing_profiles')
    .addColumn('account_id', 'text', (column) => column.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('contact_first_name', 'text')
    .addColumn('contact_last_name', 'text')
    .addColumn('contact_title', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('city', 'text')
    .addColumn('region', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('billing_type', 'text')
    .addColumn('billing_cycle', 'text')
    .addColumn('billing_market', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .alterTable('accounts')
    .addColumn('onboarding_state', 'text', (column) => column.notNull().defaultTo('not_started'))
    .execute();
  await db.schema.alterTable('accounts').addColumn('onboard_completed_at', 'text').execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('onboard_completed_by_staff_id', 'text', (column) => column.references('staff_members.id'))
    .execute();
  await db.schema.createIndex('accounts_onboarding_state').on('accounts').column('onboarding_state').execute();
}
