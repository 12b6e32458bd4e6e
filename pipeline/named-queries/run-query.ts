/** @module run-query – runs a named query with bound parameters, a row limit and a timeout; shapes and suppresses the answer. */
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { CatalogueKind, ColumnSpec, SqlType } from './header.js';
import { UnknownEntryError } from '../errors.js';
import type { NamedQuery } from './params.js';
import { readColumnsJson } from './read-columns.js';
import { suppressInPlace, type Row } from './suppress.js';
import { usedParams } from '../store/sql.js';
import { runKept } from '../store/reader-pool.js';

export interface RunOptions {
  rowLimit: number;
  timeoutMs: number;
  minCount?: number;
  /**
   * Whether the observation rollup stands for the store as it is read, asked only for the queries that use it. Absent
   * when the store is read as of a load (asOf): the rollup is the store as it stands, so the rows answer.
   */
  rollupFresh?: (connection: DuckDBConnection) => Promise<boolean>;
}

export interface QueryAnswer {
  query: string;
  parameters: Record<string, unknown>;
  columns: ColumnSpec[];
  rows: Row[];
  rowCount: number;
  truncated: boolean;
  suppressedCells: number;
}

/** The parameter the service binds itself: whether the observation rollup may stand in for the rows. */
export const ROLLUP_PARAM = 'rollup';

export class QueryTimeoutError extends Error {}

export const BIND_TYPES: Record<SqlType, DuckDBType> = { VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE: VARCHAR };

/** An integer as a number while exact, else as a string. */
function exactInteger(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  const big = BigInt(value as string | number);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big.toString();
}

/** A double without float noise: 15 significant digits. */
const roundDouble = (value: unknown): unknown => (typeof value === 'number' ? Number(value.toPrecision(15)) : value);
const same = (value: unknown): unknown => value;

/** JSON-safe values per declared type, chosen once per column rather than per cell. */
const NORMALISERS: Record<SqlType, (value: unknown) => unknown> = {
  BIGINT: exactInteger,
  INTEGER: exactInteger,
  DOUBLE: roundDouble,
  VARCHAR: same,
  BOOLEAN: same,
  DATE: same,
};

const rollupReaders = new WeakMap<NamedQuery, boolean>();

/** Whether a query binds `$rollup`: looked up in its text once, not on every question. */
function readsRollup(query: NamedQuery): boolean {
  let reads = rollupReaders.get(query);
  if (reads === undefined) rollupReaders.set(query, (reads = usedParams(query.sql, { [ROLLUP_PARAM]: true }) !== undefined));
  return reads;
}

/** Where each kind of catalogue entry is kept (allow-listed table names), and how a missing one is said. */
const CATALOGUE: Record<CatalogueKind, { table: string; missing: (value: string) => string }> = {
  program: { table: 'program', missing: (v) => `Programmet "${v}" finns inte i lagret.` },
  indicator: { table: 'indicator', missing: (v) => `Indikatorn "${v}" finns inte i lagret.` },
  unit: { table: 'org_unit', missing: (v) => `Enheten "${v}" finns inte i lagret.` },
  benefit: { table: 'benefit', missing: (v) => `Nyttan "${v}" finns inte i lagret.` },
};

/**
 * The catalogue entries the parameters name (`-- catalogue:`), looked up in one statement on the question's own
 * connection (so as of its load under asOf): the first the store does not have is an UnknownEntryError. An empty value
 * names none (it means every one).
 */
async function requireCatalogueEntries(
  connection: DuckDBConnection,
  query: NamedQuery,
  parameters: Record<string, unknown>,
): Promise<void> {
  const named = query.catalogue
    .map((c) => ({ ...c, value: parameters[c.param] }))
    .filter((c): c is typeof c & { value: string } => typeof c.value === 'string' && c.value !== '');
  if (!named.length) return;
  const values = Object.fromEntries(named.map((c, i) => [`v${i}`, c.value]));
  const types = Object.fromEntries(named.map((_, i) => [`v${i}`, VARCHAR]));
  const sql = `SELECT ${named.map((c, i) => `EXISTS (SELECT 1 FROM ${CATALOGUE[c.kind].table} WHERE id = $v${i})`).join(', ')}`;
  const reader = await runKept(connection, sql, values, types);
  const found = readColumnsJson(reader).map((column) => column[0]);
  const first = named.findIndex((_, i) => found[i] !== true);
  if (first >= 0) throw new UnknownEntryError(CATALOGUE[named[first].kind].missing(named[first].value.slice(0, 200)));
}

