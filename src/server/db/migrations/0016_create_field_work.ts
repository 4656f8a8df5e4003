import type { Kysely } from 'kysely';

// Pros in the field: their one-time sign-in links, photos (and the database photo store), rework requests.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pro_access_tokens')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('pro_id', 'text', (column) => column.notNull().references('pros.id').onDelete('cascade'))
    .addColumn('channel', 'text', (column) => column.notNull())
    .addColumn('created_by_staff_id', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('consumed_at', 'text')
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema
    .createIndex('pro_access_tokens_pro')
    .on('pro_access_tokens')
    .columns(['pro_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('rework_requests')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('turn_id', 'text', (column) => column.notNull().references('turns.id').onDelete('cascade'))
    .addColumn('service_line_id', 'text', (column) =>
      column.notNull().references('turn_service_lines.id').onDelete('cascade'),
    )
    .addColumn('note', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('reported_by_kind', 'text', (column) => column.notNull())
    .addColumn('reported_by_id', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('resolved_by_staff_id', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('rework_service_line_id', 'text', (column) =>
      column.references('turn_service_lines.id').onDelete('set null'),
    )
    .execute();
  await db.schema
    .createIndex('rework_requests_status')
    .on('rework_requests')
    .columns(['status', 'created_at'])
    .execute();

  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('turn_id', 'text', (column) => column.notNull().references('turns.id').onDelete('cascade'))
    .addColumn('service_line_id', 'text', (column) =>
      column.notNull().references('turn_service_lines.id').onDelete('cascade'),
    )
    .addColumn('purpose', 'text', (column) => column.notNull())
    .addColumn('add_on_id', 'text', (column) => column.references('turn_add_ons.id').onDelete('set null'))
    .addColumn('rework_request_id', 'text', (column) => column.references('rework_requests.id').onDelete('set null'))
    .addColumn('storage', 'text', (column) => column.notNull())
    .addColumn('storage_key', 'text', (column) => column.notNull().unique())
    .addColumn('content_type', 'text', (column) => column.notNull())
    .addColumn('width', 'integer', (column) => column.notNull())
    .addColumn('height', 'integer', (column) => column.notNull())
    .addColumn('byte_size', 'integer', (column) => column.notNull())
    .addColumn('uploaded_by_kind', 'text', (column) => column.notNull())
    .addColumn('uploaded_by_id', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('photos_turn').on('photos').columns(['turn_id', 'created_at']).execute();

  // The database photo store: several app nodes on one PostgreSQL share photos without a file server.
  await db.schema
    .createTable('photo_blobs')
    .addColumn('storage_key', 'text', (column) => column.primaryKey())
    .addColumn('data', 'bytea', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  // A punch-back line points at the line it reworks, so rework can be counted per pro and per service.
  await db.schema
    .alterTable('turn_service_lines')
    .addColumn('rework_of_service_line_id', 'text', (column) =>
      column.references('turn_service_lines.id').onDelete('set null'),
    )
    .execute();
}
