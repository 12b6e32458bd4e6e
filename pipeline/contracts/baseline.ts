/**
 * @module baseline – `GET /api/v1/baseline`: the baseline before go-live, the monthly series with an SPC chart, and an
 * interrupted time series.
 */
import { z } from 'zod';
import { DATE, requiredText } from './common.js';
import { queryRowSchema } from './named-query.js';

export const baselineQuery = z
  .object({
    indicator: requiredText('indicator'),
    unit: requiredText('unit'),
    goLive: z.string().regex(DATE, 'parametern "goLive" ska vara ett datum ÅÅÅÅ-MM-DD').optional(),
    window: z
      .string()
      .regex(/^\d+$/, 'parametern "window" ska vara ett antal månader')
      .transform(Number)
      .pipe(z.number().min(1).max(60))
      .optional(),
    chart: z.enum(['auto', 'p', 'pp', 'i'], { message: 'parametern "chart" ska vara auto, p, pp eller i' }).default('auto'),
    mode: z.enum(['frozen', 'phased'], { message: 'parametern "mode" ska vara frozen eller phased' }).default('frozen'),
    transition: z
      .string()
      .regex(/^\d+$/, 'parametern "transition" ska vara ett antal månader')
      .transform(Number)
      .pipe(z.number().max(24))
      .default(0),
    /** Whose go-live applies when the unit and its ancestors have none (default: the program the indicator measures). */
    program: z.string().max(200).optional(),
  })
  .strict();

export const chartTypeSchema = z.enum(['p', 'pp', 'i']);

export const spcRowSchema = z.object({
  label: z.string(),
  y: z.number().nullable(),
  centre: z.number().nullable(),
  lcl: z.number().nullable(),
  ucl: z.number().nullable(),
  phase: z.number().int(),
  outside: z.boolean(),
});

export const runsSchema = z.object({
  useful: z.number().int(),
  longestRun: z.number().int(),
  longestRunMax: z.number().int(),
  crossings: z.number().int(),
  crossingsMin: z.number().int(),
  signal: z.boolean(),
});

const coefficient = z.object({ estimate: z.number(), se: z.number(), lower: z.number(), upper: z.number(), p: z.number() });

export const itsSchema = z.object({
  n: z.number().int(),
  df: z.number().int(),
  intercept: coefficient,
  trend: coefficient,
  levelChange: coefficient,
  slopeChange: coefficient,
  residualSd: z.number(),
  fitted: z.array(z.number().nullable()),
});

/** Where a baseline's go-live came from: the question, the unit's own, its nearest ancestor's, or the program's. */
export const goLiveSourceSchema = z.enum(['parameter', 'unit', 'ancestor', 'program']);

export const baselineResponse = z.object({
  /** The `baseline` named query's row. */
  baseline: queryRowSchema,
  goLiveSource: goLiveSourceSchema,
  /** The unit, ancestor or program whose go-live it is; null when the question gave it. */
  goLiveFrom: z.string().nullable(),
  chart: chartTypeSchema,
  goLiveIndex: z.number().int(),
  spc: z.object({ chart: chartTypeSchema, rows: z.array(spcRowSchema), runs: z.array(runsSchema), fewPoints: z.boolean() }),
  its: z.union([itsSchema, z.object({ error: z.string() })]).nullable(),
  suppressedCells: z.number().int(),
});
export type BaselineResponse = z.infer<typeof baselineResponse>;
export type SpcRow = z.infer<typeof spcRowSchema>;
export type RunsAnalysis = z.infer<typeof runsSchema>;
export type ChartType = z.infer<typeof chartTypeSchema>;
export type ItsResult = z.infer<typeof itsSchema>;
export type Coefficient = z.infer<typeof itsSchema>['intercept'];
