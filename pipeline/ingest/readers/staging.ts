/** @module staging – every reader ends in the same place: temp table `stg_raw` (text columns) and view `stg` with `line`. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../errors.js';
import { quotedIdentifier as q } from '../../store/sql.js';

export interface Staged {
  /** Normalised column names in file order. */
  readonly columns: readonly string[];
  /** As written in the file, for messages. */
  readonly originalColumns: readonly string[];
  /** Problems the reader itself found (ragged rows, bad quotes), as reject rows. */
  readonly readerRejects: readonly RejectRow[];
}

export interface RejectRow {
  readonly line: number | null;
  readonly column: string | null;
  readonly value: string | null;
  readonly reason: string;
}

/** Refuses headers that are empty or repeated after normalisation. */
export function checkHeader(file: string, normalised: readonly string[], original: readonly string[]): void {
  const seen = new Map<string, number>();
  normalised.forEach((name, i) => {
    if (name === '') throw new UserError(`${file}: kolumn ${i + 1} i rubrikraden saknar namn.`, 'header_empty');
    const before = seen.get(name);
    if (before !== undefined) {
      throw new UserError(
        `${file}: kolumnen "${original[i]}" förekommer två gånger i rubrikraden (kolumn ${before + 1} och ${i + 1}).`,
        'header_duplicate',
      );
    }
    seen.set(name, i);
  });
}

/** Defines `stg` over `stg_raw`: the physical line number is rowid + `firstLine`. */
export async function defineStagingView(connection: DuckDBConnection, columns: readonly string[], firstLine: number): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW stg AS SELECT CAST(rowid AS BIGINT) + ${Number(firstLine)} AS line, ${columns.map(q).join(', ')} FROM stg_raw`,
  );
}

/** Creates `stg_raw` with the given text columns, for readers that append rows from JS. */
export async function createStagingTable(connection: DuckDBConnection, columns: readonly string[]): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE stg_raw (${columns.map((c) => `${q(c)} VARCHAR`).join(', ')})`);
}

/** Appends rows of text (null for empty) to `stg_raw`. */
export async function appendRows(connection: DuckDBConnection, rows: Iterable<readonly (string | null)[]>): Promise<number> {
  const appender = await connection.createAppender('stg_raw', 'main', 'temp');
  let count = 0;
  try {
    for (const row of rows) {
      for (const cell of row) {
        if (cell === null) appender.appendNull();
        else appender.appendVarchar(cell);
      }
      appender.endRow();
      count++;
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return count;
}
