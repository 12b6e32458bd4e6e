/**
 * @module business-case – a program's nyttokalkyl answered from its lines: the model's figures, per actor and
 * stakeholder, plan beside outcome and forecast, the operating-cost test, and on request the modelled production loss
 * as a cost line and a delay of the benefits; beside it, the approved version's figures and today's deviation.
 */
import type { z } from 'zod';
import {
  caseLineSchema,
  PARAMETER_DEFAULTS,
  Refusal,
  type Approval,
  type ApprovedCase,
  type BusinessCaseResponse,
  type businessCaseQuery,
  type CaseLine,
  type KeyFigureListResponse,
  type ProductionLossResponse,
  type QueryRowOf,
} from '../contracts/index.js';
import { businessCase, span, type BusinessCaseLine } from '../model/business-case.js';
import { delayBenefits, outcomeAndForecast, summaryBy } from '../model/case-views.js';
import { annualEquivalent } from '../model/operating-cost.js';
import { planAgainstOutcome, scenarios, sensitivity } from '../model/sensitivity.js';
import { minus, round } from './values.js';

export type CaseQuestion = z.output<typeof businessCaseQuery>;
export type CaseFigures = Omit<BusinessCaseResponse, 'approved'>;
type KeyFigure = KeyFigureListResponse['keyFigures'][number];

/** The cost line the modelled production loss becomes in the NPV. */
export const LOSS_CATEGORY = 'produktionsbortfall (modellerat)';
const LOSS_ACTOR = 'Förvaltningarna (produktionsbortfall)';

/** The program's business-case lines (`business_case`) in the contract's shape. */
export function caseLines(rows: readonly QueryRowOf<'business_case'>[]): CaseLine[] {
  // A line counts at the share of it the program claims (tillskrivning), in every figure.
  return rows.map((r) => {
    const attribution = r.attribution ?? 1;
    const share = (v: number | null) => (v === null ? null : v * attribution);
    return caseLineSchema.parse({
      scenario: r.scenario,
      year: r.year,
      post: r.post,
      category: r.category,
      kind: r.kind,
      amount: share(r.amount_sek),
      probability: r.probability,
      actor: r.actor,
      benefitClass: r.benefit_class,
      stakeholder: r.stakeholder,
      low: share(r.low_sek),
      high: share(r.high_sek),
      attribution,
    });
  });
}

/** The scenario a question asks of the lines, or its refusal: no business case (404), no such scenario (400), …. */
export function askedScenario(q: CaseQuestion, lines: readonly CaseLine[]): string {
  if (lines.length === 0) throw new Refusal(`Programmet "${q.program}" har ingen nyttokalkyl i lagret.`, 404);
  const names = [...new Set(lines.map((l) => l.scenario))];
  const scenario = q.scenario ?? (names.includes('bas') ? 'bas' : names[0]);
  if (!names.includes(scenario)) {
    throw new Refusal(`parametern "scenario": programmet "${q.program}" har scenarierna ${names.join(', ')}, inte "${scenario}"`, 400);
  }
  if (!lines.some((l) => l.scenario === scenario && l.kind === q.kind)) {
    throw new Refusal(`Scenariot "${scenario}" har inga poster av slaget ${q.kind === 'plan' ? 'plan' : 'utfall'}.`, 404);
  }
  if (q.includeProductionLoss === 'true' && !q.volumeIndicator) {
    throw new Refusal('parametern "includeProductionLoss" kräver "volumeIndicator": volymindikatorn som bortfallet räknas på', 400);
  }
  return scenario;
}

/** The store's key figures for the yearly rise in operating costs, or the one named, with their value in SEK. */
export function operatingCostFigures(found: readonly KeyFigure[], named?: string): (KeyFigure & { valueSek: number })[] {
  if (named && found.length === 0) throw new Refusal(`parametern "operatingCostFigure": nyckeltalet "${named}" finns inte i lagret`, 400);
  const figures = found.filter((f): f is KeyFigure & { valueSek: number } => f.valueSek !== null && (!!named || f.operatingCostRise));
  if (named && figures.length === 0)
    throw new Refusal(`parametern "operatingCostFigure": nyckeltalet "${named}" är inget belopp i kronor`, 400);
  return figures;
}

