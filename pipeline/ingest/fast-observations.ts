/**
 * @module fast-observations – the fast path for the big case: a clean UTF-8 utfall CSV goes straight from DuckDB's reader
 * (numbers typed natively, decimal comma) into `observation` inside the load's transaction, and the checks run on the
 * inserted rows. Anything irregular — a row the reader refuses, a NOT NULL violation from an unparseable period or sex, a failed
 * check — rolls the transaction back and returns null, and the staged path runs to say exactly what and where. The
 * fast path never accepts a file the staged path would refuse: it only skips work when there is nothing to report.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { quotedString, usedParams } from '../store/sql.js';
import { typedExpr } from './kinds/compile.js';
import { SEX, q } from './kinds/spec.js';
import { suppressionTokens } from './macros.js';
import type { CsvHeader } from './readers/csv.js';

const NATIVE_NUMBERS = new Set(['taljare', 'namnare', 'antal']);
const COLUMNS = ['indikator', 'period', 'enhet', 'kommun', 'kon', 'aldersgrupp', 'taljare', 'namnare', 'varde', 'antal', 'status'];
const BAD = "chr(0) || 'bad'";

/** Whether this header can take the fast path: utfall columns only, `;` or tab between fields (comma is the decimal). */
export function fastPathFits(header: CsvHeader): boolean {
  const known = new Set(COLUMNS);
  return header.delimiter !== ',' && header.normalised.every((c) => known.has(c)) && header.normalised.includes('indikator') && header.normalised.includes('period')
    && (header.normalised.includes('varde') || (header.normalised.includes('taljare') && header.normalised.includes('namnare')));
}

function insertSql(path: string, header: CsvHeader): string {
  const has = new Set(header.normalised);
  const col = (name: string) => (has.has(name) ? q(name) : NATIVE_NUMBERS.has(name) ? 'CAST(NULL AS DOUBLE)' : 'CAST(NULL AS VARCHAR)');
  const text = (name: string) => `CASE WHEN NOT nytta_blank(${col(name)}) THEN trim(${col(name)}) END`;
  const columns = header.normalised.map((name) => `${quotedString(name)}: '${NATIVE_NUMBERS.has(name) ? 'DOUBLE' : 'VARCHAR'}'`).join(', ');
  // Each cell is parsed once, in the inner projection; the outer one only combines.
  return `INSERT INTO observation
    SELECT indikator, p, nytta_period_start(p), nytta_grain(p), enhet, kommun, sex, aldersgrupp, taljare, namnare,
      CASE WHEN tok THEN NULL WHEN num IS NOT NULL THEN num WHEN namnare > 0 THEN taljare / namnare END,
      CAST(round(coalesce(antal, namnare)) AS BIGINT),
      CASE WHEN NOT blank AND NOT tok AND num IS NULL THEN ${BAD}
           WHEN tok THEN coalesce(status, trim(varde))
           WHEN num IS NULL AND NOT (namnare > 0 AND taljare IS NOT NULL) THEN coalesce(status, '..')
           ELSE status END,
      $load_id
    FROM (
      SELECT ${text('indikator')} AS indikator, nytta_period(${col('period')}) AS p,
        coalesce(${text('enhet')}, '') AS enhet, coalesce(${text('kommun')}, '') AS kommun,
        CASE ${col('kon')} WHEN 'K' THEN 'K' WHEN 'M' THEN 'M' WHEN 'T' THEN 'T'
          ELSE CASE WHEN nytta_blank(${col('kon')}) THEN 'T' ELSE ${typedExpr(SEX, col('kon'))} END END AS sex,
        coalesce(${text('aldersgrupp')}, '') AS aldersgrupp,
        ${col('taljare')} AS taljare, ${col('namnare')} AS namnare, ${col('antal')} AS antal,
        ${col('varde')} AS varde, nytta_num(${col('varde')}) AS num, list_contains($tokens, trim(${col('varde')})) AS tok,
        nytta_blank(${col('varde')}) AS blank, ${text('status')} AS status
      FROM read_csv(${quotedString(path)}, delim = ${quotedString(header.delimiter)}, quote = '"', escape = '"', header = false, skip = 1,
        columns = {${columns}}, auto_detect = false, strict_mode = true, null_padding = false, decimal_separator = ',')
    )`;
}

const KEY = 'indicator, period, unit, municipality, sex, age_group';

async function one(connection: DuckDBConnection, sql: string, values: Record<string, number>): Promise<number> {
  return Number((await connection.runAndReadAll(sql, values)).getRows()[0][0]);
}

/** Loads inside an open transaction; returns the rows written, or null when the staged path must take over. */
export async function insertObservationsFast(connection: DuckDBConnection, path: string, header: CsvHeader, loadId: number): Promise<number | null> {
  const sql = insertSql(path, header);
  try {
    await connection.run(sql, usedParams(sql, { load_id: loadId, tokens: suppressionTokens() }));
  } catch {
    // A malformed row, a number the reader cannot type, an unparseable period or sex (NOT NULL): the staged path names it.
    return null;
  }
  const id = { id: loadId };
  const rows = await one(connection, 'SELECT count(*) FROM observation WHERE load_id = $id', id);
  const bad = await one(
    connection,
    `SELECT count(*) FILTER (WHERE status = ${BAD} OR denominator < 0 OR numerator < 0 OR numerator > denominator OR n < 0) FROM observation WHERE load_id = $id`,
    id,
  );
  if (rows === 0 || bad > 0) return null;
  const unknown = await one(
    connection,
    `SELECT count(*) FROM (SELECT DISTINCT indicator, unit FROM observation WHERE load_id = $id) d
     WHERE d.indicator NOT IN (SELECT id FROM indicator) OR (d.unit <> '' AND d.unit NOT IN (SELECT id FROM org_unit))`,
    id,
  );
  if (unknown > 0) return null;
  // Distinct key hashes are far cheaper than grouping six text columns; a collision only sends the file to the staged
  // path, whose exact check then decides.
  const duplicates = await one(connection, `SELECT count(*) - count(DISTINCT hash(${KEY})) FROM observation WHERE load_id = $id`, id);
  if (duplicates > 0) return null;
  // A corrected export replaces earlier rows with the same key; a first load of these indicators skips the anti-join.
  const earlier = await one(
    connection,
    'SELECT count(*) FROM (SELECT 1 FROM observation WHERE load_id <> $id AND indicator IN (SELECT DISTINCT indicator FROM observation WHERE load_id = $id) LIMIT 1)',
    id,
  );
  if (earlier > 0) {
    await connection.run(
      `DELETE FROM observation o USING (SELECT DISTINCT ${KEY} FROM observation WHERE load_id = $id) n
       WHERE o.indicator = n.indicator AND o.period = n.period AND o.unit = n.unit AND o.municipality = n.municipality AND o.sex = n.sex AND o.age_group = n.age_group
         AND o.load_id <> $id`,
      id,
    );
  }
  return rows;
}
