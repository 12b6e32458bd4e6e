/** @module params – a query header's parameters as a zod schema: query-string text in, typed values out, Swedish messages. */
import { z } from 'zod';
import type { ParamSpec, QueryHeader } from './header.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$/;

function paramSchema(p: ParamSpec): z.ZodType<unknown> {
  const label = `parametern "${p.name}"`;
  let base: z.ZodType<unknown>;
  if (p.values) {
    base = z.string().refine((v) => p.values!.includes(v), { message: `${label} måste vara ${p.values.join(', ')}` });
  } else {
    switch (p.type) {
      case 'VARCHAR':
        base =
          p.format === 'period'
            ? z
                .string()
                .refine(
                  (v) =>
                    v === '' ||
                    (PERIOD.test(v) && !Number.isNaN(Date.parse(v.length === 4 ? `${v}-01-01` : v.length === 7 ? `${v}-01` : v))),
                  {
                    message: `${label} ska vara en period: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD`,
                  },
                )
            : z.string().max(200, `${label} är för lång (högst 200 tecken)`);
        break;
      case 'INTEGER':
      case 'BIGINT':
      case 'DOUBLE': {
        const integer = p.type !== 'DOUBLE';
        base = z.string().transform((v, ctx) => {
          const n = Number(v.replace(',', '.'));
          if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
            ctx.addIssue({ code: 'custom', message: `${label} ska vara ${integer ? 'ett heltal' : 'ett tal'}, inte "${v}"` });
            return z.NEVER;
          }
          if (p.min !== undefined && n < p.min) ctx.addIssue({ code: 'custom', message: `${label} ska vara minst ${p.min}` });
          if (p.max !== undefined && n > p.max) ctx.addIssue({ code: 'custom', message: `${label} ska vara högst ${p.max}` });
          return n;
        });
        break;
      }
      case 'BOOLEAN':
        base = z
          .enum(['true', 'false', '1', '0', 'ja', 'nej'], { message: `${label} ska vara true eller false` })
          .transform((v) => ['true', '1', 'ja'].includes(v));
        break;
      case 'DATE':
        base = z
          .string()
          .refine((v) => DATE.test(v) && !Number.isNaN(Date.parse(v)), { message: `${label} ska vara ett datum ÅÅÅÅ-MM-DD` });
        break;
    }
  }
  const typed = base as z.ZodType<unknown, string>;
  if (p.required) return z.string({ message: `${label} saknas` }).pipe(typed);
  if (p.default !== undefined) return z.string().default(p.default).pipe(typed);
  return typed.optional();
}

/** The schema of a query's parameters: unknown parameters are refused. */
export function paramsSchema(header: QueryHeader) {
  const shape = Object.fromEntries(header.params.map((p) => [p.name, paramSchema(p)]));
  return z.object(shape).strict();
}

/** A query file, parsed and checked, with the schema its parameters are validated by. */
export interface NamedQuery extends QueryHeader {
  schema: ReturnType<typeof paramsSchema>;
}
