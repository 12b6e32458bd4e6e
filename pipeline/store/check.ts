/**
 * @module check – is the store whole? Every block of every table is read (DuckDB verifies each block's checksum as it
 * reads it, so a flipped byte is found here rather than by the one question that happens to touch it), and the history
 * keeps its promises: no key twice in force, every `replaced_by` a real later load, no row in force from a load that
 * was undone or refused.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { historyOf, VERSIONED_TABLES } from './history.js';
import { quotedIdentifier as q } from './sql.js';

/** Observations have no primary key (it would cost the fast path its speed); this is the key a load replaces by. */
const OBSERVATION_KEY = ['indicator', 'period', 'unit', 'municipality', 'sex', 'age_group'];

export interface CheckReport {
  tables: number;
  rows: number;
  /** Each problem found, in Swedish; none means the store is whole. */
  problems: string[];
}

/** Whether an error is DuckDB finding a damaged block (a checksum that does not match, or a file it cannot read as its own). */
export function isCorruption(error: unknown): boolean {
  return /Corrupt database file|checksum|not a valid DuckDB database/i.test(error instanceof Error ? error.message : String(error));
}

const count = async (connection: DuckDBConnection, sql: string) => Number((await connection.runAndReadAll(sql)).getRows()[0][0]);

export async function checkStore(connection: DuckDBConnection): Promise<CheckReport> {
  const report: CheckReport = { tables: 0, rows: 0, problems: [] };
  const tables = (
    await connection.runAndReadAll(
      "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name",
    )
  ).getRows();
  for (const [name] of tables) {
    report.tables++;
    try {
      // Folding every whole row's hash reads every column of every row group: every block the table has. (A count of
      // the hashes alone is not enough: DuckDB drops the unused projection and counts from metadata.)
      const [rows] = (await connection.runAndReadAll(`SELECT count(*), bit_xor(hash(t)) FROM ${q(String(name))} t`)).getRows()[0];
      report.rows += Number(rows);
    } catch (error) {
      report.problems.push(
        isCorruption(error)
          ? `Tabellen ${name}: ett block är skadat (dess kontrollsumma stämmer inte), så tabellen kan inte läsas hel.`
          : `Tabellen ${name} kunde inte läsas.`,
      );
    }
  }
  if (report.problems.length) return report; // history cannot be judged on tables that cannot be read
  const keys = await primaryKeys(connection);
  for (const { name } of VERSIONED_TABLES) {
    const key = name === 'observation' ? OBSERVATION_KEY : keys.get(name);
    if (key?.length) {
      const twice = await count(
        connection,
        `SELECT count(*) FROM (SELECT 1 FROM ${name} GROUP BY ${key.map(q).join(', ')} HAVING count(*) > 1)`,
      );
      if (twice) report.problems.push(`Tabellen ${name}: ${twice} nycklar gäller två gånger (${key.join(', ')}).`);
    }
    const badReplacement = await count(
      connection,
      `SELECT count(*) FROM ${historyOf(name)} h
        WHERE h.replaced_by IS NULL OR h.replaced_by <= h.load_id
           OR h.replaced_by NOT IN (SELECT load_id FROM load_log WHERE status = 'loaded')`,
    );
    if (badReplacement)
      report.problems.push(
        `Tabellen ${historyOf(name)}: ${badReplacement} rader ersattes av en inläsning som inte finns eller inte är senare än raden (replaced_by).`,
      );
    const fromUndone = await count(
      connection,
      `SELECT count(*) FROM ${name} WHERE load_id IN (SELECT load_id FROM load_log WHERE undone_by IS NOT NULL OR status <> 'loaded')`,
    );
    if (fromUndone)
      report.problems.push(`Tabellen ${name}: ${fromUndone} rader gäller fast inläsningen de kom från är ångrad eller avvisad.`);
  }
  return report;
}

/** Each table's primary key columns, as the catalog has them. */
async function primaryKeys(connection: DuckDBConnection): Promise<Map<string, string[]>> {
  const rows = (
    await connection.runAndReadAll(
      `SELECT table_name, constraint_column_names FROM duckdb_constraints()
        WHERE constraint_type = 'PRIMARY KEY' AND database_name = current_database() AND schema_name = 'main'`,
    )
  ).getRowObjectsJS();
  return new Map(rows.map((r) => [String(r.table_name), (r.constraint_column_names as unknown[]).map(String)]));
}
