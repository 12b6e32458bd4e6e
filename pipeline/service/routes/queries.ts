/**
 * @module queries – `GET /api/v1/queries` and `GET /api/v1/queries/{name}`: every file in queries/ is an endpoint of its
 * own, declared from its header (its role, parameters and columns); any other name is a 404 naming it.
 */
import { HTTPException } from 'hono/http-exception';
import { queryAnswer, queryListResponse } from '../../contracts/index.js';
import type { NamedQuery } from '../../named-queries/registry.js';
import { requireRole } from '../auth.js';
import type { RouteDefinition } from '../define-route.js';
import { noParameters, respond, respondJson, runQuery, validQuery } from '../context.js';
import { paramJsonSchema } from '../openapi.js';

export const queryListRoute: RouteDefinition = {
  method: 'get',
  path: '/api/v1/queries',
  operationId: 'listQueries',
  summary: 'Alla namngivna frågor med sina parametrar',
  access: 'reader',
  asOf: true,
  ok: { status: 200, description: 'listan', schema: queryListResponse },
  errors: [400],
  handle(c, deps) {
    requireRole(c.get('role'), 'reader');
    noParameters(c, ['asOf']);
    return respondJson(c, {
      queries: [...deps.queries.values()].map((q) => ({
        name: q.name,
        description: q.description,
        role: q.role,
        url: `/api/v1/queries/${q.name}`,
        parameters: q.params.map((p) => ({ name: p.name, required: p.required, description: p.description, schema: paramJsonSchema(p) })),
        columns: q.columns.map((col) => ({ name: col.name, type: col.type, when: col.when, description: col.description })),
        suppression: q.suppress ? { count: q.suppress.count, values: q.suppress.values, group: q.suppress.group } : null,
      })),
    });
  },
};

/** `GET /api/v1/queries/{query.name}`, from the query's header. */
export function namedQueryRoute(query: NamedQuery): RouteDefinition {
  const columns = query.columns.map((c) => `${c.name} (${c.type}${c.when ? `, när ${c.when.param}=${c.when.value}` : ''})`);
  return {
    method: 'get',
    path: `/api/v1/queries/${query.name}`,
    operationId: `query_${query.name}`,
    summary: query.description,
    description: `Kolumner: ${columns.join(', ')}.`,
    access: query.role,
    asOf: true,
    parameters: query.params.map((p) => ({
      name: p.name,
      in: 'query',
      required: p.required,
      description: p.description,
      schema: paramJsonSchema(p),
    })),
    ok: { status: 200, description: 'rader (JSON) eller Arrow IPC', schema: queryAnswer, arrow: true },
    errors: [400, 404],
    async handle(c, deps) {
      const parameters = validQuery(c, query.role, query.schema) as Record<string, unknown>;
      const result = await runQuery(deps, query, parameters);
      return respond(c, result, { columns: result.columns, rows: result.rows });
    },
  };
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** Any other name: no path, no file name, is ever built from the request; only names from the registry reach anything. */
export const unknownQueryRoute: RouteDefinition = {
  method: 'get',
  path: '/api/v1/queries/{name}',
  operationId: 'queryUnknown',
  summary: 'En fråga som inte finns: 404 som namnger den (se /api/v1/queries för dem som finns)',
  access: 'signed-in',
  parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
  ok: { status: 200, description: 'aldrig: varje fråga som finns har sin egen väg ovan' },
  errors: [404],
  handle(c, deps) {
    const name = c.req.param('name')!;
    const query = NAME.test(name) ? deps.queries.get(name) : undefined;
    if (!query) throw new HTTPException(404, { message: `Det finns ingen fråga som heter "${name.slice(0, 80)}". Se /api/v1/queries.` });
    return namedQueryRoute(query).handle(c, deps, () => {
      throw new Error('a named query asks nothing of the service');
    });
  },
};
