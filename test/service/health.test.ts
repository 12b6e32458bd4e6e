import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { buildService } from '../../pipeline/service/start.js';
import { FIXTURES, tempStore } from '../helpers/store.js';

describe('health and local mode', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  let app: Awaited<ReturnType<typeof buildService>>['app'];
  beforeAll(async () => {
    store = await tempStore();
    await loadFile(store.connection, join(FIXTURES, 'seed', 'ekonomi-fvm.csv'));
    ({ app } = await buildService(store, { host: '127.0.0.1', port: 3000, env: {} }));
  });
  afterAll(() => store.close());

  it('health counts loads and observations and says when it runs in local mode', async () => {
    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      version: '0.1.0',
      loads: 1,
      observations: 0,
      localMode: true,
      signIn: null,
      // nothing asked yet; 256 MiB is the default budget
      answers: { entries: 0, bytes: 0, maxBytes: 256 * 1024 * 1024, hits: 0, misses: 0, hitRate: null },
      // its three counts ran side by side on three readers, now kept for the next questions
      readers: { idle: 3, opened: 3, reused: 0 },
      // no costly question running or waiting; one slot per two cores, 32 in line
      costly: { running: 0, waiting: 0, slots: Math.max(1, Math.floor(availableParallelism() / 2)), queue: 32 },
      // loaded by another hand than the service's, so the rollup is not built yet
      rollup: { fresh: false, builtAfter: null, rows: 0, buildMs: null },
    });
  });

  it('local mode on loopback needs no token', async () => {
    const res = await app.request('/api/v1/queries/catalogue_programs');
    expect(res.status).toBe(200);
  });

  it('an unknown path is a Swedish problem+json 404', async () => {
    const res = await app.request('/api/v1/finns-inte');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 404,
      title: 'Hittades inte',
      detail: 'Det finns ingen resurs på /api/v1/finns-inte.',
    });
  });
});
