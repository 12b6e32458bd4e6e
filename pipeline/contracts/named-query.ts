/** @module named-query – `GET /api/v1/queries` and `GET /api/v1/queries/{name}`: every file in queries/ as an endpoint. */
import { z } from 'zod';

export const sqlTypeSchema = z.enum(['VARCHAR', 'INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE']);
export const roleSchema = z.enum(['reader', 'analyst', 'controller', 'admin']);

export const columnSchema = z.object({
  name: z.string(),
  type: sqlTypeSchema,
  when: z.object({ param: z.string(), value: z.string() }).optional(),
  description: z.string().optional(),
});

/** A row of a named query: values as JSON carries them (integers beyond 2^53 as strings). */
export const queryRowSchema = z.record(z.string(), z.unknown());
export type QueryRow = z.infer<typeof queryRowSchema>;

export const queryAnswer = z.object({
  query: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  columns: z.array(columnSchema),
  rows: z.array(queryRowSchema),
  rowCount: z.number().int(),
  truncated: z.boolean(),
  suppressedCells: z.number().int(),
});
export type QueryAnswerBody = z.infer<typeof queryAnswer>;

export const queryListResponse = z.object({
  queries: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      role: roleSchema,
      url: z.string(),
      parameters: z.array(
        z.object({
          name: z.string(),
          required: z.boolean(),
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()),
        }),
      ),
      columns: z.array(columnSchema),
      suppression: z.object({ count: z.string(), values: z.array(z.string()), group: z.array(z.string()).optional() }).nullable(),
    }),
  ),
});

/** The answer of a named query whose rows have a known shape. */
export const queryAnswerOf = <R extends z.ZodType>(row: R) => queryAnswer.extend({ rows: z.array(row) });
