/**
 * @module followup – `GET /api/v1/followup`: years after go-live per indicator and place (an org unit at any level, or a
 * geography for series without unit), with parts on request, rolled up through the effect chain.
 */
import { z } from 'zod';
import { approvedFollowupSchema } from './approvals.js';
import { nullableNumber, requiredText } from './common.js';

const integerParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `parametern "${name}" ska vara ett heltal`)
    .transform(Number)
    .pipe(z.number().min(min, `parametern "${name}" ska vara minst ${min}`).max(max, `parametern "${name}" får vara högst ${max}`));

export const FOLLOWUP_LEVELS = ['region', 'forvaltning', 'verksamhet', 'enhet'] as const;
export const FOLLOWUP_BREAKDOWNS = ['none', 'sex', 'age', 'municipality'] as const;

export const followupQuery = z
  .object({
    program: requiredText('program'),
    unit: z.string().max(200).optional(),
    level: z.enum(FOLLOWUP_LEVELS, { message: `parametern "level" ska vara ${FOLLOWUP_LEVELS.join(', ')}` }).optional(),
    breakdown: z.enum(FOLLOWUP_BREAKDOWNS, { message: `parametern "breakdown" ska vara ${FOLLOWUP_BREAKDOWNS.join(', ')}` }).optional(),
    years: integerParam('years', 1, 10).optional(),
    baselineMonths: integerParam('baselineMonths', 1, 60).optional(),
  })
  .strict();

/**
 * no_direction: measured, but the indicator has no direction (status "riktning saknas"), never a guessed one.
 * no_target: measured, but no target to judge the year by (status "mål saknas"); never counted as at risk.
 */
export const followupStatusSchema = z.enum(['reached', 'on_track', 'at_risk', 'not_measured', 'no_direction', 'no_target']);

export const followupYearSchema = z.object({
  year: z.number().int(),
  calendarYear: z.number().int(),
  target: nullableNumber,
  expected: nullableNumber,
  outcome: nullableNumber,
  progress: nullableNumber,
  status: followupStatusSchema,
});

export const rollupRowSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  indicators: z.number().int(),
  measured: z.number().int(),
  onTrack: z.number().int(),
  share: nullableNumber,
  status: z.enum(['reached', 'on_track', 'at_risk', 'not_measured']),
});

/** A part of an entry (with a breakdown): its value per year; small cells suppressed as everywhere. */
export const followupPartSchema = z.object({
  part: z.string(),
  baseline: nullableNumber,
  years: z.array(z.object({ year: z.number().int(), calendarYear: z.number().int(), outcome: nullableNumber })),
});

export const followupIndicatorSchema = z.object({
  indicator: z.string(),
  name: z.string(),
  direction: z.string().nullable(),
  source: z.string().nullable(),
  frequency: z.string().nullable(),
  /** The indicator's unit of measure (andel, antal, …). */
  measure: z.string().nullable(),
  /** The org unit measured (with everything below it), or null for a geography's series without unit. */
  unit: z.string().nullable(),
  geography: z.string().nullable(),
  placeName: z.string(),
  level: z.string().nullable(),
  goLive: z.string().nullable(),
  grain: z.string().nullable(),
  /** The baseline period as a person writes it: "2023", "2023-Q1–2023-Q4" or "2023-05–2024-04". */
  baselinePeriod: z.string(),
  benefits: z.array(z.string()),
  baseline: nullableNumber,
  years: z.array(followupYearSchema),
  parts: z.array(followupPartSchema),
});

export const milestoneSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string().nullable(),
  planned: z.string(),
  done: z.string().nullable(),
  status: z.enum(['done', 'on_time', 'late']),
});

export const followupBenefitSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.number().int().nullable(),
  parent: z.string().nullable(),
  owner: z.string().nullable(),
  realisedBy: z.string().nullable(),
  effectGoals: z.array(z.string()),
  milestones: z.array(milestoneSchema),
  /** Open risks (latest assessment, action not done) that name this benefit as threatened. */
  risks: z.array(z.object({ id: z.string(), value: z.number().int(), status: z.string().nullable(), overdue: z.boolean() })),
});

export const followupResponse = z.object({
  program: z.string(),
  unit: z.string().nullable(),
  level: z.string().nullable(),
  breakdown: z.string(),
  years: z.number().int(),
  indicators: z.array(followupIndicatorSchema),
  /** The program's benefits with level, owners and milestones, in the chain's order. */
  benefitDetails: z.array(followupBenefitSchema),
  benefits: z.array(rollupRowSchema),
  effectGoals: z.array(rollupRowSchema),
  /** The latest approved targets and baselines (fastställda) and today's deviation from them; null when none is approved. */
  approved: approvedFollowupSchema.nullable(),
});
export type FollowupResponse = z.infer<typeof followupResponse>;
export type FollowupQuery = z.output<typeof followupQuery>;
export type FollowupIndicator = z.infer<typeof followupIndicatorSchema>;
export type FollowupYear = z.infer<typeof followupYearSchema>;
export type RollupRow = z.infer<typeof rollupRowSchema>;
export type FollowupStatus = z.infer<typeof followupStatusSchema>;
export type MilestoneStatus = z.infer<typeof milestoneSchema>['status'];
