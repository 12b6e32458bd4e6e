/** @module risk-matrix – `GET /api/v1/risk-matrix`: the matrix's cells, the register and what changed since the previous assessment. */
import { z } from 'zod';
import { DATE } from './common.js';

export const riskMatrixQuery = z
  .object({
    program: z.string().max(200).optional(),
    scale: z.enum(['3', '4', '5'], { message: 'parametern "scale" ska vara 3, 4 eller 5' }).transform(Number).optional(),
    assessed: z.string().regex(DATE, 'parametern "assessed" ska vara ett datum ÅÅÅÅ-MM-DD').optional(),
    /** Changes since the latest assessment on or before this date (the previous report's), not just the one before. */
    since: z.string().regex(DATE, 'parametern "since" ska vara ett datum ÅÅÅÅ-MM-DD').optional(),
  })
  .strict();

export const colourSchema = z.enum(['green', 'yellow', 'red']);

export const matrixCellSchema = z.object({
  probability: z.number().int(),
  consequence: z.number().int(),
  value: z.number().int(),
  count: z.number().int(),
  ids: z.array(z.string()),
  colour: colourSchema,
});

export const registerRowSchema = z.object({
  id: z.string(),
  program: z.string(),
  area: z.string().nullable().optional(),
  text: z.string().nullable().optional(),
  probability: z.number().int(),
  consequence: z.number().int(),
  value: z.number().int(),
  colour: colourSchema,
  scale: z.number().int(),
  assessed: z.string(),
  stated_value: z.number().nullable().optional(),
  mitigation: z.string().nullable().optional(),
  owner: z.string().nullable().optional(),
  due: z.string().nullable().optional(),
  /** The action's status: ej påbörjad, pågår or klar (null when the register does not say). */
  status: z.string().nullable(),
  /** `klart` when it is a date. */
  dueDate: z.string().nullable(),
  /** The due date has passed and the action is not done. */
  overdue: z.boolean(),
  benefits: z.array(z.string()),
  effectGoals: z.array(z.string()),
  /** The risk's value at every assessment, oldest first. */
  history: z.array(
    z.object({ assessed: z.string(), probability: z.number().int(), consequence: z.number().int(), value: z.number().int() }),
  ),
});

/** Per risk area: how many risks, by colour, the highest value and the overdue actions. */
export const riskAreaSchema = z.object({
  area: z.string(),
  risks: z.number().int(),
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  maxValue: z.number().int(),
  overdue: z.number().int(),
});

export const riskChangeSchema = z.object({
  id: z.string(),
  change: z.enum(['new', 'removed', 'raised', 'lowered', 'unchanged']),
  before: z.number().nullable(),
  after: z.number().nullable(),
});

export const riskMatrixResponse = z.object({
  program: z.string().nullable(),
  scale: z.number().int(),
  assessed: z.union([z.string(), z.array(z.string())]),
  previousAssessment: z.string().nullable(),
  thresholds: z.array(z.object({ from: z.number(), to: z.number(), colour: colourSchema })),
  cells: z.array(matrixCellSchema),
  register: z.array(registerRowSchema),
  changes: z.array(riskChangeSchema),
  areas: z.array(riskAreaSchema),
  otherScales: z.number().int(),
});
export type RiskMatrixResponse = z.infer<typeof riskMatrixResponse>;
export type MatrixCell = z.infer<typeof matrixCellSchema>;
export type Colour = z.infer<typeof colourSchema>;
export type RiskChange = z.infer<typeof riskChangeSchema>;
export type RiskChangeKind = z.infer<typeof riskChangeSchema>['change'];
export type Threshold = z.infer<typeof riskMatrixResponse>['thresholds'][number];
