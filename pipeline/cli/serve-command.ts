/** @module serve-command – `nytta serve`: opens the store (loading the demo region when it is empty) and serves the API on loopback. */
import pino from 'pino';
import { serve } from '@hono/node-server';
import { createServer } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoFiles } from '../demo/generate.js';
import { ingestFiles } from '../ingest/ingest-files.js';
import { buildService } from '../service/start.js';
import { findCertificate, NO_CERTIFICATE_ADVICE } from '../service/tls.js';
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
  const { app, deps } = await buildService(store, { host: options.host, port: options.port, logger: pino() });
  if (deps.config.localMode) {
    console.log(
      'LOKALT LÄGE: inga tokens är konfigurerade, så varje anrop på loopback får rollen admin. Ange NYTTA_TOKENS eller NYTTA_CONFIG för att kräva tokens.',
    );
  }
  // A store loaded by another process (nytta ingest) or by an older version may lack a fresh rollup: built in the
  // background; the queries pool the rows themselves meanwhile.
  void deps.writes.settle();
  console.log(`${deps.queries.size} namngivna frågor från queries/. CORS tillåts för: ${deps.config.corsOrigins.join(', ')}.`);
  const certificate = findCertificate();
  if (!certificate) console.log(NO_CERTIFICATE_ADVICE);
  const scheme = certificate ? 'https' : 'http';
  const tls = certificate ? { createServer, serverOptions: { cert: certificate.cert, key: certificate.key } } : {};
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host, ...tls }, (info) => {
    console.log(`Nytta lyssnar på ${scheme}://${options.host}:${info.port} (lager: ${store.path}). API: /docs och /api/v1/openapi.json`);
    console.log(
      `Excel-tillägget: ${scheme}://localhost:${info.port}/addin/taskpane.html, manifest: ${scheme}://localhost:${info.port}/manifest.xml${certificate ? ` (certifikat: ${certificate.from})` : ''}`,
    );
  });
  const stop = () => {
    server.close();
    store.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
