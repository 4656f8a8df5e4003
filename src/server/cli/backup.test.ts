import SqliteDatabase from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../config.ts';
import { createDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { checkSecretKey } from '../db/secret-key-check.ts';
import { backupSqlite, restoreSqlite } from './backup.ts';

const KEY = 'backup-test-secret-key-0123456789abcdef';
const now = new Date('2026-12-01T10:00:00Z');

function staffNames(path: string) {
  const db = new SqliteDatabase(path, { readonly: true });
  try {
    return db.prepare('select name from staff_members').all();
  } finally {
    db.close();
  }
}

describe('backup and restore (SQLite)', () => {
  let directory: string;
  let live: DatabaseConfig & { kind: 'sqlite' };
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'portico-backup-'));
    live = { kind: 'sqlite', path: join(directory, 'live', 'portico.db') };
    const handle = createDatabase(live);
    await migrateToLatest(handle.db);
    await checkSecretKey(handle.db, KEY, now);
    await handle.close();
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('runs SQLite with synchronous FULL, so a commit survives a power loss', async () => {
    const handle = createDatabase(live);
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(handle.db);
    await handle.close();
    expect(rows[0]!.synchronous).toBe(2);
  });

  it('copies commits still in the WAL and the key; a restore brings both back and keeps the old database', async () => {
    // A connection holding the WAL open keeps the last commit out of the main file, as a running server does.
    const holder = new SqliteDatabase(live.path);
    holder.pragma('wal_autocheckpoint = 0');
    holder
      .prepare(
        "insert into staff_members (id, email, name, role, password_hash, must_change_password, created_at) values ('s1', 'dana@vendor.example', 'Dana Whitfield', 'admin', 'x', 0, '2026-12-01')",
      )
      .run();
    expect(statSync(`${live.path}-wal`).size).toBeGreaterThan(0);

    const file = join(directory, 'backups', 'monday.db');
    await backupSqlite(live, KEY, file);
    holder.close();
    expect(readFileSync(`${file}.key`, 'utf8').trim()).toBe(KEY);
    expect((statSync(`${file}.key`).mode & 0o777).toString(8)).toBe('600');
    expect(staffNames(file)).toEqual([{ name: 'Dana Whitfield' }]);
    await expect(backupSqlite(live, KEY, file)).rejects.toThrow(/already exists/);

    const target: DatabaseConfig = { kind: 'sqlite', path: join(directory, 'restored', 'portico.db') };
    expect(restoreSqlite(target, file, { force: false, keyFromEnvironment: null, now })).toEqual({ keptAs: null });
    expect(staffNames(target.path)).toEqual([{ name: 'Dana Whitfield' }]);
    expect(readFileSync(join(directory, 'restored', 'secret.key'), 'utf8')).toBe(KEY);
    const restored = createDatabase(target);
    expect(await checkSecretKey(restored.db, KEY, now)).toBe('same');
    await restored.close();

    expect(() => restoreSqlite(target, file, { force: false, keyFromEnvironment: null, now })).toThrow(
      /exists\. Stop every Portico process.*--force/,
    );
    const { keptAs } = restoreSqlite(target, file, { force: true, keyFromEnvironment: null, now });
    expect(keptAs && existsSync(keptAs)).toBe(true);
    expect(staffNames(keptAs!)).toEqual([{ name: 'Dana Whitfield' }]);
  });

  it('refuses a backup without its key, with a key that is not its own, or against another SECRET_KEY', async () => {
    const file = join(directory, 'backups', 'tuesday.db');
    await backupSqlite(live, KEY, file);
    const target: DatabaseConfig = { kind: 'sqlite', path: join(directory, 'elsewhere', 'portico.db') };
    const restore = (keyFromEnvironment: string | null = null) =>
      restoreSqlite(target, file, { force: false, keyFromEnvironment, now });
    expect(() => restore('not-the-backup-key-0123456789abcdefgh')).toThrow(/SECRET_KEY is set to another key/);
    writeFileSync(`${file}.key`, 'a-wrong-key-0123456789abcdefghijklmnopq');
    expect(() => restore()).toThrow(/not the key this backup was made with/);
    rmSync(`${file}.key`);
    expect(() => restore()).toThrow(/key file .* is missing/);
    expect(existsSync(target.path)).toBe(false);
  });

  it('points PostgreSQL deployments to pg_dump and pg_restore', async () => {
    const postgres: DatabaseConfig = { kind: 'postgres', url: 'postgres://127.0.0.1:1/none' };
    await expect(backupSqlite(postgres, KEY, join(directory, 'pg.db'))).rejects.toThrow(
      /pg_dump.*pg_restore.*SECRET_KEY/s,
    );
  });
});
