import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db, Trx } from '../../db/database.ts';
import type { PhotoPurpose, PhotosTable, PhotoUploaderKind } from '../../db/schema/field-work.ts';
import { AppError, notFound } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { processPhoto } from './photo-processing.ts';
import { createDatabasePhotoStore, createFilesystemPhotoStore, photoKey, type PhotoStore } from './photo-store.ts';
import * as repository from './photos-repository.ts';

export interface NewPhoto {
  accountId: string;
  turnId: string;
  serviceLineId: string;
  purpose: PhotoPurpose;
  uploadedByKind: PhotoUploaderKind;
  uploadedById: string | null;
}

export function presentPhoto(photo: PhotosTable) {
  return {
    id: photo.id,
    serviceLineId: photo.serviceLineId,
    purpose: photo.purpose,
    addOnId: photo.addOnId,
    reworkRequestId: photo.reworkRequestId,
    width: photo.width,
    height: photo.height,
    uploadedBy: photo.uploadedByKind,
    createdAt: photo.createdAt,
  };
}

export function createPhotosService(deps: {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'photoStorage' | 'uploadsPath'>;
}) {
  const { db, clock, config } = deps;
  const stores: Record<PhotoStore['kind'], PhotoStore> = {
    filesystem: createFilesystemPhotoStore(config.uploadsPath),
    database: createDatabasePhotoStore(db, clock),
  };
  // New photos go to the configured store; older ones are read from wherever their row says.
  const current = stores[config.photoStorage];

  return {
    /** Checks, re-encodes and stores one photo; nothing is stored when any step fails. */
    async savePhoto(input: NewPhoto, bytes: unknown) {
      if (!Buffer.isBuffer(bytes))
        throw new AppError('unsupported_media_type', 'Send the photo itself as the request body.');
      const processed = await processPhoto(bytes);
      const now = clock.now();
      const id = newId();
      const photo: PhotosTable = {
        id,
        ...input,
        addOnId: null,
        reworkRequestId: null,
        storage: current.kind,
        storageKey: photoKey(id, now),
        contentType: processed.contentType,
        width: processed.width,
        height: processed.height,
        byteSize: processed.data.length,
        createdAt: now.toISOString(),
      };
      try {
        await db.transaction().execute(async (trx) => {
          await current.put(trx, photo.storageKey, processed.data);
          await repository.insertPhoto(trx, photo);
        });
      } catch (error) {
        await current.discard(photo.storageKey);
        throw error;
      }
      return presentPhoto(photo);
    },

    findPhoto: (photoId: string) => repository.findPhoto(db, photoId),

    findPhotos: (photoIds: readonly string[]) => repository.findPhotos(db, photoIds),

    async readPhoto(photo: PhotosTable) {
      const data = await stores[photo.storage].get(photo.storageKey);
      if (!data) throw notFound('Photo');
      return { data, contentType: photo.contentType };
    },

    async listPhotosOfTurns(turnIds: readonly string[]) {
      return (await repository.listPhotosOfTurns(db, turnIds)).map(presentPhoto);
    },

    attachPhotos: (trx: Trx, photoIds: readonly string[], link: { addOnId?: string; reworkRequestId?: string }) =>
      repository.attachPhotos(trx, photoIds, link),
  };
}
