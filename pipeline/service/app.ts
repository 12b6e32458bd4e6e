/** @module app – the Hono application: middleware, routes, and the one error handler. */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { QueryTimeoutError } from '../named-queries/run-query.js';
import { authenticate } from './auth.js';
import type { Env, ServiceDeps } from './context.js';
import { DOCS_HTML, openApiDocument, type PurposeEndpoint } from './openapi.js';
import { problem, TITLES } from './problem.js';
import { baselineRoutes, baselineSchema } from './routes/baseline.js';
import { businessCaseRoutes, businessCaseSchema } from './routes/business-case.js';
import { followupRoutes, followupSchema } from './routes/followup.js';
import { ingestRoutes } from './routes/ingest.js';
import { queryRoutes } from './routes/queries.js';
import { riskMatrixRoutes, riskMatrixSchema } from './routes/risk-matrix.js';
import { workbookRoutes } from './routes/workbooks.js';
import { addinRoutes } from './routes/addin.js';

export { problem } from './problem.js';

const PURPOSE: PurposeEndpoint[] = [
  { path: '/api/v1/business-case', summary: 'Nyttokalkylens nyckeltal: npv, bcr, payback, discountedPayback, irr, breakEvenAnnualBenefit, years[], och samma till förväntat värde under expected', role: 'reader', schema: businessCaseSchema },
  { path: '/api/v1/followup', summary: 'Femårsuppföljning per indikator och förvaltning, med status, och sammanvägt per nytta och effektmål', role: 'reader', schema: followupSchema },
  { path: '/api/v1/risk-matrix', summary: 'Riskmatrisens celler {probability, consequence, count, ids, colour}, registret och ändringar sedan förra bedömningen', role: 'reader', schema: riskMatrixSchema },
  { path: '/api/v1/baseline', summary: 'Baslinje före driftstart, styrdiagram (p, p′ eller XmR) och avbruten tidsserie', role: 'reader', schema: baselineSchema },
];

export function createApp(deps: ServiceDeps): Hono<Env> {
  const app = new Hono<Env>();
  const log = deps.log ?? (() => {});
  app.use(requestId());
  // The task pane runs in a frame inside Excel on the web, and Office fetches its icons from its own origin: those paths
  // may be framed and fetched cross-origin. Everything else keeps the strict defaults.
  const strict = secureHeaders();
  const framable = secureHeaders({ xFrameOptions: false, crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false });
  app.use((c, next) => (c.req.path.startsWith('/addin') || c.req.path === '/manifest.xml' ? framable(c, next) : strict(c, next)));
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    log({ level: 'info', requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start), caller: c.get('caller') });
  });
  // Only the add-in's origin may call from a browser; the task pane is served from the service itself, so it needs none.
  app.use('/api/*', cors({ origin: (origin) => (deps.config.corsOrigins.includes(origin) ? origin : null), allowHeaders: ['Authorization', 'Content-Type', 'Accept'], allowMethods: ['GET', 'POST', 'OPTIONS'], maxAge: 600 }));

  app.get('/api/v1/health', async (c) => {
    const [loads, observations] = await Promise.all(
      ["SELECT count(*) FROM load_log WHERE status = 'loaded'", 'SELECT count(*) FROM observation'].map(async (sql) => {
        const connection = await deps.instance.connect();
        try {
          return Number((await connection.runAndReadAll(sql)).getRows()[0][0]);
        } finally {
          connection.closeSync();
        }
      }),
    );
    return c.json({ status: 'ok', version: deps.version, loads, observations, localMode: deps.config.localMode });
  });
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument(deps, PURPOSE)));
  app.get('/docs', (c) => c.html(DOCS_HTML));

  app.use('/api/v1/*', authenticate(deps.config));
  queryRoutes(app, deps);
  businessCaseRoutes(app, deps);
  followupRoutes(app, deps);
  riskMatrixRoutes(app, deps);
  baselineRoutes(app, deps);
  ingestRoutes(app, deps);
  workbookRoutes(app);
  addinRoutes(app, { officeJs: deps.config.officeJs });

  app.notFound((c) => problem(404, TITLES[404], `Det finns ingen resurs på ${c.req.path}.`, c.req.path));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return problem(error.status, TITLES[error.status] ?? 'Fel', error.message, c.req.path);
    if (error instanceof QueryTimeoutError) return problem(504, TITLES[504], error.message, c.req.path);
    log({ level: 'error', requestId: c.get('requestId'), path: c.req.path, message: error.message });
    return problem(500, TITLES[500], 'Ett oväntat fel inträffade i tjänsten. Se tjänstens logg.', c.req.path);
  });
  return app;
}
