/** @module lessons – `GET /api/v1/lessons?program=` (reader): lessons learnt, one program's or (without it) the portfolio's. */
import { Hono } from 'hono';
import { lessonsQuery, type LessonsResponse } from '../../contracts/index.js';
import { answer, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

const COLUMNS = [
  { name: 'program', type: 'VARCHAR' },
  { name: 'id', type: 'VARCHAR' },
  { name: 'date', type: 'VARCHAR' },
  { name: 'area', type: 'VARCHAR' },
  { name: 'lesson', type: 'VARCHAR' },
  { name: 'action', type: 'VARCHAR' },
  { name: 'owner', type: 'VARCHAR' },
] as const;

export function lessonRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/lessons', async (c) => {
    const q = validQuery(c, 'reader', lessonsQuery);
    const { rows } = await answer(deps, 'lessons', { program: q.program ?? '' });
    const body: LessonsResponse = {
      program: q.program ?? null,
      lessons: rows.map((r) => ({
        program: String(r.program),
        id: String(r.id),
        date: r.date === null || r.date === undefined ? null : String(r.date).slice(0, 10),
        area: text(r.area),
        lesson: String(r.lesson),
        action: text(r.action),
        owner: text(r.owner),
        spreadTo: String(r.spread_to ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      })),
    };
    return respond(c, body, { columns: COLUMNS, rows: body.lessons });
  });
}
