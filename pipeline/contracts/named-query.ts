/** @module named-query – `GET /api/v1/queries` and `GET /api/v1/queries/{name}`: every file in queries/ as an endpoint. */
import { z } from 'zod';
import { queryRowSchemas } from './query-rows.js';

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

/** The named queries, by name. */
export type QueryName = keyof typeof queryRowSchemas;
/** A named query's row, as its header declares it (generated: query-rows.ts). */
export type QueryRowOf<N extends QueryName> = z.output<(typeof queryRowSchemas)[N]>;
/** A named query's answer with its rows typed. */
export type QueryAnswerOf<N extends QueryName> = Omit<QueryAnswerBody, 'rows'> & { rows: QueryRowOf<N>[] };
/** The answer contract of a named query, its rows parsed by their declared types. */
export const namedQueryAnswer = <N extends QueryName>(name: N): z.ZodType<QueryAnswerOf<N>> =>
  // The lookup by a generic name loses the row's type that `queryRowSchemas[name]` has for each concrete name.
  queryAnswerOf(queryRowSchemas[name]) as unknown as z.ZodType<QueryAnswerOf<N>>;
