import type { Db, Trx } from '../../db/database.ts';
import type { StaffRole } from '../../db/database-schema.ts';
import type {
  StaffPasskeysTable,
  StaffRecoveryCodesTable,
  StaffTotpFactorsTable,
  StaffWebauthnChallengesTable,
} from '../../db/schema/staff-factors.ts';

type Executor = Db | Trx;

export function findTotp(db: Executor, staffId: string) {
  return db.selectFrom('staffTotpFactors').selectAll().where('staffId', '=', staffId).executeTakeFirst();
}

export async function replaceTotp(db: Executor, factor: StaffTotpFactorsTable) {
  await db.deleteFrom('staffTotpFactors').where('staffId', '=', factor.staffId).execute();
  await db.insertInto('staffTotpFactors').values(factor).execute();
}

export function confirmTotp(db: Executor, staffId: string, confirmedAt: string, timeStep: number) {
  return db
    .updateTable('staffTotpFactors')
    .set({ confirmedAt, lastTimeStep: timeStep })
    .where('staffId', '=', staffId)
    .execute();
}

/** Moves the last accepted step forward only if it is still behind: two requests with one code, one wins. */
export async function claimTimeStep(db: Executor, staffId: string, timeStep: number): Promise<boolean> {
  const result = await db
    .updateTable('staffTotpFactors')
    .set({ lastTimeStep: timeStep })
    .where('staffId', '=', staffId)
    .where((eb) => eb.or([eb('lastTimeStep', 'is', null), eb('lastTimeStep', '<', timeStep)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function deleteTotp(db: Executor, staffId: string) {
  return db.deleteFrom('staffTotpFactors').where('staffId', '=', staffId).execute();
}

export async function replaceRecoveryCodes(db: Executor, staffId: string, codes: StaffRecoveryCodesTable[]) {
  await db.deleteFrom('staffRecoveryCodes').where('staffId', '=', staffId).execute();
  if (codes.length) await db.insertInto('staffRecoveryCodes').values(codes).execute();
}

export async function consumeRecoveryCode(db: Executor, staffId: string, codeHash: string, at: string) {
  const result = await db
    .updateTable('staffRecoveryCodes')
    .set({ usedAt: at })
    .where('staffId', '=', staffId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, staffId: string): Promise<number> {
  const row = await db
    .selectFrom('staffRecoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('staffId', '=', staffId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export function listPasskeys(db: Executor, staffId: string) {
  return db.selectFrom('staffPasskeys').selectAll().where('staffId', '=', staffId).orderBy('createdAt').execute();
}

export function findPasskey(db: Executor, id: string) {
  return db.selectFrom('staffPasskeys').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertPasskey(db: Executor, passkey: StaffPasskeysTable) {
  return db.insertInto('staffPasskeys').values(passkey).execute();
}

export function recordPasskeyUse(db: Executor, id: string, counter: number, at: string) {
  return db.updateTable('staffPasskeys').set({ counter, lastUsedAt: at }).where('id', '=', id).execute();
}

export async function deletePasskey(db: Executor, staffId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('staffPasskeys')
    .where('staffId', '=', staffId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export function insertChallenge(db: Executor, challenge: StaffWebauthnChallengesTable) {
  return db.insertInto('staffWebauthnChallenges').values(challenge).execute();
}

/** Single use: the row is deleted as it is read, so a challenge answers one ceremony. */
export async function takeChallenge(db: Executor, challenge: string, now: string) {
  const row = await db
    .selectFrom('staffWebauthnChallenges')
    .selectAll()
    .where('challenge', '=', challenge)
    .executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('staffWebauthnChallenges').where('challenge', '=', challenge).executeTakeFirst();
  await db.deleteFrom('staffWebauthnChallenges').where('expiresAt', '<', now).execute();
  return Number(deleted.numDeletedRows) === 1 && row.expiresAt > now ? row : undefined;
}

/** Staff ids (among the given) with at least one confirmed factor. */
export async function staffWithFactors(db: Executor, staffIds: string[]): Promise<Set<string>> {
  if (staffIds.length === 0) return new Set();
  const totp = await db
    .selectFrom('staffTotpFactors')
    .select('staffId')
    .where('staffId', 'in', staffIds)
    .where('confirmedAt', 'is not', null)
    .execute();
  const passkeys = await db.selectFrom('staffPasskeys').select('staffId').where('staffId', 'in', staffIds).execute();
  return new Set([...totp, ...passkeys].map((row) => row.staffId));
}

export async function anyAdminHasFactor(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('staffMembers')
    .select('id')
    .where('role', '=', 'admin')
    .where('deactivatedAt', 'is', null)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('staffTotpFactors')
            .select('staffId')
            .whereRef('staffTotpFactors.staffId', '=', 'staffMembers.id')
            .where('confirmedAt', 'is not', null),
        ),
        eb.exists(
          eb.selectFrom('staffPasskeys').select('staffId').whereRef('staffPasskeys.staffId', '=', 'staffMembers.id'),
        ),
      ]),
    )
    .executeTakeFirst();
  return Boolean(row);
}

export async function explicitPolicies(db: Executor): Promise<Partial<Record<StaffRole, boolean>>> {
  const rows = await db.selectFrom('staffSecondFactorPolicies').selectAll().execute();
  return Object.fromEntries(rows.map((row) => [row.role, row.required === 1]));
}

export async function upsertPolicy(db: Executor, role: StaffRole, required: boolean, at: string, by: string) {
  await db
    .insertInto('staffSecondFactorPolicies')
    .values({ role, required: required ? 1 : 0, updatedAt: at, updatedBy: by })
    .onConflict((oc) => oc.column('role').doUpdateSet({ required: required ? 1 : 0, updatedAt: at, updatedBy: by }))
    .execute();
}
