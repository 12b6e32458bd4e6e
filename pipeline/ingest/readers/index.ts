/** @module readers – picks the reader from the file's first bytes and extension. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { stageCsv, type CsvOptions } from './csv.js';
import { stageJsonRecords, type RecordPath } from './json-records.js';
import { stageKoladaJson } from './kolada-json.js';
import { stageParquet } from './parquet.js';
import type { Staged } from './staging.js';
import { stageXlsx, type XlsxLimits } from './xlsx.js';

export type FileFormat = 'csv' | 'parquet' | 'xlsx' | 'json';

export function detectFormat(path: string): FileFormat {
  const fd = openSync(path, 'r');
  const head = Buffer.alloc(8);
  const read = readSync(fd, head, 0, 8, 0);
  closeSync(fd);
  const magic = head.subarray(0, read);
  if (magic.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (magic[0] === 0x50 && magic[1] === 0x4b) return 'xlsx';
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return 'json';
  const first = magic
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()[0];
  if (ext !== '.csv' && ext !== '.tsv' && ext !== '.txt' && (first === '{' || first === '[')) return 'json';
  return 'csv';
}

export interface ReadOptions extends CsvOptions {
  sheet?: string;
  /** A mapping's JSON record paths; without them JSON is read as Kolada's value format. */
  jsonRecords?: readonly RecordPath[];
  /** How much an .xlsx may unpack to, and its rows and cells (the defaults unless the service's settings say). */
  xlsx?: XlsxLimits;
}

export async function stageFile(connection: DuckDBConnection, file: string, path: string, options: ReadOptions = {}): Promise<Staged> {
  switch (detectFormat(path)) {
    case 'parquet':
      return stageParquet(connection, file, path);
    case 'xlsx':
      return stageXlsx(connection, file, path, options.sheet, options.xlsx);
    case 'json':
      return options.jsonRecords ? stageJsonRecords(connection, file, path, options.jsonRecords) : stageKoladaJson(connection, file, path);
    case 'csv':
      return stageCsv(connection, file, path, options);
  }
}
