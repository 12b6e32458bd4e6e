/** @module queries – `GET /api/v1/queries` and `GET /api/v1/queries/{name}`: every file in queries/ is an endpoint. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireRole } from '../auth.js';
import { noParameters, respond, respondJson, runQuery, validQuery, type Env, type ServiceDeps } from '../context.js';
import { paramJsonSchema } from '../openapi.js';

const NAME = /^[a-z][a-z0-9_]*$/;

export function queryRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>()
    .get('/queries', (c) => {
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
    })
    .get('/queries/:name', async (c) => {
      const name = c.req.param('name');
      // Only names from the registry reach anything: no path, no file name, is ever built from the request.
      const query = NAME.test(name) ? deps.queries.get(name) : undefined;
      if (!query) throw new HTTPException(404, { message: `Det finns ingen fråga som heter "${name.slice(0, 80)}". Se /api/v1/queries.` });
      const parameters = validQuery(c, query.role, query.schema) as Record<string, unknown>;
      const result = await runQuery(deps, query, parameters);
      return respond(c, result, { columns: result.columns, rows: result.rows });
    });
}
