/** @module app – the Hono application: middleware, the routes as sub-apps, and the one error handler. */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import pino from 'pino';
import { ServiceError } from '../../addin/service/service-call.js';
import {
  actionsQuery,
  actionsResponse,
  approvalsQuery,
  approvalsResponse,
  baselineQuery,
  baselineResponse,
  benefitStatusQuery,
  benefitStatusResponse,
  businessCaseQuery,
  businessCaseResponse,
  followupQuery,
  followupResponse,
  keyFigureListResponse,
  keyFigureQuery,
  lessonsQuery,
  lessonsResponse,
  loadsQuery,
  loadsResponse,
  portfolioQuery,
  portfolioResponse,
  productionLossQuery,
  productionLossResponse,
  riskMatrixQuery,
  riskMatrixResponse,
  CLIENT_HEADER,
  type HealthResponse,
  type MeResponse,
} from '../contracts/index.js';
import { DISK_FULL, isDiskFull, isUserError, UnknownEntryError } from '../errors.js';
import { LimitExceeded } from '../ingest/readers/xlsx.js';
import { QueryTimeoutError } from '../named-queries/run-query.js';
import { authenticate } from './auth.js';
import { localModeGuard } from './local-guard.js';
import { admission, Busy, CallerGone, Slots, timeLimit } from './request-limits.js';
import { noParameters, readingAsOf, withReader, type Env, type ServiceDeps } from './context.js';
import { resolveAsOf } from '../store/as-of.js';
import { isCorruption } from '../store/check.js';
import { rollupState } from '../store/rollup.js';
import { DOCS_HTML, openApiDocument, type PurposeEndpoint } from './openapi.js';
import { problem, RefusedFile, TITLES } from './problem.js';
import { actionRoutes } from './routes/actions.js';
import { addinRoutes } from './routes/addin.js';
import { approvalRoutes } from './routes/approvals.js';
import { baselineRoutes } from './routes/baseline.js';
import { benefitStatusRoutes } from './routes/benefit-status.js';
import { businessCaseRoutes } from './routes/business-case.js';
import { followupRoutes } from './routes/followup.js';
import { signInSettings } from './oidc.js';
import { ingestRoutes } from './routes/ingest.js';
import { keyFigureRoutes } from './routes/key-figures.js';
import { lessonRoutes } from './routes/lessons.js';
import { loadRoutes } from './routes/loads.js';
import { portfolioRoutes } from './routes/portfolio.js';
import { productionLossRoutes } from './routes/production-loss.js';
import { queryRoutes } from './routes/queries.js';
import { riskMatrixRoutes } from './routes/risk-matrix.js';
import { workbookRoutes } from './routes/workbooks.js';

export { problem } from './problem.js';

