import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { count, FIXTURES, writeFixture } from '../helpers/store.js';
import { startTestService, TOKENS, type TestService } from '../helpers/service.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');

/** Runs the CLI asynchronously, so the in-process service can answer it. */
function nytta(...args: string[]): Promise<{ status: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NYTTA_TOKEN: '' } });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr }));
  });
}

let s: TestService;
beforeAll(async () => {
  s = await startTestService({ rows: 1000 });
}, 120_000);
afterAll(() => s?.close());

describe('the CLI against a running service', () => {
  it('nytta ingest --server hands the file to the service, which owns the store', async () => {
    const file = writeFixture(s.store.dir, 'nyckeltal-2026.csv', 'nyckeltal;varde;enhet\ndriftkostnad_2026;360;mnkr\n');
    const result = await nytta('ingest', '--server', s.base, '--token', TOKENS.controller, file);
    expect(result.stderr).toBe('');
    expect(result.stdout.toString()).toContain('nyckeltal-2026.csv: inläst som nyckeltal – 1 rader lästa, 1 godkända, 0 avvisade');
    expect(result.status).toBe(0);
    expect(await count(s.store.connection, "SELECT count(*) FROM key_figure WHERE name = 'driftkostnad_2026'")).toBe(1);
  });

  it('a refused file over --server reports like a local one and exits 1', async () => {
    const file = writeFixture(s.store.dir, 'fel-2026.csv', 'nyckeltal;varde\ndrift;många\n');
    const result = await nytta('ingest', '--server', s.base, '--token', TOKENS.controller, file);
    expect(result.status).toBe(1);
    expect(result.stdout.toString()).toContain('fel-2026.csv, rad 2, kolumn varde: "många" är inte ett tal');
  });

  it('a reader token may not ingest: the Swedish 403 reaches the terminal', async () => {
    const result = await nytta('ingest', '--server', s.base, '--token', TOKENS.reader, join(FIXTURES, 'seed', 'ekonomi-fvm.csv'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Tjänsten svarade 403: Rollen reader räcker inte: det här kräver controller.');
  });

  it('nytta query --server gives JSON, CSV with decimal comma, and Arrow', async () => {
    const args = ['query', 'load_log', '--server', s.base, '--token', TOKENS.reader, '--param', 'limit=2'];
    const asJson = JSON.parse((await nytta(...args)).stdout.toString()) as { rows: { file_name: string }[] };
    expect(asJson.rows).toHaveLength(2);
    const csv = (
      await nytta('query', 'catalogue_indicators', '--server', s.base, '--token', TOKENS.reader, '--format', 'csv')
    ).stdout.toString();
    expect(csv.split('\r\n')[0]).toBe('\uFEFFid;name;unit;direction;frequency;benefits;source;min_count');
    const arrow = await nytta(...args, '--format', 'arrow');
    expect(tableFromIPC(new Uint8Array(arrow.stdout)).numRows).toBe(2);
  });

  it('nytta query on a store file of its own, with the same validation', async () => {
    const dir = s.store.dir;
    const db = join(dir, 'local.duckdb');
    expect((await nytta('ingest', '--db', db, join(FIXTURES, 'seed', 'riskanalys-fvm-2021.csv'))).status).toBe(0);
    const matrix = JSON.parse((await nytta('query', 'risk_matrix', '--db', db)).stdout.toString()) as { rows: { count: number }[] };
    expect(matrix.rows.reduce((sum, r) => sum + r.count, 0)).toBe(31);
    const bad = await nytta('query', 'risk_register', '--db', db, '--param', 'assessed=igår');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('Fel: parametern "assessed" ska vara ett datum ÅÅÅÅ-MM-DD\n');
  });

  it('an unreachable service is named, with a hint', async () => {
    const result = await nytta('query', 'load_log', '--server', 'http://127.0.0.1:9');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Tjänsten på http://127.0.0.1:9 svarar inte');
  });
});
