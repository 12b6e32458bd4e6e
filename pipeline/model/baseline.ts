/** @module baseline – the indicator over a window before go-live (default the 12 months before), and change after it. */
import { mean, median, sd } from './stats.js';

export interface Observation {
  /** ISO date of the period's first day. */
  periodStart: string;
  numerator?: number | null;
  denominator?: number | null;
  value?: number | null;
  n?: number | null;
}

export interface Baseline {
  from: string;
  /** Exclusive: go-live. */
  to: string;
  /** Periods with a value in the window. */
  periods: number;
  /** Σ denominators (proportions) or Σ n (measures). */
  n: number;
  /** Pooled proportion Σ numerator / Σ denominator, or the n-weighted mean of a measure. Null with no data. */
  value: number | null;
  mean: number | null;
  median: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  /** Periods in the window without a value (missing or suppressed). */
  missing: number;
}

export function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const isProportion = (o: Observation) => o.numerator != null && o.denominator != null && o.denominator > 0;
const rate = (o: Observation) => (isProportion(o) ? o.numerator! / o.denominator! : (o.value ?? null));

/** Summary of the observations whose period starts in [from, to). */
export function summarise(observations: readonly Observation[], from: string, to: string): Baseline {
  const inWindow = observations.filter((o) => o.periodStart >= from && o.periodStart < to);
  const withValue = inWindow.filter((o) => rate(o) !== null);
  const rates = withValue.map((o) => rate(o)!);
  const proportions = withValue.filter(isProportion);
  let value: number | null = null;
  let n = 0;
  if (proportions.length === withValue.length && proportions.length > 0) {
    const num = proportions.reduce((s, o) => s + o.numerator!, 0);
    n = proportions.reduce((s, o) => s + o.denominator!, 0);
    value = num / n;
  } else if (withValue.length > 0) {
    const weighted = withValue.every((o) => o.n != null && o.n > 0);
    n = withValue.reduce((s, o) => s + (o.n ?? 0), 0);
    value = weighted ? withValue.reduce((s, o) => s + rate(o)! * o.n!, 0) / n : mean(rates);
  }
  return {
    from,
    to,
    periods: withValue.length,
    n,
    value,
    mean: mean(rates),
    median: median(rates),
    sd: sd(rates),
    min: rates.length ? Math.min(...rates) : null,
    max: rates.length ? Math.max(...rates) : null,
    missing: inWindow.length - withValue.length,
  };
}

export function baseline(observations: readonly Observation[], goLive: string, windowMonths = 12): Baseline {
  return summarise(observations, addMonths(goLive, -windowMonths), goLive.slice(0, 10));
}

export interface YearChange {
  /** 1 = the first twelve months after go-live. */
  year: number;
  summary: Baseline;
  change: number | null;
  relativeChange: number | null;
}

/** Each twelve-month year after go-live against the baseline. */
export function changeAfterGoLive(observations: readonly Observation[], goLive: string, years = 5, windowMonths = 12): YearChange[] {
  const base = baseline(observations, goLive, windowMonths);
  return Array.from({ length: years }, (_, i) => {
    const summary = summarise(observations, addMonths(goLive, 12 * i), addMonths(goLive, 12 * (i + 1)));
    const change = summary.value !== null && base.value !== null ? summary.value - base.value : null;
    return { year: i + 1, summary, change, relativeChange: change !== null && base.value ? change / base.value : null };
  });
}
