/**
 * @module its – interrupted time series by segmented regression (Wagner et al. 2002):
 * Y_t = β0 + β1·t + β2·D_t + β3·s_t + ε, with D_t = 1 from go-live and s_t = 0 before go-live, then 0, 1, 2 … from it
 * (multiplying calendar time by D_t is the known coding error this avoids). β2 is the level change, β3 the slope change.
 * A transition window after go-live can be left out of the fit; month-of-year terms can absorb seasonality.
 */
import type { Coefficient, ItsResult } from '../contracts/index.js';
import { studentTCdf, studentTQuantile } from './stats.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { Coefficient, ItsResult };

export interface ItsOptions {
  /** Index of the first point at or after go-live. */
  goLiveIndex: number;
  /** Points from go-live left out of the fit (go-live dips are often temporary). Default 0. */
  transition?: number;
  /** Month of year (1–12) per point, to add month-of-year terms. */
  months?: readonly number[];
}

/** Solves the normal equations; returns (XᵀX)⁻¹ and β. */
function ols(x: number[][], y: number[]): { beta: number[]; inverse: number[][] } {
  const p = x[0].length;
  const a = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => x.reduce((s, row) => s + row[i] * row[j], 0)));
  const inverse = invert(a);
  const xty = Array.from({ length: p }, (_, i) => x.reduce((s, row, k) => s + row[i] * y[k], 0));
  return { beta: inverse.map((row) => row.reduce((s, v, j) => s + v * xty[j], 0)), inverse };
}

/** Gauss–Jordan with partial pivoting; throws on a singular design (e.g. too few points in a segment). */
function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-12) throw new Error('Designmatrisen är singulär: för få punkter före eller efter driftstart.');
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const div = a[col][col];
    for (let j = 0; j < 2 * n; j++) a[col][j] /= div;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col];
      for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row) => row.slice(n));
}

export function interruptedTimeSeries(ys: readonly (number | null)[], options: ItsOptions): ItsResult {
  const transition = options.transition ?? 0;
  const design = (t: number): number[] => {
    const after = t >= options.goLiveIndex ? 1 : 0;
    const row = [1, t, after, after ? t - options.goLiveIndex : 0];
    if (options.months) for (let m = 2; m <= 12; m++) row.push(options.months[t] === m ? 1 : 0);
    return row;
  };
  const rows: number[][] = [];
  const y: number[] = [];
  ys.forEach((value, t) => {
    const inTransition = t >= options.goLiveIndex && t < options.goLiveIndex + transition;
    if (value === null || inTransition) return;
    rows.push(design(t));
    y.push(value);
  });
  // Month terms that never vary would make the design singular: drop them.
  const keep = rows[0].map((_, j) => j < 4 || rows.some((r) => r[j] !== 0));
  const x = rows.map((r) => r.filter((_, j) => keep[j]));
  const n = x.length;
  const p = x[0].length;
  const df = n - p;
  if (df < 1) throw new Error(`För få punkter för en segmenterad regression: ${n} punkter, ${p} parametrar.`);
  const { beta, inverse } = ols(x, y);
  const residuals = x.map((row, i) => y[i] - row.reduce((s, v, j) => s + v * beta[j], 0));
  const sigma2 = residuals.reduce((s, r) => s + r * r, 0) / df;
  const q = studentTQuantile(0.975, df);
  const coefficient = (j: number): Coefficient => {
    const se = Math.sqrt(sigma2 * inverse[j][j]);
    const t = se === 0 ? Infinity : beta[j] / se;
    return { estimate: beta[j], se, lower: beta[j] - q * se, upper: beta[j] + q * se, p: 2 * (1 - studentTCdf(Math.abs(t), df)) };
  };
  const fitted = ys.map((_, t) =>
    design(t)
      .filter((_, j) => keep[j])
      .reduce((s, v, j) => s + v * beta[j], 0),
  );
  return {
    n,
    df,
    intercept: coefficient(0),
    trend: coefficient(1),
    levelChange: coefficient(2),
    slopeChange: coefficient(3),
    residualSd: Math.sqrt(sigma2),
    fitted,
  };
}
