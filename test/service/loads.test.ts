/** Loads as a resource: `GET /api/v1/loads` and `GET /api/v1/loads/{id}`, with who made each load. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDetailResponse, loadsResponse } from '../../pipeline/contracts/index.js';
import { NAMED, namedCallersService } from '../helpers/service.js';
import { openStore } from '../../pipeline/store/open-store.js';
import { FIXTURES } from '../helpers/store.js';

const CONTROLLER = NAMED.controller;
const READER = NAMED.reader;
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');

let store: Awaited<ReturnType<typeof namedCallersService>>['store'];
let app: Awaited<ReturnType<typeof namedCallersService>>['app'];
beforeAll(async () => {
  ({ store, app } = await namedCallersService());
});
afterAll(() => store?.close());

async function send(name: string, content: string) {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  return app.request('/api/v1/ingest', { method: 'POST', body: form, headers: { authorization: `Bearer ${CONTROLLER}` } });
}
const read = async (path: string) => {
  const res = await app.request(path, { headers: { authorization: `Bearer ${READER}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('loads', () => {
  it('lists every load, newest first, with file, status, rows and who made it', async () => {
    expect((await send('nyckeltal.csv', readFileSync(join(FIXTURES, 'audit', 'nyckeltal.csv'), 'utf8'))).status).toBe(200);
    expect((await send('fel.csv', 'nyckeltal;varde;enhet\ninvesteringsbudget;tre;mnkr\n')).status).toBe(422);
    const { status, body } = await read('/api/v1/loads');
    expect(status).toBe(200);
    const { loads } = loadsResponse.parse(body);
    expect(loads.map((l) => [l.file, l.status, l.kind, l.rowsRead, l.rowsAccepted, l.rowsRejected, l.loadedBy])).toEqual([
      ['fel.csv', 'refused', 'nyckeltal', 1, 0, 1, 'Karin Controller'],
      ['nyckeltal.csv', 'loaded', 'nyckeltal', 2, 2, 0, 'Karin Controller'],
    ]);
    expect(loads[1].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('one load with the errors its refusal kept, by row and column; an unknown id is a 404, a bad one a 400', async () => {
    const { body: list } = await read('/api/v1/loads');
    const refused = loadsResponse.parse(list).loads.find((l) => l.status === 'refused')!;
    const { status, body } = await read(`/api/v1/loads/${refused.id}`);
    expect(status).toBe(200);
    const detail = loadDetailResponse.parse(body);
    // The reader is told where and why; the cell as the export wrote it is for those who may load.
    expect(detail.errors).toEqual([{ line: 2, column: 'varde', value: null, reason: expect.stringContaining('inte ett tal') }]);
    const asController = await app.request(`/api/v1/loads/${refused.id}`, { headers: { authorization: `Bearer ${CONTROLLER}` } });
    expect(loadDetailResponse.parse(await asController.json()).errors[0].value).toBe('tre');
    const unknown = await read('/api/v1/loads/999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('Det finns ingen inläsning med id 999999. Se /api/v1/loads.');
    const bad = await read('/api/v1/loads/tolv');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('"tolv" är inget inläsnings-id');
  });

  it('nytta ingest records the user who ran it', async () => {
    const dir = join(store.dir, 'cli');
    const db = join(dir, 'cli.duckdb');
    spawnSync('mkdir', ['-p', dir]);
    const file = join(dir, 'nyckeltal.csv');
    writeFileSync(file, readFileSync(join(FIXTURES, 'audit', 'nyckeltal.csv')));
    const run = spawnSync(process.execPath, [BIN, 'ingest', file, '--db', db], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const own = await openStore(db, { readOnly: true });
    try {
      const rows = (await own.connection.runAndReadAll('SELECT loaded_by FROM load_log')).getRows();
      expect(rows).toEqual([[`${userInfo().username} (nytta ingest)`]]);
    } finally {
      own.close();
    }
  }, 60_000);
});
