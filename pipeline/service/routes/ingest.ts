/** @module ingest – `POST /api/v1/ingest` (controller): an export file as multipart `file`, through the same checks as `nytta ingest`. */
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeIssues,
  ingestResponse,
  refusedResponse,
  schemaKeys,
  tableSendRequest,
  tableSourceName,
  type IngestResponse,
} from '../../contracts/index.js';
import { formatError, loadFile, loadTable, type LoadReport } from '../../ingest/load-file.js';
import { mappingSchema, type Mapping } from '../../ingest/mapping.js';
import { requireRole } from '../auth.js';
import { z } from 'zod';
import type { RouteDefinition } from '../define-route.js';
import { badRequest, noParameters, type Env, type ServiceDeps } from '../context.js';
import { RefusedFile } from '../problem.js';

/** A file name safe to write: the last path part, odd characters replaced. */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^\.+/, '')
    .slice(0, 120);
  return cleaned || 'export';
}

const flag = (value: unknown) => value === 'true' || value === '1' || value === 'on';
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function parseMapping(value: unknown): Mapping | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch (error) {
    throw badRequest(`fältet "map" är inte giltig JSON: ${(error as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(raw);
  if (!parsed.success)
    throw badRequest(`mappningen är ogiltig: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** Each problem with the body where it is: `rows[3][2]: …`, in Swedish for what zod says in English. */
function describeBody(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('');
      if (issue.code === 'unrecognized_keys') return `okänt fält: ${issue.keys.join(', ')}`;
      const cell = issue.path[0] === 'rows' && issue.path.length === 3;
      const message = cell && issue.code === 'invalid_union' ? 'en cell ska vara text, tal, sant/falskt eller null' : issue.message;
      return where ? `${where}: ${message}` : message;
    })
    .join('; ');
}

/** 200 with the report, or the refusal as a 422 with every error in Swedish. */
function answer(report: LoadReport): IngestResponse {
  const body: IngestResponse = { ...report, messages: report.errors.map((e) => formatError(report.file, e)) };
  if (report.status === 'refused') throw new RefusedFile(body);
  return body;
}

/** The fields an upload takes. */
const UPLOAD_FIELDS = z
  .object(
    Object.fromEntries(['file', 'kind', 'sheet', 'dryRun', 'createIndicators', 'map'].map((field) => [field, z.unknown().optional()])),
  )
  .strict();

/** The caller's role is known before a byte of the body is read: a bodyLimit reads a chunked body whole to measure it. */
function controllerWithin(deps: ServiceDeps, what: string, work: (c: Context<Env>) => Promise<Response>) {
  const limitMiB = Math.round(deps.config.bodyLimitBytes / 1024 / 1024);
  const limit = bodyLimit({
    maxSize: deps.config.bodyLimitBytes,
    onError: () => {
      throw new HTTPException(413, { message: `${what} är större än tjänstens gräns på ${limitMiB} MiB.` });
    },
  });
  return async (c: Context<Env>): Promise<Response> => {
    requireRole(c.get('role'), 'controller');
    let answered: Response | undefined;
    const res = await limit(c, async () => {
      answered = await work(c);
    });
    return res ?? answered!;
  };
}

const REFUSED = { description: 'filen avvisades i sin helhet', schema: refusedResponse };

export const ingestRoute: RouteDefinition = {
  method: 'post',
  path: '/api/v1/ingest',
  operationId: 'ingestFile',
  summary: 'Läs in en exportfil (roll controller): samma kontroller som nytta ingest',
  access: 'controller',
  body: {
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
  ok: { status: 200, description: 'inläst, oförändrad eller kontrollerad', schema: ingestResponse },
  errors: [400, 413, 422],
  errorBodies: { 422: REFUSED },
  handle: (c, deps) =>
    controllerWithin(deps, 'Filen', async (c) => {
      noParameters(c);
      const form = (await c.req.parseBody().catch(() => {
        throw badRequest('anropet ska vara multipart/form-data med filen i fältet "file"');
      })) as Record<string, string | File>;
      // A field it does not take is refused, not ignored: "dryrun" for "dryRun" would load the file.
      const fields = UPLOAD_FIELDS.safeParse(form);
      if (!fields.success) throw badRequest(describeIssues(fields.error, { what: c.req.path, names: schemaKeys(UPLOAD_FIELDS) }));
      const file = form.file;
      if (!(file instanceof File)) throw badRequest('fältet "file" saknas: skicka exportfilen som multipart/form-data');
      const mapping = parseMapping(form.map);
      const dir = mkdtempSync(join(tmpdir(), 'nytta-upload-'));
      const path = join(dir, safeFileName(file.name));
      writeFileSync(path, Buffer.from(await file.arrayBuffer()));
      try {
        // One load at a time through the one writer; readers go on meanwhile on their own connections.
        const report = await deps.writes.run(() =>
          loadFile(deps.writer, path, {
            kind: text(form.kind),
            sheet: text(form.sheet),
            dryRun: flag(form.dryRun),
            createIndicators: flag(form.createIndicators) || undefined,
            mapping,
            gate: deps.gate,
            loadedBy: c.get('caller'),
            xlsx: deps.config.xlsx,
          }),
        );
        return c.json(answer(report));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })(c),
};

export const ingestTableRoute: RouteDefinition = {
  method: 'post',
  path: '/api/v1/ingest/table',
  operationId: 'ingestTable',
  summary: 'Skicka en tabell från arbetsboken (roll controller): samma inläsning som en fil; rad 1 är tabellens rubrikrad',
  access: 'controller',
  body: { 'application/json': { schema: z.toJSONSchema(tableSendRequest, { io: 'input', unrepresentable: 'any' }) } },
  ok: { status: 200, description: 'inläst, oförändrad eller kontrollerad', schema: ingestResponse },
  errors: [400, 413, 422],
  errorBodies: { 422: { description: 'tabellen avvisades i sin helhet', schema: refusedResponse } },
  handle: (c, deps) =>
    controllerWithin(deps, 'Tabellen', async (c) => {
      noParameters(c);
      const raw: unknown = await c.req.json().catch(() => {
        throw badRequest('anropet ska vara JSON: {"workbook", "sheet", "table", "columns", "rows"}');
      });
      const parsed = tableSendRequest.safeParse(raw);
      if (!parsed.success) throw badRequest(describeBody(parsed.error));
      const sent = parsed.data;
      const report = await deps.writes.run(() =>
        loadTable(
          deps.writer,
          { name: tableSourceName(sent), columns: sent.columns, rows: sent.rows },
          { kind: sent.kind, dryRun: sent.dryRun, gate: deps.gate, loadedBy: c.get('caller') },
        ),
      );
      return c.json(answer(report));
    })(c),
};
