/** @module workbooks – `GET /api/v1/workbooks/{kind}?…` (reader): the same sheets as `nytta workbook`, as an .xlsx file. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { buildPlans, WORKBOOK_KINDS, type WorkbookKind } from '../../../addin/service/build-plans.js';
import { serviceCall } from '../../../addin/service/service-call.js';
import { requireRole } from '../auth.js';
import { renderOffThread } from '../render-off-thread.js';
import { requestStop } from '../request-limits.js';
import type { Env } from '../context.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `api` is the service's own app: the sheets are built from its endpoints, with the caller's own token. */
export function workbookRoutes(api: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }): Hono<Env> {
  return new Hono<Env>().get('/workbooks/:kind', async (c) => {
    requireRole(c.get('role'), 'reader');
    const kind = c.req.param('kind');
    if (!(WORKBOOK_KINDS as readonly string[]).includes(kind))
      throw new HTTPException(404, { message: `Det finns ingen arbetsbok "${kind.slice(0, 40)}". Giltiga: ${WORKBOOK_KINDS.join(', ')}.` });
    const auth = c.req.header('authorization');
    const call = serviceCall((path, init) => api.request(path, init), auth ? { authorization: auth } : {});
    const plans = await buildPlans(call, kind as WorkbookKind, c.req.query());
    // Writing the file is JavaScript no DuckDB interrupt reaches: in a worker, which the request's stop ends.
    const stop = requestStop();
    const buffer = await renderOffThread(plans, stop.signal, stop.stopped);
    return new Response(new Uint8Array(buffer), {
      headers: { 'content-type': XLSX, 'content-disposition': `attachment; filename="nytta-${kind}.xlsx"` },
    });
  });
}
