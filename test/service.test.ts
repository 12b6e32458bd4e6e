import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadFile } from '../pipeline/ingest/load-file.js';
import { createApp } from '../pipeline/service/app.js';
import { FIXTURES, tempStore } from './helpers/store.js';

describe('the service', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  let app: ReturnType<typeof createApp>;
  let server: ServerType;
  let base: string;

  beforeAll(async () => {
    store = await tempStore();
    await loadFile(store.connection, join(FIXTURES, 'seed', 'ekonomi-fvm.csv'));
    app = createApp({ connection: store.connection });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    store.close();
  });

  it('answers health in-process and over a real loopback socket alike', async () => {
    const inProcess = await app.request('/api/v1/health');
    const overHttp = await fetch(`${base}/api/v1/health`);
    for (const res of [inProcess, overHttp]) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', version: '0.1.0', loads: 1, observations: 0 });
      expect(res.headers.get('x-request-id')).toBeTruthy();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('an unknown path is a Swedish problem+json 404', async () => {
    const res = await fetch(`${base}/api/v1/finns-inte`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, title: 'Hittades inte', detail: 'Det finns ingen resurs på /api/v1/finns-inte.' });
  });
});
