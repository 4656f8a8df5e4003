import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { hashPassword } from '../../src/server/security/passwords.ts';

/**
 * A realistic vendor, generated in the database itself (INSERT … SELECT over a number series, no
 * round trip per row): management companies, properties, units, turns with six service lines each and
 * some add-ons awaiting the customer. Turn 0 of every hundred goes to the biggest property (1 % of all
 * turns); the biggest management company owns it and 59 others (about 4 %).
 */
export interface DatasetShape {
  companies: number;
  properties: number;
  units: number;
  turns: number;
}

export const BIG_COMPANY_PROPERTIES = 60;
export const SERVICES_PER_TURN = 6;
export const BENCH_PASSWORD = 'bench-password-correct-horse-battery';
export const CUSTOMER_LOGIN = 'bench-manager';
export const PROPERTY_CUSTOMER_LOGIN = 'bench-onsite';
export const STAFF_EMAIL = 'bench-staff@portico.test';

type Kind = 'postgres' | 'sqlite';

/** Ids look like UUIDs; the first group names the table so they never collide. */
const ids = { account: 1, contact: 2, unit: 3, service: 4, line: 5, turn: 6, addOn: 7, login: 8, staff: 9 };
export function benchId(table: keyof typeof ids, index: number): string {
  return `0000000${ids[table]}-0000-7000-8000-${index.toString(16).padStart(12, '0')}`;
}
export const companyId = (index: number) => benchId('account', index);
export const propertyId = (shape: DatasetShape, index: number) => benchId('account', shape.companies + index);

function dialect(kind: Kind) {
  return {
    id: (table: keyof typeof ids, expression: string) =>
      kind === 'postgres'
        ? `'0000000${ids[table]}-0000-7000-8000-' || lpad(to_hex((${expression})::bigint), 12, '0')`
        : `'0000000${ids[table]}-0000-7000-8000-' || printf('%012x', ${expression})`,
    /** A calendar day `days` (an integer expression) from today, as YYYY-MM-DD text. */
    day: (days: string) =>
      kind === 'postgres'
        ? `to_char(current_date + (${days})::int, 'YYYY-MM-DD')`
        : `date('now', (${days}) || ' days')`,
    div: (left: string, right: string) => (kind === 'postgres' ? `div(${left}, ${right})` : `(${left}) / (${right})`),
  };
}

