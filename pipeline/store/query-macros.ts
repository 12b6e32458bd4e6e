/**
 * @module query-macros – the SQL macros and views the named queries share, from `queries/macros/*.sql`, created with
 * CREATE OR REPLACE at every open with write access, in the files' order (each file uses only those before it). The
 * store records a hash of the definitions it holds, so a store opened read-only can be refused when its macros are not
 * this code's, and the rollup, whose kept tables those macros computed, is fresh only while they stay the same.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inTransaction } from './transaction.js';

export const MACROS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'queries', 'macros');

export interface MacroFile {
  name: string;
  sql: string;
}

/** The macro files in the order they are created: by name (`01_…`, `02_…`). */
export function macroFiles(dir = MACROS_DIR): MacroFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/** One hash of every file's name and text: any change to a definition, a comment included, makes another. */
export function macrosHash(files: readonly MacroFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.name}\u0000${f.sql}\u0000`);
  return hash.digest('hex');
}

export class MacroFileError extends Error {}

/** Creates (or replaces) every macro and view, in one transaction, and records their hash. */
export async function installMacros(connection: DuckDBConnection, dir = MACROS_DIR): Promise<string> {
  const files = macroFiles(dir);
  const hash = macrosHash(files);
  await inTransaction(connection, async () => {
    for (const file of files) {
      try {
        await connection.run(file.sql);
      } catch (error) {
        throw new MacroFileError(`queries/macros/${file.name}: makrona kan inte skapas: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    await connection.run('DELETE FROM query_macros');
    await connection.run('INSERT INTO query_macros VALUES ($hash, current_localtimestamp())', { hash });
  });
  return hash;
}

/** The hash of the macros the store holds (null before any were created). */
export async function installedMacrosHash(connection: DuckDBConnection): Promise<string | null> {
  const rows = (await connection.runAndReadAll('SELECT max(hash) FROM query_macros')).getRows();
  return (rows[0]?.[0] as string | null) ?? null;
}
