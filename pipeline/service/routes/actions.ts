/**
 * @module actions – `GET /api/v1/actions?program=&owner=` (reader), "Att göra": every item someone must act on today
 * (the service's clock), with its kind, what, owner, due date and days overdue; one program's or every program's, all
 * owners' or one's.
 */
import { Hono } from 'hono';
import { actionsQuery, type ActionsResponse, type QueryRow } from '../../contracts/index.js';
import { actionsDue, ownedBy, type ActionInput } from '../../model/actions.js';
import { parsePeriod } from '../../model/periods.js';
import { answer, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const isoDate = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
const list = (v: unknown) =>
  String(v ?? '')
    .split(',')
    .filter(Boolean);

/** What the items are made of, read from the named queries (one program's, or every program's). */
async function actionInput(deps: ServiceDeps, program: string): Promise<ActionInput> {
  const [programs, risks, benefits, outcomes, assessed] = await Promise.all([
    answer(deps, 'catalogue_programs', {}),
    answer(deps, 'risk_register', { program, today: deps.today() }),
    answer(deps, 'catalogue_benefits', { program }),
    answer(deps, 'latest_outcomes', { program }),
    answer(deps, 'benefit_status', { program }),
  ]);
  const chosen = programs.rows.filter((p) => !program || p.id === program);
  const milestones = await Promise.all(chosen.map((p) => answer(deps, 'milestones', { program: String(p.id) })));
  return {
    programs: chosen.map((p) => ({ id: String(p.id), owner: text(p.owner), goLive: isoDate(p.go_live) ?? isoDate(p.start_date) })),
    riskActions: risks.rows.map((r) => ({
      program: String(r.program),
      id: String(r.id),
      text: text(r.text),
      mitigation: text(r.mitigation),
      owner: text(r.owner),
      dueDate: isoDate(r.due_date),
      status: text(r.status),
    })),
    milestones: milestones.flatMap(({ rows }, i) =>
      rows.map((m: QueryRow) => ({
        program: String(chosen[i].id),
        benefit: String(m.benefit),
        id: String(m.id),
        name: String(m.name),
        owner: text(m.owner),
        planned: isoDate(m.planned)!,
        done: isoDate(m.done),
      })),
    ),
    benefits: benefits.rows.map((b) => ({ program: String(b.program), id: String(b.id), name: String(b.name), owner: text(b.owner) })),
    measurements: outcomes.rows.map((o) => ({
      program: String(o.program),
      indicator: String(o.indicator),
      name: String(o.name),
      frequency: text(o.frequency),
      latestEnd: isoDate(o.latest_end),
      benefits: list(o.benefits),
    })),
    assessments: assessed.rows.map((a) => ({
      program: String(a.program),
      benefit: String(a.benefit),
      period: String(a.period),
      grain: parsePeriod(String(a.period))!.grain,
      start: isoDate(a.period_start)!,
    })),
  };
}

const COLUMNS = [
  { name: 'kind', type: 'VARCHAR' },
  { name: 'program', type: 'VARCHAR' },
  { name: 'id', type: 'VARCHAR' },
  { name: 'what', type: 'VARCHAR' },
  { name: 'owner', type: 'VARCHAR' },
  { name: 'due', type: 'VARCHAR' },
  { name: 'daysOverdue', type: 'INTEGER' },
] as const;

export function actionRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/actions', async (c) => {
    const q = validQuery(c, 'reader', actionsQuery);
    const today = deps.today();
    const all = actionsDue(await actionInput(deps, q.program ?? ''), today);
    const owner = q.owner?.trim() ? q.owner.trim() : null;
    const body: ActionsResponse = {
      today,
      program: q.program ?? null,
      owner,
      items: owner ? all.filter((i) => ownedBy(i, owner)) : all,
      owners: [...new Set(all.map((i) => i.owner).filter((o): o is string => !!o))].sort((a, b) => a.localeCompare(b, 'sv')),
    };
    return respond(c, body, { columns: COLUMNS, rows: body.items });
  });
}
