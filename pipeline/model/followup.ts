/**
 * @module followup – the five-year follow-up: per indicator and unit, each year after go-live against its baseline and
 * target, with progress and a status; rolled up to benefits and effect goals.
 *
 * Conventions: year k after go-live is calendar year (go-live year + k). Progress = (outcome − baseline) /
 * (target − baseline) toward the final target. Reached: the outcome is at least as good as the final target (in the
 * indicator's direction). On track: at least as good as that year's target, or, without one, the straight line from
 * the baseline in the go-live year to the final target. At risk: otherwise. Not measured: no outcome (missing or suppressed).
 * No target (mål saknas): measured, but with neither that year's target nor a line to it (no final target, or no
 * baseline), so nothing says where the outcome should be; never judged at risk, and a roll-up does not count it.
 */
import type { FollowupStatus, FollowupYear, RollupRow } from '../contracts/index.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { FollowupStatus, FollowupYear, RollupRow };

export type Direction = 'higher' | 'lower';

export interface FollowupInput {
  indicator: string;
  unit: string;
  direction: Direction | null;
  goLiveYear: number;
  baseline: number | null;
  /** Targets by calendar year; the latest is the final target. */
  targets: Readonly<Record<number, number>>;
  /** Outcomes by calendar year; null or absent = not measured. */
  outcomes: Readonly<Record<number, number | null>>;
}

const better = (direction: Direction, a: number, b: number) => (direction === 'higher' ? a >= b : a <= b);

export function followupIndicator(input: FollowupInput, years = 5): FollowupYear[] {
  const targetYears = Object.keys(input.targets)
    .map(Number)
    .sort((a, b) => a - b);
  const finalYear = targetYears.at(-1);
  const finalTarget = finalYear === undefined ? null : input.targets[finalYear];
  return Array.from({ length: years }, (_, i) => {
    const calendarYear = input.goLiveYear + i + 1;
    const outcome = input.outcomes[calendarYear] ?? null;
    const target = input.targets[calendarYear] ?? null;
    let expected = target;
    if (expected === null && finalTarget !== null && input.baseline !== null && finalYear! > input.goLiveYear) {
      const share = Math.min(1, (calendarYear - input.goLiveYear) / (finalYear! - input.goLiveYear));
      expected = input.baseline + (finalTarget - input.baseline) * share;
    }
    const progress =
      outcome !== null && input.baseline !== null && finalTarget !== null && finalTarget !== input.baseline
        ? (outcome - input.baseline) / (finalTarget - input.baseline)
        : null;
    let status: FollowupStatus;
    const direction = input.direction;
    if (outcome === null) status = 'not_measured';
    else if (direction === null) status = 'no_direction';
    else if (finalTarget !== null && better(direction, outcome, finalTarget)) status = 'reached';
    else if (expected === null) status = 'no_target';
    else if (better(direction, outcome, expected)) status = 'on_track';
    else status = 'at_risk';
    return { year: i + 1, calendarYear, target, expected, outcome, progress, status };
  });
}

/** Whether a year's status judges it against a target: measured, with a direction and a target. */
export const judged = (status: FollowupStatus) => status !== 'not_measured' && status !== 'no_direction' && status !== 'no_target';

/** Per group (a benefit, or an effect goal) and year: how many of its indicators are on track. */
export function rollup(
  groups: Readonly<Record<string, readonly string[]>>,
  rows: Readonly<Record<string, readonly FollowupYear[]>>,
  years = 5,
): RollupRow[] {
  const out: RollupRow[] = [];
  for (const [id, members] of Object.entries(groups)) {
    for (let year = 1; year <= years; year++) {
      const statuses = members.map((m) => rows[m]?.[year - 1]?.status ?? 'not_measured');
      // Without a direction or a target a measured value cannot be judged: it counts as not measured here too.
      const measured = statuses.filter((s) => judged(s)).length;
      const onTrack = statuses.filter((s) => s === 'reached' || s === 'on_track').length;
      const reached = statuses.filter((s) => s === 'reached').length;
      const status = measured === 0 ? 'not_measured' : reached === measured ? 'reached' : onTrack === measured ? 'on_track' : 'at_risk';
      out.push({ id, year, indicators: members.length, measured, onTrack, share: measured ? onTrack / measured : null, status });
    }
  }
  return out;
}
