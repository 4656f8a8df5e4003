import type { Migration } from 'kysely';
import * as m0001 from './0001_create_foundation.ts';

/** Static list (works with any bundler); append only, never reorder or edit a shipped migration. */
export const migrations: Record<string, Migration> = {
  '0001_create_foundation': m0001,
};
