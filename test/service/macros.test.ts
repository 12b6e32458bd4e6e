/**
 * The query macros live in queries/macros/, not in migrations: created at every open with write access, the old
 * definitions dropped by migration 016, and none created by a migration after it. A store opened read-only must hold
 * this code's macros.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { migrate, openStore } from '../../pipeline/store/open-store.js';
import { installedMacrosHash, macroFiles, macrosHash } from '../../pipeline/store/query-macros.js';
import { tempDir } from '../helpers/store.js';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pipeline', 'store', 'migrations');

/** Query logic: a macro, a view or a function, however it is written. */
const QUERY_LOGIC = /\bCREATE\s+(OR\s+REPLACE\s+)?(TEMP(ORARY)?\s+)?(MACRO|VIEW|FUNCTION)\b/i;

/** The macros and views a connection sees, with their definitions. */
async function definitions(path: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  try {
    const rows = await c.runAndReadAll(
      `SELECT function_name || ':' || coalesce(macro_definition, '') FROM duckdb_functions() WHERE NOT internal AND function_type LIKE '%macro%'
       UNION ALL SELECT view_name || ':' || sql FROM duckdb_views() WHERE NOT internal ORDER BY 1`,
    );
    return rows.getRows().map((r) => String(r[0]));
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

describe('query macros', () => {
  it('no migration after 016 creates a macro, a view or a function', () => {
    const later = readdirSync(MIGRATIONS).filter((f) => /^\d{3}_/.test(f) && Number(f.slice(0, 3)) > 16);
    for (const file of later) {
      // Comments say what they like; only statements count.
      const sql = readFileSync(join(MIGRATIONS, file), 'utf8').replace(/--.*$/gm, '');
      expect(sql, file).not.toMatch(QUERY_LOGIC);
    }
    // The pattern finds what it is meant to find.
    expect('create or replace macro x() AS 1').toMatch(QUERY_LOGIC);
    expect('CREATE VIEW v AS SELECT 1').toMatch(QUERY_LOGIC);
    expect('CREATE TABLE t (a INT)').not.toMatch(QUERY_LOGIC);
  });

  it('a store migrated before 016 ends up with exactly the definitions a new store gets', async () => {
    const dir = tempDir();
    const fresh = await openStore(join(dir, 'new.duckdb'));
    fresh.close();
    // Migrated by the code before 016 (its migrations created the macros), then opened by today's.
    const oldPath = join(dir, 'old.duckdb');
    const instance = await DuckDBInstance.create(oldPath);
    const c = await instance.connect();
    await migrate(c, { without: [16] });
    c.closeSync();
    instance.closeSync();
    (await openStore(oldPath)).close();
    const expected = await definitions(join(dir, 'new.duckdb'));
    expect(expected.length).toBeGreaterThan(30);
    expect(await definitions(oldPath)).toEqual(expected);
  });

  it('are created at every open with write access, and a store opened read-only must already hold them', async () => {
    const path = join(tempDir(), 'nytta.duckdb');
    const store = await openStore(path);
    expect(await installedMacrosHash(store.connection)).toBe(macrosHash(macroFiles()));
    // As if the macros had been created by another version of Nytta.
    await store.connection.run("UPDATE query_macros SET hash = 'another version'");
    store.close();
    await expect(openStore(path, { readOnly: true })).rejects.toThrow(/frågemakron från en annan version av Nytta.*skrivrätt/);
    (await openStore(path)).close();
    const reader = await openStore(path, { readOnly: true });
    try {
      expect(await installedMacrosHash(reader.connection)).toBe(macrosHash(macroFiles()));
      expect((await reader.connection.runAndReadAll("SELECT period_first_day('2024-03')")).getRows()[0][0]?.toString()).toBe('2024-03-01');
    } finally {
      reader.close();
    }
  });
});
