/**
 * @module workbooks – `GET /api/v1/workbooks/{kind}?…` (reader): the same sheets as `nytta workbook`, as an .xlsx file,
 * built from the caller's service in process (its role, asOf and time limit; the answers kept as the same questions
 * asked over HTTP).
 */
import { HTTPException } from 'hono/http-exception';
import { buildPlans, WORKBOOK_KINDS, type WorkbookKind } from '../../../addin/service/build-plans.js';
import { requireRole } from '../auth.js';
import type { RouteDefinition } from '../define-route.js';
import { renderOffThread } from '../render-off-thread.js';
import { requestStop } from '../request-limits.js';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const isKind = (kind: string): kind is WorkbookKind => (WORKBOOK_KINDS as readonly string[]).includes(kind);

export const workbookRoute: RouteDefinition = {
  method: 'get',
  path: '/api/v1/workbooks/{kind}',
  operationId: 'getWorkbook',
  summary:
    'Arbetsboken som .xlsx-fil, samma blad som nytta workbook: indikatorer, baslinje, nyttokalkyl, uppfoljning, risker, portfolj, rapport eller alla; parametrarna är slagets (README), en okänd parameter avvisas',
  access: 'reader',
  asOf: true,
  parameters: [
    { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: [...WORKBOOK_KINDS] } },
    {
      name: 'parameters',
      in: 'query',
      required: false,
      description: 'arbetsbokens parametrar, t.ex. program=FVIS (vilka beror på slaget)',
      style: 'form',
      explode: true,
      schema: { type: 'object', additionalProperties: { type: 'string' } },
    },
  ],
  ok: { status: 200, description: 'arbetsboken', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } },
  errors: [400, 404],
  async handle(c, _deps, service) {
    requireRole(c.get('role'), 'reader');
    const kind = c.req.param('kind')!;
    if (!isKind(kind))
      throw new HTTPException(404, { message: `Det finns ingen arbetsbok "${kind.slice(0, 40)}". Giltiga: ${WORKBOOK_KINDS.join(', ')}.` });
    const plans = await buildPlans(service(), kind, c.req.query());
    // Writing the file is JavaScript no DuckDB interrupt reaches: in a worker, which the request's stop ends.
    const stop = requestStop();
    const buffer = await renderOffThread(plans, stop.signal, stop.stopped);
    return new Response(new Uint8Array(buffer), {
      headers: { 'content-type': XLSX, 'content-disposition': `attachment; filename="nytta-${kind}.xlsx"` },
    });
  },
};
