/** @module csv – CSV/TSV exports read by DuckDB's own reader, every cell as text; encoding and delimiter sniffed first. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { closeSync, openSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { UserError } from '../../errors.js';
import { quotedString } from '../../store/sql.js';
import { isUtf8File, transcodeToUtf8 } from './encoding.js';
import { checkHeader, defineStagingView, type RejectRow, type Staged } from './staging.js';
import { detectDelimiter, normaliseHeader, splitLine } from './header.js';

const PEEK_BYTES = 64 * 1024;

function peek(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(PEEK_BYTES);
    const read = readSync(fd, buffer, 0, PEEK_BYTES, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export interface CsvOptions {
  delimiter?: string;
  /** 'utf-8' | 'windows-1252'; detected when absent. */
  encoding?: string;
}

export interface CsvHeader {
  delimiter: string;
  original: string[];
  normalised: string[];
}

/** Reads and splits the header line of a UTF-8 file. */
export function readCsvHeader(file: string, path: string, options: CsvOptions = {}): CsvHeader {
  const head = peek(path);
  if (head.length === 0) throw new UserError(`${file}: filen är tom.`, 'file_empty');
  if (head.includes(0)) {
    throw new UserError(
      `${file}: filen är inte en textfil (CSV) – den innehåller binära data. Exportera som CSV, XLSX, Parquet eller JSON.`,
      'not_csv',
    );
  }
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.trim() === '') throw new UserError(`${file}: rubrikraden (rad 1) är tom.`, 'header_missing');
  const delimiter = options.delimiter ?? detectDelimiter(firstLine);
  const original = splitLine(firstLine, delimiter).map((c) => c.trim());
  const normalised = original.map(normaliseHeader);
  checkHeader(file, normalised, original);
  return { delimiter, original, normalised };
}

const REJECT_REASONS: Record<string, string> = {
  'MISSING COLUMNS': 'för få kolumner på raden (är filen avkortad, eller fel avgränsare?)',
  'TOO MANY COLUMNS': 'för många kolumner på raden (fel avgränsare, eller ett värde med avgränsaren som saknar citattecken?)',
  'UNQUOTED VALUE': 'citattecken som inte avslutas',
  'INVALID ENCODING': 'ogiltig teckenkodning',
  'LINE SIZE OVER MAXIMUM': 'raden är för lång',
};

/** Stages a CSV file. Non-UTF-8 input is transcoded to a temporary UTF-8 copy first. */
export async function stageCsv(connection: DuckDBConnection, file: string, path: string, options: CsvOptions = {}): Promise<Staged> {
  let source = path;
  let temporary: string | undefined;
  const utf8 = options.encoding ? /utf-?8/i.test(options.encoding) : await isUtf8File(path);
  try {
    if (!utf8) {
      // Inside the try: a transcoding cut short (a full disk) must not leave its part behind.
      temporary = join(tmpdir(), `nytta-${randomUUID()}-${basename(path)}.utf8.csv`);
      await transcodeToUtf8(path, temporary);
      source = temporary;
    }
    const header = readCsvHeader(file, source, options);
    const columns = header.normalised.map((name) => `${quotedString(name)}: 'VARCHAR'`).join(', ');
    await connection.run('DROP TABLE IF EXISTS nytta_rejects');
    await connection.run('DROP TABLE IF EXISTS nytta_reject_scans');
    // header=false + skip=1: our own header parsing names the columns; every cell stays text until SQL validates it.
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE stg_raw AS SELECT * FROM read_csv(${quotedString(source)},
         delim = ${quotedString(header.delimiter)}, quote = '"', escape = '"', header = false, skip = 1,
         columns = {${columns}}, auto_detect = false, strict_mode = true, null_padding = false,
         store_rejects = true, rejects_table = 'nytta_rejects', rejects_scan = 'nytta_reject_scans', rejects_limit = 1000)`,
    );
    const rejects = (
      await connection.runAndReadAll(
        // DuckDB reports a short row once per missing column: one error per line and kind is enough.
        `SELECT line, any_value(csv_line) AS csv_line, error_type, any_value(error_message) AS error_message
         FROM nytta_rejects GROUP BY line, error_type ORDER BY line LIMIT 1000`,
      )
    ).getRowObjectsJS();
    const readerRejects: RejectRow[] = rejects.map((r) => ({
      line: Number(r.line),
      column: null,
      value: String(r.csv_line ?? '').slice(0, 200),
      reason: REJECT_REASONS[String(r.error_type)] ?? String(r.error_message),
    }));
    await defineStagingView(connection, header.normalised, 2);
    return { columns: header.normalised, originalColumns: header.original, readerRejects };
  } finally {
    if (temporary) rmSync(temporary, { force: true });
  }
}
