/**
 * @module followup – `GET /api/v1/followup?program=&unit=&level=&breakdown=&years=&baselineMonths=`: the follow-up's
 * rows and effect chain read from the store (as of the reader's load), answered by `followupAnswer`, with the latest
 * approved targets and baselines beside today's.
 */
import type { FollowupQuery, FollowupResponse } from '../../contracts/index.js';
import { baselineDeviations, followupAnswer, targetDeviations, type FollowupFigures } from '../../answers/followup.js';
import { questionRoute } from '../define-route.js';
import { answer, readingAsOf, type ServiceDeps } from '../context.js';
import { latestApprovals, type LatestApprovals } from './approvals.js';

const ROW_COLUMNS = [
  { name: 'indicator', type: 'VARCHAR' },
  { name: 'unit', type: 'VARCHAR' },
  { name: 'geography', type: 'VARCHAR' },
  { name: 'year', type: 'INTEGER' },
  { name: 'calendarYear', type: 'INTEGER' },
  { name: 'baseline', type: 'DOUBLE' },
  { name: 'target', type: 'DOUBLE' },
  { name: 'expected', type: 'DOUBLE' },
  { name: 'outcome', type: 'DOUBLE' },
  { name: 'progress', type: 'DOUBLE' },
  { name: 'status', type: 'VARCHAR' },
] as const;

/** The follow-up of one question, as the store stands for the reader (or `asOf`). */
export async function followupFigures(deps: ServiceDeps, q: FollowupQuery): Promise<FollowupFigures> {
  const [{ rows }, chain] = await Promise.all([
    answer(deps, 'followup', {
      program: q.program,
      unit: q.unit ?? '',
      level: q.level ?? '',
      breakdown: q.breakdown ?? 'none',
      years: q.years ?? 5,
      baseline_months: q.baselineMonths ?? 0,
    }),
    answer(deps, 'followup_chain', { program: q.program, today: deps.today() }),
  ]);
  return followupAnswer(q, rows, chain.rows, deps.today());
}

/**
 * The latest approved targets (`malvarden`) and baselines (`baslinje`) beside today's: the same question asked of the
 * store as it stood right after each approved load.
 */
async function approvedFollowup(
  deps: ServiceDeps,
  q: FollowupQuery,
  now: FollowupFigures,
  { malvarden: targets, baslinje: baseline }: LatestApprovals,
): Promise<FollowupResponse['approved']> {
  if (!targets && !baseline) return null;
  const asked = new Map<number, Promise<FollowupFigures | null>>();
  const at = (version: number, readable: boolean) => {
    if (!readable) return Promise.resolve(null);
    if (!asked.has(version))
      asked.set(
        version,
        readingAsOf(version, () => followupFigures(deps, q)),
      );
    return asked.get(version)!;
  };
  return {
    targets: targets ? { approval: targets, deviations: targetDeviations(now, await at(targets.version, targets.versionReadable)) } : null,
    baseline: baseline
      ? { approval: baseline, deviations: baselineDeviations(now, await at(baseline.version, baseline.versionReadable)) }
      : null,
  };
}

export const followupRoute = questionRoute({
  question: 'followup',
  operationId: 'getFollowup',
  summary: 'Femårsuppföljning per indikator och förvaltning, med status, och sammanvägt per nytta och effektmål',
  role: 'reader',
  errors: [400, 404, 406],
  async answer(deps, q) {
    // The approvals are asked beside the follow-up, not after it: most programs have none, and it costs no wait.
    const [figures, approvals] = await Promise.all([followupFigures(deps, q), latestApprovals(deps, q.program)]);
    return { ...figures, approved: await approvedFollowup(deps, q, figures, approvals) };
  },
  table: (body) => ({
    columns: ROW_COLUMNS,
    rows: body.indicators.flatMap((i) =>
      i.years.map((y) => ({ indicator: i.indicator, unit: i.unit, geography: i.geography, baseline: i.baseline, ...y })),
    ),
  }),
});
