/**
 * @module management – benefits managed over time: each benefit's judged status beside the one its indicators measure
 * (`benefitStatusAnswer`), and what someone must act on today (`actionsAnswer`).
 */
import type { ActionsResponse, BenefitStatusResponse, QueryRowOf } from '../contracts/index.js';
import { actionsDue, currentPeriods, ownedBy, type ActionInput } from '../model/actions.js';
import { parsePeriod } from '../model/periods.js';
import { disagrees, latestMeasured } from '../model/status-assessment.js';
import type { FollowupFigures } from './followup.js';
import { toAssessment } from './records.js';
import { commaList, textOrNull } from './values.js';

/** Each of the program's benefits: its latest and every assessment, the measured status, and whether they disagree. */
export function benefitStatusAnswer(
  program: string,
  benefits: readonly QueryRowOf<'catalogue_benefits'>[],
  assessed: readonly QueryRowOf<'benefit_status'>[],
  followup: Pick<FollowupFigures, 'benefits'>,
  today: string,
): BenefitStatusResponse {
  const assessments = assessed.map((r) => ({ benefit: r.benefit, ...toAssessment(r) }));
  const current = currentPeriods(
    [program],
    assessments.map((a) => ({ program, benefit: a.benefit, period: a.period, grain: a.grain, start: a.start })),
    today,
  ).get(program)!;
  return {
    program,
    currentPeriod: current,
    benefits: benefits.map((b) => {
      const trend = assessments.filter((a) => a.benefit === b.id).map(({ benefit: _, ...a }) => a);
      const latest = trend.length ? trend[trend.length - 1] : null;
      const measured = latestMeasured(followup.benefits.filter((r) => r.id === b.id));
      return {
        id: b.id,
        name: b.name,
        owner: textOrNull(b.owner),
        latest,
        trend,
        measured,
        disagrees: latest !== null && disagrees(latest.status, measured.status),
        assessedThisPeriod: trend.some((a) => a.period === current.id),
      };
    }),
  };
}

/** What the items of "Att göra" are made of, from the named queries' rows (one program's, or every program's). */
export interface ActionRows {
  programs: readonly QueryRowOf<'catalogue_programs'>[];
  risks: readonly QueryRowOf<'risk_register'>[];
  benefits: readonly QueryRowOf<'catalogue_benefits'>[];
  outcomes: readonly QueryRowOf<'latest_outcomes'>[];
  assessed: readonly QueryRowOf<'benefit_status'>[];
  /** Each chosen program's milestones. */
  milestones: readonly { program: string; rows: readonly QueryRowOf<'milestones'>[] }[];
}

function actionInput(rows: ActionRows): ActionInput {
  return {
    programs: rows.programs.map((p) => ({ id: p.id, owner: textOrNull(p.owner), goLive: p.go_live ?? p.start_date })),
    riskActions: rows.risks.map((r) => ({
      program: r.program,
      id: r.id,
      text: textOrNull(r.text),
      mitigation: textOrNull(r.mitigation),
      owner: textOrNull(r.owner),
      dueDate: r.due_date,
      status: textOrNull(r.status),
    })),
    milestones: rows.milestones.flatMap(({ program, rows: list }) =>
      list.map((m) => ({
        program,
        benefit: m.benefit,
        id: m.id,
        name: m.name,
        owner: textOrNull(m.owner),
        planned: m.planned,
        done: m.done,
      })),
    ),
    benefits: rows.benefits.map((b) => ({ program: b.program, id: b.id, name: b.name, owner: textOrNull(b.owner) })),
    measurements: rows.outcomes.map((o) => ({
      program: o.program,
      indicator: o.indicator,
      name: o.name,
      frequency: textOrNull(o.frequency),
      latestEnd: o.latest_end,
      benefits: commaList(o.benefits),
    })),
    assessments: rows.assessed.map((a) => ({
      program: a.program,
      benefit: a.benefit,
      period: a.period,
      grain: parsePeriod(a.period)!.grain,
      start: a.period_start,
    })),
  };
}

/** Every item someone must act on today, the most overdue first; all owners' or one's (`owner`). */
export function actionsAnswer(q: { program?: string; owner?: string }, rows: ActionRows, today: string): ActionsResponse {
  const all = actionsDue(actionInput(rows), today);
  const owner = q.owner?.trim() ? q.owner.trim() : null;
  return {
    today,
    program: q.program ?? null,
    owner,
    items: owner ? all.filter((i) => ownedBy(i, owner)) : all,
    owners: [...new Set(all.map((i) => i.owner).filter((o): o is string => !!o))].sort((a, b) => a.localeCompare(b, 'sv')),
  };
}
