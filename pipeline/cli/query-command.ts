/** @module query-command – `nytta query <name>`: the service's named queries from a terminal, with the same validation and suppression. */
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { describeIssues } from '../contracts/index.js';
import { loadQueries } from '../named-queries/registry.js';
import { runNamedQuery, type QueryAnswer } from '../named-queries/run-query.js';
import { toArrowStream } from '../service/arrow.js';
import { loadConfig } from '../service/config.js';
import { QUERIES_DIR } from '../service/start.js';
import { resolveAsOf } from '../store/as-of.js';
import { showStoreAsOf } from '../store/history.js';
import { rollupIsFresh } from '../store/rollup.js';
import { openStore } from '../store/open-store.js';
import { toCsv } from './csv-output.js';
import { remoteQuery } from './remote.js';

export interface QueryCommandOptions {
  db: string;
  param: string[];
  format: 'json' | 'csv' | 'arrow';
  server?: string;
  token?: string;
  /** The store as it stood right after this load (or at this moment). */
  asOf?: string;
}

/** `key=value` pairs; the value may itself contain `=`. */
export function parseParams(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UserError(`--param "${pair}" ska skrivas nyckel=värde.`, 'param_syntax');
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

function write(answer: Pick<QueryAnswer, 'columns' | 'rows'> & object, format: QueryCommandOptions['format']): void {
  if (format === 'arrow') process.stdout.write(toArrowStream(answer.columns, answer.rows));
  else if (format === 'csv')
    process.stdout.write(
      toCsv(
        answer.columns.map((c) => c.name),
        answer.rows,
      ),
    );
  else process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
}

export async function runQueryCommand(name: string, options: QueryCommandOptions): Promise<number> {
  const params = parseParams(options.param);
  if (options.server) {
    const remote = { url: options.server, token: options.token ?? process.env.NYTTA_TOKEN };
    const res = await remoteQuery(remote, name, options.asOf ? { ...params, asOf: options.asOf } : params, options.format === 'arrow');
    if (options.format === 'arrow') process.stdout.write(new Uint8Array(await res.arrayBuffer()));
    else write((await res.json()) as QueryAnswer, options.format);
    return 0;
  }
  if (!existsSync(options.db))
    throw new UserError(`Lagret ${options.db} finns inte. Läs in data först (nytta ingest eller nytta demo).`, 'store_missing');
  const store = await openStore(options.db, { readOnly: true });
  try {
    const queries = await loadQueries(store.connection, QUERIES_DIR);
    const query = queries.get(name);
    if (!query)
      throw new UserError(`Det finns ingen fråga som heter "${name}". Frågorna: ${[...queries.keys()].join(', ')}.`, 'query_unknown');
    const parsed = query.schema.safeParse(params);
    if (!parsed.success)
      throw new UserError(
        describeIssues(parsed.error, { what: `frågan ${name}`, names: query.params.map((p) => p.name) }),
        'param_invalid',
      );
    if (options.asOf !== undefined) await showStoreAsOf(store.connection, await resolveAsOf(store.connection, options.asOf));
    const config = loadConfig({ host: '127.0.0.1', port: 0 });
    const answer = await runNamedQuery(store.connection, query, parsed.data as Record<string, unknown>, {
      rowLimit: config.rowLimit,
      timeoutMs: config.timeoutMs,
      minCount: config.minCount,
      rollupFresh: options.asOf === undefined ? rollupIsFresh : undefined,
    });
    write(answer, options.format);
    return 0;
  } finally {
    store.close();
  }
}
