/** @module business-case – `GET /api/v1/business-case?program=&scenario=&rate=&fromYear=&kind=`: the model's figures for a program's nyttokalkyl. */
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { businessCase, DEFAULT_RATE, type BusinessCaseLine } from '../../model/business-case.js';
import { planAgainstOutcome, scenarios, sensitivity } from '../../model/sensitivity.js';
import { answer, badRequest, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

const number = (label: string) =>
  z
    .string()
    .transform((v, ctx) => {
      const n = Number(v.replace(',', '.'));
      if (v.trim() === '' || !Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: `parametern "${label}" ska vara ett tal, inte "${v}"` });
        return z.NEVER;
      }
      return n;
    });

export const businessCaseSchema = z
  .object({
    program: z.string({ message: 'parametern "program" saknas' }).min(1, 'parametern "program" saknas').max(200),
    scenario: z.string().max(200).optional(),
    rate: number('rate').pipe(z.number().min(0, 'parametern "rate" ska vara minst 0').max(1, 'parametern "rate" anges som decimaltal, t.ex. 0.03 för 3 %')).optional(),
    fromYear: number('fromYear').pipe(z.number().int('parametern "fromYear" ska vara ett år').min(1900).max(2200)).optional(),
    kind: z.enum(['plan', 'outcome'], { message: 'parametern "kind" ska vara plan eller outcome' }).default('plan'),
    change: number('change').pipe(z.number().min(0).max(1)).optional(),
    optimismBias: number('optimismBias').pipe(z.number().min(0).max(5)).optional(),
  })
  .strict();

const round = (x: unknown): unknown =>
  typeof x === 'number' ? Number(x.toPrecision(15)) : Array.isArray(x) ? x.map(round) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)])) : x;

const YEAR_COLUMNS = [
  { name: 'year', type: 'INTEGER' }, { name: 'costs', type: 'DOUBLE' }, { name: 'benefits', type: 'DOUBLE' }, { name: 'net', type: 'DOUBLE' },
  { name: 'cumulativeNet', type: 'DOUBLE' }, { name: 'discountFactor', type: 'DOUBLE' }, { name: 'discountedNet', type: 'DOUBLE' }, { name: 'cumulativeDiscountedNet', type: 'DOUBLE' },
] as const;

export function businessCaseRoutes(app: Hono<Env>, deps: ServiceDeps): void {
  app.get('/api/v1/business-case', async (c) => {
    const q = validQuery(c, 'reader', businessCaseSchema);
    const { rows } = await answer(deps, 'business_case', { program: q.program });
    if (rows.length === 0) throw new HTTPException(404, { message: `Programmet "${q.program}" har ingen nyttokalkyl i lagret.` });
    const lines: BusinessCaseLine[] = rows.map((r) => ({
      scenario: String(r.scenario), year: Number(r.year), post: r.post as BusinessCaseLine['post'], category: String(r.category),
      kind: r.kind as BusinessCaseLine['kind'], amount: Number(r.amount_sek), probability: Number(r.probability),
      benefitClass: (r.benefit_class as BusinessCaseLine['benefitClass']) ?? null, stakeholder: (r.stakeholder as string | null) ?? null,
      low: r.low_sek as number | null, high: r.high_sek as number | null,
    }));
    const names = [...new Set(lines.map((l) => l.scenario))];
    const scenario = q.scenario ?? (names.includes('bas') ? 'bas' : names[0]);
    if (!names.includes(scenario)) throw badRequest(`parametern "scenario": programmet "${q.program}" har scenarierna ${names.join(', ')}, inte "${scenario}"`);
    if (!lines.some((l) => l.scenario === scenario && l.kind === q.kind)) {
      throw new HTTPException(404, { message: `Scenariot "${scenario}" har inga poster av slaget ${q.kind === 'plan' ? 'plan' : 'utfall'}.` });
    }
    const options = { rate: q.rate ?? DEFAULT_RATE, fromYear: q.fromYear };
    const result = businessCase(lines, scenario, { ...options, kind: q.kind });
    const body = round({
      program: q.program,
      ...result,
      sensitivity: sensitivity(lines, scenario, { ...options, change: q.change, optimismBias: q.optimismBias }),
      scenarios: scenarios(lines, options).map((s) => ({ scenario: s.scenario, npv: s.npv, bcr: s.bcr, payback: s.payback, discountedPayback: s.discountedPayback, irr: s.irr, breakEvenAnnualBenefit: s.breakEvenAnnualBenefit, expectedNpv: s.expected.npv })),
      planAgainstOutcome: planAgainstOutcome(lines, scenario),
      amounts: 'SEK',
    });
    return respond(c, body, { columns: YEAR_COLUMNS, rows: (body as { years: Record<string, unknown>[] }).years });
  });
}
