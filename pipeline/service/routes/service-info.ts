/**
 * @module service-info – what the service says of itself: `GET /api/v1/health` (no sign-in), `GET /api/v1/me` (who it
 * takes the caller for) and `GET /api/v1/openapi.json`, the document of every route.
 */
import { healthResponse, meResponse, type HealthResponse, type MeResponse } from '../../contracts/index.js';
import { rollupState } from '../../store/rollup.js';
import type { RouteDefinition } from '../define-route.js';
import { noParameters, withReader, type ServiceDeps } from '../context.js';
import { signInSettings } from '../oidc.js';
import { openApiDocument } from '../openapi.js';
import type { Slots } from '../request-limits.js';

export function healthRoute(slots: Slots): RouteDefinition {
  return {
    method: 'get',
    path: '/api/v1/health',
    operationId: 'getHealth',
    summary: 'Hälsokontroll (ingen token krävs)',
    access: 'public',
    ok: { status: 200, description: 'ok', schema: healthResponse },
    errors: [400],
    async handle(c, deps) {
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
    },
  };
}

/** The document of `routes`, every one the app mounts (this one too). */
export function openApiRoute(routes: () => readonly RouteDefinition[]): RouteDefinition {
  return {
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'Det här dokumentet: varje väg i tjänsten, med parametrar, svar och fel (OpenAPI 3.1)',
    access: 'public',
    ok: { status: 200, description: 'OpenAPI-dokumentet', content: { 'application/json': { schema: { type: 'object' } } } },
    errors: [400],
    handle(c, deps: ServiceDeps) {
      noParameters(c);
      return c.json(openApiDocument(deps, routes()));
    },
  };
}

export const meRoute: RouteDefinition = {
  method: 'get',
  path: '/api/v1/me',
  operationId: 'getMe',
  summary: 'Vem tjänsten tar anroparen för: namn, roll och hur hen loggade in',
  access: 'signed-in',
  ok: { status: 200, description: 'anroparen', schema: meResponse },
  errors: [400],
  handle(c) {
    noParameters(c);
    const body: MeResponse = { name: c.get('caller'), role: c.get('role'), signedInVia: c.get('signedInVia') };
    return c.json(body);
  },
};
