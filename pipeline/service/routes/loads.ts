/**
 * @module loads – `GET /api/v1/loads` and `GET /api/v1/loads/{id}` (reader): every load made, who made it, and what it
 * said; `POST /api/v1/loads/{id}/undo` (controller): withdraw one.
 */
import { HTTPException } from 'hono/http-exception';
import { loadDetailResponse, loadsQuery, undoResponse, type LoadDetail, type UndoResponse } from '../../contracts/index.js';
import { toLoad } from '../../answers/records.js';
import { undoLoad, UndoRefused } from '../../store/undo.js';
import { hasRole, requireRole } from '../auth.js';
import { questionRoute, type RouteDefinition } from '../define-route.js';
import { answer, noParameters, respondJson, validQuery } from '../context.js';

/** The id in the path: a positive integer, or a 400 saying what one looks like. */
function loadIdParam(raw: string): string {
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1)
    throw new HTTPException(400, { message: `"${raw.slice(0, 40)}" är inget inläsnings-id: ange ett heltal, t.ex. /api/v1/loads/12` });
  return raw;
}

const ID = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }];

export const loadsRoute = questionRoute({
  question: 'loads',
  operationId: 'listLoads',
  summary:
    'Alla inläsningar, den senaste först: fil, SHA-256, slag, status, rader, tid och vem som läste in (/api/v1/loads/{id} för en med dess fel och varningar)',
  role: 'reader',
  errors: [400],
  answer: async (deps, q) => ({ loads: (await answer(deps, 'load_log', { limit: q.limit ?? 10000 })).rows.map(toLoad) }),
  jsonAlways: true,
});

export const loadRoute: RouteDefinition = {
  method: 'get',
  path: '/api/v1/loads/{id}',
  operationId: 'getLoad',
  summary: 'En inläsning med dess varningar och de fel en avvisning behöll (roll reader)',
  access: 'reader',
  asOf: true,
  parameters: ID,
  ok: { status: 200, description: 'inläsningen', schema: loadDetailResponse },
  errors: [400, 404],
  async handle(c, deps) {
    validQuery(c, 'reader', loadsQuery.pick({}));
    const raw = loadIdParam(c.req.param('id')!);
    const { rows } = await answer(deps, 'load_log', { load_id: raw, limit: 1 });
    if (!rows.length) throw new HTTPException(404, { message: `Det finns ingen inläsning med id ${raw}. Se /api/v1/loads.` });
    // The rejected cells are the export's own text (a name, a personal number): shown to those who may load, to
    // others only where and why.
    const showValues = hasRole(c.get('role'), 'controller');
    const errors = (await answer(deps, 'load_rejects', { load_id: raw })).rows.map((e) => ({
      line: e.line === null ? null : Number(e.line),
      column: e.column_name,
      value: showValues ? e.value : null,
      reason: e.reason,
    }));
    const body: LoadDetail = loadDetailResponse.parse({ ...toLoad(rows[0]), warnings: JSON.parse(rows[0].warnings ?? '[]'), errors });
    return respondJson(c, body);
  },
};

export const undoRoute: RouteDefinition = {
  method: 'post',
  path: '/api/v1/loads/{id}/undo',
  operationId: 'undoLoad',
  summary:
    'Ångra en inläsning (roll controller): dess rader tas bort, raderna den ersatte gäller igen; ångringen är en egen inläsning som kan ångras',
  access: 'controller',
  parameters: ID,
  ok: { status: 200, description: 'ångrad', schema: undoResponse },
  errors: [400, 404, 409],
  async handle(c, deps) {
    requireRole(c.get('role'), 'controller');
    noParameters(c);
    const id = Number(loadIdParam(c.req.param('id')!));
    const report = await deps.writes
      .run(() => undoLoad(deps.writer, id, { undoneBy: c.get('caller'), gate: deps.gate }))
      .catch((error: unknown) => {
        if (error instanceof UndoRefused) throw new HTTPException(error.reason === 'unknown' ? 404 : 409, { message: error.message });
        throw error;
      });
    const { rows } = await answer(deps, 'load_log', { load_id: report.undoId, limit: 1 });
    const body: UndoResponse = undoResponse.parse({ ...report, load: toLoad(rows[0]) });
    return c.json(body);
  },
};
