/** @module ingest – `POST /api/v1/ingest` (controller): an export file as multipart `file`, through the same checks as `nytta ingest`. */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUserError } from '../../errors.js';
import { formatError, loadFile } from '../../ingest/load-file.js';
import { mappingSchema, type Mapping } from '../../ingest/mapping.js';
import { requireRole } from '../auth.js';
import { badRequest, type Env, type ServiceDeps } from '../context.js';
import { problem } from '../problem.js';

/** A file name safe to write: the last path part, odd characters replaced. */
export function safeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  const cleaned = last.replace(/[^\p{L}\p{N}._ -]/gu, '_').replace(/^\.+/, '').slice(0, 120);
  return cleaned || 'export';
}

const flag = (value: unknown) => value === 'true' || value === '1' || value === 'on';

export function ingestRoutes(app: Hono<Env>, deps: ServiceDeps): void {
  let queue: Promise<unknown> = Promise.resolve();
  app.post(
    '/api/v1/ingest',
    bodyLimit({
      maxSize: deps.config.bodyLimitBytes,
      onError: (c) => problem(413, 'För stor fil', `Filen är större än tjänstens gräns på ${Math.round(deps.config.bodyLimitBytes / 1024 / 1024)} MiB.`, c.req.path),
    }),
    async (c) => {
      requireRole(c.get('role'), 'controller');
      let form: Record<string, string | File>;
      try {
        form = (await c.req.parseBody()) as Record<string, string | File>;
      } catch {
        throw badRequest('anropet ska vara multipart/form-data med filen i fältet "file"');
      }
      const file = form.file;
      if (!(file instanceof File)) throw badRequest('fältet "file" saknas: skicka exportfilen som multipart/form-data');
      let mapping: Mapping | undefined;
      if (typeof form.map === 'string' && form.map.trim()) {
        let raw: unknown;
        try {
          raw = JSON.parse(form.map);
        } catch (error) {
          throw badRequest(`fältet "map" är inte giltig JSON: ${(error as Error).message}`);
        }
        const parsed = mappingSchema.safeParse(raw);
        if (!parsed.success) throw badRequest(`mappningen är ogiltig: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        mapping = parsed.data;
      }
      const dir = mkdtempSync(join(tmpdir(), 'nytta-upload-'));
      const path = join(dir, safeFileName(file.name));
      writeFileSync(path, Buffer.from(await file.arrayBuffer()));
      // One load at a time through the one writer; readers go on meanwhile on their own connections.
      const run = queue.then(() =>
        loadFile(deps.writer, path, {
          kind: typeof form.kind === 'string' && form.kind ? form.kind : undefined,
          sheet: typeof form.sheet === 'string' && form.sheet ? form.sheet : undefined,
          dryRun: flag(form.dryRun),
          createIndicators: flag(form.createIndicators) || undefined,
          mapping,
        }),
      );
      queue = run.catch(() => undefined);
      try {
        const report = await run;
        const body = { ...report, messages: report.errors.map((e) => formatError(report.file, e)) };
        if (report.status === 'refused') {
          return new Response(
            JSON.stringify({
              type: 'about:blank', title: 'Filen avvisades', status: 422,
              detail: `${report.file} avvisades i sin helhet (${report.errorCount} fel); lagret är oförändrat.`,
              messages: body.messages, report: body,
            }),
            { status: 422, headers: { 'content-type': 'application/problem+json; charset=utf-8' } },
          );
        }
        return c.json(body);
      } catch (error) {
        if (isUserError(error)) throw new HTTPException(400, { message: error.message });
        throw error;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
}