/** The statements, in order; `seq(i)` holds 0 … n − 1. */
function statements(kind: Kind, shape: DatasetShape): string[] {
  const d = dialect(kind);
  const now = `'2026-01-01T00:00:00.000Z'`;
  const { companies, properties, units, turns } = shape;
  // Turn i: its property, its place on a four-year timeline ending 45 days from now, its phase.
  const property = `(case when i % 100 = 0 then 0 else 1 + i % ${properties - 1} end)`;
  const moveOut = `(${d.div(`i * 1505`, String(turns))} - 1460)`;
  const moveIn = `(${moveOut} + 7 + i % 10)`;
  const phase = `(case when i % 33 = 0 and ${moveOut} < 0 then 'canceled'
    when ${moveOut} > 0 then (case when i % 2 = 0 then 'scheduled' else 'pending' end)
    when ${moveIn} > -3 then 'in_progress' else 'completed' end)`;
  // Property p's management company: the biggest owns the first 60, the others share the rest.
  const companyOf = (p: string) =>
    `(case when ${p} < ${BIG_COMPANY_PROPERTIES} then 0 else 1 + (${p} - ${BIG_COMPANY_PROPERTIES}) % ${companies - 1} end)`;
  const unitsPerProperty = Math.max(1, Math.floor(units / properties));
  const servicesLeft = `select count(*) from turn_service_lines l where l.turn_id = turns.id and l.status in ('pending', 'scheduled', 'in_progress')`;
  const unitNumber = `${d.div('i', '7')} % ${unitsPerProperty}`;
  // A line's id is its turn's with the position in the second group: no counter needed.
  const lineId = (position: string) => `'00000005-000' || ${position} || '-7000-8000-' || substr(turns.id, 25)`;
  const lineDate =
    kind === 'postgres'
      ? `to_char(turns.move_in_date::date - (${SERVICES_PER_TURN} - s.i), 'YYYY-MM-DD')`
      : `date(turns.move_in_date, (s.i - ${SERVICES_PER_TURN}) || ' days')`;
  return [
    `insert into accounts (id, kind, parent_account_id, name, account_number, status, portal_access_enabled, city, region, created_at, updated_at)
      select ${d.id('account', 'i')}, 'management_company', null, 'Bench Company ' || i, 'B-' || i, 'current', 1, 'Austin', 'TX', ${now}, ${now}
      from seq where i < ${companies}`,
    `insert into accounts (id, kind, parent_account_id, name, account_number, status, portal_access_enabled, address_line1, city, region, postal_code, created_at, updated_at)
      select ${d.id('account', `${companies} + i`)}, 'property',
        ${d.id('account', companyOf('i'))},
        'Bench Property ' || i, 'BP-' || i, 'current', 1, i || ' Main St', 'Austin', 'TX', '78701', ${now}, ${now}
      from seq where i < ${properties}`,
    `insert into services (id, account_id, name, code, provider_category, kind, default_day_offset, active, created_at, updated_at)
      select ${d.id('service', 'i')}, null, 'Bench service ' || i, 'BENCH-' || i, 'rent_ready', 'standard', ${SERVICES_PER_TURN} - i, 1, ${now}, ${now}
      from seq where i < ${SERVICES_PER_TURN}`,
    `insert into units (id, account_id, number, floorplan_id, notes, created_at, updated_at)
      select ${d.id('unit', 'i')}, ${d.id('account', `${companies} + i % ${properties}`)}, '' || (100 + ${d.div('i', String(properties))}), null, null, ${now}, ${now}
      from seq where i < ${unitsPerProperty * properties}`,
    `insert into turns (id, account_id, company_id, unit_id, unit_number, floorplan_id, floorplan_name, move_out_date, move_in_date, notes, default_po_number, po_unknown,
        created_by_kind, created_by_id, canceled_at, cancel_reason, created_at, updated_at, status)
      select ${d.id('turn', 'i')}, ${d.id('account', `${companies} + ${property}`)}, ${d.id('account', companyOf(property))},
        ${d.id('unit', `${property} + ${properties} * (${unitNumber})`)}, '' || (100 + ${unitNumber}), null, '2 bed / 1 bath', ${d.day(moveOut)},
        case when i % 20 = 3 then null else ${d.day(moveIn)} end, null, null, 0, 'customer', null,
        case when ${phase} = 'canceled' then ${now} else null end, null, ${now}, ${now}, ${phase}
      from seq where i < ${turns}`,
    `insert into turn_service_lines (id, turn_id, account_id, service_id, service_name, provider_category, position, default_day_offset,
        scheduled_date, date_is_manual, status, price_cents, po_number, created_at, updated_at)
      select ${lineId('s.i')}, turns.id, turns.account_id, ${d.id('service', 's.i')}, 'Bench service ' || s.i, 'rent_ready', s.i,
        ${SERVICES_PER_TURN} - s.i, case when turns.move_in_date is null then null else ${lineDate} end, 0,
        case turns.status when 'in_progress' then (case when s.i < 3 then 'completed' when s.i = 3 then 'in_progress' else 'scheduled' end)
          else turns.status end, 5000 + 1000 * s.i, null, ${now}, ${now}
      from turns join seq s on s.i < ${SERVICES_PER_TURN}`,
    // The first day each open turn is at risk (atRiskFrom in desk-rules.ts): move-in + 1 − services left.
    `update turns set at_risk_from = ${
      kind === 'postgres'
        ? `to_char(move_in_date::date + 1 - (${servicesLeft})::int, 'YYYY-MM-DD')`
        : `date(move_in_date, (1 - (${servicesLeft})) || ' days')`
    } where status in ('pending', 'scheduled', 'in_progress') and move_in_date is not null`,
    `insert into turn_add_ons (id, service_line_id, turn_id, account_id, service_id, service_name, price_cents, status, approver, reason,
        requested_by_kind, requested_by_id, requested_at)
      select '00000007' || substr(turns.id, 9), ${lineId('0')}, turns.id, turns.account_id, ${d.id('service', '0')},
        'Bench add-on', 2500, 'pending', 'customer', 'Found in the field', 'staff', null, ${now}
      from turns where turns.status in ('pending', 'scheduled') and turns.id like '%0'`,
  ];
}

