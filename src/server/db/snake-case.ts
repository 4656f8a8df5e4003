import {
  CamelCasePlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresQueryCompiler,
  type QueryResult,
  type RootOperationNode,
  SqliteQueryCompiler,
  type UnknownRow,
} from 'kysely';

/** Names come from the code (a few hundred); the bound only guards against a runaway alias. */
const MAX_NAMES = 5000;

function memoized(convert: (name: string) => string): (name: string) => string {
  const names = new Map<string, string>();
  return (name) => {
    let converted = names.get(name);
    if (converted === undefined) {
      if (names.size >= MAX_NAMES) names.clear();
      converted = convert(name);
      names.set(name, converted);
    }
    return converted;
  };
}

/**
 * Kysely's CamelCasePlugin, with the same names, at a fraction of its cost per query: the plugin
 * copies the whole operation tree before every query just to rename its identifiers, and converts
 * every column name of every row character by character. Here the compiler snake-cases identifiers
 * as it writes them (so the tree is not copied) and both conversions are remembered.
 */
export class SnakeCaseNames extends CamelCasePlugin {
  readonly toSnakeCase = memoized((name) => super.snakeCase(name));
  readonly #toCamelCase = memoized((name) => super.camelCase(name));

  override transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  protected override camelCase(name: string): string {
    return this.#toCamelCase(name);
  }

  /**
   * The rows of one result share their columns, so the names are converted once per result and each
   * row is a copy of one template filled in place. Kysely's mapRow grows every row object a property
   * at a time: the largest allocation of a list read, garbage that outlives young collections.
   */
  override async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const { rows } = args.result;
    const first = Array.isArray(rows) ? rows[0] : undefined;
    if (first === undefined) return super.transformResult(args);
    const columns = Object.keys(first);
    const names = columns.map((column) => this.camelCase(column));
    const template: UnknownRow = {};
    for (const name of names) template[name] = undefined;
    const mapValue = (value: unknown) => {
      if (Array.isArray(value)) return value.map((item) => (this.#canMap(item) ? this.mapRow(item) : item));
      return this.#canMap(value) ? this.mapRow(value) : value;
    };
    const mapped = rows.map((row) => {
      // Another shape (never seen from one statement) takes Kysely's way.
      if (!hasColumns(row, columns)) return this.mapRow(row);
      const copy = { ...template };
      for (let index = 0; index < columns.length; index += 1) copy[names[index]!] = mapValue(row[columns[index]!]);
      return copy;
    });
    return { ...args.result, rows: mapped };
  }

  /** Kysely's rule for nested values: plain objects (parsed JSON) are renamed too. */
  #canMap(value: unknown): value is UnknownRow {
    return isPlainObject(value) && !this.opt.maintainNestedObjectKeys;
  }
}

/** Whether the row's own keys are exactly `columns`, in order (for…in allocates no key array). */
function hasColumns(row: UnknownRow, columns: string[]): boolean {
  let index = 0;
  for (const key in row) {
    if (!Object.hasOwn(row, key) || key !== columns[index]) return false;
    index += 1;
  }
  return index === columns.length;
}

/** Kysely's isPlainObject (not exported). */
function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]')
    return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype === null) return true;
  let root = value;
  while (Object.getPrototypeOf(root) !== null) root = Object.getPrototypeOf(root);
  return prototype === root;
}

export function snakeCaseSqliteCompiler(names: SnakeCaseNames): SqliteQueryCompiler {
  return new (class extends SqliteQueryCompiler {
    protected override sanitizeIdentifier(identifier: string): string {
      return super.sanitizeIdentifier(names.toSnakeCase(identifier));
    }
  })();
}

export function snakeCasePostgresCompiler(names: SnakeCaseNames): PostgresQueryCompiler {
  return new (class extends PostgresQueryCompiler {
    protected override sanitizeIdentifier(identifier: string): string {
      return super.sanitizeIdentifier(names.toSnakeCase(identifier));
    }
  })();
}
