import { sql, type Kysely } from 'kysely';

// Turns, their service lines and add-ons (customer portal ordering).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('turns')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    // A turn may name a unit we have no row for yet; the number is kept either way.
    .addColumn('unit_id', 'text', (column) => column.references('units.id').onDelete('set null'))
    .addColumn('unit_number', 'text', (column) => column.notNull())
    .addColumn('floorplan_id', 'text', (column) => column.references('floorplans.id').onDelete('set null'))
    .addColumn('floorplan_name', 'text', (column) => column.notNull())
    // Calendar dates (YYYY-MM-DD), not instants: a move-in is a day at the property.
    .addColumn('move_out_date', 'text', (column) => column.notNull())
    .addColumn('move_in_date', 'text')
    .addColumn('notes', 'text')
    .addColumn('default_po_number', 'text')
    .addColumn('po_unknown', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_by_kind', 'text', (column) => column.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('canceled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('turns_account_move_in').on('turns').columns(['account_id', 'move_in_date']).execute();

  await db.schema
    .createTable('turn_service_lines')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('turn_id', 'text', (column) => column.notNull().references('turns.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (column) => column.notNull().references('services.id'))
    // Name, provider and price are snapshots taken at order time; later catalog edits don't change an order.
    .addColumn('service_name', 'text', (column) => column.notNull())
    .addColumn('provider_category', 'text', (column) => column.notNull())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('default_day_offset', 'integer', (column) => column.notNull())
    .addColumn('scheduled_date', 'text')
    .addColumn('date_is_manual', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('price_cents', 'integer')
    .addColumn('po_number', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('turn_service_lines_turn').on('turn_service_lines').column('turn_id').execute();
  await db.schema
    .createIndex('turn_service_lines_account_date')
    .on('turn_service_lines')
    .columns(['account_id', 'scheduled_date'])
    .execute();

  await db.schema
    .createTable('turn_add_ons')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('service_line_id', 'text', (column) =>
      column.notNull().references('turn_service_lines.id').onDelete('cascade'),
    )
    .addColumn('turn_id', 'text', (column) => column.notNull().references('turns.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('service_id', 'text', (column) => column.notNull().references('services.id'))
    .addColumn('service_name', 'text', (column) => column.notNull())
    .addColumn('price_cents', 'integer')
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('approver', 'text', (column) => column.notNull())
    .addColumn('reason', 'text')
    .addColumn('requested_by_kind', 'text', (column) => column.notNull())
    .addColumn('requested_by_id', 'text')
    .addColumn('requested_at', 'text', (column) => column.notNull())
    .addColumn('decided_by_kind', 'text')
    .addColumn('decided_by_id', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema.createIndex('turn_add_ons_turn').on('turn_add_ons').column('turn_id').execute();
  // One open request per service line, enforced by the database too (two staff requesting at once).
  await db.schema
    .createIndex('turn_add_ons_one_pending')
    .unique()
    .on('turn_add_ons')
    .column('service_line_id')
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}
