/**
 * @module case-views – the business case as the audit asks for it: per actor and per stakeholder (their NPVs add up
 * to the case's), the plan beside outcome so far plus forecast, and the effect of a delay on the benefits.
 */
import type { OutcomeAndForecast } from '../contracts/index.js';
import { DEFAULT_RATE, flows, span, type BusinessCaseLine, type BusinessCaseOptions, type LineKind } from './business-case.js';
import { benefitCostRatio, presentValue } from './finance.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { OutcomeAndForecast };

export interface PartFigures {
  pvCosts: number;
  pvBenefits: number;
  npv: number;
  bcr: number | null;
}

export interface PartSummary extends PartFigures {
  /** The actor or stakeholder; '' where the lines name none. */
  name: string;
  years: { year: number; costs: number; benefits: number; net: number }[];
  /** The same with benefits at amount × probability. */
  expected: PartFigures;
}

function figures(costs: readonly number[], benefits: readonly number[], rate: number): PartFigures {
  const pvCosts = presentValue(costs, rate);
  const pvBenefits = presentValue(benefits, rate);
  return { pvCosts, pvBenefits, npv: pvBenefits - pvCosts, bcr: benefitCostRatio(benefits, costs, rate) };
}

/**
 * One scenario's plan (or outcome) split by actor (`aktör`) or stakeholder (`intressent`), each over the whole case's years at its
 * rate, so the parts' NPVs add up to the case's NPV.
 */
export function summaryBy(
  all: readonly BusinessCaseLine[],
  scenario: string,
  key: 'actor' | 'stakeholder',
  options: BusinessCaseOptions & { kind?: LineKind } = {},
): PartSummary[] {
  const lines = all.filter((l) => l.scenario === scenario && l.kind === (options.kind ?? 'plan'));
  const rate = options.rate ?? DEFAULT_RATE;
  const [start, end] = span(lines, options);
  const names = [...new Set(lines.map((l) => l[key] ?? ''))].sort((a, b) => a.localeCompare(b, 'sv'));
  return names.map((name) => {
    const own = lines.filter((l) => (l[key] ?? '') === name);
    const costs = flows(own, 'cost', start, end);
    const benefits = flows(own, 'benefit', start, end);
    const expectedBenefits = flows(own, 'benefit', start, end, (l) => l.amount * (l.probability ?? 1));
    return {
      name,
      ...figures(costs, benefits, rate),
      years: costs.map((c, t) => ({ year: start + t, costs: c, benefits: benefits[t], net: benefits[t] - c })),
      expected: figures(costs, expectedBenefits, rate),
    };
  });
}

/**
 * Outcome so far and forecast for the rest: each year of the plan takes its outcome where there is one, else its
 * forecast, else the plan itself (no forecast said otherwise). The plan's own figures never include either.
 */
export function outcomeAndForecast(
  all: readonly BusinessCaseLine[],
  scenario: string,
  options: BusinessCaseOptions = {},
): OutcomeAndForecast {
  const mine = all.filter((l) => l.scenario === scenario);
  const plan = mine.filter((l) => l.kind === 'plan');
  const rate = options.rate ?? DEFAULT_RATE;
  const [start, end] = span(plan, options);
  const has = (kind: string, year: number) => mine.some((l) => l.kind === kind && l.year === year);
  const years = Array.from({ length: end - start + 1 }, (_, t) => {
    const year = start + t;
    const source = has('outcome', year) ? 'outcome' : has('forecast', year) ? 'forecast' : 'plan';
    const lines = mine.filter((l) => l.kind === source && l.year === year);
    const sum = (post: string) => lines.filter((l) => l.post === post).reduce((s, l) => s + l.amount, 0);
    return { year, source, costs: sum('cost'), benefits: sum('benefit') } as const;
  });
  const net = years.map((y) => y.benefits - y.costs);
  const planCosts = flows(plan, 'cost', start, end);
  const planNet = flows(plan, 'benefit', start, end).map((b, t) => b - planCosts[t]);
  return { npv: presentValue(net, rate), planNpv: presentValue(planNet, rate), years };
}

/**
 * Every benefit line moved `months` later, pro rata across years (12 months moves a year; 6 months moves half of each
 * year's amount into the next). Costs stay where they are: what runs per year goes on. Amounts pushed past `lastYear`
 * fall outside the case's period, as a delay's benefits do.
 */
export function delayBenefits(lines: readonly BusinessCaseLine[], months: number, lastYear: number): BusinessCaseLine[] {
  if (months <= 0) return [...lines];
  const whole = Math.floor(months / 12);
  const share = (months % 12) / 12;
  return lines.flatMap((l) => {
    if (l.post !== 'benefit') return [l];
    const moved = [
      { ...l, year: l.year + whole, amount: l.amount * (1 - share), low: scale(l.low, 1 - share), high: scale(l.high, 1 - share) },
      { ...l, year: l.year + whole + 1, amount: l.amount * share, low: scale(l.low, share), high: scale(l.high, share) },
    ];
    return moved.filter((m) => m.amount !== 0 && m.year <= lastYear);
  });
}

const scale = (x: number | null | undefined, f: number) => (x === null || x === undefined ? x : x * f);
