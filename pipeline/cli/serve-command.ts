/** @module serve-command – `nytta serve`: opens the store (loading the demo region when it is empty) and serves the API on loopback. */
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoFiles } from '../demo/generate.js';
import { ingestFiles } from '../ingest/ingest-files.js';
import { buildService } from '../service/start.js';
import { openStore } from '../store/open-store.js';
import { DEFAULT_DEMO_ROWS } from './demo-command.js';

export interface ServeOptions {
  db: string;
  port: number;
  host: string;
  demo: boolean;
}

export async function runServe(options: ServeOptions): Promise<void> {
  const store = await openStore(options.db);
  const loads = Number((await store.connection.runAndReadAll('SELECT count(*) FROM load_log')).getRows()[0][0]);
  if (loads === 0 && options.demo) {
    console.log(`Lagret ${store.path} är tomt: läser in demoregionen (${DEFAULT_DEMO_ROWS.toLocaleString('sv-SE')} utfallsrader) …`);
    const dir = mkdtempSync(join(tmpdir(), 'nytta-demo-'));
    try {
      const reports = await ingestFiles(store.connection, await writeDemoFiles(dir, { rows: DEFAULT_DEMO_ROWS, seed: 1 }));
      console.log(`Demoregionen inläst: ${reports.length} filer.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const { app, deps } = await buildService(store, { host: options.host, port: options.port, log: (entry) => console.log(JSON.stringify({ time: new Date().toISOString(), ...entry })) });
  if (deps.config.localMode) {
    console.log('LOKALT LÄGE: inga tokens är konfigurerade, så varje anrop på loopback får rollen admin. Ange NYTTA_TOKENS eller NYTTA_CONFIG för att kräva tokens.');
  }
  console.log(`${deps.queries.size} namngivna frågor från queries/. CORS tillåts för: ${deps.config.corsOrigins.join(', ')}.`);
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info) => {
    console.log(`Nytta lyssnar på http://${options.host}:${info.port} (lager: ${store.path}). API: /docs och /api/v1/openapi.json`);
  });
  const stop = () => {
    server.close();
    store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
