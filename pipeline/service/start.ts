/** @module start – builds the service's dependencies from an open store: the query registry, the settings, the log. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadQueries } from '../named-queries/registry.js';
import { CommitGate } from '../store/commit-gate.js';
import { freshnessPerCommit, refreshRollup, rollupMinRows } from '../store/rollup.js';
import type { Store } from '../store/open-store.js';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { answerCache } from './answer-cache.js';
import { currentAsOf, WriteQueue, type ServiceDeps } from './context.js';
import { systemToday, type Today } from './clock.js';

export const QUERIES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'queries');
export const VERSION = '0.1.0';

export interface StartOptions {
  host: string;
  port: number;
  queriesDir?: string;
  env?: NodeJS.ProcessEnv;
  logger?: ServiceDeps['logger'];
  /** Today's date; the machine's local date unless given (tests fix it). */
  today?: Today;
}

export async function buildService(store: Store, options: StartOptions) {
  const config = loadConfig({ host: options.host, port: options.port, env: options.env });
  // Without a limit DuckDB takes up to 80 % of the machine: a 150 MiB CSV of 22 M refused rows, sent as a dry run,
  // took the service to 5.4 GiB (1.8 GiB with 1 GiB here). Beyond it DuckDB spills to disk.
  await store.connection.run(`SET memory_limit = '${config.memoryLimitMiB}MiB'`);
  const queries = await loadQueries(store.connection, options.queriesDir ?? QUERIES_DIR);
  const gate = new CommitGate();
  const minRows = rollupMinRows(options.env ?? process.env);
  // After the writes, the rollup is rebuilt on a connection of its own (a caller may hold the writer, as the CLI's
  // tests do); until then the queries pool the rows themselves.
  const writes = new WriteQueue(async () => {
    const connection = await store.instance.connect();
    try {
      const report = await refreshRollup(connection, { gate, minRows });
      if (report.rebuilt) options.logger?.info({ rollup: report }, 'sammanställningen byggd');
    } catch (error) {
      options.logger?.error({ err: error }, 'sammanställningen kunde inte byggas; frågorna läser raderna');
      throw error;
    } finally {
      connection.closeSync();
    }
  });
  const today = options.today ?? systemToday;
  const deps: ServiceDeps = {
    readers: store.readers,
    writer: store.connection,
    queries,
    config,
    version: VERSION,
    logger: options.logger,
    gate,
    writes,
    // The store's version is the commits through the gate: it moves inside the commit, before any reader can see the
    // new state (after the write had settled, a reader could see a commit and still be served the answer from before it).
    answers: answerCache({ version: () => gate.commits, maxBytes: config.cacheBytes, today, asOf: currentAsOf }),
    rollupFresh: freshnessPerCommit(gate),
    today,
  };
  return { app: createApp(deps), deps };
}
