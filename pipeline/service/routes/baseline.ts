/**
 * @module baseline – `GET /api/v1/baseline?indicator=&unit=`: the baseline, the monthly series with an SPC chart, and
 * an interrupted time series.
 */
import { Hono } from 'hono';
import { baselineQuery, goLiveSourceSchema, type BaselineResponse } from '../../contracts/index.js';
import { interruptedTimeSeries } from '../../model/its.js';
import { spc, type ChartType, type SpcPoint } from '../../model/spc.js';
import { answer, badRequest, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

const SERIES_COLUMNS = [
  { name: 'label', type: 'VARCHAR' },
  { name: 'y', type: 'DOUBLE' },
  { name: 'centre', type: 'DOUBLE' },
  { name: 'lcl', type: 'DOUBLE' },
  { name: 'ucl', type: 'DOUBLE' },
  { name: 'phase', type: 'INTEGER' },
  { name: 'outside', type: 'BOOLEAN' },
] as const;

export function baselineRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/baseline', async (c) => {
    const q = validQuery(c, 'reader', baselineQuery);
    // The two questions do not wait for each other: each runs on a reader of its own.
    const [base, { rows: series }] = await Promise.all([
      answer(deps, 'baseline', {
        indicator: q.indicator,
        unit: q.unit,
        go_live: q.goLive,
        window_months: q.window ?? 12,
        program: q.program,
      }),
      answer(deps, 'indicator_series', { indicator: q.indicator, unit: q.unit, grain: 'month' }),
    ]);
    const row = base.rows[0];
    if (!row?.go_live)
      throw badRequest(
        `enheten "${q.unit}" har ingen driftstart, och ingen överordnad enhet${q.program ? ` eller programmet "${q.program}"` : ' eller program som indikatorn mäter'} har någon: ange parametern "goLive"`,
      );
    const goLive = String(row.go_live);
    const goLiveSource = goLiveSourceSchema.parse(row.go_live_source);
    const goLiveFrom = (row.go_live_from as string | null) ?? null;
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
        its = interruptedTimeSeries(
          series.map((r) => r.value as number | null),
          { goLiveIndex, transition: q.transition },
        );
      } catch (error) {
        its = { error: (error as Error).message };
      }
    }
    const body: BaselineResponse = {
      baseline: row,
      goLiveSource,
      goLiveFrom,
      chart,
      goLiveIndex,
      spc: control,
      its,
      suppressedCells: base.suppressedCells,
    };
    return respond(c, body, { columns: SERIES_COLUMNS, rows: control.rows });
  });
}
