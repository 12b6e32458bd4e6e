/**
 * @module business-case – a program's business-case lines (nyttokalkyl) into yearly rows and key figures, at face
 * value and at expected value (amount × probability), by Inera's benefit classes and by stakeholder.
 */
import type { BenefitClass, KeyFigures, YearRow } from '../contracts/index.js';
import {
  benefitCostRatio,
  breakEvenAnnualBenefit,
  cumulative,
  discounted,
  discountFactor,
  irr,
  payback,
  paybackPoint,
  presentValue,
  type PaybackPoint,
} from './finance.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { BenefitClass, KeyFigures, YearRow };

export type Post = 'cost' | 'benefit';
export type LineKind = 'plan' | 'outcome' | 'forecast';

export interface BusinessCaseLine {
  scenario: string;
  year: number;
  post: Post;
  category: string;
  /** Plan, outcome (what happened) or forecast (what is now expected for the years without outcome). */
  kind: LineKind;
  amount: number;
  probability?: number;
  /** Who bears the cost or books the benefit (aktör): the region, an administration or board, a municipality. */
  actor?: string;
  benefitClass?: BenefitClass | null;
  stakeholder?: string | null;
  low?: number | null;
  high?: number | null;
}

export interface BusinessCaseOptions {
  /** Discount rate, default 3 % (Inera's model, after TLV). */
  rate?: number;
  /** Calendar year the break-even annual benefit starts; default the first year with a benefit. */
  fromYear?: number;
  /** First and last calendar year; default the lines' own span. */
  startYear?: number;
  endYear?: number;
}

export interface BusinessCase extends KeyFigures {
  scenario: string;
  kind: LineKind;
  rate: number;
  startYear: number;
  endYear: number;
  fromYear: number;
  /** The same figures with every benefit at amount × probability. */
  expected: KeyFigures;
  /** Present value of benefits per class and per stakeholder; `omfordelning` is freed capacity, not money in the bank. */
  pvBenefitsByClass: Record<string, number>;
  pvBenefitsByStakeholder: Record<string, number>;
  /** Share of PV(benefits) resting on freed capacity (omfördelning). */
  redistributionShare: number | null;
}

export const DEFAULT_RATE = 0.03;

export function span(lines: readonly BusinessCaseLine[], options: BusinessCaseOptions): [number, number] {
  const years = lines.map((l) => l.year);
  const start = options.startYear ?? (years.length ? Math.min(...years) : new Date().getFullYear());
  const end = options.endYear ?? (years.length ? Math.max(...years) : start);
  return [start, Math.max(start, end)];
}

/** Yearly flows of one post, with an amount chosen per line. */
export function flows(
  lines: readonly BusinessCaseLine[],
  post: Post,
  start: number,
  end: number,
  amount: (l: BusinessCaseLine) => number = (l) => l.amount,
): number[] {
  const out = new Array<number>(end - start + 1).fill(0);
  for (const line of lines) {
    if (line.post !== post || line.year < start || line.year > end) continue;
    out[line.year - start] += amount(line);
  }
  return out;
}

/** Yearly flows of one post per key (category, class, stakeholder). */
function byKey(
  lines: readonly BusinessCaseLine[],
  post: Post,
  start: number,
  end: number,
  key: (l: BusinessCaseLine) => string,
): Record<string, number[]> {
  const keys = [...new Set(lines.filter((l) => l.post === post).map(key))];
  return Object.fromEntries(
    keys.map((k) => [
      k,
      flows(
        lines.filter((l) => key(l) === k),
        post,
        start,
        end,
      ),
    ]),
  );
}

/** NPV, payback, IRR, BCR and break-even from yearly costs and benefits. */
export function keyFigures(
  costs: readonly number[],
  benefits: readonly number[],
  rate: number,
  startYear: number,
  fromT: number,
  detail?: {
    costsByCategory: Record<string, number[]>;
    benefitsByClass: Record<string, number[]>;
  },
): KeyFigures {
  const net = costs.map((c, t) => benefits[t] - c);
  const yearOf = (point: PaybackPoint | null) => (point ? startYear + point.index : null);
  const cum = cumulative(net);
  const disc = discounted(net, rate);
  const cumDisc = cumulative(disc);
  const pick = (series: Record<string, number[]> | undefined, t: number) =>
    Object.fromEntries(Object.entries(series ?? {}).map(([k, v]) => [k, v[t]]));
  return {
    npv: presentValue(net, rate),
    pvCosts: presentValue(costs, rate),
    pvBenefits: presentValue(benefits, rate),
    bcr: benefitCostRatio(benefits, costs, rate),
    payback: payback(net),
    discountedPayback: payback(disc),
    paybackYear: yearOf(paybackPoint(net)),
    discountedPaybackYear: yearOf(paybackPoint(disc)),
    irr: irr(net),
    breakEvenAnnualBenefit: breakEvenAnnualBenefit(benefits, costs, rate, fromT),
    years: net.map((n, t) => ({
      year: startYear + t,
      t,
      costs: costs[t],
      benefits: benefits[t],
      net: n,
      cumulativeNet: cum[t],
      discountFactor: discountFactor(rate, t),
      discountedNet: disc[t],
      cumulativeDiscountedNet: cumDisc[t],
      costsByCategory: pick(detail?.costsByCategory, t),
      benefitsByClass: pick(detail?.benefitsByClass, t),
    })),
  };
}

/** One scenario's business case (plan by default). Lines of other scenarios or kinds are ignored. */
export function businessCase(
  all: readonly BusinessCaseLine[],
  scenario: string,
  options: BusinessCaseOptions & { kind?: LineKind } = {},
): BusinessCase {
  const kind = options.kind ?? 'plan';
  const lines = all.filter((l) => l.scenario === scenario && l.kind === kind);
  const rate = options.rate ?? DEFAULT_RATE;
  const [start, end] = span(lines, options);
  const costs = flows(lines, 'cost', start, end);
  const benefits = flows(lines, 'benefit', start, end);
  const firstBenefit = benefits.findIndex((b) => b !== 0);
  const fromYear = options.fromYear ?? (firstBenefit >= 0 ? start + firstBenefit : start);
  const fromT = fromYear - start;
  const detail = {
    costsByCategory: byKey(lines, 'cost', start, end, (l) => l.category),
    benefitsByClass: byKey(lines, 'benefit', start, end, (l) => l.benefitClass ?? 'oklassad'),
  };
  const face = keyFigures(costs, benefits, rate, start, fromT, detail);
  const expectedBenefits = flows(lines, 'benefit', start, end, (l) => l.amount * (l.probability ?? 1));
  const pvBy = (key: (l: BusinessCaseLine) => string) =>
    Object.fromEntries(Object.entries(byKey(lines, 'benefit', start, end, key)).map(([k, v]) => [k, presentValue(v, rate)]));
  const pvBenefitsByClass = pvBy((l) => l.benefitClass ?? 'oklassad');
  return {
    scenario,
    kind,
    rate,
    startYear: start,
    endYear: end,
    fromYear,
    ...face,
    expected: keyFigures(costs, expectedBenefits, rate, start, fromT),
    pvBenefitsByClass,
    pvBenefitsByStakeholder: pvBy((l) => l.stakeholder ?? 'ej angiven'),
    redistributionShare: face.pvBenefits === 0 ? null : (pvBenefitsByClass.omfordelning ?? 0) / face.pvBenefits,
  };
}