/** The answer to one question about a program's business case, from its lines, the loss and the key figures asked. */
export function businessCaseAnswer(
  q: CaseQuestion,
  scenario: string,
  loaded: readonly CaseLine[],
  loss: ProductionLossResponse | null,
  figures: readonly (KeyFigure & { valueSek: number })[],
): CaseFigures {
  const options = { rate: q.rate ?? PARAMETER_DEFAULTS.rate, fromYear: q.fromYear };
  const [, endYear] = span(
    loaded.filter((l) => l.scenario === scenario && l.kind === q.kind),
    {},
  );
  // The modelled production loss, on request as a yearly cost line of the chosen scenario.
  const included = q.includeProductionLoss === 'true' && loss !== null;
  const lossLines: BusinessCaseLine[] = included
    ? loss.byYear.map((y) => ({
        scenario,
        year: y.year,
        post: 'cost',
        category: LOSS_CATEGORY,
        kind: q.kind,
        amount: y.lostSek,
        probability: 1,
        actor: LOSS_ACTOR,
        benefitClass: null,
        stakeholder: null,
        low: null,
        high: null,
      }))
    : [];
  const undelayed: BusinessCaseLine[] = [...loaded, ...lossLines];
  // A delay moves the chosen scenario's benefits later; costs that run per year go on.
  const delayed = q.delayMonths
    ? [
        ...undelayed.filter((l) => l.scenario !== scenario || l.kind !== q.kind),
        ...delayBenefits(
          undelayed.filter((l) => l.scenario === scenario && l.kind === q.kind),
          q.delayMonths,
          endYear,
        ),
      ]
    : undelayed;

  const result = businessCase(delayed, scenario, { ...options, kind: q.kind });
  const withoutDelay = q.delayMonths ? businessCase(undelayed, scenario, { ...options, kind: q.kind }) : null;
  const fromT = result.fromYear - result.startYear;
  const expectedAnnualBenefit = annualEquivalent(
    result.expected.years.map((y) => y.benefits),
    result.rate,
    fromT,
  );
  return round({
    program: q.program,
    ...result,
    sensitivity: sensitivity(delayed, scenario, { ...options, change: q.change, optimismBias: q.optimismBias }),
    scenarios: scenarios(loaded, options).map((s) => ({
      scenario: s.scenario,
      npv: s.npv,
      bcr: s.bcr,
      payback: s.payback,
      discountedPayback: s.discountedPayback,
      paybackYear: s.paybackYear,
      irr: s.irr,
      breakEvenAnnualBenefit: s.breakEvenAnnualBenefit,
      expectedNpv: s.expected.npv,
    })),
    planAgainstOutcome: planAgainstOutcome(loaded, scenario),
    outcomeAndForecast: outcomeAndForecast(loaded, scenario, options),
    actors: summaryBy(delayed, scenario, 'actor', { ...options, kind: q.kind }),
    stakeholders: summaryBy(delayed, scenario, 'stakeholder', { ...options, kind: q.kind }),
    operatingCostTest: figures.map((f) => ({
      figure: f.name,
      period: f.period,
      note: f.note,
      yearlyRise: f.valueSek,
      breakEvenAnnualBenefit: result.breakEvenAnnualBenefit,
      expectedAnnualBenefit,
      margin: expectedAnnualBenefit - f.valueSek,
    })),
    delay: withoutDelay ? { months: q.delayMonths!, npvWithoutDelay: withoutDelay.npv, npvChange: result.npv - withoutDelay.npv } : null,
    productionLoss: loss ? { ...loss, included } : null,
    lines: delayed
      .filter((l) => l.scenario === scenario)
      .map((l) => ({
        ...l,
        actor: l.actor ?? '',
        probability: l.probability ?? 1,
        benefitClass: l.benefitClass ?? null,
        stakeholder: l.stakeholder ?? null,
        low: l.low ?? null,
        high: l.high ?? null,
      })),
    amounts: 'SEK' as const,
  });
}

/**
 * The approved version beside today's figures: `then` is the same question asked of the store as it stood right after
 * the approved load (null when it cannot be answered there, a scenario added since, or its history was purged).
 */
export function approvedCaseAnswer(approval: Approval, now: CaseFigures, then: CaseFigures | null): ApprovedCase {
  if (!then) return { approval, figures: null, deviation: null };
  return round({
    approval,
    figures: {
      npv: then.npv,
      bcr: then.bcr,
      payback: then.payback,
      discountedPayback: then.discountedPayback,
      years: then.years.map((y) => ({ year: y.year, costs: y.costs, benefits: y.benefits })),
    },
    deviation: {
      npv: now.npv - then.npv,
      bcr: minus(now.bcr, then.bcr),
      payback: minus(now.payback, then.payback),
      discountedPayback: minus(now.discountedPayback, then.discountedPayback),
    },
  });
}
