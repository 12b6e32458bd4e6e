/**
 * An unlucky operator's store: one written by a newer Nytta, and one with a damaged block. The first is refused with
 * both versions named; the second is found by `nytta check` and said plainly by the service.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../pipeline/store/open-store.js';
import { tempDir } from '../helpers/store.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');
const nytta = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('a store from a newer Nytta', () => {
  it('is refused on open, read-only too, naming its version and the code’s; nothing is changed', async () => {
    const db = join(tempDir(), 'nytta.duckdb');
    const store = await openStore(db);
    const newest = Number((await store.connection.runAndReadAll('SELECT max(version) FROM schema_migration')).getRows()[0][0]);
    await store.connection.run("INSERT INTO schema_migration (version, name) VALUES (999, '999_from_the_future.sql')");
    store.close();
    const message = `Lagret ${db} är skrivet av en nyare version av Nytta (dess struktur har version 999, den här versionen känner till version ${newest}). Uppdatera Nytta innan du öppnar det; inget har ändrats.`;
    for (const readOnly of [false, true]) await expect(openStore(db, { readOnly })).rejects.toThrow(message);
    const served = nytta('serve', '--db', db, '--port', '0', '--no-demo');
    expect(served.status).toBe(2);
    expect(served.stderr).toContain('är skrivet av en nyare version av Nytta (dess struktur har version 999');
    // The file as it was: the same migrations recorded, none applied or removed.
    const raw = await DuckDBInstance.create(db);
    const connection = await raw.connect();
    const versions = (await connection.runAndReadAll('SELECT list(version ORDER BY version) FROM schema_migration')).getRows()[0][0];
    expect(String(versions)).toBe(`[${[...Array.from({ length: newest }, (_, i) => i + 1), 999].join(', ')}]`);
    connection.closeSync();
    raw.closeSync();
  });
});
