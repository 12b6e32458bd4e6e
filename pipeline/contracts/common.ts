/**
 * @module common – pieces every contract shares: Swedish messages for parameters, numbers as Swedes write them, and the
 * problem body every error has. Contracts import zod and nothing else, so the add-in can bundle them for the browser.
 */
import { z } from 'zod';

/** A required text parameter, with the Swedish message a missing one gets. */
export const requiredText = (name: string) =>
  z
    .string({ message: `parametern "${name}" saknas` })
    .min(1, `parametern "${name}" saknas`)
    .max(200);

/** A number in a query string; a decimal comma is read as a point (Swedes write 0,03). */
export const numberParam = (name: string) =>
  z.string().transform((v, ctx) => {
    const n = Number(v.replace(',', '.'));
    if (v.trim() === '' || !Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: `parametern "${name}" ska vara ett tal, inte "${v}"` });
      return z.NEVER;
    }
    return n;
  });

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** RFC 9457 problem details; `detail` is Swedish and never a stack trace. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  /** A refused file's errors, one line each (422). */
  messages: z.array(z.string()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** A number or null, as JSON carries figures that may be missing. */
export const nullableNumber = z.number().nullable();

/** What refused a parameter, and the parameters it takes, for the message that names them. */
export interface ParameterTaker {
  /** Who takes them: `frågan indicator_series`, `/api/v1/followup`, `arbetsboken risker`. */
  what: string;
  names: readonly string[];
}

/**
 * A strict object's problems as Swedish sentences, one per issue: an unknown parameter is named, with the parameters
 * `takes` says are taken. The one way every entry point (the service's endpoints and named queries, `nytta query`,
 * the workbook kinds) refuses what it does not take.
 */
export function describeIssues(error: z.ZodError, takes?: ParameterTaker): string {
  return error.issues
    .map((issue) => {
      if (issue.code !== 'unrecognized_keys') return issue.message;
      const unknown = `okänd parameter: ${issue.keys.join(', ')}`;
      if (!takes) return unknown;
      return `${unknown}; ${takes.what} tar ${takes.names.length ? takes.names.join(', ') : 'inga parametrar'}`;
    })
    .join('; ');
}

/** The keys a strict object schema takes (none for any other schema). */
export function schemaKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}
/**
 * The header Nytta's own clients (the task pane, `nytta … --server`) send with every call. A page on another site
 * cannot send it without the browser asking the service first (CORS), which refuses: so in local mode, where no token
 * is asked, a write without it is refused.
 */
export const CLIENT_HEADER = 'X-Nytta-Client';
