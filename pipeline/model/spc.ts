/**
 * @module spc – control charts as Swedish improvement work draws them, with qicharts2's formulas: p-chart, Laney's
 * p′ chart, XmR (I) chart; Anhøj's runs rules and points outside the limits. Limits come from the baseline phase;
 * from go-live either they stay frozen (default) or a new phase gets its own.
 */
import type { ChartType, RunsAnalysis, SpcRow } from '../contracts/index.js';
import { mean, median, qbinom, roundHalfEven } from './stats.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { ChartType, RunsAnalysis, SpcRow };

export interface SpcPoint {
  label: string;
  /** For I charts. */
  value?: number | null;
  /** For p and p′ charts. */
  numerator?: number | null;
  denominator?: number | null;
}

export interface SpcOptions {
  chart: ChartType;
  /** Index of the first point at or after go-live; points before it are the baseline. Default: no go-live. */
  goLiveIndex?: number;
  /** 'frozen': the baseline's limits continue after go-live; 'phased': the go-live phase gets its own. */
  mode?: 'frozen' | 'phased';
}

export interface SpcResult {
  chart: ChartType;
  rows: SpcRow[];
  runs: RunsAnalysis[];
  /** Run charts want at least 15 points; fewer and the runs rules say little. */
  fewPoints: boolean;
}

const D2 = 1.128; // d2 for moving ranges of two

const yOf = (chart: ChartType, p: SpcPoint): number | null =>
  chart === 'i' ? (p.value ?? null) : p.numerator != null && p.denominator ? p.numerator / p.denominator : null;

interface Limits {
  centre: number | null;
  limits(p: SpcPoint): [number | null, number | null];
}

const clip = (x: number) => Math.min(1, Math.max(0, x));

function movingRanges(xs: readonly number[]): number[] {
  return xs.slice(1).map((x, i) => Math.abs(x - xs[i]));
}

function limitsFrom(chart: ChartType, reference: readonly SpcPoint[]): Limits {
  if (chart === 'i') {
    const xs = reference.map((p) => p.value).filter((v): v is number => v != null);
    const centre = mean(xs);
    const mr = movingRanges(xs);
    let amr = mean(mr);
    // Screen out moving ranges above 3.267 · MR̄ and recompute, as qicharts2 does.
    if (amr !== null) amr = mean(mr.filter((r) => r < 3.267 * amr!)) ?? amr;
    const sigma = amr === null ? null : amr / D2;
    return { centre, limits: () => (centre === null || sigma === null ? [null, null] : [centre - 3 * sigma, centre + 3 * sigma]) };
  }
  const usable = reference.filter((p) => p.numerator != null && p.denominator);
  const events = usable.reduce((s, p) => s + p.numerator!, 0);
  const total = usable.reduce((s, p) => s + p.denominator!, 0);
  const centre = total > 0 ? events / total : null;
  const sigmaP = (p: SpcPoint) => Math.sqrt((centre! * (1 - centre!)) / p.denominator!);
  let sigmaZ = 1;
  if (chart === 'pp' && centre !== null && centre > 0 && centre < 1) {
    // Laney: the between-point spread of z-scores, from their average moving range.
    const z = usable.map((p) => (p.numerator! / p.denominator! - centre) / sigmaP(p));
    sigmaZ = (mean(movingRanges(z)) ?? D2) / D2;
  }
  return {
    centre,
    limits: (p) => {
      if (centre === null || !p.denominator) return [null, null];
      const s = 3 * sigmaP(p) * sigmaZ;
      return [clip(centre - s), clip(centre + s)];
    },
  };
}

/** Anhøj's rules on one phase: points on the centre line neither break nor extend a run. */
export function runsAnalysis(ys: readonly (number | null)[], centre: number | null): RunsAnalysis {
  const sides = centre === null ? [] : ys.filter((y): y is number => y !== null && y !== centre).map((y) => Math.sign(y - centre));
  const useful = sides.length;
  let longestRun = 0,
    run = 0,
    crossings = 0;
  sides.forEach((side, i) => {
    run = i > 0 && side === sides[i - 1] ? run + 1 : 1;
    if (i > 0 && side !== sides[i - 1]) crossings++;
    longestRun = Math.max(longestRun, run);
  });
  const longestRunMax = useful > 0 ? roundHalfEven(Math.log2(useful)) + 3 : 0;
  const crossingsMin = useful > 0 ? qbinom(0.05, useful - 1, 0.5) : 0;
  return {
    useful,
    longestRun,
    longestRunMax,
    crossings,
    crossingsMin,
    signal: useful > 0 && (longestRun > longestRunMax || crossings < crossingsMin),
  };
}

export function spc(points: readonly SpcPoint[], options: SpcOptions): SpcResult {
  const split = Math.min(Math.max(options.goLiveIndex ?? points.length, 0), points.length);
  const phases: SpcPoint[][] = split > 0 && split < points.length ? [points.slice(0, split), points.slice(split)] : [points.slice()];
  const baselineLimits = limitsFrom(options.chart, phases[0]);
  const rows: SpcRow[] = [];
  const runs: RunsAnalysis[] = [];
  phases.forEach((phase, index) => {
    const limits = index === 0 || options.mode !== 'phased' ? baselineLimits : limitsFrom(options.chart, phase);
    const ys = phase.map((p) => yOf(options.chart, p));
    phase.forEach((p, i) => {
      const [lcl, ucl] = limits.limits(p);
      const y = ys[i];
      rows.push({
        label: p.label,
        y,
        centre: limits.centre,
        lcl,
        ucl,
        phase: index + 1,
        outside: y !== null && lcl !== null && ucl !== null && (y < lcl || y > ucl),
      });
    });
    runs.push(runsAnalysis(ys, limits.centre));
  });
  return { chart: options.chart, rows, runs, fewPoints: points.length < 15 };
}

/** A run chart: the median as centre line, runs rules only. */
export function runChart(ys: readonly (number | null)[]): RunsAnalysis & { median: number | null } {
  const m = median(ys.filter((y): y is number => y !== null));
  return { median: m, ...runsAnalysis(ys, m) };
}
