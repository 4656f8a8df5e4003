import { sql } from 'kysely';
import type { Trx } from './database.ts';

/** Tables whose rows carry a `version` that every write adds one to. */
export type VersionedTable =
  | 'accounts'
  | 'contacts'
  | 'service_profiles'
  | 'floorplans'
  | 'units'
  | 'pros'
  | 'account_pricing_configs'
  | 'master_pricelists';

/**
 * Null when the row is still at `version`, and then holds it for the rest of the transaction: the no-op
 * update takes the row lock, and PostgreSQL checks the version again after waiting on a concurrent
 * writer, so of two edits from one version only the first passes (SQLite's write transactions take the
 * database lock up front). Otherwise the row's version now; 0 stands for a row not written yet.
 */
export async function versionMovedOn(
  trx: Trx,
  table: VersionedTable,
  key: { column: 'id' | 'account_id'; value: string },
  version: number,
): Promise<number | null> {
  const locked =
    await sql`update ${sql.table(table)} set version = version where ${sql.ref(key.column)} = ${key.value} and version = ${version}`.execute(
      trx,
    );
  if (Number(locked.numAffectedRows ?? 0) === 1) return null;
  const { rows } = await sql<{
    version: number;
  }>`select version from ${sql.table(table)} where ${sql.ref(key.column)} = ${key.value}`.execute(trx);
  const current = rows[0] ? Number(rows[0].version) : 0;
  return current === version ? null : current;
}
