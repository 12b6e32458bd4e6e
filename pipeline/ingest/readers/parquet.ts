/** @module parquet – Parquet exports, each column cast to text so the same SQL checks apply. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../errors.js';
import { quotedIdentifier as q, quotedString } from '../../store/sql.js';
import { normaliseHeader } from './header.js';
import { checkHeader, defineStagingView, type Staged } from './staging.js';

export async function stageParquet(connection: DuckDBConnection, file: string, path: string): Promise<Staged> {
  let original: string[];
  try {
    original = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quotedString(path)})`))
      .getRowObjectsJS()
      .map((r) => String(r.column_name));
  } catch {
    // DuckDB's own words name the server's temporary path: the caller is told what is wrong with the file instead.
    throw new UserError(
      `${file}: kunde inte läsas som Parquet: filen är skadad, avkortad eller inte en Parquet-fil. Exportera den igen.`,
      'parquet_unreadable',
    );
  }
  const normalised = original.map(normaliseHeader);
  checkHeader(file, normalised, original);
  const select = original.map((name, i) => `CAST(${q(name)} AS VARCHAR) AS ${q(normalised[i])}`).join(', ');
  await connection.run(`CREATE OR REPLACE TEMP TABLE stg_raw AS SELECT ${select} FROM read_parquet(${quotedString(path)})`).catch(() => {
    throw new UserError(
      `${file}: kunde inte läsas som Parquet: en del av filens data är skadad. Exportera den igen.`,
      'parquet_unreadable',
    );
  });
  await defineStagingView(connection, normalised, 1);
  return { columns: normalised, originalColumns: original, readerRejects: [] };
}
