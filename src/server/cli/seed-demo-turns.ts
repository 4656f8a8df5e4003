import { systemActor } from '../actor.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { TurnsFeature } from '../features/turns/index.ts';
import { addDays } from '../features/turns/turn-rules.ts';

const STAFF = { kind: 'staff' } as const;

/**
 * A few turns per current property, around today so the calendar and board have something to show:
 * one under way (with a pro's add-on waiting for the customer), one ordered with a PO and an add-on,
 * one without a move-in yet ("I don't know the PO"), and one canceled. Ordered through the turns service.
 */
export async function seedDemoTurns(deps: { db: Db; clock: Clock; turns: TurnsFeature }): Promise<void> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  const properties = await deps.db
    .selectFrom('accounts')
    .select('id')
    .where('kind', '=', 'property')
    .where('status', '=', 'current')
    .orderBy('accountNumber')
    .limit(3)
    .execute();
  for (const [index, property] of properties.entries()) {
    const units = await deps.db
      .selectFrom('units')
      .select(['id', 'floorplanId'])
      .where('accountId', '=', property.id)
      .orderBy('number')
      .execute();
    const order = async (
      unitIndex: number,
      moveOutOffset: number,
      moveInOffset: number | null,
      options: { codes: string[]; addOn?: string; po?: string | null; notes?: string },
    ) => {
      const unit = units[unitIndex]!;
      const moveOutDate = addDays(today, moveOutOffset);
      const moveInDate = moveInOffset === null ? null : addDays(today, moveInOffset);
      const preview = await deps.turns.orders.previewTurn(STAFF, property.id, {
        floorplanId: unit.floorplanId!,
        moveOutDate,
        moveInDate,
      });
      const codes = await deps.db.selectFrom('services').select(['id', 'code']).execute();
      const idOf = (code: string) => codes.find((service) => service.code === code)?.id;
      const addOnId = options.addOn ? idOf(options.addOn) : undefined;
      const lines = preview.services
        .filter((service) => options.codes.map(idOf).includes(service.serviceId))
        .map((service, lineIndex) => ({
          serviceId: service.serviceId,
          scheduledDate: null,
          poNumber: null,
          addOnServiceIds: lineIndex === 0 && addOnId ? [addOnId] : [],
        }));
      return deps.turns.orders.createTurn(
        STAFF,
        property.id,
        {
          unitId: unit.id,
          unitNumber: null,
          floorplanId: null,
          moveOutDate,
          moveInDate,
          notes: options.notes ?? null,
          defaultPoNumber: options.po ?? null,
          poUnknown: options.po === null,
          lines,
        },
        systemActor,
      );
    };

    const underWay = await order(0, -4, 3, {
      codes: ['PAINT_TOUCH', 'CARPET_CLEAN', 'CLEAN', 'FINAL_WALK'],
      po: `PO-${4100 + index}`,
      notes: 'Resident had a cat; check carpets for odor.',
    });
    const [paint, carpet, clean] = underWay.lines;
    for (const status of ['scheduled', 'in_progress', 'completed'] as const)
      await deps.turns.changes.setServiceLineStatus(paint!.id, status, systemActor);
    await deps.turns.changes.setServiceLineStatus(carpet!.id, 'scheduled', systemActor);
    await deps.turns.changes.setServiceLineStatus(clean!.id, 'scheduled', systemActor);
    await deps.turns.addOns.requestAddOn(
      carpet!.id,
      {
        serviceId: (
          await deps.db
            .selectFrom('services')
            .select('id')
            .where('code', '=', 'HEAVY_SHAMPOO')
            .executeTakeFirstOrThrow()
        ).id,
        reason: 'Pet stains in the living room need a heavy shampoo.',
      },
      systemActor,
    );

    await order(1, 3, 10, { codes: ['PAINT_FULL', 'CLEAN'], addOn: 'PRIMER', po: `PO-${4200 + index}` });
    await order(2, 8, null, { codes: ['PAINT_TOUCH', 'CLEAN'], po: null });
    const canceled = await order(3, 1, 9, { codes: ['PAINT_TOUCH', 'CLEAN'] });
    await deps.turns.changes.cancelTurn(STAFF, canceled.id, 'Resident renewed the lease', systemActor);
  }
}
