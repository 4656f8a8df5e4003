import type { BaseDeps } from '../../base-deps.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import type { PhotosFeature } from '../photos/index.ts';
import type { TurnsFeature } from '../turns/index.ts';
import { createFieldService } from './field-service.ts';

/** Pros in the field (their services, status, add-on requests with photos) and the rework loop. */
export function createFieldFeature(
  deps: BaseDeps & { turns: TurnsFeature; photos: PhotosFeature; catalog: CatalogFeature },
) {
  return createFieldService(deps);
}
