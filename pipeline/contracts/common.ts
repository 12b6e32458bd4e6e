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

/**
 * The header Nytta's own clients (the task pane, `nytta … --server`) send with every call. A page on another site
 * cannot send it without the browser asking the service first (CORS), which refuses: so in local mode, where no token
 * is asked, a write without it is refused.
 */
export const CLIENT_HEADER = 'X-Nytta-Client';
