/** @module followup – `GET /api/v1/followup`: five years after go-live per indicator and unit, rolled up to benefits and effect goals. */
import { z } from 'zod';
import { nullableNumber, requiredText } from './common.js';

export const followupQuery = z
  .object({
    program: requiredText('program'),
    unit: z.string().max(200).optional(),
  })
  .strict();

export const followupStatusSchema = z.enum(['reached', 'on_track', 'at_risk', 'not_measured']);

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
});

export const followupIndicatorSchema = z.object({
  indicator: z.string(),
  name: z.string(),
  direction: z.string().nullable(),
  unit: z.string(),
  goLive: z.string().nullable(),
  benefits: z.array(z.string()),
  baseline: nullableNumber,
  years: z.array(followupYearSchema),
});

export const followupResponse = z.object({
  program: z.string(),
  unit: z.string().nullable(),
  indicators: z.array(followupIndicatorSchema),
  benefits: z.array(rollupRowSchema),
  effectGoals: z.array(rollupRowSchema),
});
export type FollowupResponse = z.infer<typeof followupResponse>;
export type FollowupIndicator = z.infer<typeof followupIndicatorSchema>;
