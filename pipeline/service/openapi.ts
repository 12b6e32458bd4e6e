/** @module openapi – the OpenAPI 3.1 document, generated from the routes' own definitions (define-route.ts): every route the app mounts. */
import { z } from 'zod';
import { problemSchema } from '../contracts/index.js';
import type { ParamSpec } from '../named-queries/header.js';
import type { ServiceDeps } from './context.js';
import type { ErrorStatus, RouteDefinition } from './define-route.js';

export function paramJsonSchema(p: ParamSpec): Record<string, unknown> {
  const type =
    p.type === 'INTEGER' || p.type === 'BIGINT' ? 'integer' : p.type === 'DOUBLE' ? 'number' : p.type === 'BOOLEAN' ? 'boolean' : 'string';
  return {
    type,
    ...(p.type === 'DATE' ? { format: 'date' } : {}),
    ...(p.format === 'period' ? { pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' } : {}),
    ...(p.values ? { enum: p.values } : {}),
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.min !== undefined ? { minimum: p.min } : {}),
    ...(p.max !== undefined ? { maximum: p.max } : {}),
  };
}

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});
/** What each 4xx says of itself in the document. */
const ERROR_TEXT: Record<number, string> = {
  400: 'fel i anropet: en parameter som saknas, är fel eller inte tas emot, namngiven på svenska',
  401: 'ingen eller okänd token',
  403: 'rollen räcker inte (eller lokalt läges vägran)',
  404: 'det som efterfrågas finns inte (ett program, en indikator, en enhet, en nytta, en inläsning), namngivet',
  406: 'svaret finns bara som JSON',
  409: 'går inte att genomföra utan att senare arbete går förlorat',
  413: 'för stort',
  422: 'avvisad i sin helhet, med varje fel',
};
const ARROW = { 'application/vnd.apache.arrow.stream': { schema: { type: 'string', format: 'binary' } } };
/** A contract's JSON Schema. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' });

/** Query parameters of a zod object schema as OpenAPI parameters. */
function zodParameters(schema: z.ZodObject): Record<string, unknown>[] {
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

/** Every reading endpoint takes asOf (resolved before the route; see app.ts). */
const AS_OF = {
  name: 'asOf',
  in: 'query',
  required: false,
  description: 'svaret som lagret såg ut direkt efter inläsning ID, eller vid en tidpunkt (ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTtt:mm)',
  schema: { type: 'string' },
};

/** One route's operation: from its definition alone. */
function operation(route: RouteDefinition): Record<string, unknown> {
  const ok = route.ok;
  const content =
    ok.content ?? (ok.schema ? { 'application/json': { schema: jsonSchema(ok.schema, 'output') }, ...(ok.arrow ? ARROW : {}) } : undefined);
  const statuses = [...new Set([...(route.access === 'public' ? [] : [401, 403]), ...route.errors])].sort();
  const errors = Object.fromEntries(
    statuses.map((status) => {
      const own = route.errorBodies?.[status as ErrorStatus];
      return [
        String(status),
        own
          ? { description: own.description, content: { 'application/problem+json': { schema: jsonSchema(own.schema, 'output') } } }
          : problem(ERROR_TEXT[status]),
      ];
    }),
  );
  const parameters = [...(route.parameters ?? []), ...(route.query ? zodParameters(route.query) : []), ...(route.asOf ? [AS_OF] : [])];
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [
      route.access === 'public' ? 'Ingen inloggning.' : `Roll: ${route.access === 'signed-in' ? 'inloggad' : route.access}.`,
      route.description,
    ]
      .filter(Boolean)
      .join(' '),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body ? { requestBody: { content: route.body } } : {}),
    responses: { [String(ok.status)]: { description: ok.description, ...(content ? { content } : {}) }, ...errors },
    ...(route.access === 'public' ? { security: [] } : {}),
  };
}

export function openApiDocument(deps: ServiceDeps, routes: readonly RouteDefinition[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nytta API',
      version: deps.version,
      description:
        'Nyttorealisering: indikatorer, baslinje, nyttokalkyl, uppföljning och risker. Fel ges som application/problem+json med svensk detail.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
  };
}

/** A readable reference with no outside scripts: it renders the OpenAPI document it fetches. */
export const DOCS_HTML = `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Nytta API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h2{margin-top:2rem;font-size:1.1rem}code{background:#f2f2f2;padding:0 .25rem;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.m{font-weight:600;color:#0b5394}</style></head>
<body><h1>Nytta API</h1><p>Maskinläsbart: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>. Fel ges som <code>application/problem+json</code>.
Svar som JSON, eller Apache Arrow med <code>Accept: application/vnd.apache.arrow.stream</code>. Token: <code>Authorization: Bearer …</code>.</p>
<div id="api">Läser in …</div>
<script>
fetch('/api/v1/openapi.json').then(r => r.json()).then(doc => {
  const esc = s => String(s ?? '').replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
  document.getElementById('api').innerHTML = Object.entries(doc.paths).map(([path, ops]) => Object.entries(ops).map(([method, op]) =>
    '<h2><span class="m">' + method.toUpperCase() + '</span> <code>' + esc(path) + '</code></h2><p>' + esc(op.summary) + '</p>' +
    (op.description ? '<p>' + esc(op.description) + '</p>' : '') +
    ((op.parameters || []).length ? '<table><tr><th>parameter</th><th>typ</th><th>krävs</th><th>beskrivning</th></tr>' +
      op.parameters.map(p => '<tr><td><code>' + esc(p.name) + '</code></td><td>' + esc(p.schema.type) + (p.schema.enum ? ': ' + esc(p.schema.enum.join(' | ')) : '') +
        (p.schema.default !== undefined ? ' (standard ' + esc(p.schema.default === '' ? 'tomt' : p.schema.default) + ')' : '') + '</td><td>' + (p.required ? 'ja' : '') + '</td><td>' + esc(p.description) + '</td></tr>').join('') + '</table>' : '')
  ).join('')).join('');
});
</script></body></html>`;
