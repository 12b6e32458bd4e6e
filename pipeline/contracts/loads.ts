/** @module loads – `POST /api/v1/ingest`: what a load did with a file (200), or why it was refused (422). */
import { z } from 'zod';
import { problemSchema } from './common.js';

export const rejectRowSchema = z.object({
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});

export const loadReportSchema = z.object({
  file: z.string(),
  sha256: z.string(),
  variant: z.string(),
  route: z.enum(['direct', 'staged']),
  kind: z.string().nullable(),
  status: z.enum(['loaded', 'unchanged', 'refused', 'checked']),
  loadId: z.number().int().nullable(),
  rowsRead: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsRejected: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(rejectRowSchema),
  warnings: z.array(z.string()),
});

/** 200: the report, with each error as one Swedish line ("fil.csv, rad 5, kolumn värde: …"). */
export const ingestResponse = loadReportSchema.extend({ messages: z.array(z.string()) });
export type IngestResponse = z.infer<typeof ingestResponse>;

/** 422: the file was refused whole; the store is unchanged. */
export const refusedResponse = problemSchema.extend({ messages: z.array(z.string()), report: ingestResponse });
