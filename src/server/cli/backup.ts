import SqliteDatabase from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseConfig } from '../config.ts';
import { secretKeyCheckHash } from '../db/secret-key-check.ts';

/** What an operator did wrong, said so they can fix it; the CLI prints it and exits 1. */
export class BackupError extends Error {}

const POSTGRES_BACKUP =
  'On PostgreSQL, back up with pg_dump (e.g. pg_dump --format=custom "$DATABASE_URL" > portico.dump) and restore ' +
  'with pg_restore --clean --no-owner; keep the SECRET_KEY with the dump: the database is useless without it.';

export const keyFileOf = (backupPath: string) => `${backupPath}.key`;

/**
 * An online copy of the live SQLite database through SQLite's backup API, so commits still in the WAL
 * are in it (a plain file copy loses them), plus the secret key in `<file>.key`: one without the other
 * cannot be used.
 */
export async function backupSqlite(database: DatabaseConfig, secretKey: string, destination: string) {
  if (database.kind === 'postgres') throw new BackupError(POSTGRES_BACKUP);
  if (existsSync(destination) || existsSync(keyFileOf(destination))) {
    throw new BackupError(`${destination} already exists: choose a new file name for each backup.`);
  }
  if (!existsSync(database.path)) throw new BackupError(`There is no database at ${database.path} to back up.`);
  mkdirSync(dirname(destination), { recursive: true });
  const source = new SqliteDatabase(database.path, { fileMustExist: true });
  try {
    await source.backup(destination);
  } finally {
    source.close();
  }
  writeFileSync(keyFileOf(destination), `${secretKey}\n`, { mode: 0o600 });
  requireIntact(destination);
  return { database: destination, key: keyFileOf(destination) };
}

/**
 * Puts a backup in place of the SQLite database (every Portico process stopped first). The current
 * database is kept beside it, renamed, never deleted; the backup's key becomes the deployment's key.
 */
export function restoreSqlite(
  database: DatabaseConfig,
  source: string,
  options: { force: boolean; keyFromEnvironment: string | null; now: Date },
) {
  if (database.kind === 'postgres') throw new BackupError(POSTGRES_BACKUP);
  if (!existsSync(source)) throw new BackupError(`There is no backup at ${source}.`);
  if (!existsSync(keyFileOf(source))) {
    throw new BackupError(
      `The backup's key file ${keyFileOf(source)} is missing: a database without its key cannot be used.`,
    );
  }
  const key = readFileSync(keyFileOf(source), 'utf8').trim();
  requireIntact(source);
  if (!keyMatches(source, key)) throw new BackupError(`${keyFileOf(source)} is not the key this backup was made with.`);
  if (options.keyFromEnvironment !== null && options.keyFromEnvironment !== key) {
    throw new BackupError(
      "SECRET_KEY is set to another key than the backup's: set it to the content of the backup's .key file (or unset it to use the key file).",
    );
  }
  let keptAs: string | null = null;
  if (existsSync(database.path)) {
    if (!options.force) {
      throw new BackupError(
        `${database.path} exists. Stop every Portico process, then run restore again with --force (the current database is kept, renamed).`,
      );
    }
    keptAs = `${database.path}.before-restore-${options.now.toISOString().replaceAll(':', '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(database.path + suffix)) renameSync(database.path + suffix, keptAs + suffix);
    }
  }
  mkdirSync(dirname(database.path), { recursive: true });
  copyFileSync(source, database.path);
  for (const suffix of ['-wal', '-shm']) rmSync(database.path + suffix, { force: true });
  if (options.keyFromEnvironment === null) {
    writeFileSync(`${dirname(database.path)}/secret.key`, key, { mode: 0o600 });
  }
  return { keptAs };
}

function requireIntact(path: string): void {
  const copy = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`${path} is damaged (integrity check: ${String(result)}).`);
  } finally {
    copy.close();
  }
}

/** True when the backup was made under this key, or predates the key check. */
function keyMatches(path: string, key: string): boolean {
  const copy = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const hasTable = copy
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'secret_key_checks'")
      .get();
    if (!hasTable) return true;
    const row = copy.prepare('select check_hash from secret_key_checks').get() as { check_hash: string } | undefined;
    return !row || row.check_hash === secretKeyCheckHash(key);
  } finally {
    copy.close();
  }
}
