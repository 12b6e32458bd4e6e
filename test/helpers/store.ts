/** Test helpers: a fresh store in a temp folder, and a fingerprint of every data table to prove "unchanged". */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openStore, type Store } from '../../pipeline/store/open-store.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const MAPPINGS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pipeline', 'mappings');

/** The files of test/fixtures/mixed (places that publish only parts beside places that publish totals), in load order. */
export const MIXED_FILES = [
  'program.csv',
  'organisation.csv',
  'effektmal.csv',
  'nyttor.csv',
  'indikatorer.csv',
  'utfall-ar.csv',
  'utfall-manad.csv',
  'utfall-besok.csv',
] as const;

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nytta-test-'));
}

export async function tempStore(): Promise<Store & { dir: string }> {
  const dir = tempDir();
  const store = await openStore(join(dir, 'nytta.duckdb'));
  return Object.assign(store, { dir });
}

/** Tables holding data (the load log and rejects record attempts, so they are left out). */
export const DATA_TABLES = [
  'program',
  'effect_goal',
  'benefit',
  'indicator',
  'org_unit',
  'observation',
  'target',
  'business_case_line',
  'risk',
  'risk_assessment',
  'key_figure',
  'milestone',
  'benefit_status',
  'lesson',
  'approval',
] as const;

/** Row count and an order-independent hash of each data table's content. */
export async function fingerprint(connection: DuckDBConnection): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  // History too: a failed load or undo must not touch what earlier loads replaced.
  for (const table of [...DATA_TABLES, ...DATA_TABLES.map((t) => `${t}_history`)]) {
    const rows = (await connection.runAndReadAll(`SELECT count(*) || ':' || coalesce(sum(hash(t)), 0) FROM ${table} t`)).getRows();
    result[table] = String(rows[0][0]);
  }
  return result;
}

export async function rows(
  connection: DuckDBConnection,
  sql: string,
  values?: Record<string, string | number>,
): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql, values)).getRowObjectsJS() as Record<string, unknown>[];
}

export async function count(connection: DuckDBConnection, sql: string): Promise<number> {
  return Number((await connection.runAndReadAll(sql)).getRows()[0][0]);
}

/** Writes `content` (text as UTF-8, or bytes as they are) to a new file in `dir`. */
export function writeFixture(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
