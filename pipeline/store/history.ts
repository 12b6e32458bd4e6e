/**
 * @module history – nothing a load replaces is lost. Each versioned table T has `T_history` with T's columns and
 * `replaced_by`: a row is in force from its `load_id` until its `replaced_by`. A load moves the rows it replaces there
 * before it writes; an undo moves the withdrawn load's rows there and copies back the rows that load had replaced.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedIdentifier } from './sql.js';

/** Every table a load writes rows of; `keyed` tables have a primary key (one row in force per key). */
export const VERSIONED_TABLES = [
  { name: 'program', keyed: true },
  { name: 'indicator', keyed: true },
  { name: 'org_unit', keyed: true },
  { name: 'effect_goal', keyed: true },
  { name: 'benefit', keyed: true },
  { name: 'target', keyed: true },
  { name: 'key_figure', keyed: true },
  { name: 'risk', keyed: true },
  { name: 'risk_assessment', keyed: true },
  { name: 'milestone', keyed: true },
  { name: 'benefit_status', keyed: true },
  { name: 'lesson', keyed: true },
  { name: 'approval', keyed: true },
  { name: 'business_case_line', keyed: false },
  { name: 'observation', keyed: false },
] as const;

export type VersionedTable = (typeof VERSIONED_TABLES)[number]['name'];

export const historyOf = (table: VersionedTable) => `${table}_history`;

/**
 * Statements (with `$load_id` bound) that move the rows of `table` matching `where` into its history, replaced by this
 * load. `where` refers to the table's row as `t`.
 */
export function retire(table: VersionedTable, where: string): string[] {
  // By name, so a column a later migration adds to both tables lands in its place whatever the order.
  return [
    `INSERT INTO ${historyOf(table)} BY NAME SELECT t.*, $load_id AS replaced_by FROM ${table} t WHERE ${where}`,
    `DELETE FROM ${table} t WHERE ${where}`,
  ];
}

/** A `where` for `retire`: a staged row (`s` in `stg_typed`) has the same key; `key` maps the table's column to the staged expression. */
export function sameKeyStaged(key: Readonly<Record<string, string>>): string {
  const on = Object.entries(key)
    .map(([column, staged]) => `t.${quotedIdentifier(column)} = ${staged}`)
    .join(' AND ');
  return `EXISTS (SELECT 1 FROM stg_typed s WHERE ${on})`;
}

/** Rows of earlier loads this load moved to history, over every table. */
export async function rowsReplacedBy(connection: DuckDBConnection, loadId: number): Promise<number> {
  const counts = VERSIONED_TABLES.map((t) => `(SELECT count(*) FROM ${historyOf(t.name)} WHERE replaced_by = $id)`).join(' + ');
  return Number((await connection.runAndReadAll(`SELECT ${counts}`, { id: loadId })).getRows()[0][0]);
}

/**
 * Temporary views, one per versioned table and the load log, that shadow the store's tables on this connection with
 * the store as it stood right after load `asOf`. Queries then run unchanged; other connections are not affected.
 * `asOf` is an integer checked by the caller, so it is written into the view as a literal.
 */
export async function showStoreAsOf(connection: DuckDBConnection, asOf: number): Promise<void> {
  if (!Number.isSafeInteger(asOf) || asOf < 0) throw new Error(`asOf must be a load id, not ${asOf}`);
  const catalog = quotedIdentifier(String((await connection.runAndReadAll('SELECT current_database()')).getRows()[0][0]));
  const statements = VERSIONED_TABLES.map(
    ({ name }) =>
      `CREATE OR REPLACE TEMP VIEW ${name} AS
         SELECT * FROM ${catalog}.main.${name} WHERE load_id <= ${asOf}
         UNION ALL BY NAME SELECT * EXCLUDE (replaced_by) FROM ${catalog}.main.${historyOf(name)} WHERE load_id <= ${asOf} AND replaced_by > ${asOf}`,
  );
  statements.push(
    `CREATE OR REPLACE TEMP VIEW load_log AS
       SELECT * REPLACE (CASE WHEN undone_by <= ${asOf} THEN undone_by END AS undone_by) FROM ${catalog}.main.load_log WHERE load_id <= ${asOf}`,
  );
  for (const sql of statements) await connection.run(sql);
}
