/** @module context – what every route needs: the store, the queries, the settings, and a reader connection per request. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { HTTPException } from 'hono/http-exception';
import type { ColumnSpec } from '../named-queries/header.js';
import type { NamedQuery } from '../named-queries/registry.js';
import { runNamedQuery, type QueryAnswer } from '../named-queries/run-query.js';
import { ARROW_STREAM, toArrowStream } from './arrow.js';
import { z } from 'zod';
import { describeIssues, schemaKeys, type QueryName, type QueryParams, type QueryRowOf } from '../contracts/index.js';
import type { AnswerCache, SentAnswer } from './answer-cache.js';
import type { Role } from '../named-queries/header.js';
import { requireRole, type AuthVariables } from './auth.js';
import type { ServiceConfig } from './config.js';
import type { CommitGate } from '../store/commit-gate.js';
import { showStoreAsOf } from '../store/history.js';
import type { ReaderPool } from '../store/reader-pool.js';
import type { Today } from './clock.js';
import { stoppable } from './request-limits.js';

export interface ServiceDeps {
  /** Reader connections kept between requests, with their prepared statements. */
  readers: ReaderPool;
  /** The one writer: ingest goes through it, one load at a time. */
  writer: DuckDBConnection;
  queries: Map<string, NamedQuery>;
  config: ServiceConfig;
  version: string;
  /** Where the service logs; silent when absent (tests, the CLI's in-process service). */
  logger?: Logger;
  /** Readers and a load's commit take turns here, so no reader sees half a load. */
  gate: CommitGate;
  /** Loads and undos through the one writer, one at a time, in the order they came. */
  writes: WriteQueue;
  /** Answers kept per store version, with their ETags. */
  answers: AnswerCache;
  /** Whether the observation rollup is fresh, remembered per commit through `gate` (asked inside a reader). */
  rollupFresh: (connection: DuckDBConnection) => Promise<boolean>;
  /** Today's date (ÅÅÅÅ-MM-DD): what is late or due is decided by it, never by a clock read elsewhere. */
  today: Today;
}

/**
 * Runs writes one after another; a failed write does not stop the next. After the last write queued has settled,
 * `afterWrites` runs in the same line (the service rebuilds the rollup there), so it never overlaps a write.
 */
export class WriteQueue {
  private last: Promise<unknown> = Promise.resolve();
  private queued = 0;

  constructor(private readonly afterWrites?: () => Promise<unknown>) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    this.queued++;
    const next = this.last.then(work).finally(() => {
      this.queued--;
    });
    this.last = next.catch(() => undefined).then(() => (this.queued === 0 ? this.after() : undefined));
    return next;
  }

  /** Runs `afterWrites` once the writes queued now have settled (at start, for a store loaded by another process). */
  settle(): Promise<void> {
    this.last = this.last.then(() => this.after());
    return this.last as Promise<void>;
  }

  /** Resolves once every write queued so far, and the work after them, has settled (to close the store safely). */
  idle(): Promise<void> {
    return this.last.then(() => undefined);
  }

  private async after(): Promise<void> {
    // Its failure is its own (logged by it); the writes after it go on.
    await this.afterWrites?.().catch(() => undefined);
  }
}

export type Env = { Variables: AuthVariables & { requestId: string; logger: Logger; sent?: SentAnswer } };

// The load a request asked the store as of (`asOf`), for every reader it opens, however deep in the route: a request
// reads many named queries, and the workbook route reads through the service's own endpoints.
const asOfScope = new AsyncLocalStorage<number>();

/** The load this request reads the store as of, however deep in it; undefined for the store as it stands. */
export function currentAsOf(): number | undefined {
  return asOfScope.getStore();
}

/** Runs `work` with every reader seeing the store as it stood right after load `asOf`. */
export function readingAsOf<T>(asOf: number, work: () => T): T {
  return asOfScope.run(asOf, work);
}

/**
 * Runs `work` on a connection no other request holds, so a slow reader never blocks another or the writer: a kept
 * reader, or within `readingAsOf` a fresh one showing the store as of that load (its views are its own, so it is
 * closed after).
 */