/** A header that promised a value (`NOT NULL`) the answer does not have: the query's fault, never the caller's. */
export class HeaderBrokenError extends Error {}

/** Every NOT NULL column has a value in every row: the row types the routes read by (contracts/query-rows.ts) hold. */
function requireDeclaredValues(query: NamedQuery, names: readonly string[], columns: readonly unknown[][]): void {
  for (const c of query.columns) {
    if (c.notNull && columns[names.indexOf(c.name)]?.includes(null))
      throw new HeaderBrokenError(`The named query ${query.name} gave NULL in its column ${c.name}, which its header declares NOT NULL.`);
  }
}

export async function runNamedQuery(
  connection: DuckDBConnection,
  query: NamedQuery,
  parameters: Record<string, unknown>,
  options: RunOptions,
): Promise<QueryAnswer> {
  const values: Record<string, string | number | boolean | null> = {};
  const types: Record<string, DuckDBType> = {};
  for (const p of query.params) {
    values[p.name] = (parameters[p.name] ?? null) as string | number | boolean | null;
    types[p.name] = BIND_TYPES[p.type];
  }
  // `$rollup` is the service's, never the caller's: whether the rollup may stand in for the observation rows.
  if (readsRollup(query)) {
    values[ROLLUP_PARAM] = options.rollupFresh !== undefined && (await options.rollupFresh(connection));
    types[ROLLUP_PARAM] = BOOLEAN;
  }
  await requireCatalogueEntries(connection, query, parameters);
  const limit = Math.max(1, Math.floor(options.rowLimit));
  const sql = `SELECT * FROM (\n${query.sql}\n) AS named_query LIMIT ${limit + 1}`;
  // An interrupt that lands before execution starts is forgotten, so keep interrupting until the query gives up.
  let repeat: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    connection.interrupt();
    repeat = setInterval(() => connection.interrupt(), 25);
  }, options.timeoutMs);
  let columns: unknown[][];
  let names: string[];
  try {
    // Column by column: DuckDB's readers convert a column several times faster than they build row objects.
    const reader = await runKept(connection, sql, values, types);
    names = reader.columnNames();
    columns = readColumnsJson(reader);
  } catch (error) {
    if (/interrupt/i.test((error as Error).message))
      throw new QueryTimeoutError(`Frågan ${query.name} avbröts efter ${options.timeoutMs} ms.`);
    throw error;
  } finally {
    clearTimeout(timer);
    clearInterval(repeat);
  }
  requireDeclaredValues(query, names, columns);
  const rowCount = columns.length ? columns[0].length : 0;
  const truncated = rowCount > limit;
  const kept = Math.min(rowCount, limit);
  // Every declared column, normalised; the minimum count for suppression stays a column beside them, never sent.
  const read = query.columns.map((c) => ({ name: c.name, values: columns[names.indexOf(c.name)], normalise: NORMALISERS[c.type] }));
  const rows: Row[] = new Array(kept);
  for (let i = 0; i < kept; i++) {
    const out: Row = {};
    for (const c of read) {
      const value = c.values?.[i];
      out[c.name] = value === null || value === undefined ? null : c.normalise(value);
    }
    rows[i] = out;
  }
  const mins = query.suppress?.min ? columns[names.indexOf(query.suppress.min)] : undefined;
  const suppressed = query.suppress ? suppressInPlace(rows, query.suppress, options.minCount, mins) : 0;
  // Columns shown only for some parameters (`when`) are dropped after suppression, which may group by them.
  const visible = query.columns.filter((c) => !c.when || String(parameters[c.when.param]) === c.when.value);
  const shaped =
    visible.length === read.length ? rows : rows.map((row) => Object.fromEntries(visible.map((c) => [c.name, row[c.name]])) as Row);
  // NOT NULL is the row type's promise, checked above; an answer's columns say what they always said.
  const answered = visible.map(({ notNull: _, ...c }) => c);
  return { query: query.name, parameters, columns: answered, rows: shaped, rowCount: kept, truncated, suppressedCells: suppressed };
}
