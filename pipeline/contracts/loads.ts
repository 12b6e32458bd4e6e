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
  /** Rows of earlier loads this one replaced; kept in the store's history. */
  rowsReplaced: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(rejectRowSchema),
  warnings: z.array(z.string()),
});

/** 200: the report, with each error as one Swedish line ("fil.csv, rad 5, kolumn värde: …"). */
export const ingestResponse = loadReportSchema.extend({ messages: z.array(z.string()) });
export type IngestResponse = z.infer<typeof ingestResponse>;

/** 422: the file was refused whole; the store is unchanged. */
export const refusedResponse = problemSchema.extend({ messages: z.array(z.string()), report: ingestResponse });

/** One load as `GET /api/v1/loads` lists it. */
export const loadSchema = z.object({
  id: z.number().int(),
  file: z.string(),
  sha256: z.string(),
  kind: z.string().nullable(),
  status: z.enum(['loaded', 'refused']),
  rowsRead: z.number().int(),
  rowsAccepted: z.number().int(),
  rowsRejected: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Who made it: the caller's name from the token, or the user running `nytta ingest`; null for loads before it was kept. */
  loadedBy: z.string().nullable(),
  /** Rows of earlier loads it replaced (kept in history); for an undo, the withdrawn load's rows. */
  rowsReplaced: z.number().int(),
  /** An undo (kind `ångra`) names the load it withdrew. */
  undoes: z.number().int().nullable(),
  /** The undo that withdrew this load, while it stands. */
  undoneBy: z.number().int().nullable(),
});

/** `POST /api/v1/loads/{id}/undo`: the undo, itself a load that can be undone. */
export const undoResponse = z.object({
  undoId: z.number().int(),
  undone: z.number().int(),
  rowsRemoved: z.number().int(),
  rowsRestored: z.number().int(),
  load: loadSchema,
});
export type UndoResponse = z.infer<typeof undoResponse>;

export const loadsQuery = z
  .object({
    limit: z
      .string()
      .regex(/^\d+$/, 'parametern "limit" ska vara ett heltal')
      .transform(Number)
      .pipe(z.number().min(1).max(10000))
      .optional(),
  })
  .strict();
export const loadsResponse = z.object({ loads: z.array(loadSchema) });

/** `GET /api/v1/loads/{id}`: the load with its warnings and the errors a refusal kept. */
export const loadDetailResponse = loadSchema.extend({ warnings: z.array(z.string()), errors: z.array(rejectRowSchema) });
export type LoadDetail = z.infer<typeof loadDetailResponse>;