/** People the scenarios sign in as: a staff admin, a contact of the biggest company, one of the biggest property. */
async function peopleStatements(shape: DatasetShape): Promise<Array<[string, unknown[]]>> {
  const now = '2026-01-01T00:00:00.000Z';
  const hash = await hashPassword(BENCH_PASSWORD);
  const people: Array<[string, unknown[]]> = [
    [
      'insert into staff_members (id, email, name, role, password_hash, must_change_password, created_at) values ($1, $2, $3, $4, $5, 0, $6)',
      [benchId('staff', 0), STAFF_EMAIL, 'Bench Staff', 'admin', hash, now],
    ],
  ];
  const contacts: Array<[number, string, string]> = [
    [0, companyId(0), CUSTOMER_LOGIN],
    [1, propertyId(shape, 0), PROPERTY_CUSTOMER_LOGIN],
  ];
  for (const [index, accountId, username] of contacts) {
    const contact = benchId('contact', index);
    people.push(
      [
        'insert into contacts (id, first_name, last_name, title, phone, main_account_id, created_at, updated_at) values ($1, $2, $3, null, null, $4, $5, $5)',
        [contact, 'Bench', username, accountId, now],
      ],
      [
        'insert into account_contacts (account_id, contact_id, created_at) values ($1, $2, $3)',
        [accountId, contact, now],
      ],
      [
        `insert into portal_logins (id, contact_id, username, username_normalized, portal_email, portal_email_normalized, password_hash,
          password_changed_at, security_stamp, must_change_password, email_verification_required, enabled, created_at, updated_at)
          values ($1, $2, $3, $3, $4, $4, $5, $6, $7, 0, 0, 1, $6, $6)`,
        [benchId('login', index), contact, username, `${username}@bench.test`, hash, now, `stamp-${index}`],
      ],
    );
  }
  return people;
}

export async function generatePostgres(url: string, shape: DatasetShape): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Bulk load: no foreign-key triggers (the generator's rows are consistent by construction).
    await client.query('set session_replication_role = replica');
    await client.query('create temporary table seq (i integer primary key)');
    const size = Math.max(shape.turns, shape.units, shape.properties);
    await client.query(`insert into seq select generate_series(0, ${size - 1})`);
    for (const statement of statements('postgres', shape)) await client.query(statement);
    for (const [text, values] of await peopleStatements(shape)) await client.query(text, values);
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
}

export async function generateSqlite(path: string, shape: DatasetShape): Promise<void> {
  const db = new SqliteDatabase(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = OFF');
    db.pragma('synchronous = OFF');
    db.exec('create temporary table seq (i integer primary key)');
    const size = Math.max(shape.turns, shape.units, shape.properties);
    db.exec(
      `insert into seq with recursive n(i) as (select 0 union all select i + 1 from n where i < ${size - 1}) select i from n`,
    );
    const people = await peopleStatements(shape);
    db.transaction(() => {
      for (const statement of statements('sqlite', shape)) db.exec(statement);
      for (const [text, values] of people) db.prepare(text.replace(/\$\d+/g, '?')).run(...expandParams(text, values));
    })();
    db.exec('analyze');
  } finally {
    db.close();
  }
}

/** SQLite's `?` are positional, so a `$n` used twice needs its value twice. */
function expandParams(text: string, values: unknown[]): unknown[] {
  return [...text.matchAll(/\$(\d+)/g)].map((match) => values[Number(match[1]) - 1]);
}
