/**
 * @module benefit-status – `GET /api/v1/benefit-status?program=` (reader): each benefit's judged status, its latest
 * assessment and every one by period, beside the status the follow-up measures, and whether the two disagree.
 */
import { Hono } from 'hono';
import { benefitStatusQuery, type Assessment, type BenefitStatusResponse, type QueryRow } from '../../contracts/index.js';
import { currentPeriods } from '../../model/actions.js';
import type { PeriodGrain } from '../../model/periods.js';
import { disagrees, latestMeasured, type JudgedStatus } from '../../model/status-assessment.js';
import { answer, respond, validQuery, type Env, type ServiceDeps } from '../context.js';
import { followupFigures } from './followup.js';

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const isoDate = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

export const toAssessment = (r: QueryRow): Assessment => ({
  period: String(r.period),
  grain: String(r.grain) as PeriodGrain,
  start: isoDate(r.period_start)!,
  end: isoDate(r.period_end)!,
  status: String(r.status) as JudgedStatus,
  confidence: text(r.confidence) as Assessment['confidence'],
  comment: text(r.comment),
  assessedBy: text(r.assessed_by),
  assessed: isoDate(r.assessed),
});

const COLUMNS = [
  { name: 'id', type: 'VARCHAR' },
  { name: 'name', type: 'VARCHAR' },
  { name: 'period', type: 'VARCHAR' },
  { name: 'status', type: 'VARCHAR' },
  { name: 'confidence', type: 'VARCHAR' },
  { name: 'measured', type: 'VARCHAR' },
  { name: 'disagrees', type: 'BOOLEAN' },
] as const;

export function benefitStatusRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/benefit-status', async (c) => {
    const q = validQuery(c, 'reader', benefitStatusQuery);
    const [benefits, assessed, followup] = await Promise.all([
      answer(deps, 'catalogue_benefits', { program: q.program }),
      answer(deps, 'benefit_status', { program: q.program }),
      followupFigures(deps, { program: q.program }),
    ]);
    const assessments = assessed.rows.map((r) => ({ benefit: String(r.benefit), ...toAssessment(r) }));
    const current = currentPeriods(
      [q.program],
      assessments.map((a) => ({ program: q.program, benefit: a.benefit, period: a.period, grain: a.grain, start: a.start })),
      deps.today(),
    ).get(q.program)!;
    const body: BenefitStatusResponse = {
      program: q.program,
      currentPeriod: current,
      benefits: benefits.rows.map((b) => {
        const id = String(b.id);
        const trend = assessments.filter((a) => a.benefit === id).map(({ benefit: _, ...a }) => a);
        const latest = trend.length ? trend[trend.length - 1] : null;
        const measured = latestMeasured(followup.benefits.filter((r) => r.id === id));
        return {
          id,
          name: String(b.name),
          owner: text(b.owner),
          latest,
          trend,
          measured,
          disagrees: latest !== null && disagrees(latest.status, measured.status),
          assessedThisPeriod: trend.some((a) => a.period === current.id),
        };
      }),
    };
    const flat = body.benefits.map((b) => ({
      id: b.id,
      name: b.name,
      period: b.latest?.period ?? null,
      status: b.latest?.status ?? null,
      confidence: b.latest?.confidence ?? null,
      measured: b.measured.status,
      disagrees: b.disagrees,
    }));
    return respond(c, body, { columns: COLUMNS, rows: flat });
  });
}
