/**
 * @module business-case – `GET /api/v1/business-case?program=&scenario=&rate=&fromYear=&kind=…`: the model's figures
 * for a program's nyttokalkyl, per actor and stakeholder, plan beside outcome and forecast, the operating-cost test,
 * and on request the modelled production loss as a cost line and a delay of the benefits.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  businessCaseQuery,
  caseLineSchema,
  PARAMETER_DEFAULTS,
  type Approval,
  type BusinessCaseResponse,
  type CaseLine,
  type QueryRow,
} from '../../contracts/index.js';
import { businessCase, span, type BusinessCaseLine } from '../../model/business-case.js';
import { delayBenefits, outcomeAndForecast, summaryBy } from '../../model/case-views.js';
import { annualEquivalent } from '../../model/operating-cost.js';
import { planAgainstOutcome, scenarios, sensitivity } from '../../model/sensitivity.js';
import type { z } from 'zod';
import { answer, badRequest, readingAsOf, respond, validQuery, type Env, type ServiceDeps } from '../context.js';
import { latestApprovals } from './approvals.js';
import { modelledLoss } from '../production-loss-figures.js';
import { storeKeyFigures } from './key-figures.js';

/** Doubles without float noise: 15 significant digits, as JSON answers carry every figure. */
const round = <T>(x: T): T =>
  (typeof x === 'number'
    ? Number(x.toPrecision(15))
    : Array.isArray(x)
      ? x.map(round)
      : x && typeof x === 'object'
        ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)]))
        : x) as T;

const YEAR_COLUMNS = [
  { name: 'year', type: 'INTEGER' },
  { name: 'costs', type: 'DOUBLE' },
  { name: 'benefits', type: 'DOUBLE' },
  { name: 'net', type: 'DOUBLE' },
  { name: 'cumulativeNet', type: 'DOUBLE' },
  { name: 'discountFactor', type: 'DOUBLE' },
  { name: 'discountedNet', type: 'DOUBLE' },
  { name: 'cumulativeDiscountedNet', type: 'DOUBLE' },
] as const;

/** The cost line the modelled production loss becomes in the NPV. */
export const LOSS_CATEGORY = 'produktionsbortfall (modellerat)';
const LOSS_ACTOR = 'Förvaltningarna (produktionsbortfall)';

/** The program's business-case lines, read from the named query into the contract's shape. */
async function caseLines(deps: ServiceDeps, program: string): Promise<CaseLine[]> {
  const { rows } = await answer(deps, 'business_case', { program });
  // A line counts at the share of it the program claims (tillskrivning), in every figure.
  const share = (r: QueryRow, v: unknown) => (v === null || v === undefined ? null : Number(v) * Number(r.attribution ?? 1));
  return rows.map((r) =>
    caseLineSchema.parse({
      scenario: r.scenario,
      year: r.year,
      post: r.post,
      category: r.category,
      kind: r.kind,
      amount: share(r, r.amount_sek),
      probability: Number(r.probability),
      actor: r.actor ?? '',
      benefitClass: r.benefit_class ?? null,
      stakeholder: r.stakeholder ?? null,
      low: share(r, r.low_sek),
      high: share(r, r.high_sek),
      attribution: Number(r.attribution ?? 1),
    }),
  );
}

/** The store's key figures for the yearly rise in operating costs, or the one named, with their value in SEK. */
async function operatingCostFigures(deps: ServiceDeps, named?: string) {
  const found = await storeKeyFigures(deps, named);
  if (named && found.length === 0) throw badRequest(`parametern "operatingCostFigure": nyckeltalet "${named}" finns inte i lagret`);
  const figures = found.filter((f): f is typeof f & { valueSek: number } => f.valueSek !== null && (!!named || f.operatingCostRise));
  if (named && figures.length === 0) throw badRequest(`parametern "operatingCostFigure": nyckeltalet "${named}" är inget belopp i kronor`);
  return figures;
}

type CaseQuestion = z.output<typeof businessCaseQuery>;
type CaseFigures = Omit<BusinessCaseResponse, 'approved'>;

/** The answer to one question about a program's business case, as the store stands for the reader (or `asOf`). */
async function caseFigures(deps: ServiceDeps, q: CaseQuestion): Promise<CaseFigures> {
  const loaded = await caseLines(deps, q.program);
  if (loaded.length === 0) throw new HTTPException(404, { message: `Programmet "${q.program}" har ingen nyttokalkyl i lagret.` });
  const names = [...new Set(loaded.map((l) => l.scenario))];
  const scenario = q.scenario ?? (names.includes('bas') ? 'bas' : names[0]);
  if (!names.includes(scenario)) {
    throw badRequest(`parametern "scenario": programmet "${q.program}" har scenarierna ${names.join(', ')}, inte "${scenario}"`);
  }
  if (!loaded.some((l) => l.scenario === scenario && l.kind === q.kind)) {
    throw new HTTPException(404, {
      message: `Scenariot "${scenario}" har inga poster av slaget ${q.kind === 'plan' ? 'plan' : 'utfall'}.`,
    });
  }
  if (q.includeProductionLoss === 'true' && !q.volumeIndicator) {
    throw badRequest('parametern "includeProductionLoss" kräver "volumeIndicator": volymindikatorn som bortfallet räknas på');
  }
  const options = { rate: q.rate ?? PARAMETER_DEFAULTS.rate, fromYear: q.fromYear };
  const [, endYear] = span(
    loaded.filter((l) => l.scenario === scenario && l.kind === q.kind),
    {},
  );

  // The modelled production loss, and on request as a yearly cost line of the chosen scenario.
  const loss = q.volumeIndicator ? await modelledLoss(deps, { ...q, volumeIndicator: q.volumeIndicator }) : null;
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
    operatingCostTest: (await operatingCostFigures(deps, q.operatingCostFigure)).map((f) => ({
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

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/**
 * The latest approved version of the business case beside today's figures: the same question asked of the store as it
 * stood right after the approved load, and today's figures minus those. A question the approved version cannot answer
 * (a scenario added since) or a version whose history was purged gives no figures, the approval still named.
 */
async function approvedCase(
  deps: ServiceDeps,
  q: CaseQuestion,
  now: CaseFigures,
  approval: Approval | undefined,
): Promise<BusinessCaseResponse['approved']> {
  if (!approval) return null;
  const then = approval.versionReadable
    ? await readingAsOf(approval.version, () => caseFigures(deps, { ...q, scenario: now.scenario })).catch((error: unknown) => {
        if (error instanceof HTTPException) return null;
        throw error;
      })
    : null;
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

export function businessCaseRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/business-case', async (c) => {
    const q = validQuery(c, 'reader', businessCaseQuery);
    // The approvals are asked beside the figures, not after them: most programs have none, and it costs no wait.
    const [figures, approvals] = await Promise.all([caseFigures(deps, q), latestApprovals(deps, q.program)]);
    const body: BusinessCaseResponse = { ...figures, approved: await approvedCase(deps, q, figures, approvals.nyttokalkyl) };
    return respond(c, body, { columns: YEAR_COLUMNS, rows: body.years });
  });
}
