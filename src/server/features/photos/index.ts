import type { BaseDeps } from '../../base-deps.ts';
import { createPhotosService } from './photos-service.ts';

export { MAX_PHOTO_BYTES } from './photo-processing.ts';

/** Field photos: content checks, re-encoding without metadata, and the filesystem or database store. */
export function createPhotosFeature(deps: BaseDeps) {
  return createPhotosService(deps);
}

export type PhotosFeature = ReturnType<typeof createPhotosFeature>;
