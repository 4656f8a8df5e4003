import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/**
 * The ideal SQL of each measured read, run by a bare Fastify route: what the page costs with nothing of
 * the app in between (no session, no access layer, no Kysely, no zod). Placeholders are `$n`.
 */
const OPEN = `('pending', 'scheduled', 'in_progress')`;
const KEY = `coalesce(move_in_date, '9999-12-31')`;
export const BOARD_PAGE = 25;
export const LIST_PAGE = 50;
export const DESK_PAGE = 25;
const HOME_PAGE = 24;
/** The accounts a contact sees: their own and their companies' properties. */
const VISIBLE = `visible as (
  select a.id from account_contacts ac join accounts a on a.id = ac.account_id
    where ac.contact_id = $1 and a.portal_access_enabled = 1
  union
  select c.id from account_contacts ac join accounts p on p.id = ac.account_id join accounts c on c.parent_account_id = p.id
    where ac.contact_id = $1 and p.portal_access_enabled = 1 and c.portal_access_enabled = 1)`;

function columnPage(status: string, open: boolean): string {
  const window = open ? '' : `and ${KEY} >= $2`;
  const order = open ? `${KEY}, move_out_date, id` : `${KEY} desc, move_out_date desc, id desc`;
  return `select t.id, t.unit_number, t.floorplan_name, t.move_out_date, t.move_in_date, t.status, l.service_name, l.status as line_status, l.scheduled_date, l.price_cents
    from (select * from turns where account_id = $1 and status = '${status}' ${window} order by ${order} limit ${BOARD_PAGE}) t
    join turn_service_lines l on l.turn_id = t.id order by t.id, l.position`;
}

export interface RawRead {
  /** Statements run one after another for one page; each gets the same parameters. */
  statements: string[];
}

export const RAW_READS: Record<string, RawRead> = {
  // The board's first screen: counts per column and the first page of each column with its services.
  board: {
    statements: [
      `select status, count(*) as n from turns where account_id = $1 and (status in ${OPEN} or (status in ('completed', 'canceled') and ${KEY} >= $2)) group by status`,
      columnPage('pending', true),
      columnPage('scheduled', true),
      columnPage('in_progress', true),
      columnPage('completed', false),
      columnPage('canceled', false),
    ],
  },
  // One board column's first page, and the column counts: what the board asks for per column.
  boardColumn: { statements: [columnPage('scheduled', true)] },
  boardCounts: {
    statements: [
      `select status, count(*) as n from turns where account_id = $1 and (status in ${OPEN} or (status in ('completed', 'canceled') and ${KEY} >= $2)) group by status`,
    ],
  },
  // Portal home of a contact: the first page of visible properties by name with open-turn and
  // awaiting-add-on counts, and how many there are.
  home: {
    statements: [
      `with ${VISIBLE}
       select p.id, p.name, p.account_number, p.city,
         (select count(*) from turns t where t.account_id = p.id and t.status in ${OPEN}) as open_turns,
         (select count(*) from turn_add_ons x where x.account_id = p.id and x.status = 'pending' and x.approver = 'customer') as pending_add_ons
       from (select a.id, a.name, a.account_number, a.city from accounts a
             where a.kind = 'property' and a.id in (select id from visible) order by a.name, a.id limit ${HOME_PAGE + 1}) p
       order by p.name, p.id`,
      `with ${VISIBLE} select count(*) as n from accounts a where a.kind = 'property' and a.id in (select id from visible)`,
    ],
  },
  // Staff account Turns tab of a management company: the first page of its properties' open and recent
  // turns, one index range per status (the company is on each turn), merged.
  accountTurns: {
    statements: [
      `select t.id, t.unit_number, t.move_out_date, t.move_in_date, t.status, a.name as property_name, l.service_name, l.status as line_status, l.scheduled_date
       from (select * from (${["'pending'", "'scheduled'", "'in_progress'", "'completed'", "'canceled'"]
         .map(
           (status, index) =>
             `select * from (select * from turns where company_id = $1 and status = ${status} ${index > 2 ? `and ${KEY} >= $2` : ''} order by ${KEY}, move_out_date, id limit ${LIST_PAGE}) r${index}`,
         )
         .join(' union all ')}) page order by ${KEY}, move_out_date, id limit ${LIST_PAGE}) t
       join accounts a on a.id = t.account_id
       join turn_service_lines l on l.turn_id = t.id order by t.id, l.position`,
    ],
  },
  // The staff turns desk, every account, one status, newest first: the first page with property and company names.
  deskByStatus: {
    statements: [
      `select t.id, t.unit_number, t.move_out_date, t.move_in_date, t.status, t.property_name, t.company_name, l.service_name, l.status as line_status, l.scheduled_date
       from (select turns.*, p.name as property_name, c.name as company_name from turns
               join accounts p on p.id = turns.account_id left join accounts c on c.id = p.parent_account_id
             where turns.status = $1 order by turns.created_at desc, turns.id desc limit ${DESK_PAGE}) t
       join turn_service_lines l on l.turn_id = t.id order by t.id, l.position`,
    ],
  },
};

export interface RawRunner {
  run(read: string, params: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

export function rawRunner(database: { kind: 'postgres'; url: string } | { kind: 'sqlite'; path: string }): RawRunner {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    return {
      async run(read, params) {
        const rows: unknown[] = [];
        for (const text of RAW_READS[read]!.statements) {
          const used = params.slice(0, Math.max(0, ...[...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]))));
          rows.push((await pool.query({ text, values: used })).rows);
        }
        return rows;
      },
      close: () => pool.end(),
    };
  }
  const db = new SqliteDatabase(database.path, { readonly: true });
  const prepared = new Map<string, { statement: SqliteDatabase.Statement; order: number[] }>();
  const prepare = (text: string) => {
    let entry = prepared.get(text);
    if (!entry) {
      const order = [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]) - 1);
      entry = { statement: db.prepare(text.replace(/\$\d+/g, '?')), order };
      prepared.set(text, entry);
    }
    return entry;
  };
  return {
    async run(read, params) {
      return RAW_READS[read]!.statements.map((text) => {
        const { statement, order } = prepare(text);
        return statement.all(...order.map((index) => params[index]));
      });
    },
    close: async () => {
      db.close();
    },
  };
}
