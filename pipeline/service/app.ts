/** @module app – the Hono application: middleware, the routes mounted from their definitions, and the one error handler. */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import pino from 'pino';
import { CLIENT_HEADER, Refusal } from '../contracts/index.js';
import { DISK_FULL, isDiskFull, isUserError, UnknownEntryError } from '../errors.js';
import { LimitExceeded } from '../ingest/readers/xlsx.js';
import { QueryTimeoutError } from '../named-queries/run-query.js';
import { authenticate } from './auth.js';
import { localModeGuard } from './local-guard.js';
import { admission, Busy, CallerGone, Slots, timeLimit } from './request-limits.js';
import { readingAsOf, withReader, type Env, type ServiceDeps } from './context.js';
import { resolveAsOf } from '../store/as-of.js';
import { isCorruption } from '../store/check.js';
import { apiRoutes } from './api-routes.js';
import type { RouteDefinition } from './define-route.js';
import { inProcessService } from './in-process.js';
import { DOCS_HTML } from './openapi.js';
import { problem, RefusedFile, TITLES } from './problem.js';
import { addinRoutes } from './routes/addin.js';

export { problem } from './problem.js';

/** What a caller is told when DuckDB finds a damaged block: what is wrong and how to see how much, never the file's path. */
const STORE_DAMAGED =
  'Lagret är skadat: ett block i databasfilen kan inte läsas (dess kontrollsumma stämmer inte). Stoppa tjänsten och kör "nytta check --db <lagrets fil>" för att se vad som är skadat; återställ sedan från en säkerhetskopia.';

/** The questions that can take seconds to minutes (every unit, every breakdown, many years; whole workbooks). */
const COSTLY =
  /^\/api\/v1\/(workbooks\/[^/]+|followup|portfolio|production-loss|benefit-status|actions|queries\/(followup|followup_chain|production_loss))$/;
const RETRY_AFTER_SECONDS = 5;

const SILENT = pino({ level: 'silent' });

