/**
 * An unlucky operator's store: one written by a newer Nytta, and one with a damaged block. The first is refused with
 * both versions named; the second is found by `nytta check` and said plainly by the service.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildService } from '../../pipeline/service/start.js';
import { openStore } from '../../pipeline/store/open-store.js';
import { NAMED, namedCallersService, sendExport } from '../helpers/service.js';
import { fingerprint, tempDir, writeFixture } from '../helpers/store.js';

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

/** A demo store of `rows` observations, written by `nytta demo` and closed. */
function demoStore(rows = 4000): string {
  const db = join(tempDir(), 'nytta.duckdb');
  const made = nytta('demo', '--db', db, '--rows', String(rows));
  expect(made.status, made.stderr).toBe(0);
  return db;
}

/**
 * Flips four bytes inside a block that holds observation rows, where DuckDB's storage says the `indicator` column's
 * segment lies: after the file's three headers (4 KiB each), blocks of 256 KiB, each starting with its 8-byte checksum.
 */
async function flipObservationBlock(db: string): Promise<void> {
  const raw = await DuckDBInstance.create(db);
  const connection = await raw.connect();
  const [segment] = (
    await connection.runAndReadAll(
      "SELECT block_id, block_offset FROM pragma_storage_info('observation') WHERE persistent AND block_id >= 0 AND column_name = 'indicator' LIMIT 1",
    )
  ).getRowObjectsJS();
  const blockSize = Number((await connection.runAndReadAll('SELECT block_size FROM pragma_database_size()')).getRows()[0][0]);
  connection.closeSync();
  raw.closeSync();
  const at = 3 * 4096 + Number(segment.block_id) * blockSize + 8 + Number(segment.block_offset) + 16;
  const fd = openSync(db, 'r+');
  const bytes = Buffer.alloc(4);
  readSync(fd, bytes, 0, 4, at);
  for (let i = 0; i < 4; i++) bytes[i] ^= 0xff;
  writeSync(fd, bytes, 0, 4, at);
  closeSync(fd);
}

describe('nytta check', () => {
  it('says a whole store is whole and exits 0', () => {
    const db = demoStore();
    const checked = nytta('check', '--db', db);
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toMatch(/^Lagret .* är helt: \d+ tabeller, [\d\s]+ rader lästa block för block, varje kontrollsumma stämmer\./);
    expect(checked.stdout).toContain('Historiken håller');
  });

  it('finds a flipped block that no question has touched, exits 1; the service answers such a question with a 500 saying the store is damaged', async () => {
    const db = demoStore();
    const before = await openStore(db, { readOnly: true });
    const [indicator, unit] = (await before.connection.runAndReadAll('SELECT indicator, unit FROM observation LIMIT 1')).getRows()[0];
    before.close();
    await flipObservationBlock(db);
    const checked = nytta('check', '--db', db);
    expect(checked.status, checked.stderr).toBe(1);
    expect(checked.stdout).toContain('fel: Tabellen observation: ett block är skadat (dess kontrollsumma stämmer inte)');
    expect(checked.stdout).not.toMatch(/IO Error|Corrupt database|checksum \d/);

    const store = await openStore(db);
    try {
      const { app } = await buildService(store, { host: '127.0.0.1', port: 0, env: {} });
      const res = await app.request(`/api/v1/queries/observations?indicator=${indicator}&unit=${unit}`);
      const body = (await res.json()) as { detail: string };
      expect(res.status).toBe(500);
      expect(body.detail).toBe(
        'Lagret är skadat: ett block i databasfilen kan inte läsas (dess kontrollsumma stämmer inte). Stoppa tjänsten och kör "nytta check --db <lagrets fil>" för att se vad som är skadat; återställ sedan från en säkerhetskopia.',
      );
    } finally {
      store.close();
    }
  });

  it('names each broken promise of the history: a key twice in force, a replaced_by that is no later load, a row in force from an undone load', async () => {
    const db = demoStore(2000);
    const store = await openStore(db);
    const c = store.connection;
    await c.run('INSERT INTO observation SELECT * FROM observation LIMIT 3');
    await c.run('UPDATE indicator_history SET replaced_by = 0 WHERE true');
    await c.run('INSERT INTO indicator_history SELECT *, 999 AS replaced_by FROM indicator LIMIT 1');
    await c.run("UPDATE load_log SET undone_by = 999 WHERE kind = 'malvarden'");
    store.close();
    const checked = nytta('check', '--db', db);
    expect(checked.status, checked.stderr).toBe(1);
    expect(checked.stdout).toContain(
      'fel: Tabellen observation: 3 nycklar gäller två gånger (indicator, period, unit, municipality, sex, age_group).',
    );
    expect(checked.stdout).toContain(
      'fel: Tabellen indicator_history: 1 rader ersattes av en inläsning som inte finns eller inte är senare än raden (replaced_by).',
    );
    expect(checked.stdout).toMatch(/fel: Tabellen target: \d+ rader gäller fast inläsningen de kom från är ångrad eller avvisad\./);
  });
});

describe('a full disk', () => {
  /** The store's write-ahead log made a link to /dev/full, where every write fails with ENOSPC as on a full disk. */
  const fillDisk = (db: string) => symlinkSync('/dev/full', `${db}.wal`);

  it('the service answers a load that cannot be written with a 507 in Swedish, and the store is as it was', async () => {
    const { store, app } = await namedCallersService();
    try {
      expect((await sendExport(app, NAMED.controller, 'budget-1.csv', 'nyckeltal;varde;enhet\nbudget;1;mnkr\n')).status).toBe(200);
      // Written to the file itself, so the log starts anew: the next write opens it.
      await store.connection.run('CHECKPOINT');
      const before = await fingerprint(store.connection);
      fillDisk(store.path);
      // A new key: DuckDB 1.5 aborts the process when it reverts a failed commit that replaced a primary key's row.
      const res = await sendExport(app, NAMED.controller, 'budget-2.csv', 'nyckeltal;varde;enhet\ndriftbudget;2;mnkr\n');
      const body = (await res.json()) as { detail: string };
      expect(res.status).toBe(507);
      expect(body.detail).toBe('Disken är full; inget har ändrats. Frigör utrymme på disken där lagret ligger och försök igen.');
      expect(await fingerprint(store.connection)).toEqual(before);
    } finally {
      rmSync(`${store.path}.wal`, { force: true });
      try {
        store.close();
      } catch {
        // the log it holds open is the full one
      }
    }
  });

  it('nytta ingest says so and exits with its own code (5); the store is as it was', async () => {
    const db = demoStore(2000);
    const store = await openStore(db, { readOnly: true });
    const before = await fingerprint(store.connection);
    store.close();
    fillDisk(db);
    const file = writeFixture(tempDir(), 'budget.csv', 'nyckeltal;varde;enhet\nbudget;2;mnkr\n');
    const loaded = nytta('ingest', '--db', db, file);
    expect(loaded.stderr).toContain('Fel: disken är full; inget har ändrats. Frigör utrymme på disken där lagret ligger och försök igen.');
    expect(loaded.status).toBe(5);
    rmSync(`${db}.wal`);
    const after = await openStore(db, { readOnly: true });
    expect(await fingerprint(after.connection)).toEqual(before);
    after.close();
  });
});
