/** @module business-case – `GET /api/v1/business-case`: a program's nyttokalkyl, the model's figures and the lines behind them. */
import { z } from 'zod';
import { nullableNumber, numberParam, requiredText } from './common.js';
import { approvedCaseSchema } from './approvals.js';
import { lossCurveParams, productionLossResponse } from './production-loss.js';

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
    /** Benefits moved this many months later (pro rata across years); costs that run per year go on. */
    delayMonths: numberParam('delayMonths')
      .pipe(
        z
          .number()
          .int('parametern "delayMonths" ska vara ett helt antal månader')
          .min(0, 'parametern "delayMonths" ska vara minst 0')
          .max(120, 'parametern "delayMonths" får vara högst 120'),
      )
      .optional(),
    /** The modelled production loss as a cost line `produktionsbortfall (modellerat)` in the NPV. */
    includeProductionLoss: z
      .enum(['true', 'false'], { message: 'parametern "includeProductionLoss" ska vara true eller false' })
      .optional(),
    ...lossCurveParams,
    /** The key figure for the yearly rise in operating costs; without it, the store's figures for it are recognised by name. */
    operatingCostFigure: z.string().max(200).optional(),
  })
  .strict();

export const benefitClassSchema = z.enum(['finansiell', 'omfordelning', 'kvalitet', 'miljo']);

/** One line of the business case as loaded (amounts in SEK). */
export const caseLineSchema = z.object({
  scenario: z.string(),
  year: z.number().int(),
  post: z.enum(['cost', 'benefit']),
  category: z.string(),
  kind: z.enum(['plan', 'outcome', 'forecast']),
  amount: z.number(),
  /** Who bears the cost or books the benefit (aktör); '' where the line names none. */
  actor: z.string(),
  probability: z.number(),
  benefitClass: benefitClassSchema.nullable(),
  stakeholder: z.string().nullable(),
  low: nullableNumber,
  high: nullableNumber,
  /** Tillskrivning: the share of the line this program claims (0–1); `amount`, `low` and `high` are already that share. */
  attribution: z.number().optional(),
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
  forecastCosts: nullableNumber,
  forecastBenefits: nullableNumber,
});

const partFigures = { pvCosts: z.number(), pvBenefits: z.number(), npv: z.number(), bcr: nullableNumber };

/** One actor's or stakeholder's part of the plan; the parts' NPVs add up to the case's. */
export const partSummarySchema = z.object({
  name: z.string(),
  ...partFigures,
  years: z.array(z.object({ year: z.number().int(), costs: z.number(), benefits: z.number(), net: z.number() })),
  expected: z.object(partFigures),
});
export type PartSummary = z.infer<typeof partSummarySchema>;

/** The audit's operating-cost test: does the yearly benefit exceed the yearly rise in operating costs? */
export const operatingCostTestSchema = z.object({
  figure: z.string(),
  period: z.string(),
  note: z.string().nullable(),
  /** The key figure's yearly rise in operating costs, in SEK. */
  yearlyRise: z.number(),
  breakEvenAnnualBenefit: nullableNumber,
  /** The case's expected benefits from `fromYear` on as an even yearly amount with the same present value. */
  expectedAnnualBenefit: z.number(),
  /** Expected yearly benefit minus the yearly rise: above 0, the benefit covers it. */
  margin: z.number(),
});

export const businessCaseResponse = keyFiguresSchema.extend({
  program: z.string(),
  scenario: z.string(),
  kind: z.enum(['plan', 'outcome', 'forecast']),
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
  /** Outcome so far plus forecast for the rest, beside the plan. */
  outcomeAndForecast: z.object({
    npv: z.number(),
    planNpv: z.number(),
    years: z.array(
      z.object({ year: z.number().int(), source: z.enum(['outcome', 'forecast', 'plan']), costs: z.number(), benefits: z.number() }),
    ),
  }),
  /** Per actor (aktör) and per stakeholder (intressent). */
  actors: z.array(partSummarySchema),
  stakeholders: z.array(partSummarySchema),
  operatingCostTest: z.array(operatingCostTestSchema),
  /** With `delayMonths`: the figures above are the delayed case's; this says what the delay cost. */
  delay: z.object({ months: z.number().int(), npvWithoutDelay: z.number(), npvChange: z.number() }).nullable(),
  /** With `volumeIndicator`: the modelled loss (and whether it is a cost line in the figures above) and the loss measured. */
  productionLoss: productionLossResponse.extend({ included: z.boolean() }).nullable(),
  /** The chosen scenario's lines (plan, outcome and forecast), as the sheet lists them. */
  lines: z.array(caseLineSchema),
  amounts: z.literal('SEK'),
  /** The latest approved version of the business case (fastställd) with its figures and today's deviation from them. */
  approved: approvedCaseSchema.nullable(),
});
export type BusinessCaseResponse = z.infer<typeof businessCaseResponse>;
export type PlanOutcomeRow = z.infer<typeof planOutcomeRowSchema>;
export type Sensitivity = z.infer<typeof sensitivitySchema>;
export type YearRow = z.infer<typeof yearRowSchema>;
export type KeyFigures = z.infer<typeof keyFiguresSchema>;
export type BenefitClass = z.infer<typeof benefitClassSchema>;
export type OutcomeAndForecast = z.infer<typeof businessCaseResponse>['outcomeAndForecast'];
