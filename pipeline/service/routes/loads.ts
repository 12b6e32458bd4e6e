/**
 * @module loads – `GET /api/v1/loads` and `GET /api/v1/loads/{id}` (reader): every load made, who made it, and what it
 * said; `POST /api/v1/loads/{id}/undo` (controller): withdraw one.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { loadDetailResponse, loadsQuery, loadSchema, undoResponse, type LoadDetail, type UndoResponse } from '../../contracts/index.js';
import { undoLoad, UndoRefused } from '../../store/undo.js';
import { hasRole, requireRole } from '../auth.js';
import type { QueryRow } from '../../contracts/index.js';
import { answer, noParameters, respondJson, validQuery, type Env, type ServiceDeps } from '../context.js';

const toLoad = (r: QueryRow) =>
  loadSchema.parse({
    id: Number(r.load_id),
    file: r.file_name,
    sha256: r.sha256,
    kind: r.kind || null,
    status: r.status,
    rowsRead: Number(r.rows_read),
    rowsAccepted: Number(r.rows_accepted),
    rowsRejected: Number(r.rows_rejected),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    loadedBy: r.loaded_by ?? null,
    rowsReplaced: Number(r.rows_replaced ?? 0),
    undoes: r.undoes === null || r.undoes === undefined ? null : Number(r.undoes),
    undoneBy: r.undone_by === null || r.undone_by === undefined ? null : Number(r.undone_by),
  });

/** The id in the path: a positive integer, or a 400 saying what one looks like. */
function loadIdParam(raw: string): string {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1)
    throw new HTTPException(400, { message: `"${raw.slice(0, 40)}" är inget inläsnings-id: ange ett heltal, t.ex. /api/v1/loads/12` });
  return raw;
}

export function loadRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>()
    .get('/loads', async (c) => {
      const q = validQuery(c, 'reader', loadsQuery);
      const { rows } = await answer(deps, 'load_log', { limit: q.limit ?? 10000 });
      return respondJson(c, { loads: rows.map(toLoad) });
    })
    .get('/loads/:id', async (c) => {
      validQuery(c, 'reader', loadsQuery.pick({}));
      const raw = loadIdParam(c.req.param('id'));
      const { rows } = await answer(deps, 'load_log', { load_id: raw, limit: 1 });
      if (!rows.length) throw new HTTPException(404, { message: `Det finns ingen inläsning med id ${raw}. Se /api/v1/loads.` });
      // The rejected cells are the export's own text (a name, a personal number): shown to those who may load, to
      // others only where and why.
      const showValues = hasRole(c.get('role'), 'controller');
      const errors = (await answer(deps, 'load_rejects', { load_id: raw })).rows.map((e) => ({
        line: e.line === null ? null : Number(e.line),
        column: (e.column_name as string | null) ?? null,
        value: showValues ? ((e.value as string | null) ?? null) : null,
        reason: String(e.reason),
      }));
      const body: LoadDetail = loadDetailResponse.parse({
        ...toLoad(rows[0]),
        warnings: JSON.parse(String(rows[0].warnings ?? '[]')),
        errors,
      });
      return respondJson(c, body);
    })
    .post('/loads/:id/undo', async (c) => {
      requireRole(c.get('role'), 'controller');
      noParameters(c);
      const id = Number(loadIdParam(c.req.param('id')));
      const report = await deps.writes
        .run(() => undoLoad(deps.writer, id, { undoneBy: c.get('caller'), gate: deps.gate }))
        .catch((error: unknown) => {
          if (error instanceof UndoRefused) throw new HTTPException(error.reason === 'unknown' ? 404 : 409, { message: error.message });
          throw error;
        });
      const { rows } = await answer(deps, 'load_log', { load_id: report.undoId, limit: 1 });
      const body: UndoResponse = undoResponse.parse({ ...report, load: toLoad(rows[0]) });
      return c.json(body);
    });
}
