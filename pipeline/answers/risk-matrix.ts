/**
 * @module risk-matrix – the risk matrix answered from the register and its history: cells with counts, ids and
 * colours, the register with each risk's trend, the changes since the previous assessment, and a summary per area.
 */
import type { z } from 'zod';
import type { QueryRowOf, RiskMatrixResponse, riskMatrixQuery } from '../contracts/index.js';
import { DEFAULT_THRESHOLDS, register, riskChanges, riskMatrix } from '../model/risk.js';
import { commaList } from './values.js';

export type RiskQuestion = z.output<typeof riskMatrixQuery>;
type RegisterRow = QueryRowOf<'risk_register'>;
type Registered = RiskMatrixResponse['register'][number];

/** The register's rows with what they threaten and each risk's value at every assessment. */
export function registerRows(rows: readonly RegisterRow[], history: readonly QueryRowOf<'risk_history'>[]) {
  return rows.map(({ due_date, effect_goals, ...r }) => ({
    ...r,
    dueDate: due_date,
    benefits: commaList(r.benefits),
    effectGoals: commaList(effect_goals),
    history: history
      .filter((h) => h.program === r.program && h.id === r.id)
      .map((h) => ({ assessed: h.assessed, probability: h.probability, consequence: h.consequence, value: h.value })),
  }));
}

/** The dates the register is of (one, or several without a program), earliest first. */
export const assessedDates = (rows: readonly Pick<RegisterRow, 'assessed'>[]) => [...new Set(rows.map((r) => r.assessed))].sort();

/**
 * The assessment to compare with: the latest on or before `since` (or before the current one), other than the current;
 * none when the register holds more than one date.
 */
export function previousAssessment(q: RiskQuestion, current: readonly string[], all: readonly string[]): string | null {
  if (current.length !== 1) return null;
  const [date] = current;
  const on = q.since ? (q.since < date ? q.since : date) : null;
  return on === null ? ([...all].reverse().find((d) => d < date) ?? null) : ([...all].reverse().find((d) => d <= on && d !== date) ?? null);
}

/** Per area: the risks, by colour, the highest value and the overdue actions; areas by name. */
function areaSummary(rows: readonly Registered[]) {
  const areas = new Map<string, Registered[]>();
  for (const r of rows) areas.set(r.area ?? '', [...(areas.get(r.area ?? '') ?? []), r]);
  return [...areas.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'sv'))
    .map(([area, list]) => ({
      area,
      risks: list.length,
      green: list.filter((r) => r.colour === 'green').length,
      yellow: list.filter((r) => r.colour === 'yellow').length,
      red: list.filter((r) => r.colour === 'red').length,
      maxValue: Math.max(...list.map((r) => r.value)),
      overdue: list.filter((r) => r.overdue).length,
    }));
}

/** The answer from the register (with its history) and, when there is one, the previous assessment's register. */
export function riskMatrixAnswer(
  q: RiskQuestion,
  current: ReturnType<typeof registerRows>,
  previous: { date: string; rows: readonly RegisterRow[] } | null,
): RiskMatrixResponse {
  const scales = [...new Set(current.map((r) => r.scale))];
  const scale = q.scale ?? (scales.length === 1 ? scales[0] : 3);
  const onScale = current.filter((r) => r.scale === scale);
  const thresholds = DEFAULT_THRESHOLDS[scale];
  const cells = riskMatrix(onScale, scale, thresholds);
  const dates = assessedDates(current);
  const registered = register(onScale, thresholds);
  return {
    program: q.program ?? null,
    scale,
    assessed: dates.length === 1 ? dates[0] : dates,
    previousAssessment: previous?.date ?? null,
    thresholds: [...thresholds],
    cells,
    register: registered,
    changes: previous ? riskChanges(previous.rows, onScale) : [],
    areas: areaSummary(registered),
    otherScales: current.length - onScale.length,
  };
}
