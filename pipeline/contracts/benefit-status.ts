/**
 * @module benefit-status – `GET /api/v1/benefit-status?program=`: each benefit's judged status (latest and by period)
 * beside the status its indicators measure, and whether the two disagree.
 */
import { z } from 'zod';
import { requiredText } from './common.js';

export const benefitStatusQuery = z.object({ program: requiredText('program') }).strict();

export const judgedStatusSchema = z.enum(['grön', 'gul', 'röd']);
export const periodGrainSchema = z.enum(['year', 'tertial', 'quarter', 'month', 'week']);

export const periodSchema = z.object({
  /** 2026, 2026-T2, 2026-Q1 or 2026-03. */
  id: z.string(),
  grain: periodGrainSchema,
  start: z.string(),
  /** The period's last day. */
  end: z.string(),
});

export const assessmentSchema = z.object({
  period: z.string(),
  grain: periodGrainSchema,
  start: z.string(),
  end: z.string(),
  status: judgedStatusSchema,
  /** Tillförsikt: hög, medel or låg. */
  confidence: z.enum(['hög', 'medel', 'låg']).nullable(),
  comment: z.string().nullable(),
  assessedBy: z.string().nullable(),
  assessed: z.string().nullable(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const benefitStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.string().nullable(),
  /** The assessment of the latest period; null when the benefit has none. */
  latest: assessmentSchema.nullable(),
  /** Every assessment, earliest period first. */
  trend: z.array(assessmentSchema),
  /** What the follow-up measures: the roll-up's status in the latest year (after go-live) any of its members is measured. */
  measured: z.object({ status: z.enum(['reached', 'on_track', 'at_risk', 'not_measured']), year: z.number().int().nullable() }),
  /** Judged green but measured at risk, or judged red but measured on track or reached. */
  disagrees: z.boolean(),
  /** Whether the benefit has an assessment for the current period. */
  assessedThisPeriod: z.boolean(),
});
export type BenefitStatus = z.infer<typeof benefitStatusSchema>;

export const benefitStatusResponse = z.object({
  program: z.string(),
  /** The period assessments are due for now: at the grain of the program's latest assessment, else a tertial. */
  currentPeriod: periodSchema,
  benefits: z.array(benefitStatusSchema),
});
export type BenefitStatusResponse = z.infer<typeof benefitStatusResponse>;
export type Period = z.infer<typeof periodSchema>;
export type PeriodGrain = z.infer<typeof periodGrainSchema>;
export type JudgedStatus = z.infer<typeof judgedStatusSchema>;
