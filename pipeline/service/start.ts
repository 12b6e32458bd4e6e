/** @module start – builds the service's dependencies from an open store: the query registry, the settings, the log. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadQueries } from '../named-queries/registry.js';
import { CommitGate } from '../store/commit-gate.js';
import type { Store } from '../store/open-store.js';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { answerCache } from './answer-cache.js';
import { WriteQueue, type ServiceDeps } from './context.js';

export const QUERIES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'queries');
export const VERSION = '0.1.0';

export interface StartOptions {
  host: string;
  port: number;
  queriesDir?: string;
  env?: NodeJS.ProcessEnv;
  logger?: ServiceDeps['logger'];
}

export async function buildService(store: Store, options: StartOptions) {
  const config = loadConfig({ host: options.host, port: options.port, env: options.env });
  const queries = await loadQueries(store.connection, options.queriesDir ?? QUERIES_DIR);
  const writes = new WriteQueue();
  const deps: ServiceDeps = {
    instance: store.instance,
    writer: store.connection,
    queries,
    config,
    version: VERSION,
    logger: options.logger,
    gate: new CommitGate(),
    writes,
    answers: answerCache({ version: () => writes.version, maxBytes: config.cacheBytes }),
  };
  return { app: createApp(deps), deps };
}
