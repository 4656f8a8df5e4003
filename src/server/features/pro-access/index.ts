import type { BaseDeps } from '../../base-deps.ts';
import { type PurgeLimits, purgeInBatches } from '../../db/purge-batches.ts';
import type { ProResolver } from '../../http/access.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import { deleteProTokensExpiredBefore } from './pro-access-repository.ts';
import { createProAccessService } from './pro-access-service.ts';

/** A pro's way in: one-time sign-in links by SMS or email and working-day sessions. */
export function createProAccessFeature(deps: BaseDeps & { catalog: CatalogFeature }) {
  const service = createProAccessService(deps);
  const resolvePro: ProResolver = (session) => service.principalFor(session);
  /** Retention: pro sign-in links expired before `before`. */
  const purgeExpiredLinks = (before: string, limits: PurgeLimits) =>
    purgeInBatches(limits, (limit) => deleteProTokensExpiredBefore(deps.db, before, limit));
  return { service, resolvePro, purgeExpiredLinks };
}
