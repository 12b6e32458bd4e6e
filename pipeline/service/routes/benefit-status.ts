/**
 * @module benefit-status – `GET /api/v1/benefit-status?program=` (reader): each benefit's judged status beside the one
 * the follow-up measures, answered by `benefitStatusAnswer`.
 */
import { benefitStatusAnswer } from '../../answers/management.js';
import { questionRoute } from '../define-route.js';
import { answer } from '../context.js';
import { followupFigures } from './followup.js';

const COLUMNS = [
  { name: 'id', type: 'VARCHAR' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'period', type: 'VARCHAR' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'confidence', type: 'VARCHAR' },
  { name: 'measured', type: 'VARCHAR' },
  { name: 'disagrees', type: 'BOOLEAN' },
] as const;

export const benefitStatusRoute = questionRoute({
  question: 'benefitStatus',
  operationId: 'getBenefitStatus',
  summary:
    'Nyttornas statusbedömningar (grön, gul, röd) med tillförsikt: den senaste och alla per period, bredvid den status uppföljningen mäter, och disagrees när bedömning och mätning skiljer sig',
  role: 'reader',
  errors: [400, 404, 406],
  async answer(deps, q) {
    const [benefits, assessed, followup] = await Promise.all([
      answer(deps, 'catalogue_benefits', { program: q.program }),
      answer(deps, 'benefit_status', { program: q.program }),
      followupFigures(deps, { program: q.program }),
    ]);
    return benefitStatusAnswer(q.program, benefits.rows, assessed.rows, followup, deps.today());
  },
  table: (body) => ({
    columns: COLUMNS,
    rows: body.benefits.map((b) => ({
      id: b.id,
      name: b.name,
      period: b.latest?.period ?? null,
      status: b.latest?.status ?? null,
      confidence: b.latest?.confidence ?? null,
      measured: b.measured.status,
      disagrees: b.disagrees,
    })),
  }),
});
