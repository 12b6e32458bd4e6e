/** @module workbooks – `GET /api/v1/workbooks/{kind}?…` (reader): the same sheets as `nytta workbook`, as an .xlsx file. */
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { workbookBuffer } from '../../../addin/xlsx/render-workbook.js';
import { isUserError } from '../../errors.js';
import { buildPlans, serviceCall, WORKBOOK_KINDS, type WorkbookKind } from '../../workbooks/build-plans.js';
import { requireRole } from '../auth.js';
import type { Env } from '../context.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function workbookRoutes(app: Hono<Env>): void {
  app.get('/api/v1/workbooks/:kind', async (c) => {
    requireRole(c.get('role'), 'reader');
    const kind = c.req.param('kind');
    if (!(WORKBOOK_KINDS as readonly string[]).includes(kind)) throw new HTTPException(404, { message: `Det finns ingen arbetsbok "${kind.slice(0, 40)}". Giltiga: ${WORKBOOK_KINDS.join(', ')}.` });
    // The sheets are built from this service's own endpoints, with the caller's own token.
    const auth = c.req.header('authorization');
    const call = serviceCall((path, init) => app.request(path, init), auth ? { authorization: auth } : {});
    try {
      const buffer = await workbookBuffer(await buildPlans(call, kind as WorkbookKind, c.req.query()));
      return new Response(new Uint8Array(buffer), { headers: { 'content-type': XLSX, 'content-disposition': `attachment; filename="nytta-${kind}.xlsx"` } });
    } catch (error) {
      if (isUserError(error)) throw new HTTPException(400, { message: error.message });
      throw error;
    }
  });
}