export function createApp(deps: ServiceDeps): Hono<Env> {
  const app = new Hono<Env>();
  const logger = deps.logger ?? SILENT;
  app.use(requestId());
  // Local mode answers only on its own names, and takes writes only from its own clients.
  app.use(localModeGuard(deps.config));
  // The task pane runs in a frame inside Excel on the web, and Office fetches its icons from its own origin: those paths
  // may be framed and fetched cross-origin. Everything else keeps the strict defaults.
  const strict = secureHeaders();
  const framable = secureHeaders({ xFrameOptions: false, crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false });
  app.use((c, next) => (c.req.path.startsWith('/addin') || c.req.path === '/manifest.xml' ? framable(c, next) : strict(c, next)));
  // Every log line of a request carries its id, and the caller once the token is read.
  app.use(async (c, next) => {
    const start = performance.now();
    c.set('logger', logger.child({ requestId: c.get('requestId') }));
    await next();
    c.get('logger').info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start), caller: c.get('caller') },
      'request',
    );
  });
  // Only the add-in's origin may call from a browser; the task pane is served from the service itself, so it needs none.
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (deps.config.corsOrigins.includes(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Accept', CLIENT_HEADER],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      maxAge: 600,
    }),
  );

  // Every reading request under a time limit, cancelled when its caller goes away; costly ones take a slot (below).
  app.use('/api/*', timeLimit({ timeoutMs: deps.config.timeoutMs }));
  const slots = new Slots(deps.config.costlySlots, deps.config.costlyQueue);

  const routes = apiRoutes(deps, slots);
  // Each route from its definition, mounted where its access says: before sign-in, after it, or after asOf and the cache.
  const mount = (route: RouteDefinition) =>
    app.on(route.method.toUpperCase(), route.path.replace(/\{(\w+)\}/g, ':$1'), (c) =>
      route.handle(c, deps, () =>
        inProcessService(deps, { name: c.get('caller'), role: c.get('role'), signedInVia: c.get('signedInVia') }),
      ),
    );
  const at = (access: (route: RouteDefinition) => boolean) => routes.filter(access).forEach(mount);
  at((r) => r.access === 'public');
  app.get('/docs', (c) => c.html(DOCS_HTML));

  app.use('/api/v1/*', authenticate(deps.config));
  app.use('/api/v1/*', async (c, next) => {
    c.set('logger', c.get('logger').child({ caller: c.get('caller') }));
    await next();
  });
  // Who the service takes the caller for: the task pane's connection test says it (it takes no asOf).
  at((r) => r.access === 'signed-in' && r.path === '/api/v1/me');
  // asOf=ID or a moment: every reader of this request sees the store as it stood right after that load.
  app.use('/api/v1/*', async (c, next) => {
    const raw = c.req.query('asOf');
    if (raw === undefined) return next();
    if (c.req.method !== 'GET') throw new HTTPException(400, { message: 'parametern "asOf" gäller bara läsning (GET)' });
    const asOf = await withReader(deps, (connection) => resolveAsOf(connection, raw));
    return readingAsOf(asOf, next);
  });
  // After sign-in and asOf, before the routes: a kept answer is served only for the same store version, role and question.
  if (deps.config.cacheBytes > 0) app.use('/api/v1/*', deps.answers.middleware);
  app.use('/api/v1/*', admission({ costly: COSTLY, slots, retryAfterSeconds: RETRY_AFTER_SECONDS }));
  at((r) => r.access !== 'public' && r.path !== '/api/v1/me');
  app.route('/', addinRoutes({ officeJs: deps.config.officeJs }));

  // Every answer carries its request id, errors too: a problem body is a new Response, so the id is set on it here.
  const withId = (c: Context<Env>, res: Response) => {
    res.headers.set('x-request-id', c.get('requestId'));
    return res;
  };
  app.notFound((c) => withId(c, problem(404, TITLES[404], `Det finns ingen resurs på ${c.req.path}.`, c.req.path)));
  app.onError((error, c) => withId(c, errorAnswer(error, c)));
  const errorAnswer = (error: Error, c: Context<Env>): Response => {
    const at = c.req.path;
    if (error instanceof Busy) {
      const res = problem(503, TITLES[503], error.message, at);
      res.headers.set('retry-after', String(error.retryAfterSeconds));
      return res;
    }
    // No one hears it: said in the log as what it is, not as an error of the service's.
    if (error instanceof CallerGone) {
      (c.get('logger') ?? logger).info({ path: at }, 'caller went away; its work was stopped');
      return problem(499, 'Avbrutet', 'Anroparen gick innan svaret var klart.', at);
    }
    if (error instanceof HTTPException) return problem(error.status, TITLES[error.status] ?? 'Fel', error.message, at);
    if (error instanceof UnknownEntryError) return problem(404, TITLES[404], error.message, at);
    if (error instanceof LimitExceeded) return problem(413, TITLES[413], error.message, at);
    if (isUserError(error)) return problem(400, TITLES[400], error.message, at);
    if (error instanceof RefusedFile)
      return problem(422, TITLES[422], error.message, at, { messages: error.report.messages, report: error.report });
    if (error instanceof QueryTimeoutError) return problem(504, TITLES[504], error.message, at);
    // A question refused, wherever it was asked (a route, or a question the portfolio or a workbook asked in process).
    if (error instanceof Refusal) {
      const status = error.status >= 400 && error.status < 500 ? error.status : 502;
      return problem(status, TITLES[status] ?? 'Fel', error.message, at);
    }
    if (isDiskFull(error)) {
      (c.get('logger') ?? logger).error({ path: at, err: error }, 'disk full');
      return problem(507, TITLES[507], `${DISK_FULL[0].toUpperCase()}${DISK_FULL.slice(1)}`, at);
    }
    if (isCorruption(error)) {
      (c.get('logger') ?? logger).error({ path: at, err: error }, 'store damaged');
      return problem(500, TITLES[500], STORE_DAMAGED, at);
    }
    (c.get('logger') ?? logger).error({ path: at, err: error }, 'unexpected error');
    return problem(500, TITLES[500], 'Ett oväntat fel inträffade i tjänsten. Se tjänstens logg.', at);
  };
  return app;
}
