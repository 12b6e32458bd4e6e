/**
 * @module sensitivity – how the business case moves: low/high items, ±x %, switching value, optimism bias, scenarios,
 * plan against outcome.
 */
import type { PlanOutcomeRow, Sensitivity } from '../contracts/index.js';
import { businessCase, DEFAULT_RATE, flows, type BusinessCaseLine, type BusinessCaseOptions } from './business-case.js';
import { presentValue } from './finance.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { PlanOutcomeRow, Sensitivity };

export interface SensitivityOptions extends BusinessCaseOptions {
  /** The ± move, default 0.1. */
  change?: number;
  /** Optimism bias on costs, default 0 (Green Book: up to 2.0 for early IT development, 0.1 late). */
  optimismBias?: number;
}

/** Sensitivity of one scenario's plan. A line without low/high keeps its amount at both bounds. */
export function sensitivity(all: readonly BusinessCaseLine[], scenario: string, options: SensitivityOptions = {}): Sensitivity {
  const rate = options.rate ?? DEFAULT_RATE;
  const x = options.change ?? 0.1;
  const ob = options.optimismBias ?? 0;
  const base = businessCase(all, scenario, options);
  const lines = all.filter((l) => l.scenario === scenario && l.kind === 'plan');
  const [start, end] = [base.startYear, base.endYear];
  const pv = (post: 'cost' | 'benefit', amount?: (l: BusinessCaseLine) => number) =>
    presentValue(flows(lines, post, start, end, amount), rate);
  const pvC = pv('cost');
  const pvB = pv('benefit');
  const low = (l: BusinessCaseLine) => l.low ?? l.amount;
  const high = (l: BusinessCaseLine) => l.high ?? l.amount;
  return {
    npv: base.npv,
    npvLow: pv('benefit', low) - pv('cost', high),
    npvHigh: pv('benefit', high) - pv('cost', low),
    costsUp: pvB - pvC * (1 + x),
    costsDown: pvB - pvC * (1 - x),
    benefitsUp: pvB * (1 + x) - pvC,
    benefitsDown: pvB * (1 - x) - pvC,
    switchingValue: pvB === 0 ? null : -base.npv / pvB,
    npvWithOptimismBias: pvB - pvC * (1 + ob),
  };
}

/** Every scenario's key figures side by side, in the order they first appear. */
export function scenarios(all: readonly BusinessCaseLine[], options: BusinessCaseOptions = {}) {
  const names = [...new Set(all.filter((l) => l.kind === 'plan').map((l) => l.scenario))];
  return names.map((name) => businessCase(all, name, options));
}

/** Plan against outcome and forecast per year; outcome (forecast) is null for years without any outcome (forecast) line. */
export function planAgainstOutcome(all: readonly BusinessCaseLine[], scenario: string): PlanOutcomeRow[] {
  const lines = all.filter((l) => l.scenario === scenario);
  const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
  const sum = (kind: string, post: string, year: number) =>
    lines.filter((l) => l.kind === kind && l.post === post && l.year === year).reduce((s, l) => s + l.amount, 0);
  const has = (kind: string, year: number) => lines.some((l) => l.kind === kind && l.year === year);
  const when = (kind: string, post: string, year: number) => (has(kind, year) ? sum(kind, post, year) : null);
  return years.map((year) => ({
    year,
    planCosts: sum('plan', 'cost', year),
    outcomeCosts: when('outcome', 'cost', year),
    planBenefits: sum('plan', 'benefit', year),
    outcomeBenefits: when('outcome', 'benefit', year),
    forecastCosts: when('forecast', 'cost', year),
    forecastBenefits: when('forecast', 'benefit', year),
  }));
}
