import { CamelCasePlugin, type PluginTransformResultArgs, type QueryId, type UnknownRow } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SnakeCaseNames } from './snake-case.ts';

const queryId = { queryId: 'q' } as QueryId;
const resultOf = (rows: UnknownRow[]): PluginTransformResultArgs => ({ queryId, result: { rows } });

describe('SnakeCaseNames rows', () => {
  it('renames rows exactly as Kysely’s CamelCasePlugin does', async () => {
    const rows: UnknownRow[] = [
      { turn_id: 't1', unit_number: '101', total_cents: 1200, answers_json: { move_out: { done_at: null } } },
      { turn_id: 't2', unit_number: null, total_cents: 0, answers_json: [{ line_id: 'l1' }, 'text'] },
      // Another shape and an inherited key: both take Kysely's way.
      { turn_id: 't3', extra_column: new Date(0) },
      Object.assign(Object.create({ inherited_key: 1 }), { turn_id: 't4', unit_number: '4', total_cents: 4 }),
    ];
    rows.push({ turn_id: 't5', unit_number: '5', total_cents: 5, answers_json: null });
    const ours = await new SnakeCaseNames().transformResult(resultOf(rows));
    const kysely = await new CamelCasePlugin().transformResult(resultOf(rows));
    expect(ours).toEqual(kysely);
    expect(ours.rows.map((row) => Object.keys(row))).toEqual(kysely.rows.map((row) => Object.keys(row)));
    expect(ours.rows[0]).toEqual({
      turnId: 't1',
      unitNumber: '101',
      totalCents: 1200,
      answersJson: { moveOut: { doneAt: null } },
    });
  });

  it('keeps an empty result as it is', async () => {
    expect(await new SnakeCaseNames().transformResult(resultOf([]))).toEqual({ rows: [] });
  });
});
