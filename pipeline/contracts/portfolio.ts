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

export const portfolioResponse = z.object({ programs: z.array(portfolioProgramSchema) });
export type PortfolioResponse = z.infer<typeof portfolioResponse>;
export type PortfolioProgram = z.infer<typeof portfolioProgramSchema>;
