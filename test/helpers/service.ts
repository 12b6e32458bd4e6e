/** A demo store with a running service on a loopback port, for the API tests. */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeDemoFiles } from '../../pipeline/demo/generate.js';
import { ingestFiles } from '../../pipeline/ingest/ingest-files.js';
import { buildService } from '../../pipeline/service/start.js';
import { tempStore } from './store.js';

export const TOKENS = {
  reader: 'reader-token-0123456789',
  analyst: 'analyst-token-0123456789',
  controller: 'controller-token-0123456789',
  admin: 'admin-token-0123456789',
};

export interface TestService {
  store: Awaited<ReturnType<typeof tempStore>>;
  app: Awaited<ReturnType<typeof buildService>>['app'];
  deps: Awaited<ReturnType<typeof buildService>>['deps'];
  base: string;
  /** Stops taking requests, lets those in flight and the write queue finish, then closes the store. */
  close(): Promise<void>;
}

/** One full layer of demo rows: every indicator, unit, month, sex and age group once (small cells occur in the youngest group). */
export const DEMO_ROWS = 16 * 45 * 156 * 2 * 5;

export async function startTestService(
  options: { env?: NodeJS.ProcessEnv; rows?: number; queriesDir?: string } = {},
): Promise<TestService> {
  const store = await tempStore();
  await ingestFiles(store.connection, await writeDemoFiles(join(store.dir, 'export'), { rows: options.rows ?? DEMO_ROWS, seed: 3 }));
  const env = options.env ?? {
    NYTTA_TOKENS: Object.entries(TOKENS)
      .map(([role, token]) => `${token}:${role}`)
      .join(','),
    NYTTA_CORS_ORIGIN: 'https://localhost:3000',
  };
  const { app, deps } = await buildService(store, { host: '127.0.0.1', port: 3000, env, queriesDir: options.queriesDir });
  // Requests in flight are counted: a page closed mid-way (the pane loads its choices after saying it is connected)
  // leaves some running, and closing DuckDB under a running query can hang or take the test worker down.
  let inflight = 0;
  let drained = () => {};
  const fetch: typeof app.fetch = async (request, ...rest) => {
    inflight++;
    try {
      return await app.fetch(request, ...rest);
    } finally {
      if (--inflight === 0) drained();
    }
  };
  let server!: ServerType;
  await new Promise<void>((resolve) => {
    server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    store,
    app,
    deps,
    base,
    close: async () => {
      server.close();
      if (inflight > 0) await new Promise<void>((resolve) => (drained = resolve));
      await deps.writes.idle();
      store.close();
    },
  };
}

export const auth = (role: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[role]}` });

/** Two named callers for the tests of loads: Karin Controller may load, Rita Läsare only read. */
export const NAMED = { controller: 'controller-token-0123456789', reader: 'reader-token-0123456789' };

/** An empty store served in process (no port) to Karin Controller and Rita Läsare; `env` adds settings. */
export async function namedCallersService(env: NodeJS.ProcessEnv = {}) {
  const store = await tempStore();
  const tokens = `${NAMED.controller}:controller:Karin Controller,${NAMED.reader}:reader:Rita Läsare`;
  const built = await buildService(store, { host: '127.0.0.1', port: 0, env: { NYTTA_TOKENS: tokens, ...env } });
  return { store, ...built };
}

/** Sends `content` as the export file `name` to `POST /api/v1/ingest` in the name of `token`'s caller. */
export async function sendExport(
  app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> },
  token: string,
  name: string,
  content: string,
): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  return app.request('/api/v1/ingest', { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
}
