import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { writeDemoFiles } from '../../pipeline/demo/generate.js';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { openStore } from '../../pipeline/store/open-store.js';
import { count, fingerprint, tempDir } from '../helpers/store.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');

/** Runs `nytta ARGS`, and kills it (SIGKILL) `delayMs` after its stderr says `marker`; resolves with the signal it died of. */
async function killAfter(args: string[], marker: string, delayMs: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.includes(marker)) setTimeout(() => child.kill('SIGKILL'), delayMs);
  });
  return exit;
}

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

    // Kill inside the write transaction: after "skriver" is announced, before the commit of 1.5 M rows.
    expect(await killAfter(['ingest', '--db', db, '--verbose', byName('utfall.csv')], 'utfall.csv: skriver', 150)).toBe('SIGKILL');

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

    // Announced once the store is open; moving 1.5 M rows to history takes far longer than this.
    expect(await killAfter(['undo', String(big.loadId), '--db', db], 'Ångrar inläsning', 100)).toBe('SIGKILL');

    const reopened = await openStore(db);
    try {
      expect(await fingerprint(reopened.connection)).toEqual(before);
      expect(await count(reopened.connection, "SELECT count(*) FROM load_log WHERE kind = 'ångra'")).toBe(0);
    } finally {
      reopened.close();
    }
  });
});
