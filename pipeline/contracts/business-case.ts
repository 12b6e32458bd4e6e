/** @module business-case – `GET /api/v1/business-case`: a program's nyttokalkyl, the model's figures and the lines behind them. */
import { z } from 'zod';
import { nullableNumber, numberParam, requiredText } from './common.js';

export const businessCaseQuery = z
  .object({
    program: requiredText('program'),
    scenario: z.string().max(200).optional(),
    rate: numberParam('rate')
      .pipe(z.number().min(0, 'parametern "rate" ska vara minst 0').max(1, 'parametern "rate" anges som decimaltal, t.ex. 0.03 för 3 %'))
      .optional(),
    fromYear: numberParam('fromYear').pipe(z.number().int('parametern "fromYear" ska vara ett år').min(1900).max(2200)).optional(),
    kind: z.enum(['plan', 'outcome'], { message: 'parametern "kind" ska vara plan eller outcome' }).default('plan'),
    change: numberParam('change').pipe(z.number().min(0).max(1)).optional(),
    optimismBias: numberParam('optimismBias').pipe(z.number().min(0).max(5)).optional(),
  })
  .strict();

export const benefitClassSchema = z.enum(['finansiell', 'omfordelning', 'kvalitet', 'miljo']);

/** One line of the business case as loaded (amounts in SEK). */
export const caseLineSchema = z.object({
  scenario: z.string(),
  year: z.number().int(),
  post: z.enum(['cost', 'benefit']),
  category: z.string(),
  kind: z.enum(['plan', 'outcome']),
  amount: z.number(),
  probability: z.number(),
  benefitClass: benefitClassSchema.nullable(),
  stakeholder: z.string().nullable(),
  low: nullableNumber,
  high: nullableNumber,
});
export type CaseLine = z.infer<typeof caseLineSchema>;

export const yearRowSchema = z.object({
  year: z.number().int(),
  t: z.number().int(),
  costs: z.number(),
  benefits: z.number(),
  net: z.number(),
  cumulativeNet: z.number(),
  discountFactor: z.number(),
  discountedNet: z.number(),
  cumulativeDiscountedNet: z.number(),
  costsByCategory: z.record(z.string(), z.number()),
  benefitsByClass: z.record(z.string(), z.number()),
});

export const keyFiguresSchema = z.object({
  npv: z.number(),
  pvCosts: z.number(),
  pvBenefits: z.number(),
  bcr: nullableNumber,
  /** Years from the start of the first year, each year's net spread over it: −100, 60, 60 → 2.67. */
  payback: nullableNumber,
  discountedPayback: nullableNumber,
  /** The calendar year payback happens in (2024 for the flows above, starting 2022). */
  paybackYear: z.number().int().nullable(),
  discountedPaybackYear: z.number().int().nullable(),
  irr: nullableNumber,
  breakEvenAnnualBenefit: nullableNumber,
  years: z.array(yearRowSchema),
});

export const sensitivitySchema = z.object({
  npv: z.number(),
  npvLow: z.number(),
  npvHigh: z.number(),
  costsUp: z.number(),
  costsDown: z.number(),
  benefitsUp: z.number(),
  benefitsDown: z.number(),
  switchingValue: nullableNumber,
  npvWithOptimismBias: z.number(),
});

export const scenarioFiguresSchema = z.object({
  scenario: z.string(),
  npv: z.number(),
  bcr: nullableNumber,
  payback: nullableNumber,
  discountedPayback: nullableNumber,
  paybackYear: z.number().int().nullable(),
  irr: nullableNumber,
  breakEvenAnnualBenefit: nullableNumber,
  expectedNpv: z.number(),
});

export const planOutcomeRowSchema = z.object({
  year: z.number().int(),
  planCosts: z.number(),
  outcomeCosts: nullableNumber,
  planBenefits: z.number(),
  outcomeBenefits: nullableNumber,
});

export const businessCaseResponse = keyFiguresSchema.extend({
  program: z.string(),
  scenario: z.string(),
  kind: z.enum(['plan', 'outcome']),
  rate: z.number(),
  startYear: z.number().int(),
  endYear: z.number().int(),
  fromYear: z.number().int(),
  /** The same figures with every benefit at amount × probability. */
  expected: keyFiguresSchema,
  pvBenefitsByClass: z.record(z.string(), z.number()),
  pvBenefitsByStakeholder: z.record(z.string(), z.number()),
  redistributionShare: nullableNumber,
  sensitivity: sensitivitySchema,
  scenarios: z.array(scenarioFiguresSchema),
  planAgainstOutcome: z.array(planOutcomeRowSchema),
  /** The chosen scenario's lines (plan and outcome), as the sheet lists them. */
  lines: z.array(caseLineSchema),
  amounts: z.literal('SEK'),
});
export type BusinessCaseResponse = z.infer<typeof businessCaseResponse>;
