import type { BaseDeps } from '../../base-deps.ts';
import type { ProResolver } from '../../http/access.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import { createProAccessService } from './pro-access-service.ts';

/** A pro's way in: one-time sign-in links by SMS or email and working-day sessions. */
export function createProAccessFeature(deps: BaseDeps & { catalog: CatalogFeature }) {
  const service = createProAccessService(deps);
  const resolvePro: ProResolver = (session) => service.principalFor(session);
  return { service, resolvePro };
}
