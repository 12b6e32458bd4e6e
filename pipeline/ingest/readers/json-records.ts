/**
 * @module json-records – nested JSON flattened to rows by a mapping's array paths, e.g. `kpier[].kontext_serier[].tidsserie[]`.
 * Each row holds the scalar fields of the innermost object under their own names and those of its ancestors as
 * `segment.field` (`kpier.id`, `kontext_serier.namn`); a path's `set` fills fields its records lack.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../errors.js';
import { readJsonFile } from './json-file.js';
import { normaliseHeader } from './header.js';
import { appendRows, createStagingTable, defineStagingView, type Staged } from './staging.js';

export interface RecordPath {
  path: string;
  set?: Readonly<Record<string, string>>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Row = Map<string, string | null>;

function scalars(node: Json, prefix: string, into: Row): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (value === null) into.set(prefix + key, null);
    else if (typeof value !== 'object') into.set(prefix + key, String(value));
  }
}

function walk(node: Json, segments: readonly string[], inherited: Row, out: Row[], file: string, path: string): void {
  const [head, ...rest] = segments;
  const name = head.replace(/\[\]$/, '');
  if (node === null || typeof node !== 'object' || Array.isArray(node) || !(name in node)) {
    throw new UserError(`${file}: sökvägen "${path}" finns inte i JSON-filen (fältet "${name}" saknas).`, 'json_path_missing');
  }
  const child = node[name];
  const items = head.endsWith('[]') ? (Array.isArray(child) ? child : []) : [child];
  for (const item of items) {
    const row = new Map(inherited);
    scalars(item, rest.length ? `${name}.` : '', row);
    if (rest.length) walk(item, rest, row, out, file, path);
    else out.push(row);
  }
}

export async function stageJsonRecords(
  connection: DuckDBConnection,
  file: string,
  path: string,
  records: readonly RecordPath[],
): Promise<Staged> {
  const document = readJsonFile(file, path) as Json;
  const rows: Row[] = [];
  for (const record of records) {
    const found: Row[] = [];
    walk(document, record.path.split('.'), new Map(), found, file, record.path);
    for (const row of found) for (const [key, value] of Object.entries(record.set ?? {})) if (!row.has(key)) row.set(key, value);
    rows.push(...found);
  }
  const original = [...new Set(rows.flatMap((r) => [...r.keys()]))];
  if (original.length === 0) throw new UserError(`${file}: sökvägarna gav inga poster.`, 'json_no_records');
  const normalised = original.map(normaliseHeader);
  await createStagingTable(connection, normalised);
  await appendRows(
    connection,
    rows.map((r) => original.map((k) => r.get(k) ?? null)),
  );
  await defineStagingView(connection, normalised, 1);
  return { columns: normalised, originalColumns: original, readerRejects: [] };
}
