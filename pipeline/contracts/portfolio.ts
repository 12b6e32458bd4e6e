/** @module portfolio – `GET /api/v1/portfolio`: every program in one overview, with the figures its own endpoints give. */
import { z } from 'zod';
import { nullableNumber } from './common.js';

export const portfolioQuery = z.object({}).strict();

export const portfolioProgramSchema = z.object({
  id: z.string(),
  name: z.string(),
  phase: z.string().nullable(),
  owner: z.string().nullable(),
  goLive: z.string().nullable(),
  /** The program's own traffic light: grön, gul or röd. */
  status: z.string().nullable(),
  budget: nullableNumber,
  comment: z.string().nullable(),
  /** The base scenario's figures, as `GET /api/v1/business-case?program=` gives them; null without a business case. */
  scenario: z.string().nullable(),
  npv: nullableNumber,
  bcr: nullableNumber,
  payback: nullableNumber,
  /** The follow-up's entries by status in the latest year any of them is measured. */
  followup: z.object({
    year: z.number().int().nullable(),
    reached: z.number().int(),
    onTrack: z.number().int(),
    atRisk: z.number().int(),
    /** Measured, but without a target to judge the year by (mål saknas). */
    noTarget: z.number().int(),
    notMeasured: z.number().int(),
  }),
  milestonesLate: z.number().int(),
  risks: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int(), overdueActions: z.number().int() }),
});

/** The same indicator followed at the same place by benefits of two or more programs in the same years. */
export const indicatorOverlapSchema = z.object({
  kind: z.literal('indicator'),
  indicator: z.string(),
  indicatorName: z.string(),
  /** The org unit or geography. */
  place: z.string(),
  placeName: z.string(),
  programs: z.array(z.string()),
  years: z.array(z.number().int()),
  benefits: z.array(z.object({ program: z.string(), ids: z.array(z.string()) })),
});

/** Business-case benefit lines of two or more programs with the same category and stakeholder in the same years. */
export const lineOverlapSchema = z.object({
  kind: z.literal('benefit_line'),
  category: z.string(),
  stakeholder: z.string(),
  programs: z.array(z.string()),
  years: z.array(z.number().int()),
  /** Each program's claim per year: the whole amount (SEK), the share it attributes to itself and what it counts. */
  claims: z.array(
    z.object({ program: z.string(), year: z.number().int(), amount: z.number(), attribution: z.number(), attributed: z.number() }),
  ),
  byYear: z.array(z.object({ year: z.number().int(), attributed: z.number(), countedOnce: z.number(), doubleCounted: z.number() })),
  /** What the programs count twice, in SEK over the years: the portfolio's totals leave it out. */
  doubleCounted: z.number(),
});

export const overlapSchema = z.discriminatedUnion('kind', [indicatorOverlapSchema, lineOverlapSchema]);
export type Overlap = z.infer<typeof overlapSchema>;

/** The portfolio's totals over the programs' base scenarios, each overlapping amount counted once. */
export const portfolioTotalsSchema = z.object({
  /** Programs with a business case. */
  programs: z.number().int(),
  /** The programs' NPVs added up, each as its own business case gives it. */
  npv: z.number(),
  /** The plan's benefits over all years (SEK, undiscounted, each line at the share its program claims). */
  benefits: z.number(),
  /** What two or more programs claim of the same benefit beyond the benefit itself (SEK, undiscounted). */
  doubleCounted: z.number(),
  benefitsCountedOnce: z.number(),
  /** The same at present value, as the programs' NPVs carry it. */
  doubleCountedPresentValue: z.number(),
  npvCountedOnce: z.number(),
  /** How the totals count an overlap once, in Swedish. */
  countedOnce: z.string(),
});

export const portfolioResponse = z.object({
  programs: z.array(portfolioProgramSchema),
  overlaps: z.array(overlapSchema),
  totals: portfolioTotalsSchema,
});
export type PortfolioResponse = z.infer<typeof portfolioResponse>;
export type PortfolioProgram = z.infer<typeof portfolioProgramSchema>;
/** An overlap as the model finds it; the answer adds its kind. */
export type IndicatorOverlap = Omit<z.infer<typeof indicatorOverlapSchema>, 'kind'>;
export type LineOverlap = Omit<z.infer<typeof lineOverlapSchema>, 'kind'>;
