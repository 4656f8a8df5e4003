/** What every feature builds on; its own file so features can name it without importing the composition root. */
import type { FastifyBaseLogger } from 'fastify';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import { createDatabase, type DatabaseHandle } from './db/database.ts';
import { createSessionService } from './features/sessions/index.ts';
import { createSecondFactorService } from './features/second-factor/index.ts';
import { createStaffService } from './features/staff/index.ts';
import { createLoginThrottle } from './security/login-throttle.ts';

export function createBaseDeps(
  config: Config,
  options: { clock?: Clock; database?: DatabaseHandle; logger: FastifyBaseLogger },
) {
  const clock = options.clock ?? systemClock;
  const database = options.database ?? createDatabase(config.database);
  const { db } = database;
  const sessions = createSessionService({ db, clock, secretKey: config.secretKey });
  const throttle = createLoginThrottle({ db, clock });
  const secondFactors = createSecondFactorService({ db, clock, config, sessions, throttle });
  const staff = createStaffService({ db, clock, sessions, throttle, secondFactors });
  return { config, clock, logger: options.logger, database, db, sessions, throttle, secondFactors, staff };
}

/** What every feature may build on: configuration, the database, time, sessions and throttling. */
export type BaseDeps = ReturnType<typeof createBaseDeps>;
