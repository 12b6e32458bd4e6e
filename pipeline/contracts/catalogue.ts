/** @module catalogue – the rows of the named queries the add-in builds its choices and sheets from. */
import { z } from 'zod';
import { queryAnswerOf } from './named-query.js';

const text = z.string();
const optionalText = z.string().nullable();

export const programsAnswer = queryAnswerOf(z.object({ id: text, name: text }));

export const orgUnitsAnswer = queryAnswerOf(z.object({ id: text, name: text, parent: optionalText, level: text, go_live: optionalText }));

export const indicatorsAnswer = queryAnswerOf(
  z.object({
    id: text,
    name: text,
    unit: optionalText,
    direction: optionalText,
    frequency: optionalText,
    benefits: optionalText,
    source: optionalText,
    min_count: z.number().int(),
  }),
);

export const loadLogAnswer = queryAnswerOf(
  z.object({
    load_id: z.union([z.number(), z.string()]),
    file_name: text,
    sha256: text,
    kind: text,
    status: text,
    started_at: text,
    finished_at: text,
    /** Set while an undo withdraws the load. */
    undone_by: z.union([z.number(), z.string()]).nullable().optional(),
  }),
);

/** The loads a sheet's figures come from (`source_loads`). */
export const sourceLoadsAnswer = queryAnswerOf(
  z.object({ load_id: z.union([z.number(), z.string()]), file_name: text, sha256: text, finished_at: text }),
);
