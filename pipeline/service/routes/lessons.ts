/** @module lessons – `GET /api/v1/lessons?program=` (reader): lessons learnt, one program's or (without it) the portfolio's. */
import { toLesson } from '../../answers/records.js';
import { questionRoute } from '../define-route.js';
import { answer } from '../context.js';

const COLUMNS = [
  { name: 'program', type: 'VARCHAR' },
  { name: 'id', type: 'VARCHAR' },
  { name: 'date', type: 'VARCHAR' },
  { name: 'area', type: 'VARCHAR' },
  { name: 'lesson', type: 'VARCHAR' },
  { name: 'action', type: 'VARCHAR' },
  { name: 'owner', type: 'VARCHAR' },
] as const;

export const lessonsRoute = questionRoute({
  question: 'lessons',
  operationId: 'getLessons',
  summary: 'Lärdomar från programmen (utan program: hela portföljen): datum, område, lärdom, åtgärd, ansvarig och vart den spridits',
  role: 'reader',
  errors: [400, 404, 406],
  answer: async (deps, q) => ({
    program: q.program ?? null,
    lessons: (await answer(deps, 'lessons', { program: q.program ?? '' })).rows.map(toLesson),
  }),
  table: (body) => ({ columns: COLUMNS, rows: body.lessons }),
});
