/** @module risk-matrix – `GET /api/v1/risk-matrix`: the matrix's cells, the register and what changed since the previous assessment. */
import { z } from 'zod';
import { DATE } from './common.js';

export const riskMatrixQuery = z
  .object({
    program: z.string().max(200).optional(),
    scale: z.enum(['3', '4', '5'], { message: 'parametern "scale" ska vara 3, 4 eller 5' }).transform(Number).optional(),
    assessed: z.string().regex(DATE, 'parametern "assessed" ska vara ett datum ÅÅÅÅ-MM-DD').optional(),
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
  otherScales: z.number().int(),
});
export type RiskMatrixResponse = z.infer<typeof riskMatrixResponse>;
