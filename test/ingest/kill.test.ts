import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { writeDemoFiles } from '../../pipeline/demo/generate.js';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { openStore } from '../../pipeline/store/open-store.js';
import { count, fingerprint, tempDir } from '../helpers/store.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');

describe('a load killed halfway', () => {
  it('leaves the previous data intact, and the store opens', async () => {
    const dir = tempDir();
    const db = join(dir, 'nytta.duckdb');
    const files = await writeDemoFiles(join(dir, 'export'), { rows: 1_500_000, seed: 7 });
    const byName = (name: string) => files.find((f) => f.endsWith(name))!;

    const store = await openStore(db);
    for (const name of ['organisation.csv', 'indikatorer.csv'])
      expect((await loadFile(store.connection, byName(name))).status).toBe('loaded');
    const before = await fingerprint(store.connection);
    store.close();

    const child = spawn(process.execPath, [BIN, 'ingest', '--db', db, '--verbose', byName('utfall.csv')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Kill inside the write transaction: after "skriver" is announced, before the commit of 1.5 M rows.
        if (stderr.includes('utfall.csv: skriver'))
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 150);
      });
    });
    expect(await exit).toBe('SIGKILL');

    const reopened = await openStore(db);
    try {
      expect(await fingerprint(reopened.connection)).toEqual(before);
      expect(await count(reopened.connection, 'SELECT count(*) FROM observation')).toBe(0);
      expect(await count(reopened.connection, "SELECT count(*) FROM load_log WHERE file_name = 'utfall.csv'")).toBe(0);
      // And the store still takes a load afterwards.
      const retry = await loadFile(reopened.connection, byName('malvarden.csv'));
      expect(retry.status).toBe('loaded');
    } finally {
      reopened.close();
    }
  });

  it('an undo killed halfway leaves the load in force and its history as it was', async () => {
    const dir = tempDir();
    const db = join(dir, 'nytta.duckdb');
    const files = await writeDemoFiles(join(dir, 'export'), { rows: 1_500_000, seed: 9 });
    const byName = (name: string) => files.find((f) => f.endsWith(name))!;
    const store = await openStore(db);
    for (const name of ['organisation.csv', 'indikatorer.csv']) await loadFile(store.connection, byName(name));
    const big = await loadFile(store.connection, byName('utfall.csv'));
    expect(big.status).toBe('loaded');
    const before = await fingerprint(store.connection);
    store.close();

    const child = spawn(process.execPath, [BIN, 'undo', String(big.loadId), '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Announced once the store is open; moving 1.5 M rows to history takes far longer than this.
        if (stderr.includes('Ångrar inläsning'))
          setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 100);
      });
    });
    expect(await exit).toBe('SIGKILL');

    const reopened = await openStore(db);
    try {
      expect(await fingerprint(reopened.connection)).toEqual(before);
      expect(await count(reopened.connection, "SELECT count(*) FROM load_log WHERE kind = 'ångra'")).toBe(0);
    } finally {
      reopened.close();
    }
  });
});
