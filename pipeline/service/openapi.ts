/** @module openapi – the OpenAPI 3.1 document, from the same query headers and zod schemas that validate the calls. */
import { z } from 'zod';
import {
  approvalRequest,
  approvalSchema,
  healthResponse,
  ingestResponse,
  tableSendRequest,
  loadDetailResponse,
  meResponse,
  problemSchema,
  queryAnswer,
  queryListResponse,
  undoResponse,
  refusedResponse,
} from '../contracts/index.js';
import type { ParamSpec } from '../named-queries/header.js';
import type { ServiceDeps } from './context.js';

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

const problem = {
  description: 'Fel (application/problem+json, svensk detail)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const errors = { '400': problem, '401': problem, '403': problem, '404': problem, '504': problem };
const ARROW = { 'application/vnd.apache.arrow.stream': { schema: { type: 'string', format: 'binary' } } };
/** A response's JSON Schema, from its contract. */
const responseSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
const tabular = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema: responseSchema(schema) }, ...ARROW },
});
const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema: responseSchema(schema) } },
});

/** Query parameters of a zod object schema as OpenAPI parameters. */
function zodParameters(schema: z.ZodObject): Record<string, unknown>[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
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

export interface PurposeEndpoint {
  path: string;
  summary: string;
  role: string;
  /** The query string's contract. */
  schema: z.ZodObject;
  /** The answer's contract. */
  response: z.ZodType;
}

export function openApiDocument(deps: ServiceDeps, endpoints: readonly PurposeEndpoint[]): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/api/v1/health': { get: { summary: 'Hälsokontroll (ingen token krävs)', responses: { '200': json('ok', healthResponse) } } },
    '/api/v1/me': {
      get: {
        summary: 'Vem tjänsten tar anroparen för: namn, roll och hur hen loggade in',
        responses: { '200': json('anroparen', meResponse), ...errors },
      },
    },
    '/api/v1/queries': {
      get: { summary: 'Alla namngivna frågor med sina parametrar', responses: { '200': json('listan', queryListResponse), ...errors } },
    },
    '/api/v1/ingest': {
      post: {
        summary: 'Läs in en exportfil (roll controller): samma kontroller som nytta ingest',
        requestBody: {
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: {
                  file: { type: 'string', format: 'binary' },
                  kind: { type: 'string' },
                  sheet: { type: 'string' },
                  dryRun: { type: 'boolean' },
                  createIndicators: { type: 'boolean' },
                  map: { type: 'string', description: 'mappningsfilens JSON' },
                },
              },
            },
          },
        },
        responses: {
          '200': json('inläst, oförändrad eller kontrollerad', ingestResponse),
          '413': problem,
          '422': json('filen avvisades i sin helhet', refusedResponse),
          ...errors,
        },
      },
    },
    '/api/v1/ingest/table': {
      post: {
        summary: 'Skicka en tabell från arbetsboken (roll controller): samma inläsning som en fil; rad 1 är tabellens rubrikrad',
        requestBody: {
          content: { 'application/json': { schema: z.toJSONSchema(tableSendRequest, { io: 'input', unrepresentable: 'any' }) } },
        },
        responses: {
          '200': json('inläst, oförändrad eller kontrollerad', ingestResponse),
          '413': problem,
          '422': json('tabellen avvisades i sin helhet', refusedResponse),
          ...errors,
        },
      },
    },
  };
  for (const q of deps.queries.values()) {
    paths[`/api/v1/queries/${q.name}`] = {
      get: {
        summary: q.description,
        description: `Roll: ${q.role}. Kolumner: ${q.columns.map((c) => `${c.name} (${c.type}${c.when ? `, när ${c.when.param}=${c.when.value}` : ''})`).join(', ')}.`,
        parameters: q.params
          .map((p) => ({
            name: p.name,
            in: 'query',
            required: p.required,
            description: p.description,
            schema: paramJsonSchema(p),
          }))
          .concat([AS_OF]),
        responses: { '200': tabular('rader (JSON) eller Arrow IPC', queryAnswer), ...errors },
      },
    };
  }
  paths['/api/v1/loads/{id}'] = {
    get: {
      summary: 'En inläsning med dess varningar och de fel en avvisning behöll (roll reader)',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { '200': json('inläsningen', loadDetailResponse), ...errors },
    },
  };
  paths['/api/v1/loads/{id}/undo'] = {
    post: {
      summary:
        'Ångra en inläsning (roll controller): dess rader tas bort, raderna den ersatte gäller igen; ångringen är en egen inläsning som kan ångras',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
      responses: { '200': json('ångrad', undoResponse), '409': problem, ...errors },
    },
  };
  paths['/api/v1/approvals'] = {
    post: {
      summary:
        'Fastställ en version (roll controller): {program, subject, asOf, comment}, subject nyttokalkyl, malvarden, baslinje eller rapport; asOf är versionen (inläsnings-id eller tidpunkt), utan den lagret som det står. Fastställelsen är en egen inläsning som kan läsas asOf och ångras',
      requestBody: {
        content: { 'application/json': { schema: z.toJSONSchema(approvalRequest, { io: 'input', unrepresentable: 'any' }) } },
      },
      responses: { '201': json('fastställd', approvalSchema), ...errors },
    },
  };
  for (const e of endpoints) {
    // A path may also have a POST (approvals): the GET goes beside it.
    paths[e.path] = {
      ...(paths[e.path] as Record<string, unknown> | undefined),
      get: {
        summary: e.summary,
        description: `Roll: ${e.role}.`,
        parameters: [...zodParameters(e.schema), AS_OF],
        responses: { '200': tabular('svaret', e.response), ...errors },
      },
    };
  }
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
      schemas: { Problem: responseSchema(problemSchema) },
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