export async function withReader<T>(deps: ServiceDeps, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const asOf = asOfScope.getStore();
  return deps.gate.read(() =>
    deps.readers.use(
      // The request's stop (its time limit, or its caller gone) interrupts what DuckDB runs for it; an interrupted
      // reader is closed, not kept.
      (connection) =>
        stoppable(
          () => connection.interrupt(),
          async () => {
            if (asOf !== undefined) await showStoreAsOf(connection, asOf);
            return work(connection);
          },
        ),
      asOf === undefined,
    ),
  );
}

/** Runs a named query on validated parameters, with the service's limits and suppression. */
export function runQuery(deps: ServiceDeps, query: NamedQuery, parameters: Record<string, unknown>): Promise<QueryAnswer> {
  // The rollup is the store as it stands: never for asOf.
  const rollupFresh = asOfScope.getStore() === undefined ? deps.rollupFresh : undefined;
  return withReader(deps, (c) =>
    runNamedQuery(c, query, parameters, {
      rowLimit: deps.config.rowLimit,
      timeoutMs: deps.config.timeoutMs,
      minCount: deps.config.minCount,
      rollupFresh,
    }),
  );
}

/** A named query's answer with its rows typed by its header. */
export type TypedAnswer<N extends QueryName> = Omit<QueryAnswer, 'rows'> & { rows: QueryRowOf<N>[] };

/**
 * Runs a named query by name, its parameters validated as a query string would be, its rows typed by its header: the
 * registry checked the header's columns against DuckDB at start, and the run checks every NOT NULL.
 */
export async function answer<N extends QueryName>(deps: ServiceDeps, name: N, parameters: QueryParams[N]): Promise<TypedAnswer<N>> {
  const query = deps.queries.get(name);
  if (!query) throw new Error(`Named query ${name} is missing`);
  const parsed = query.schema.parse(
    Object.fromEntries(
      Object.entries(parameters)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ),
  );
  // The one place rows meet their type: the header, checked as above, is what the generated type was made from.
  return (await runQuery(deps, query, parsed as Record<string, unknown>)) as TypedAnswer<N>;
}

export function wantsArrow(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes(ARROW_STREAM);
}

/**
 * JSON by default; Arrow IPC when asked for and the answer has a table. The bytes are handed to the answer cache as
 * they are sent (`sent`), so it keeps them without reading the response back.
 */
export function respond(c: Context<Env>, body: unknown, table?: { columns: readonly ColumnSpec[]; rows: readonly object[] }): Response {
  if (!wantsArrow(c)) return respondJson(c, body);
  if (!table) throw new HTTPException(406, { message: 'Svaret finns bara som JSON.' });
  return send(c, { body: toArrowStream(table.columns, table.rows as Record<string, unknown>[]), contentType: ARROW_STREAM });
}

/** JSON whatever was asked for (a list, a log), handed to the answer cache as `respond` does. */
export function respondJson(c: Context<Env>, body: unknown): Response {
  return send(c, { body: Buffer.from(JSON.stringify(body)), contentType: 'application/json' });
}

function send(c: Context<Env>, sent: SentAnswer): Response {
  c.set('sent', sent);
  return c.body(sent.body as Uint8Array<ArrayBuffer>, 200, { 'content-type': sent.contentType });
}

/** A 400 with a Swedish message. */
export function badRequest(message: string): HTTPException {
  return new HTTPException(400, { message });
}

/**
 * The caller's role checked, then the query string validated: 403 or 400 with the reason (an unknown parameter named,
 * with the ones the endpoint takes), or the typed parameters.
 */
export function validQuery<T extends z.ZodType>(c: Context<Env>, role: Role, schema: T): z.output<T> {
  requireRole(c.get('role'), role);
  // asOf is every reading endpoint's, resolved before the route (see app.ts).
  const query = c.req.query();
  delete query.asOf;
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw badRequest(describeIssues(parsed.error, { what: c.req.path, names: [...schemaKeys(schema), 'asOf'] }));
  return parsed.data;
}

const NO_PARAMETERS = z.object({}).strict();

/** An endpoint that takes no parameters in its address (but `taken`, such as asOf): anything else is a 400. */
export function noParameters(c: Context<Env>, taken: readonly string[] = []): void {
  const query = c.req.query();
  for (const name of taken) delete query[name];
  const parsed = NO_PARAMETERS.safeParse(query);
  if (!parsed.success) throw badRequest(describeIssues(parsed.error, { what: c.req.path, names: taken }));
}
