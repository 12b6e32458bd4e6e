/**
 * @module purge – the one way rows leave the store for good: history replaced by loads finished before a date. The
 * purge is logged with its horizon, the newest load before the date; `asOf` earlier than that is refused from then on,
 * since the store can no longer show it exactly.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../errors.js';
import { historyOf, VERSIONED_TABLES, type VersionedTable } from './history.js';
import { inTransaction } from './transaction.js';

export interface PurgePlan {
  before: string;
  /** The newest load finished before the date; null when there is none (nothing to purge). */
  horizon: number | null;
  rows: Partial<Record<VersionedTable, number>>;
  total: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const replacedBefore = `replaced_by IN (SELECT load_id FROM load_log WHERE finished_at < CAST($before AS TIMESTAMP))`;

/** What a purge before `before` (ÅÅÅÅ-MM-DD) would remove, table by table. */
export async function planPurge(connection: DuckDBConnection, before: string): Promise<PurgePlan> {
  if (!DATE.test(before) || Number.isNaN(Date.parse(before)))
    throw new UserError(`--before ska vara ett datum (ÅÅÅÅ-MM-DD), inte "${before}".`, 'date_invalid');
  const horizonValue = (
    await connection.runAndReadAll('SELECT max(load_id) FROM load_log WHERE finished_at < CAST($before AS TIMESTAMP)', { before })
  ).getRows()[0][0];
  const rows: PurgePlan['rows'] = {};
  let total = 0;
  for (const { name } of VERSIONED_TABLES) {
    const n = Number(
      (await connection.runAndReadAll(`SELECT count(*) FROM ${historyOf(name)} WHERE ${replacedBefore}`, { before })).getRows()[0][0],
    );
    if (n > 0) rows[name] = n;
    total += n;
  }
  return { before, horizon: horizonValue === null ? null : Number(horizonValue), rows, total };
}

/** Removes what `planPurge` counted, in one transaction, and logs it; returns the plan carried out. */
export async function purgeHistory(connection: DuckDBConnection, before: string, purgedBy?: string): Promise<PurgePlan> {
  return inTransaction(connection, async () => {
    const plan = await planPurge(connection, before);
    if (plan.total === 0 || plan.horizon === null) return plan;
    for (const { name } of VERSIONED_TABLES) await connection.run(`DELETE FROM ${historyOf(name)} WHERE ${replacedBefore}`, { before });
    await connection.run(
      'INSERT INTO purge_log (purged_at, before, horizon, rows_removed, purged_by) VALUES (current_localtimestamp(), CAST($before AS TIMESTAMP), $horizon, $total, $by)',
      { before, horizon: plan.horizon, total: plan.total, by: purgedBy ?? null },
    );
    return plan;
  });
}
