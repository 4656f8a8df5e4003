import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Db, Trx } from '../../db/database.ts';
import type { PhotoStorageKind } from '../../db/schema/field-work.ts';

/** Where photo bytes live; rows in `photos` name the store and the key. */
export interface PhotoStore {
  kind: PhotoStorageKind;
  /** Inside the transaction that inserts the photo row (the database store commits with it). */
  put(trx: Trx, key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  /** Undoes a put whose transaction failed (a no-op where the transaction already undid it). */
  discard(key: string): Promise<void>;
}

// Keys are generated (date/uuid.jpg); anything else is refused, so a key can never walk out of the folder.
const KEY_PATTERN = /^\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/;

/** Files under one folder (./data/uploads by default): the embedded, single-node default. */
export function createFilesystemPhotoStore(folder: string): PhotoStore {
  const root = resolve(folder);
  const pathOf = (key: string) => {
    if (!KEY_PATTERN.test(key)) throw new Error(`invalid photo key ${key}`);
    return join(root, key);
  };
  return {
    kind: 'filesystem',
    async put(_trx, key, data) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFile(path, data, { mode: 0o600, flag: 'wx' });
    },
    async get(key) {
      return readFile(pathOf(key)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
    },
    async discard(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** Rows of photo_blobs: several app nodes on one PostgreSQL share photos without extra infrastructure. */
export function createDatabasePhotoStore(db: Db, clock: { now(): Date }): PhotoStore {
  return {
    kind: 'database',
    async put(trx, key, data) {
      await trx
        .insertInto('photoBlobs')
        .values({ storageKey: key, data, createdAt: clock.now().toISOString() })
        .execute();
    },
    async get(key) {
      const row = await db.selectFrom('photoBlobs').select('data').where('storageKey', '=', key).executeTakeFirst();
      return row ? Buffer.from(row.data) : null;
    },
    async discard() {},
  };
}

export function photoKey(id: string, now: Date): string {
  return `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}.jpg`;
}
