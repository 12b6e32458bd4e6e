/**
 * @module actions – `GET /api/v1/actions?program=&owner=` (reader), "Att göra": what the items are made of read from the
 * store (one program's or every program's), answered by `actionsAnswer` on the service's today.
 */
import { actionsAnswer } from '../../answers/management.js';
import { questionRoute } from '../define-route.js';
import { answer } from '../context.js';

const COLUMNS = [
  { name: 'kind', type: 'VARCHAR' },
  { name: 'program', type: 'VARCHAR' },
  { name: 'id', type: 'VARCHAR' },
  { name: 'what', type: 'VARCHAR' },
  { name: 'owner', type: 'VARCHAR' },
  { name: 'due', type: 'VARCHAR' },
  { name: 'daysOverdue', type: 'INTEGER' },
] as const;

export const actionsRoute = questionRoute({
  question: 'actions',
  operationId: 'getActions',
  summary:
    'Att göra: försenade riskåtgärder, sena milstolpar, mätningar som frekvensen säger ska finnas men saknas, nyttor utan statusbedömning för perioden och nyttor utan ägare, med ägare, förfallodag och dagar sent',
  role: 'reader',
  errors: [400, 404, 406],
  async answer(deps, q) {
    const program = q.program ?? '';
    const today = deps.today();
    const [programs, risks, benefits, outcomes, assessed] = await Promise.all([
      answer(deps, 'catalogue_programs', {}),
      answer(deps, 'risk_register', { program, today }),
      answer(deps, 'catalogue_benefits', { program }),
      answer(deps, 'latest_outcomes', { program }),
      answer(deps, 'benefit_status', { program }),
    ]);
    const chosen = programs.rows.filter((p) => !program || p.id === program);
    const milestones = await Promise.all(
      chosen.map(async (p) => ({ program: p.id, rows: (await answer(deps, 'milestones', { program: p.id })).rows })),
    );
    const rows = {
      programs: chosen,
      risks: risks.rows,
      benefits: benefits.rows,
      outcomes: outcomes.rows,
      assessed: assessed.rows,
      milestones,
    };
    return actionsAnswer(q, rows, today);
  },
  table: (body) => ({ columns: COLUMNS, rows: body.items }),
});
