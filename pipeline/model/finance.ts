/**
 * @module finance – discounting, NPV, IRR, payback, benefit-cost ratio, break-even benefit.
 * Year index t = 0 … T; year 0 is not discounted (cash at the start), later years at (1 + r)^t.
 */

/** (1 + r)^-t. */
export function discountFactor(rate: number, t: number): number {
  return 1 / (1 + rate) ** t;
}

/** Σ flows[t] / (1 + r)^t, year 0 undiscounted. Equals `= v0 + NPV(r; v1:vT)` in Excel and LibreOffice. */
export function presentValue(flows: readonly number[], rate: number): number {
  return flows.reduce((sum, flow, t) => sum + flow * discountFactor(rate, t), 0);
}

/** The same flows discounted year by year. */
export function discounted(flows: readonly number[], rate: number): number[] {
  return flows.map((flow, t) => flow * discountFactor(rate, t));
}

export function cumulative(flows: readonly number[]): number[] {
  let sum = 0;
  return flows.map((flow) => (sum += flow));
}

/** Where the cumulative flow turns: the index of the year it reaches 0 in, and the years counted to that point. */
export interface PaybackPoint {
  /** Years from the start of year 0, each year's flow spread evenly over that year. */
  years: number;
  /** Index of the year the cumulative flow reaches 0 in (calendar year = first year + index). */
  index: number;
}

/**
 * Where the cumulative flow reaches 0, counted in years from the start of year 0 with each year's flow spread evenly
 * over that year, so interpolated inside the year it turns: [-100, 60, 60] pays back after 2 + 40/60 = 2.67 years, in
 * year index 2, as a controller reads calendar columns. A year 0 that pays for itself pays back at 0. `null`: not within
 * the period.
 */
export function paybackPoint(flows: readonly number[]): PaybackPoint | null {
  let before = 0;
  for (let t = 0; t < flows.length; t++) {
    const after = before + flows[t];
    if (after >= 0 && (t === 0 || before < 0)) return { years: t === 0 ? 0 : t + -before / flows[t], index: t };
    before = after;
  }
  return null;
}

/** Years to payback as `paybackPoint` counts them; `null` when not within the period. */
export function payback(flows: readonly number[]): number | null {
  return paybackPoint(flows)?.years ?? null;
}

/** Σ_{t=fromT..years−1} (1 + r)^−t: the present value of 1 a year from year index `fromT` to the end. */
export function annuityFactor(rate: number, fromT: number, years: number): number {
  let sum = 0;
  for (let t = fromT; t < years; t++) sum += discountFactor(rate, t);
  return sum;
}

/** Benefit-cost ratio PV(B) / PV(C); `null` when there are no costs. */
export function benefitCostRatio(benefits: readonly number[], costs: readonly number[], rate: number): number | null {
  const pvCosts = presentValue(costs, rate);
  return pvCosts === 0 ? null : presentValue(benefits, rate) / pvCosts;
}

/**
 * The constant yearly benefit from year index `fromT` to the end that brings NPV to zero, counting the benefits
 * before `fromT` as they are: (PV(C) − PV(B before fromT)) / Σ_{t=fromT..T} (1 + r)^−t.
 */
export function breakEvenAnnualBenefit(benefits: readonly number[], costs: readonly number[], rate: number, fromT: number): number | null {
  const years = Math.max(benefits.length, costs.length);
  if (fromT < 0 || fromT >= years) return null;
  const before = presentValue(benefits.slice(0, fromT), rate);
  return (presentValue(costs, rate) - before) / annuityFactor(rate, fromT, years);
}

/**
 * Internal rate of return: the rate where NPV is 0, found by bisection between sign changes on a grid from −99 %
 * upwards. `null` when NPV never changes sign (all flows one sign, or no root in −99 %…1 000 %). With several
 * roots, the lowest is returned.
 */
export function irr(flows: readonly number[]): number | null {
  if (!flows.some((f) => f > 0) || !flows.some((f) => f < 0)) return null;
  const grid: number[] = [];
  for (let r = -0.99; r < 1; r += 0.01) grid.push(r);
  for (let r = 1; r <= 10; r += 0.1) grid.push(r);
  let lo = grid[0];
  let npvLo = presentValue(flows, lo);
  for (const hi of grid.slice(1)) {
    const npvHi = presentValue(flows, hi);
    if (npvLo === 0) return lo;
    if (Math.sign(npvLo) !== Math.sign(npvHi)) return bisect(flows, lo, hi, npvLo);
    lo = hi;
    npvLo = npvHi;
  }
  return null;
}

function bisect(flows: readonly number[], lo: number, hi: number, npvLo: number): number {
  for (let i = 0; i < 200 && hi - lo > 1e-14; i++) {
    const mid = (lo + hi) / 2;
    const npvMid = presentValue(flows, mid);
    if (npvMid === 0) return mid;
    if (Math.sign(npvMid) === Math.sign(npvLo)) {
      lo = mid;
      npvLo = npvMid;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}
