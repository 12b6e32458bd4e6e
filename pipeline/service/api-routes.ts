/**
 * @module api-routes – every route under /api/v1, each from its one definition: the questions (their routes answer
 * in process too), the named queries (one route each, from its header), loads, uploads, approvals, workbooks, and what
 * the service says of itself. The app mounts exactly these, and the OpenAPI document lists exactly these.
 */
import { QUESTIONS, type QuestionName, type QuestionOf } from '../contracts/index.js';
import { validQuery, respond, respondJson, type ServiceDeps } from './context.js';
import type { QuestionRoute, RouteDefinition } from './define-route.js';
import { QUESTION_ROUTES } from './question-routes.js';
import type { Slots } from './request-limits.js';
import { approveRoute } from './routes/approvals.js';
import { ingestRoute, ingestTableRoute } from './routes/ingest.js';
import { loadRoute, undoRoute } from './routes/loads.js';
import { namedQueryRoute, queryListRoute, unknownQueryRoute } from './routes/queries.js';
import { healthRoute, meRoute, openApiRoute } from './routes/service-info.js';
import { workbookRoute } from './routes/workbooks.js';

/** A question's route as the app mounts it and the document lists it: GET, its parameters validated, JSON or Arrow. */
export function questionDefinition<Q extends QuestionName>(route: QuestionRoute<Q>): RouteDefinition {
  const { path, request, response } = QUESTIONS[route.question];
  return {
    method: 'get',
    path,
    operationId: route.operationId,
    summary: route.summary,
    access: route.role,
    query: request,
    asOf: true,
    ok: { status: 200, description: 'svaret', schema: response, arrow: route.table !== undefined },
    errors: route.errors,
    async handle(c, deps, service) {
      // The question's own request contract, by the table's type: TypeScript does not tie QUESTIONS[Q] to Q's route.
      const body = await route.answer(deps, validQuery(c, route.role, request) as QuestionOf<Q>, service());
      if (route.jsonAlways) return respondJson(c, body);
      return respond(c, body, route.table?.(body));
    },
  };
}

/** Every route under /api/v1, in the order they are mounted (a named query's own before any other name's). */
export function apiRoutes(deps: ServiceDeps, slots: Slots): RouteDefinition[] {
  const routes: RouteDefinition[] = [
    healthRoute(slots),
    openApiRoute(() => routes),
    meRoute,
    queryListRoute,
    ...[...deps.queries.values()].map(namedQueryRoute),
    unknownQueryRoute,
    ...Object.values(QUESTION_ROUTES).map((route: QuestionRoute) => questionDefinition(route)),
    approveRoute,
    loadRoute,
    undoRoute,
    ingestRoute,
    ingestTableRoute,
    workbookRoute,
  ];
  return routes;
}
