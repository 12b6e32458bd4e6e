/** @module lessons – `GET /api/v1/lessons?program=`: lessons learnt, for one program or (without it) the whole portfolio. */
import { z } from 'zod';

export const lessonsQuery = z.object({ program: z.string().max(200).optional() }).strict();

export const lessonSchema = z.object({
  program: z.string(),
  id: z.string(),
  date: z.string().nullable(),
  area: z.string().nullable(),
  lesson: z.string(),
  action: z.string().nullable(),
  owner: z.string().nullable(),
  spreadTo: z.array(z.string()),
});

export const lessonsResponse = z.object({ program: z.string().nullable(), lessons: z.array(lessonSchema) });
export type LessonsResponse = z.infer<typeof lessonsResponse>;
