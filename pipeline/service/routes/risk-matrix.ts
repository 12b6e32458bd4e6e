/**
 * @module risk-matrix – `GET /api/v1/risk-matrix?program=&scale=&assessed=&since=`: the register and its history read
 * from the store, and the previous assessment's register when there is one to compare with, answered by
 * `riskMatrixAnswer`.
 */
import { assessedDates, previousAssessment, registerRows, riskMatrixAnswer } from '../../answers/risk-matrix.js';
import { questionRoute } from '../define-route.js';
import { answer } from '../context.js';

const CELL_COLUMNS = [
  { name: 'probability', type: 'INTEGER' },
  { name: 'consequence', type: 'INTEGER' },
  { name: 'value', type: 'INTEGER' },
  { name: 'count', type: 'INTEGER' },
  { name: 'ids', type: 'VARCHAR' },
  { name: 'colour', type: 'VARCHAR' },
] as const;

export const riskMatrixRoute = questionRoute({
  question: 'riskMatrix',
  operationId: 'getRiskMatrix',
  summary: 'Riskmatrisens celler {probability, consequence, count, ids, colour}, registret och ändringar sedan förra bedömningen',
  role: 'reader',
  errors: [400, 404, 406],
  async answer(deps, q) {
    const program = q.program ?? '';
    const [register, history] = await Promise.all([
      answer(deps, 'risk_register', { program, assessed: q.assessed, today: deps.today() }),
      answer(deps, 'risk_history', { program }),
    ]);
    const current = registerRows(register.rows, history.rows);
    // The previous assessment of the same program(s), for what changed: asked only when the register is of one date.
    const dates = assessedDates(current);
    const all = dates.length === 1 ? (await answer(deps, 'risk_assessments', { program })).rows.map((r) => r.assessed).sort() : [];
    const date = previousAssessment(q, dates, all);
    const previous = date
      ? { date, rows: (await answer(deps, 'risk_register', { program, assessed: date, today: deps.today() })).rows }
      : null;
    return riskMatrixAnswer(q, current, previous);
  },
  table: (body) => ({ columns: CELL_COLUMNS, rows: body.cells.map((cell) => ({ ...cell, ids: cell.ids.join(',') })) }),
});
