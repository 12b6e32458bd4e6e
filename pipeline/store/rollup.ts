/**
 * @module rollup – the observation rollup (migration 009): observations pooled per place and period ahead, so a series,
 * a baseline or a follow-up reads thousands of rows instead of hundreds of thousands. It is derived and rebuilt after
 * a load has committed, never inside it: a load costs no more, and until the rebuild the queries pool the rows
 * themselves (the same shape, the same exact sums, so the same answers).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CommitGate } from './commit-gate.js';
import { inTransaction } from './transaction.js';
import { UserError } from '../errors.js';

/** The last load logged; the rollup is fresh when it was built after this load. */
const LAST_LOAD = 'SELECT coalesce(max(load_id), 0) FROM load_log';

/** The macro definitions the store holds (pipeline/store/query-macros.ts). */
const MACROS_HELD = 'SELECT max(hash) FROM query_macros';

/**
 * Whether the rollup answers for the store as it stands now (asked inside a reader, so no commit lands between): built
 * after the last load, with the macro definitions the store holds (its kept tables are what those computed).
 */
export async function rollupIsFresh(connection: DuckDBConnection): Promise<boolean> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT coalesce(built_after IS NOT DISTINCT FROM (${LAST_LOAD}) AND built_with = (${MACROS_HELD}), false) FROM observation_rollup_state`,
    )
  ).getRows();
  return rows[0]?.[0] === true;
}

/**
 * Freshness remembered per commit: between two commits through `gate` the load log and the rollup stand still, so the
 * answer is asked once per commit instead of once per question (about 1–2 ms each). Call it only inside `gate.read`,
 * and only on a store whose every commit goes through `gate` (the service's).
 */
export function freshnessPerCommit(gate: CommitGate): (connection: DuckDBConnection) => Promise<boolean> {
  let known: { commits: number; fresh: boolean } | undefined;
  return async (connection) => {
    const commits = gate.commits;
    if (known?.commits === commits) return known.fresh;
    const fresh = await rollupIsFresh(connection);
    known = { commits, fresh };
    return fresh;
  };
}

/** What the health answer says of the rollup. */
export async function rollupState(
  connection: DuckDBConnection,
): Promise<{ fresh: boolean; builtAfter: number | null; rows: number; buildMs: number | null }> {
  const [row] = (
    await connection.runAndReadAll(`SELECT built_after, build_ms, (SELECT count(*) FROM observation_rollup) FROM observation_rollup_state`)
  ).getRows();
  const number = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { fresh: await rollupIsFresh(connection), builtAfter: number(row?.[0]), rows: Number(row?.[2] ?? 0), buildMs: number(row?.[1]) };
}

const PARTS = `sum(rows) AS rows, sum("values") AS "values", sum(numerators) AS numerators,
  sum(numerator_sum) AS numerator_sum, sum(denominator_sum) AS denominator_sum, sum(ns) AS ns, sum(n_sum) AS n_sum,
  sum(weighted_sum) AS weighted_sum, sum(value_sum) AS value_sum, sum(count_sum) AS count_sum, min(status) AS status`;

// Each org unit's depth, go-live and ancestors (migration 011), kept for the follow-up while the rollup is fresh.
const UNIT_PLACES = 'INSERT INTO unit_place_kept SELECT * FROM unit_place_rows';

// Each place's depth in the org tree: the region 0, '' (above everything) -1.
const DEPTHS = `CREATE TEMP TABLE rollup_depth AS
  SELECT id AS place, depth FROM unit_place_kept
  UNION ALL SELECT '', -1`;

// Each unit's own rows, not kept but summed once; under a unit the municipalities' parts pool into one (NULL),
// beside its total (''). With each, the questions it counts for (migration 014): bit 1 without breakdown, 2 by sex,
// 4 by age group, worked out per place and period as counted_parts does (the municipalities pooled into one share
// their place's answer, since a municipality is no partition of these three).
const OWN = `CREATE TEMP TABLE rollup_own AS
  WITH own AS (
    SELECT unit AS place, indicator, grain, period, period_start, sex, age_group,
      CASE WHEN unit <> '' AND municipality <> '' THEN NULL ELSE municipality END AS municipality, ${PARTS}
    FROM observation_parts() GROUP BY ALL
  ),
  shaped AS (SELECT *, publication_shape(sex, age_group, municipality) AS shape FROM own),
  masked AS (
    SELECT *,
      bit_or(CAST(1 AS INTEGER) << shape) OVER (PARTITION BY indicator, period, place, CASE WHEN place = '' THEN municipality END) AS whole,
      bit_or(CAST(1 AS INTEGER) << shape) OVER (PARTITION BY indicator, period, place, CASE WHEN place = '' THEN municipality END, sex) AS by_sex,
      bit_or(CAST(1 AS INTEGER) << shape) OVER (PARTITION BY indicator, period, place, CASE WHEN place = '' THEN municipality END, age_group) AS by_age
    FROM shaped
  )
  SELECT * EXCLUDE (shape, whole, by_sex, by_age),
    CAST(CAST(shape = counted_shape(whole) AS INTEGER) + 2 * CAST(sex <> 'T' AND shape = counted_shape(by_sex) AS INTEGER)
      + 4 * CAST(age_group <> '' AND shape = counted_shape(by_age) AS INTEGER) AS UTINYINT) AS counted
  FROM masked`;

// Each unit with everything below it, and '' with everything: the own sums summed over the lineage, kept in
// (depth, place, indicator, period) order so DuckDB's zone maps skip the other places and levels.
const TREE = `INSERT INTO observation_rollup BY NAME
  SELECT l.ancestor AS place, coalesce(d.depth, 0) AS depth, r.indicator, r.grain, r.period, r.period_start, r.sex,
    r.age_group, r.municipality, r.counted, ${PARTS}
  FROM rollup_own r
  JOIN (SELECT id, ancestor FROM unit_lineage() UNION ALL SELECT DISTINCT place, '' FROM rollup_own) l ON l.id = r.place
  LEFT JOIN rollup_depth d ON d.place = l.ancestor
  GROUP BY ALL
  ORDER BY depth, place, r.indicator, r.period_start`;

// Per indicator its most common grain, as indicator_shape_rows gives it.
const INDICATORS = `INSERT INTO observation_rollup_indicator
  SELECT i.id,
    (SELECT first(grain ORDER BY c DESC, grain) FROM (SELECT grain, sum(rows) AS c FROM rollup_own WHERE indicator = i.id GROUP BY grain))
  FROM indicator i`;

// The follow-up's entries (migration 012), from the org units and indicator shapes just kept.
const ENTRIES = 'INSERT INTO followup_entry_kept SELECT * FROM followup_entries_from(true)';

// Per place and period, what a question without breakdown pools: the rows that count without breakdown.
const TOTAL = `INSERT INTO observation_rollup_total BY NAME
  SELECT r.place, r.depth, r.indicator, r.grain, r.period, r.period_start, ${PARTS}
  FROM observation_rollup r
  WHERE r.counted & 1 <> 0
  GROUP BY ALL
  ORDER BY r.depth, r.place, r.indicator, r.period_start`;

// The follow-up's most asked question (migration 013), for every program and place and its longest follow-up (10 years,
// the query's `years` at most; a shorter one keeps fewer), from the totals just kept.
const YEARS = `INSERT INTO followup_year_kept
  SELECT * FROM followup_years(true, NULL, NULL, NULL, 'none', 10, 0) ORDER BY program, place_kind, place, indicator, k`;

/**
 * Below this many observation rows the rows answer fast enough (a series over a million rows in about 15 ms), so no
 * rollup is built: it would cost seconds after every load and buy little. NYTTA_ROLLUP_MIN_ROWS changes it; 0 always
 * builds one.
 */
export function rollupMinRows(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.NYTTA_ROLLUP_MIN_ROWS;
  const value = raw === undefined || raw === '' ? 2_000_000 : Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new UserError(`NYTTA_ROLLUP_MIN_ROWS ska vara ett antal rader (0 bygger alltid), inte "${raw}".`, 'config_invalid');
  return value;
}

export interface RollupReport {
  /** False when it was fresh already, or the store is too small to need one. */
  rebuilt: boolean;
  rows: number;
  ms: number;
}

/** Fresh, or a store too small for a rollup that has none: the only writer (the caller) has nothing to do. */
async function nothingToRebuild(connection: DuckDBConnection, minRows: number): Promise<boolean> {
  if (await rollupIsFresh(connection)) return true;
  const [[none, observations]] = (
    await connection.runAndReadAll('SELECT (SELECT built_after IS NULL FROM observation_rollup_state), (SELECT count(*) FROM observation)')
  ).getRows();
  return none === true && Number(observations) < minRows;
}

/**
 * Rebuilds the rollup when a load has been logged since it was built, in one transaction (its commit alone behind
 * `gate`, so no reader sees half of it). Cheap when it is fresh.
 */
export async function refreshRollup(
  connection: DuckDBConnection,
  options: { gate?: CommitGate; minRows?: number } = {},
): Promise<RollupReport> {
  const started = performance.now();
  const minRows = options.minRows ?? rollupMinRows();
  // Nothing to change commits nothing: every commit through the gate moves the store's version, and with it every kept
  // answer (measured: a load's answer asked at once was kept, then dropped when this check committed after it).
  if (await nothingToRebuild(connection, minRows)) return { rebuilt: false, rows: 0, ms: 0 };
  return inTransaction(
    connection,
    async () => {
      if (await rollupIsFresh(connection)) return { rebuilt: false, rows: 0, ms: 0 };
      const last = Number((await connection.runAndReadAll(LAST_LOAD)).getRows()[0][0]);
      await connection.run('DELETE FROM observation_rollup');
      await connection.run('DELETE FROM observation_rollup_indicator');
      await connection.run('DELETE FROM observation_rollup_total');
      await connection.run('DELETE FROM unit_place_kept');
      await connection.run('DELETE FROM followup_entry_kept');
      await connection.run('DELETE FROM followup_year_kept');
      const observations = Number((await connection.runAndReadAll('SELECT count(*) FROM observation')).getRows()[0][0]);
      if (observations < minRows) {
        // Too small to need one: none, and the queries read the rows (a rollup of a larger store before is gone).
        await connection.run('UPDATE observation_rollup_state SET built_after = NULL, built_at = NULL, build_ms = NULL, built_with = NULL');
        return { rebuilt: false, rows: 0, ms: 0 };
      }
      for (const sql of [UNIT_PLACES, DEPTHS, OWN, TREE, INDICATORS, ENTRIES, TOTAL, YEARS]) await connection.run(sql);
      for (const table of ['rollup_depth', 'rollup_own']) await connection.run(`DROP TABLE ${table}`);
      const rows = Number((await connection.runAndReadAll('SELECT count(*) FROM observation_rollup')).getRows()[0][0]);
      const ms = Math.round(performance.now() - started);
      await connection.run(
        `UPDATE observation_rollup_state SET built_after = $last, built_at = current_localtimestamp(), build_ms = $ms, built_with = (${MACROS_HELD})`,
        { last, ms },
      );
      return { rebuilt: true, rows, ms };
    },
    { gate: options.gate },
  );
}
