/**
 * @module series – answers over an indicator's series: the baseline with its SPC chart and interrupted time series
 * (`baselineAnswer`), and the production loss modelled and measured around each unit's go-live (`productionLossAnswer`).
 */
import type { z } from 'zod';
import {
  goLiveSourceSchema,
  PARAMETER_DEFAULTS,
  Refusal,
  type BaselineResponse,
  type baselineQuery,
  type ProductionLossResponse,
  type QueryAnswerOf,
  type QueryRowOf,
} from '../contracts/index.js';
import { interruptedTimeSeries } from '../model/its.js';
import { DEFAULT_CURVE, productionLoss, type LossCurve } from '../model/production-loss.js';
import { spc, type ChartType, type SpcPoint } from '../model/spc.js';
import { bigintOrNull } from './values.js';

export type BaselineQuestion = z.output<typeof baselineQuery>;

/** The baseline from its row (`baseline`) and the unit's monthly series (`indicator_series`). */
export function baselineAnswer(
  q: BaselineQuestion,
  base: Pick<QueryAnswerOf<'baseline'>, 'rows' | 'suppressedCells'>,
  series: readonly QueryRowOf<'indicator_series'>[],
): BaselineResponse {
  const row = base.rows[0];
  if (!row?.go_live)
    throw new Refusal(
      `enheten "${q.unit}" har ingen driftstart, och ingen överordnad enhet${q.program ? ` eller programmet "${q.program}"` : ' eller program som indikatorn mäter'} har någon: ange parametern "goLive"`,
      400,
    );
  const goLive = row.go_live;
  const proportion = series.every((r) => r.value === null || (r.value >= 0 && r.value <= 1));
  const chart: ChartType = q.chart === 'auto' ? (proportion ? 'p' : 'i') : q.chart;
  const points: SpcPoint[] = series.map((r) => {
    const n = bigintOrNull(r.n);
    // value = Σ numerator / Σ denominator and n = Σ denominator, so the numerator is value × n.
    return { label: r.period, value: r.value, numerator: r.value === null || n === null ? null : Math.round(r.value * n), denominator: n };
  });
  const goLiveIndex = series.findIndex((r) => r.period >= goLive.slice(0, 7));
  const control = spc(points, { chart, goLiveIndex: goLiveIndex < 0 ? series.length : goLiveIndex, mode: q.mode });
  let its: ReturnType<typeof interruptedTimeSeries> | { error: string } | null = null;
  if (goLiveIndex > 2 && goLiveIndex < series.length - 2) {
    try {
      its = interruptedTimeSeries(
        series.map((r) => r.value),
        { goLiveIndex, transition: q.transition },
      );
    } catch (error) {
      its = { error: (error as Error).message };
    }
  }
  return {
    baseline: row,
    goLiveSource: goLiveSourceSchema.parse(row.go_live_source),
    goLiveFrom: row.go_live_from,
    chart,
    goLiveIndex,
    spc: control,
    its,
    suppressedCells: base.suppressedCells,
  };
}

export interface LossParameters {
  volumeIndicator: string;
  unit?: string;
  costPerContact?: number;
  peak?: number;
  weeksBefore?: number;
  weeksAfter?: number;
}

/** The loss curve and cost per contact a question asks for: the contracts' defaults, on the model's curve shape. */
export function lossCurve(p: LossParameters): { curve: LossCurve; costPerContact: number } {
  return {
    curve: {
      ...DEFAULT_CURVE,
      peak: p.peak ?? PARAMETER_DEFAULTS.peak,
      weeksBefore: p.weeksBefore ?? PARAMETER_DEFAULTS.weeksBefore,
      weeksAfter: p.weeksAfter ?? PARAMETER_DEFAULTS.weeksAfter,
    },
    costPerContact: p.costPerContact ?? PARAMETER_DEFAULTS.costPerContact,
  };
}

/**
 * The modelled production loss from each unit's baseline volume (`production_loss`), and beside it the loss measured in
 * the same weeks, so the assumption can be checked against what happened.
 */
export function productionLossAnswer(p: LossParameters, rows: readonly QueryRowOf<'production_loss'>[]): ProductionLossResponse {
  const { curve, costPerContact } = lossCurve(p);
  const loss = productionLoss(
    rows.map((u) => ({
      unit: u.unit,
      administration: u.administration,
      goLive: u.go_live,
      weeklyVolume: Number(u.weekly_volume),
      costPerContact,
    })),
    curve,
  );
  // Measured: what the baseline's weekly volume would have given over the window's periods, less what was recorded.
  const measured = new Map<string, { expectedContacts: number; actualContacts: number }>();
  for (const u of rows) {
    const m = measured.get(u.administration) ?? { expectedContacts: 0, actualContacts: 0 };
    m.expectedContacts += Number(u.weekly_volume) * Number(u.window_weeks);
    m.actualContacts += Number(u.window_volume);
    measured.set(u.administration, m);
  }
  return {
    volumeIndicator: p.volumeIndicator,
    costPerContact,
    curve,
    byAdministration: Object.entries(loss.byAdministration).map(([administration, v]) => ({ administration, ...v })),
    byWave: Object.entries(loss.byWave).map(([goLive, v]) => ({ goLive, ...v })),
    byYear: Object.entries(loss.byYear).map(([year, lostSek]) => ({ year: Number(year), lostSek })),
    lostSek: Object.values(loss.byYear).reduce((sum, v) => sum + v, 0),
    measured: [...measured].map(([administration, m]) => ({
      administration,
      ...m,
      lostContacts: m.expectedContacts - m.actualContacts,
      lostSek: (m.expectedContacts - m.actualContacts) * costPerContact,
    })),
  };
}
