import type { FieldProblem } from '../errors.ts';

/** True when a write failed on a unique constraint (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

interface UniqueField {
  /** PostgreSQL's constraint or index name. */
  constraint: string;
  /** SQLite's "UNIQUE constraint failed: …" column list. */
  columns: string;
  field: FieldProblem;
}

// The unique values people type. Services check them first; when two requests pass that check at the
// same moment (PostgreSQL, READ COMMITTED), the index decides and the loser gets the same field error.
const UNIQUE_FIELDS: UniqueField[] = [
  {
    constraint: 'portal_logins_portal_email_normalized_key',
    columns: 'portal_logins.portal_email_normalized',
    field: { path: 'portalEmail', message: 'Another contact already uses this portal email.' },
  },
  {
    constraint: 'portal_logins_username_normalized_key',
    columns: 'portal_logins.username_normalized',
    field: { path: 'username', message: 'That username is taken. Choose another.' },
  },
  {
    constraint: 'services_code_key',
    columns: 'services.code',
    field: { path: 'code', message: 'Already used by another service' },
  },
  {
    constraint: 'units_account_number',
    columns: 'units.account_id, units.number',
    field: { path: 'number', message: 'This unit number already exists at this property.' },
  },
  {
    constraint: 'accounts_account_number_key',
    columns: 'accounts.account_number',
    field: { path: 'accountNumber', message: 'Another account already uses this account number.' },
  },
  {
    constraint: 'staff_members_email_key',
    columns: 'staff_members.email',
    field: { path: 'email', message: 'Another staff member already uses this email.' },
  },
];

/** The field a unique violation is about, or null for a constraint nobody types (ids, hashes, keys). */
export function uniqueViolationField(error: unknown): FieldProblem | null {
  if (!isUniqueViolation(error)) return null;
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  const failed = typeof message === 'string' ? message.replace(/^UNIQUE constraint failed: /, '') : '';
  const match = UNIQUE_FIELDS.find((entry) => entry.constraint === constraint || entry.columns === failed);
  return match?.field ?? null;
}
