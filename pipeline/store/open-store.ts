/** @module open-store – opens the embedded DuckDB file, applies numbered migrations, turns lock errors into Swedish. */
import { inTransaction } from './transaction.js';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { installedMacrosHash, installMacros, macroFiles, macrosHash } from './query-macros.js';
import { ReaderPool } from './reader-pool.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The default store path: `NYTTA_DB` or `./data/nytta.duckdb`. */
export function defaultStorePath(): string {
  return process.env.NYTTA_DB ?? join('data', 'nytta.duckdb');
}

export interface Store {
  readonly path: string;
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
  /** Reader connections kept between questions (the service's); closed with the store. */
  readonly readers: ReaderPool;
  close(): void;
}

export interface OpenOptions {
  readOnly?: boolean;
  /** DuckDB memory limit, e.g. '1GB'; spills to disk beyond it. */
  memoryLimit?: string;
}

/** Opens (creating if needed) the store at `path` and brings its schema and query macros up to date. */
export async function openStore(path: string, options: OpenOptions = {}): Promise<Store> {
  const full = path === ':memory:' ? path : resolve(path);
  if (full !== ':memory:' && !options.readOnly) mkdirSync(dirname(full), { recursive: true });
  const config: Record<string, string> = {};
  if (options.readOnly) config.access_mode = 'READ_ONLY';
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(full, config);
  } catch (error) {
    throw translateOpenError(error, full);
  }
  const connection = await instance.connect();
  try {
    await refuseNewerStore(connection, full);
    if (!options.readOnly) {
      await migrate(connection);
      await installMacros(connection);
    } else await requireCurrentSchema(connection, full);
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
  const readers = new ReaderPool(instance);
  return {
    path: full,
    instance,
    connection,
    readers,
    close() {
      readers.close();
      connection.closeSync();
      instance.closeSync();
    },
  };
}

function translateOpenError(error: unknown, path: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(message)) {
    return new UserError(
      `Databasfilen ${path} är låst av en annan process (troligen en körande Nytta-tjänst). ` +
        `Lämna filen till tjänsten med --server URL (t.ex. --server http://127.0.0.1:3000), eller stoppa tjänsten först. ` +
        `(The store is locked by another process; use --server.)`,
      'store_locked',
    );
  }
  if (/not a valid DuckDB database|Corrupt|IO Error/i.test(message)) {
    return new UserError(`Databasfilen ${path} kunde inte öppnas: ${message}`, 'store_unreadable');
  }
  return error instanceof Error ? error : new Error(message);
}

function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort();
}

/** The newest migration this code has. */
export function codeSchemaVersion(): number {
  return Math.max(0, ...migrationFiles().map((f) => Number(f.slice(0, 3))));
}

/**
 * A store a newer Nytta has migrated holds tables and macros this code does not know, and would be served wrongly
 * without a word: it is refused before anything is written, naming both versions.
 */
async function refuseNewerStore(connection: DuckDBConnection, path: string): Promise<void> {
  let newest: number;
  try {
    newest = Number((await connection.runAndReadAll('SELECT coalesce(max(version), 0) FROM schema_migration')).getRows()[0][0]);
  } catch {
    return; // no schema_migration table: a new or empty store
  }
  const known = codeSchemaVersion();
  if (newest > known)
    throw new UserError(
      `Lagret ${path} är skrivet av en nyare version av Nytta (dess struktur har version ${newest}, den här versionen känner till version ${known}). Uppdatera Nytta innan du öppnar det; inget har ändrats.`,
      'store_newer',
    );
}

/** A reader cannot migrate; an older store opened read-only is refused with what to do. */
async function requireCurrentSchema(connection: DuckDBConnection, path: string): Promise<void> {
  let applied = new Set<number>();
  try {
    applied = new Set(
      (await connection.runAndReadAll('SELECT version FROM schema_migration')).getRowObjectsJS().map((r) => Number(r.version)),
    );
  } catch {
    // no schema_migration table: not a Nytta store yet
  }
  const pending = migrationFiles().filter((f) => !applied.has(Number(f.slice(0, 3))));
  if (pending.length) {
    throw new UserError(
      `Lagret ${path} har en äldre struktur (saknar ${pending.join(', ')}). Öppna det en gång med skrivrätt, t.ex. med "nytta serve" eller "nytta ingest", så uppgraderas det.`,
      'store_outdated',
    );
  }
  // The macros are created by whoever opens the store with write access; a reader can only use those it finds.
  if ((await installedMacrosHash(connection)) !== macrosHash(macroFiles()))
    throw new UserError(
      `Lagret ${path} har frågemakron från en annan version av Nytta. Öppna det en gång med skrivrätt, t.ex. med "nytta serve" eller "nytta ingest", så skapas de på nytt.`,
      'store_outdated',
    );
}

/**
 * Applies every `NNN_name.sql` in migrations/ not yet recorded, each in its own transaction; with `without`, all but
 * those versions (a store that lacks them, for the tests of what those migrations do to a store loaded before them).
 */
export async function migrate(connection: DuckDBConnection, options: { without?: readonly number[] } = {}): Promise<string[]> {
  await connection.run(
    'CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP DEFAULT current_timestamp)',
  );
  const applied = new Set(
    (await connection.runAndReadAll('SELECT version FROM schema_migration')).getRowObjectsJS().map((r) => Number(r.version)),
  );
  const done: string[] = [];
  for (const file of migrationFiles()) {
    const version = Number(file.slice(0, 3));
    if (applied.has(version) || options.without?.includes(version)) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
    await inTransaction(connection, async () => {
      await connection.run(sql);
      await connection.run('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [version, file]);
    });
    done.push(file);
  }
  return done;
}
