/**
 * @module business-case – `GET /api/v1/business-case?program=&scenario=&rate=&fromYear=&kind=`: the model's figures for
 * a program's nyttokalkyl.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { businessCaseQuery, caseLineSchema, type BusinessCaseResponse, type CaseLine } from '../../contracts/index.js';
import { businessCase, DEFAULT_RATE } from '../../model/business-case.js';
import { planAgainstOutcome, scenarios, sensitivity } from '../../model/sensitivity.js';
import { answer, badRequest, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

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

/** The program's business-case lines, read from the named query into the contract's shape. */
async function caseLines(deps: ServiceDeps, program: string): Promise<CaseLine[]> {
  const { rows } = await answer(deps, 'business_case', { program });
  return rows.map((r) =>
    caseLineSchema.parse({
      scenario: r.scenario,
      year: r.year,
      post: r.post,
      category: r.category,
      kind: r.kind,
      amount: Number(r.amount_sek),
      probability: Number(r.probability),
      benefitClass: r.benefit_class ?? null,
      stakeholder: r.stakeholder ?? null,
      low: r.low_sek ?? null,
      high: r.high_sek ?? null,
    }),
  );
}

export function businessCaseRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/business-case', async (c) => {
    const q = validQuery(c, 'reader', businessCaseQuery);
    const lines = await caseLines(deps, q.program);
    if (lines.length === 0) throw new HTTPException(404, { message: `Programmet "${q.program}" har ingen nyttokalkyl i lagret.` });
    const names = [...new Set(lines.map((l) => l.scenario))];
    const scenario = q.scenario ?? (names.includes('bas') ? 'bas' : names[0]);
    if (!names.includes(scenario))
      throw badRequest(`parametern "scenario": programmet "${q.program}" har scenarierna ${names.join(', ')}, inte "${scenario}"`);
    if (!lines.some((l) => l.scenario === scenario && l.kind === q.kind)) {
      throw new HTTPException(404, {
        message: `Scenariot "${scenario}" har inga poster av slaget ${q.kind === 'plan' ? 'plan' : 'utfall'}.`,
      });
    }
    const options = { rate: q.rate ?? DEFAULT_RATE, fromYear: q.fromYear };
    const result = businessCase(lines, scenario, { ...options, kind: q.kind });
    const body: BusinessCaseResponse = round({
      program: q.program,
      ...result,
      sensitivity: sensitivity(lines, scenario, { ...options, change: q.change, optimismBias: q.optimismBias }),
      scenarios: scenarios(lines, options).map((s) => ({
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
      planAgainstOutcome: planAgainstOutcome(lines, scenario),
      lines: lines.filter((l) => l.scenario === scenario),
      amounts: 'SEK' as const,
    });
    return respond(c, body, { columns: YEAR_COLUMNS, rows: body.years });
  });
}
