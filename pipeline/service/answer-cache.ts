/**
 * @module answer-cache – answers kept per store version. At month end hundreds of workbooks ask the same questions of a
 * store that changes only when a load commits: an answer is computed once per version (concurrent askers wait for the
 * one computation), kept within a byte budget (least recently used out first), and carries a strong ETag, so a refresh
 * that already holds it gets a 304 without a body. A load, an undo or a refusal makes a new version; nothing from an
 * older one is served after it.
 */
import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { LRUCache } from 'lru-cache';

/** An answer's bytes as its route sent them: the cache keeps these, never reading a response back. */
export interface SentAnswer {
  body: Uint8Array;
  contentType: string;
}

/** What the cache reads of a request: the caller's role, set by sign-in, and the answer its route sent (`respond`). */
type Env = { Variables: { role: string; sent?: SentAnswer } };

/** The paths whose GET answers depend only on the store, the request and the caller's role. */
const CACHEABLE =
  /^\/api\/v1\/(queries(\/[\w-]+)?|business-case|followup|risk-matrix|baseline|production-loss|key-figures|portfolio|loads(\/\d+)?|benefit-status|approvals|actions|lessons)$/;

interface Entry {
  body: Uint8Array;
  contentType: string;
  etag: string;
}

export interface AnswerCacheOptions {
  /** The store's version now: any write makes a new one. */
  version: () => number;
  /** The budget for kept answers, in bytes. */
  maxBytes: number;
  /** Today's date: what is late or overdue changes with it, so an answer is kept for the day it was made. */
  today?: () => string;
  /**
   * The load the request reads the store as of, however it came to (a route asking the service's own endpoints, as the
   * portfolio does, passes its `asOf` on without naming it in the path): such an answer is kept apart from today's.
   */
  asOf?: () => number | undefined;
}

export interface AnswerCacheStats {
  hits: number;
  misses: number;
  shared: number;
  notModified: number;
  entries: number;
  bytes: number;
}

/** Query parameters in one order, so `a=1&b=2` and `b=2&a=1` are one answer. */
function canonicalQuery(url: string): string {
  const params = new URL(url).searchParams;
  params.sort();
  return params.toString();
}

/** `application/vnd.apache.arrow.stream` or JSON: the two forms an answer takes. */
const form = (c: Context<Env>) => (/arrow/i.test(c.req.header('accept') ?? '') ? 'arrow' : 'json');

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*');

/** A question asked in process, as a request for it would be keyed: the caller's role, the path and its parameters. */
export interface InProcessQuestion {
  role: string;
  path: string;
  params: Readonly<Record<string, unknown>>;
}

export interface AnswerCache {
  middleware: MiddlewareHandler<Env>;
  /**
   * A question asked in process (the portfolio's own questions, a workbook's): kept and shared exactly as the same
   * question asked over HTTP as JSON, under the same key, so either finds the other's answer. A kept answer is read back
   * with `parse` (its contract), as a caller over HTTP reads it.
   */
  through<T>(question: InProcessQuestion, parse: (json: unknown) => T, compute: () => Promise<T>): Promise<T>;
  stats(): AnswerCacheStats;
}

/** Parameters with a value, in one order, as a query string of them would be (`canonicalQuery`). */
function canonicalParams(params: Readonly<Record<string, unknown>>): string {
  const search = new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  search.sort();
  return search.toString();
}

export function answerCache(options: AnswerCacheOptions): AnswerCache {
  const cache = new LRUCache<string, Entry>({
    maxSize: Math.max(1, options.maxBytes),
    sizeCalculation: (e) => Math.max(1, e.body.byteLength + e.etag.length + 64),
  });
  const inflight = new Map<string, Promise<Entry | null>>();
  const counts = { hits: 0, misses: 0, shared: 0, notModified: 0 };

  const headersFor = (entry: Entry, how: string) => ({
    etag: entry.etag,
    // Always asked again, never taken from a browser's cache unseen: the next load may change it.
    'cache-control': 'private, no-cache',
    'x-nytta-cache': how,
  });
  const holdsIt = (c: Context<Env>, entry: Entry) => matches(c.req.header('if-none-match'), entry.etag);

  const answer = (c: Context<Env>, entry: Entry, how: string): Response => {
    const headers = headersFor(entry, how);
    if (holdsIt(c, entry)) {
      counts.notModified++;
      return c.body(null, 304, headers);
    }
    return c.body(entry.body as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-type': entry.contentType });
  };

  // The role is in the key: an answer is served only to a caller the route would have given it to.
  const keyOf = (role: string, answerForm: string, path: string, query: string) =>
    [options.version(), options.today?.() ?? '', options.asOf?.() ?? '', role, answerForm, path, query].join('\u0000');

  const through: AnswerCache['through'] = async (question, parse, compute) => {
    if (options.maxBytes <= 0 || !CACHEABLE.test(question.path)) return compute();
    const key = keyOf(question.role, 'json', question.path, canonicalParams(question.params));
    const kept = cache.get(key);
    if (kept) {
      counts.hits++;
      return parse(JSON.parse(Buffer.from(kept.body).toString('utf8')));
    }
    const running = inflight.get(key);
    if (running) {
      const entry = await running;
      if (entry) {
        counts.shared++;
        return parse(JSON.parse(Buffer.from(entry.body).toString('utf8')));
      }
      return compute();
    }
    counts.misses++;
    let settle!: (entry: Entry | null) => void;
    inflight.set(key, new Promise<Entry | null>((resolve) => (settle = resolve)));
    let entry: Entry | null = null;
    try {
      const value = await compute();
      // The bytes a route's JSON answer would have sent (respondJson), so an asker over HTTP is served them as they are.
      const body = Buffer.from(JSON.stringify(value));
      entry = { body, contentType: 'application/json', etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      cache.set(key, entry);
      return value;
    } finally {
      inflight.delete(key);
      settle(entry);
    }
  };

  const middleware: MiddlewareHandler<Env> = async (c, next) => {
    if (c.req.method !== 'GET' || !CACHEABLE.test(c.req.path)) return next();
    const key = keyOf(c.get('role'), form(c), c.req.path, canonicalQuery(c.req.url));
    const kept = cache.get(key);
    if (kept) {
      counts.hits++;
      return answer(c, kept, 'hit');
    }
    const running = inflight.get(key);
    if (running) {
      const entry = await running;
      if (entry) {
        counts.shared++;
        return answer(c, entry, 'shared');
      }
      // The first asker's answer was not one to keep (an error): this one asks itself.
      await next();
      return;
    }
    counts.misses++;
    let settle!: (entry: Entry | null) => void;
    inflight.set(key, new Promise<Entry | null>((resolve) => (settle = resolve)));
    let entry: Entry | null = null;
    try {
      await next();
      // Only an answer its route handed over is kept; reading a response back would cost a stream per answer.
      const sent = c.get('sent');
      if (c.res.status === 200 && sent) {
        entry = { ...sent, etag: `"${createHash('sha1').update(sent.body).digest('base64url')}"` };
        cache.set(key, entry);
      }
    } finally {
      inflight.delete(key);
      settle(entry);
    }
    if (!entry) return;
    // The route's own response goes out with the cache's headers: replacing it would make Hono re-read its body as a
    // stream (about a millisecond per answer); only a 304 replaces it.
    if (holdsIt(c, entry)) c.res = answer(c, entry, 'miss');
    else for (const [name, value] of Object.entries(headersFor(entry, 'miss'))) c.res.headers.set(name, value);
  };

  return {
    middleware,
    through,
    stats: () => ({ ...counts, entries: cache.size, bytes: cache.calculatedSize }),
  };
}
