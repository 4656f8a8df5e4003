import type { ActorContext } from '../../actor.ts';
import type { Clock } from '../../clock.ts';
import type { DatabaseKind, Db, Trx } from '../../db/database.ts';
import type { StaffRole } from '../../db/schema/columns.ts';
import type { TurnsTable } from '../../db/schema/turns.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import type { CatalogFeature } from '../catalog/index.ts';
import { createTurnNotices } from './turn-notices.ts';
import { presentTurn, type TurnRecord } from './turn-presenters.ts';
import * as repository from './turns-repository.ts';

/**
 * Whose view a call runs in. A customer sees only the accounts of their session; any other id is
 * "not found", never "forbidden", so the portal does not reveal what exists elsewhere.
 */
export type TurnScope =
  | {
      kind: 'customer';
      accountIds: readonly string[] /** The signed-in contact, for their portal permissions. */;
      contactId?: string;
    }
  | { kind: 'staff' };

interface TurnContextDeps {
  db: Db;
  databaseKind: DatabaseKind;
  clock: Clock;
  catalog: CatalogFeature;
  /** Origin of the links in notices. */
  publicUrl: string;
  turnNoticeStaffRole: StaffRole;
}

/** Who did it, as turns record it on rows (requested by, decided by, created by). */
export function actorKindOf(actor: ActorContext) {
  return {
    kind:
      actor.actorKind === 'staff'
        ? ('staff' as const)
        : actor.actorKind === 'customer'
          ? ('customer' as const)
          : actor.actorKind === 'pro'
            ? ('pro' as const)
            : ('system' as const),
    id: actor.actorId,
  };
}

/** The scope checks and reads every turns service shares. */
export function createTurnContext(deps: TurnContextDeps) {
  const { db, databaseKind, clock, catalog } = deps;
  const notices = createTurnNotices({ clock, publicUrl: deps.publicUrl, staffRole: deps.turnNoticeStaffRole });

  const canSee = (scope: TurnScope, accountId: string) =>
    scope.kind === 'staff' || scope.accountIds.includes(accountId);

  async function requireProperty(scope: TurnScope, accountId: string) {
    if (!canSee(scope, accountId)) throw notFound('Property');
    const [property] = await repository.findProperties(db, [accountId]);
    if (!property) throw notFound('Property');
    return property;
  }

  async function requireTurnRow(scope: TurnScope, turnId: string, executor: Db | Trx = db) {
    const turn = await repository.findTurn(executor, turnId);
    if (!turn || !canSee(scope, turn.accountId)) throw notFound('Turn');
    return turn;
  }

  /**
   * The turn, locked until the transaction ends: every change to a turn or its services takes this
   * lock first, so what a change decides on cannot move under it.
   */
  async function lockTurnRow(scope: TurnScope, trx: Trx, turnId: string) {
    const turn = await repository.lockTurn(trx, databaseKind, turnId);
    if (!turn || !canSee(scope, turn.accountId)) throw notFound('Turn');
    return turn;
  }

  async function requireLine(scope: TurnScope, serviceLineId: string, executor: Db | Trx = db) {
    const line = await repository.findServiceLine(executor, serviceLineId);
    if (!line || !canSee(scope, line.accountId)) throw notFound('Service');
    return line;
  }

  async function loadRecords(executor: Db | Trx, turns: TurnsTable[]): Promise<TurnRecord[]> {
    const ids = turns.map((turn) => turn.id);
    const [lines, addOns, properties] = await Promise.all([
      repository.listServiceLines(executor, ids),
      repository.listAddOns(executor, ids),
      repository.findProperties(executor, [...new Set(turns.map((turn) => turn.accountId))]),
    ]);
    const linesOf = groupByTurn(lines);
    const addOnsOf = groupByTurn(addOns);
    const names = new Map(properties.map((property) => [property.id, property.name]));
    return turns.map((turn) => ({
      turn,
      propertyName: names.get(turn.accountId) ?? '',
      lines: linesOf.get(turn.id) ?? [],
      addOns: addOnsOf.get(turn.id) ?? [],
    }));
  }

  async function loadTurn(executor: Db | Trx, turnId: string) {
    const turn = await repository.findTurn(executor, turnId);
    if (!turn) throw notFound('Turn');
    const [record] = await loadRecords(executor, [turn]);
    return presentTurn(record!);
  }

  /** The floorplan's orderable services, priced and in the property's order (reusing the catalog's pricing). */
  async function orderableServices(accountId: string, floorplanId: string) {
    const floorplan = await catalog.pricing.getFloorplanOrderPrices(floorplanId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'not_found')
        throw fieldError('floorplanId', 'Choose a floorplan of this property');
      throw error;
    });
    if (floorplan.floorplan.accountId !== accountId)
      throw fieldError('floorplanId', 'Choose a floorplan of this property');
    const profile = await catalog.serviceProfiles.getServiceProfile(accountId);
    const inProfile = (serviceId: string) =>
      profile.turnProfileAllServices || profile.turnProfileServiceIds.includes(serviceId);
    // A Rent Ready service without a price can't be quoted, so it is not offered (staff fix the pricelist).
    const offered = floorplan.items.filter(
      (item) => item.orderPriceCents !== null || item.providerCategory !== 'rent_ready',
    );
    return {
      floorplan: floorplan.floorplan,
      standard: offered
        .filter((item) => item.kind === 'standard')
        .map((item) => ({ ...item, inTurnProfile: inProfile(item.id) })),
      addOns: offered.filter((item) => item.kind === 'add_on'),
      unpricedServiceNames: floorplan.items.filter((item) => !offered.includes(item)).map((item) => item.name),
    };
  }

  return {
    db,
    clock,
    catalog,
    databaseKind,
    notices,
    now: () => clock.now().toISOString(),
    canSee,
    requireProperty,
    requireTurnRow,
    lockTurnRow,
    requireLine,
    loadTurn,
    orderableServices,
  };
}

export type TurnContext = ReturnType<typeof createTurnContext>;

export function groupByTurn<T extends { turnId: string }>(rows: T[]): Map<string, T[]> {
  const byTurn = new Map<string, T[]>();
  for (const row of rows) {
    const list = byTurn.get(row.turnId);
    if (list) list.push(row);
    else byTurn.set(row.turnId, [row]);
  }
  return byTurn;
}
