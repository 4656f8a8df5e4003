import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Operation } from './openapi-operations.ts';

const SECURITY_MD = resolve(import.meta.dirname, '../../SECURITY.md');
const BEGIN = '<!-- authorization-matrix:begin (generated from the OpenAPI document; checked by test/security) -->';
const END = '<!-- authorization-matrix:end -->';

const NON_STAFF_CELLS: Record<'public' | 'customer' | 'pro', [anonymous: string, customer: string, pro: string]> = {
  public: ['yes', 'yes', 'yes'],
  customer: ['401', 'own accounts only (else 404)', '401'],
  pro: ['401', '401', 'own assignments only (else 404)'],
};
const STAFF_COLUMNS = ['support', 'psm', 'admin'] as const;

function cellsOf(operation: Operation): string[] {
  if (operation.access === 'public') return [...NON_STAFF_CELLS.public, 'yes', 'yes', 'yes'];
  if (operation.access === 'customer' || operation.access === 'pro')
    return [...NON_STAFF_CELLS[operation.access], '401', '401', '401'];
  return ['401', '401', '401', ...STAFF_COLUMNS.map((role) => (operation.staffRoles.includes(role) ? 'yes' : '403'))];
}

/** The written matrix: one row per operation × who may call it. */
export function renderMatrix(operations: Operation[]): string {
  const rows = [...operations]
    .sort((left, right) => left.path.localeCompare(right.path) || left.method.localeCompare(right.method))
    .map(
      (operation) =>
        `| \`${operation.operationId}\` | \`${operation.method} ${operation.path}\` | ${cellsOf(operation).join(' | ')} |`,
    );
  return [
    BEGIN,
    '',
    '| operation | route | anonymous | customer | pro | staff support | staff psm | staff admin |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    END,
  ].join('\n');
}

/** Biome pads Markdown tables; the check compares cells, not column widths. */
export function normalizeMatrix(text: string): string {
  return text
    .split('\n')
    .map((line) => (/^\|[-| ]+\|$/.test(line) ? '|---|' : line.replace(/ {2,}/g, ' ').replace(/ \|/g, ' |')))
    .join('\n');
}

/** The matrix as written in SECURITY.md now. */
export function writtenMatrix(): string {
  const text = readFileSync(SECURITY_MD, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  return start >= 0 && end > start ? text.slice(start, end + END.length) : '';
}

/** Rewrites the matrix in SECURITY.md (run the test with UPDATE_AUTHORIZATION_MATRIX=1 after adding routes). */
export function writeMatrix(matrix: string): void {
  const text = readFileSync(SECURITY_MD, 'utf8');
  const current = writtenMatrix();
  writeFileSync(SECURITY_MD, current ? text.replace(current, matrix) : text.replace('AUTHORIZATION_MATRIX', matrix));
}
