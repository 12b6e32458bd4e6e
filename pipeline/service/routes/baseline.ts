/** @module baseline – `GET /api/v1/baseline?indicator=&unit=`: the baseline, the monthly series with an SPC chart, and an interrupted time series. */
import type { Hono } from 'hono';
import { z } from 'zod';
import { interruptedTimeSeries } from '../../model/its.js';
import { spc, type ChartType, type SpcPoint } from '../../model/spc.js';
import { answer, badRequest, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const baselineSchema = z
  .object({
    indicator: z.string({ message: 'parametern "indicator" saknas' }).min(1, 'parametern "indicator" saknas').max(200),
    unit: z.string({ message: 'parametern "unit" saknas' }).min(1, 'parametern "unit" saknas').max(200),
    goLive: z.string().regex(DATE, 'parametern "goLive" ska vara ett datum ÅÅÅÅ-MM-DD').optional(),
    window: z.string().regex(/^\d+$/, 'parametern "window" ska vara ett antal månader').transform(Number).pipe(z.number().min(1).max(60)).optional(),
    chart: z.enum(['auto', 'p', 'pp', 'i'], { message: 'parametern "chart" ska vara auto, p, pp eller i' }).default('auto'),
    mode: z.enum(['frozen', 'phased'], { message: 'parametern "mode" ska vara frozen eller phased' }).default('frozen'),
    transition: z.string().regex(/^\d+$/, 'parametern "transition" ska vara ett antal månader').transform(Number).pipe(z.number().max(24)).default(0),
  })
  .strict();

const SERIES_COLUMNS = [
  { name: 'label', type: 'VARCHAR' }, { name: 'y', type: 'DOUBLE' }, { name: 'centre', type: 'DOUBLE' }, { name: 'lcl', type: 'DOUBLE' },
  { name: 'ucl', type: 'DOUBLE' }, { name: 'phase', type: 'INTEGER' }, { name: 'outside', type: 'BOOLEAN' },
] as const;

export function baselineRoutes(app: Hono<Env>, deps: ServiceDeps): void {
  app.get('/api/v1/baseline', async (c) => {
    const q = validQuery(c, 'reader', baselineSchema);
    const base = await answer(deps, 'baseline', { indicator: q.indicator, unit: q.unit, go_live: q.goLive, window_months: q.window ?? 12 });
    const row = base.rows[0];
    if (!row?.go_live) throw badRequest(`enheten "${q.unit}" har ingen driftstart: ange parametern "goLive"`);
    const goLive = String(row.go_live);
    const series = (await answer(deps, 'indicator_series', { indicator: q.indicator, unit: q.unit, grain: 'month' })).rows;
    const proportion = series.every((r) => r.value === null || (Number(r.value) >= 0 && Number(r.value) <= 1));
    const chart: ChartType = q.chart === 'auto' ? (proportion ? 'p' : 'i') : q.chart;
    const points: SpcPoint[] = series.map((r) => ({
      label: String(r.period),
      value: r.value as number | null,
      // value = Σ numerator / Σ denominator and n = Σ denominator, so the numerator is value × n.
      numerator: r.value === null || r.n === null ? null : Math.round(Number(r.value) * Number(r.n)),
      denominator: r.n as number | null,
    }));
    const goLiveIndex = series.findIndex((r) => String(r.period) >= goLive.slice(0, 7));
    const control = spc(points, { chart, goLiveIndex: goLiveIndex < 0 ? series.length : goLiveIndex, mode: q.mode });
    let its: ReturnType<typeof interruptedTimeSeries> | { error: string } | null = null;
    if (goLiveIndex > 2 && goLiveIndex < series.length - 2) {
      try {
        its = interruptedTimeSeries(series.map((r) => r.value as number | null), { goLiveIndex, transition: q.transition });
      } catch (error) {
        its = { error: (error as Error).message };
      }
    }
    return respond(c, { baseline: row, chart, goLiveIndex, spc: control, its, suppressedCells: base.suppressedCells }, { columns: SERIES_COLUMNS, rows: control.rows });
  });
}
