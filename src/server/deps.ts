import type { FastifyBaseLogger } from 'fastify';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createDatabase, type DatabaseHandle } from './db/database.ts';
import type { CustomerResolver } from './http/access.ts';
import { createSessionService } from './features/sessions/session-service.ts';
import { findStaffById } from './features/staff/staff-repository.ts';
import { createStaffService } from './features/staff/staff-service.ts';
import { createLoginThrottle } from './security/login-throttle.ts';

/** The composition root: every service is built here from plain arguments, once. */
export function createDeps(config: Config, options: { clock?: Clock; database?: DatabaseHandle; logger: FastifyBaseLogger }) {
  const clock = options.clock ?? systemClock;
  const database = options.database ?? createDatabase(config.database);
  const { db } = database;
  const sessions = createSessionService({ db, clock, secretKey: config.secretKey });
  const throttle = createLoginThrottle({ db, clock });
  const staff = createStaffService({ db, clock, sessions, throttle });
  // Replaced by the portal-access feature once customer sign-in exists.
  const resolveCustomer: CustomerResolver = async () => null;

  return {
    config,
    clock,
    logger: options.logger,
    database,
    db,
    sessions,
    throttle,
    staff,
    findStaff: (id: string) => findStaffById(db, id),
    resolveCustomer,
  };
}

export type Deps = ReturnType<typeof createDeps>;
