import type { Kysely } from 'kysely';

// Services catalog, pricelists, floorplans, units and pros (issue 4, part B).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('services')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // Null for the vendor-wide catalog; set for a property's custom service.
    .addColumn('account_id', 'text', (column) => column.references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('code', 'text', (column) => column.notNull().unique())
    .addColumn('provider_category', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('default_day_offset', 'integer', (column) => column.notNull())
    .addColumn('active', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('services_account').on('services').column('account_id').execute();

  await db.schema
    .createTable('account_service_positions')
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (column) => column.notNull().references('services.id').onDelete('cascade'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('account_service_positions_pk', ['account_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('service_profiles')
    .addColumn('account_id', 'text', (column) => column.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('turn_profile_all_services', 'integer', (column) => column.notNull())
    .addColumn('addon_approval_method', 'text', (column) => column.notNull())
    .addColumn('addon_auto_approve_limit_cents', 'integer')
    .addColumn('backup_notification_phone', 'text')
    .addColumn('main_approver_contact_id', 'text', (column) => column.references('contacts.id').onDelete('set null'))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('turn_profile_services')
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (column) => column.notNull().references('services.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('turn_profile_services_pk', ['account_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('master_prices')
    .addColumn('service_id', 'text', (column) => column.primaryKey().references('services.id').onDelete('cascade'))
    .addColumn('price_cents', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('account_pricing_configs')
    .addColumn('account_id', 'text', (column) => column.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('pricelist', 'text', (column) => column.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('account_price_overrides')
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (column) => column.notNull().references('services.id').onDelete('cascade'))
    .addColumn('price_cents', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('account_price_overrides_pk', ['account_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('floorplans')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('bedrooms', 'integer', (column) => column.notNull())
    // Half baths count as 5 tenths; integers keep the schema portable and exact.
    .addColumn('bathrooms_tenths', 'integer', (column) => column.notNull())
    .addColumn('square_feet', 'integer')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('floorplans_account_name', ['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('floorplan_prices')
    .addColumn('floorplan_id', 'text', (column) => column.notNull().references('floorplans.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (column) => column.notNull().references('services.id').onDelete('cascade'))
    .addColumn('price_cents', 'integer', (column) => column.notNull())
    .addPrimaryKeyConstraint('floorplan_prices_pk', ['floorplan_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('number', 'text', (column) => column.notNull())
    .addColumn('floorplan_id', 'text', (column) => column.references('floorplans.id'))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('units_account_number', ['account_id', 'number'])
    .execute();
  await db.schema.createIndex('units_floorplan').on('units').column('floorplan_id').execute();

  await db.schema
    .createTable('pros')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('active', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('pro_services')
    .addColumn('pro_id', 'text', (column) => column.notNull().references('pros.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (column) => column.notNull().references('services.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('pro_services_pk', ['pro_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('pro_preferences')
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (column) => column.notNull().references('services.id').onDelete('cascade'))
    .addColumn('preferred_pro_id', 'text', (column) => column.notNull().references('pros.id').onDelete('cascade'))
    .addColumn('secondary_pro_id', 'text', (column) => column.references('pros.id').onDelete('set null'))
    .addPrimaryKeyConstraint('pro_preferences_pk', ['account_id', 'service_id'])
    .execute();
}