const PURPOSE: PurposeEndpoint[] = [
  {
    path: '/api/v1/business-case',
    role: 'reader',
    schema: businessCaseQuery,
    response: businessCaseResponse,
    summary:
      'Nyttokalkylens nyckeltal: npv, bcr, payback, discountedPayback, irr, breakEvenAnnualBenefit, years[], och samma till förväntat värde under expected',
  },
  {
    path: '/api/v1/followup',
    role: 'reader',
    schema: followupQuery,
    response: followupResponse,
    summary: 'Femårsuppföljning per indikator och förvaltning, med status, och sammanvägt per nytta och effektmål',
  },
  {
    path: '/api/v1/risk-matrix',
    role: 'reader',
    schema: riskMatrixQuery,
    response: riskMatrixResponse,
    summary: 'Riskmatrisens celler {probability, consequence, count, ids, colour}, registret och ändringar sedan förra bedömningen',
  },
  {
    path: '/api/v1/baseline',
    role: 'reader',
    schema: baselineQuery,
    response: baselineResponse,
    summary: 'Baslinje före driftstart, styrdiagram (p, p′ eller XmR) och avbruten tidsserie',
  },
  {
    path: '/api/v1/loads',
    role: 'reader',
    schema: loadsQuery,
    response: loadsResponse,
    summary:
      'Alla inläsningar, den senaste först: fil, SHA-256, slag, status, rader, tid och vem som läste in (/api/v1/loads/{id} för en med dess fel och varningar)',
  },
  {
    path: '/api/v1/key-figures',
    role: 'reader',
    schema: keyFigureQuery,
    response: keyFigureListResponse,
    summary: 'Nyckeltalen i lagret, med värdet i kronor där det är ett belopp och om det läses som ökade driftkostnader per år',
  },
  {
    path: '/api/v1/portfolio',
    role: 'reader',
    schema: portfolioQuery,
    response: portfolioResponse,
    summary:
      'Portföljen: varje program med fas, ägare, driftstart och status, nyttokalkylens npv, bcr och payback, uppföljningens statusar senaste mätta år, sena milstolpar och risker per färg med försenade åtgärder; overlaps[] där två program räknar samma nytta, och totals där varje överlappande belopp räknas en gång',
  },
  {
    path: '/api/v1/benefit-status',
    role: 'reader',
    schema: benefitStatusQuery,
    response: benefitStatusResponse,
    summary:
      'Nyttornas statusbedömningar (grön, gul, röd) med tillförsikt: den senaste och alla per period, bredvid den status uppföljningen mäter, och disagrees när bedömning och mätning skiljer sig',
  },
  {
    path: '/api/v1/approvals',
    role: 'reader',
    schema: approvalsQuery,
    response: approvalsResponse,
    summary:
      'Fastställda versioner (nyttokalkyl, målvärden, baslinjer, rapport): vilken version, vem, när och varför; en fastställd version som senare ångrats står kvar, flaggad (POST för att fastställa)',
  },
  {
    path: '/api/v1/actions',
    role: 'reader',
    schema: actionsQuery,
    response: actionsResponse,
    summary:
      'Att göra: försenade riskåtgärder, sena milstolpar, mätningar som frekvensen säger ska finnas men saknas, nyttor utan statusbedömning för perioden och nyttor utan ägare, med ägare, förfallodag och dagar sent',
  },
  {
    path: '/api/v1/lessons',
    role: 'reader',
    schema: lessonsQuery,
    response: lessonsResponse,
    summary: 'Lärdomar från programmen (utan program: hela portföljen): datum, område, lärdom, åtgärd, ansvarig och vart den spridits',
  },
  {
    path: '/api/v1/production-loss',
    role: 'reader',
    schema: productionLossQuery,
    response: productionLossResponse,
    summary: 'Modellerat produktionsbortfall kring varje enhets driftstart: per förvaltning, våg och år',
  },
];

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

  app.get('/api/v1/health', async (c) => {
    noParameters(c);
    const count = (sql: string) => withReader(deps, async (connection) => Number((await connection.runAndReadAll(sql)).getRows()[0][0]));
    const [loads, observations, rollup] = await Promise.all([
      count("SELECT count(*) FROM load_log WHERE status = 'loaded'"),
      count('SELECT count(*) FROM observation'),
      withReader(deps, rollupState),
    ]);
    const kept = deps.answers.stats();
    // A 304 is a hit too (counted among them); an asker who shared a computation running found it kept.
    const found = kept.hits + kept.shared;
    const body: HealthResponse = {
      status: 'ok',
      version: deps.version,
      loads,
      observations,
      localMode: deps.config.localMode,
      signIn: signInSettings(deps.config.oidc),
      answers: {
        entries: kept.entries,
        bytes: kept.bytes,
        maxBytes: deps.config.cacheBytes,
        hits: found,
        misses: kept.misses,
        hitRate: found + kept.misses ? found / (found + kept.misses) : null,
      },
      readers: deps.readers.stats(),
      costly: slots.stats(),
      rollup,
    };
    return c.json(body);
  });
  app.get('/api/v1/openapi.json', (c) => {
    noParameters(c);
    return c.json(openApiDocument(deps, PURPOSE));
  });
  app.get('/docs', (c) => c.html(DOCS_HTML));

  app.use('/api/v1/*', authenticate(deps.config));
  app.use('/api/v1/*', async (c, next) => {
    c.set('logger', c.get('logger').child({ caller: c.get('caller') }));
    await next();
  });
  // Who the service takes the caller for: the task pane's connection test says it.
  app.get('/api/v1/me', (c) => {
    noParameters(c);
    const body: MeResponse = { name: c.get('caller'), role: c.get('role'), signedInVia: c.get('signedInVia') };
    return c.json(body);
  });
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
  for (const routes of [
    queryRoutes,
    businessCaseRoutes,
    followupRoutes,
    riskMatrixRoutes,
    baselineRoutes,
    productionLossRoutes,
    keyFigureRoutes,
    loadRoutes,
    ingestRoutes,
    benefitStatusRoutes,
    approvalRoutes,
    actionRoutes,
    lessonRoutes,
  ])
    app.route('/api/v1', routes(deps));
  app.route('/api/v1', workbookRoutes(app));
  app.route('/api/v1', portfolioRoutes(deps, app));
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
    // A workbook built from the service's own answers passes on what the inner call said.
    if (error instanceof ServiceError) {
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
