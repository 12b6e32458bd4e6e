/**
 * @module baseline – `GET /api/v1/baseline?indicator=&unit=`: the baseline and the unit's monthly series read from the
 * store, answered by `baselineAnswer` (an SPC chart and an interrupted time series).
 */
import { baselineAnswer } from '../../answers/series.js';
import { questionRoute } from '../define-route.js';
import { answer } from '../context.js';

const SERIES_COLUMNS = [
  { name: 'label', type: 'VARCHAR' },
  { name: 'y', type: 'DOUBLE' },
  { name: 'centre', type: 'DOUBLE' },
  { name: 'lcl', type: 'DOUBLE' },
  { name: 'ucl', type: 'DOUBLE' },
  { name: 'phase', type: 'INTEGER' },
  { name: 'outside', type: 'BOOLEAN' },
] as const;

export const baselineRoute = questionRoute({
  question: 'baseline',
  operationId: 'getBaseline',
  summary: 'Baslinje före driftstart, styrdiagram (p, p′ eller XmR) och avbruten tidsserie',
  role: 'reader',
  errors: [400, 404, 406],
  async answer(deps, q) {
    // The two questions do not wait for each other: each runs on a reader of its own.
    const [base, series] = await Promise.all([
      answer(deps, 'baseline', {
        indicator: q.indicator,
        unit: q.unit,
        go_live: q.goLive,
        window_months: q.window ?? 12,
        program: q.program,
      }),
      answer(deps, 'indicator_series', { indicator: q.indicator, unit: q.unit, grain: 'month' }),
    ]);
    return baselineAnswer(q, base, series.rows);
  },
  table: (body) => ({ columns: SERIES_COLUMNS, rows: body.spc.rows }),
});
