/** @module run-query – runs a named query with bound parameters, a row limit and a timeout; shapes and suppresses the answer. */
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, VARCHAR, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { ColumnSpec, SqlType } from './header.js';
import type { NamedQuery } from './params.js';
import { suppressSmallCells, type Row } from './suppress.js';
import { usedParams } from '../store/sql.js';

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

/** JSON-safe values: integers as numbers while exact, else strings; doubles without float noise (15 significant digits). */
function normalise(value: unknown, type: SqlType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'BIGINT':
    case 'INTEGER': {
      const big = BigInt(value as string | number);
      return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big.toString();
    }
    case 'DOUBLE':
      return Number((value as number).toPrecision(15));
    default:
      return value;
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
  if (usedParams(query.sql, { [ROLLUP_PARAM]: true })) {
    values[ROLLUP_PARAM] = options.rollupFresh !== undefined && (await options.rollupFresh(connection));
    types[ROLLUP_PARAM] = BOOLEAN;
  }
  const limit = Math.max(1, Math.floor(options.rowLimit));
  const sql = `SELECT * FROM (\n${query.sql}\n) AS named_query LIMIT ${limit + 1}`;
  // An interrupt that lands before execution starts is forgotten, so keep interrupting until the query gives up.
  let repeat: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    connection.interrupt();
    repeat = setInterval(() => connection.interrupt(), 25);
  }, options.timeoutMs);
  let raw: Row[];
  try {
    raw = (await connection.runAndReadAll(sql, values, types)).getRowObjectsJson() as Row[];
  } catch (error) {
    if (/interrupt/i.test((error as Error).message))
      throw new QueryTimeoutError(`Frågan ${query.name} avbröts efter ${options.timeoutMs} ms.`);
    throw error;
  } finally {
    clearTimeout(timer);
    clearInterval(repeat);
  }
  const truncated = raw.length > limit;
  if (truncated) raw = raw.slice(0, limit);
  const visible = query.columns.filter((c) => !c.when || String(parameters[c.when.param]) === c.when.value);
  const typed = raw.map((row) => {
    const out: Row = {};
    for (const c of query.columns) out[c.name] = normalise(row[c.name], c.type);
    if (query.suppress?.min) out[query.suppress.min] = row[query.suppress.min];
    return out;
  });
  const { rows, suppressed } = query.suppress
    ? suppressSmallCells(typed, query.suppress, options.minCount)
    : { rows: typed, suppressed: 0 };
  const shaped = rows.map((row) => Object.fromEntries(visible.map((c) => [c.name, row[c.name]])));
  return { query: query.name, parameters, columns: visible, rows: shaped, rowCount: shaped.length, truncated, suppressedCells: suppressed };
}
