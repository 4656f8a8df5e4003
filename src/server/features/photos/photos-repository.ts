import type { Db, Trx } from '../../db/database.ts';
import type { PhotosTable } from '../../db/schema/field-work.ts';

type Executor = Db | Trx;

export function insertPhoto(db: Executor, photo: PhotosTable) {
  return db.insertInto('photos').values(photo).execute();
}

export function findPhoto(db: Executor, photoId: string) {
  return db.selectFrom('photos').selectAll().where('id', '=', photoId).executeTakeFirst();
}

export function findPhotos(db: Executor, photoIds: readonly string[]) {
  if (photoIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('photos').selectAll().where('id', 'in', photoIds).execute();
}

export function listPhotosOfTurns(db: Executor, turnIds: readonly string[]) {
  if (turnIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('photos')
    .selectAll()
    .where('turnId', 'in', turnIds)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export function attachPhotos(
  db: Executor,
  photoIds: readonly string[],
  link: Partial<Pick<PhotosTable, 'addOnId' | 'reworkRequestId'>>,
) {
  if (photoIds.length === 0) return Promise.resolve();
  return db
    .updateTable('photos')
    .set(link)
    .where('id', 'in', photoIds)
    .execute()
    .then(() => undefined);
}
