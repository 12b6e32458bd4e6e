/**
 * @module risk-matrix – `GET /api/v1/risk-matrix?program=&scale=&assessed=`: cells with counts, ids and colours, the
 * register and the changes.
 */
import { Hono } from 'hono';
import { riskMatrixQuery, type RiskMatrixResponse } from '../../contracts/index.js';
import { DEFAULT_THRESHOLDS, register, riskChanges, riskMatrix, type RiskAssessment } from '../../model/risk.js';
import { answer, respond, validQuery, type Env, type ServiceDeps } from '../context.js';

const CELL_COLUMNS = [
  { name: 'probability', type: 'INTEGER' },
  { name: 'consequence', type: 'INTEGER' },
  { name: 'value', type: 'INTEGER' },
  { name: 'count', type: 'INTEGER' },
  { name: 'ids', type: 'VARCHAR' },
  { name: 'colour', type: 'VARCHAR' },
] as const;

type RegisterRow = RiskAssessment & {
  program: string;
  area: string | null;
  scale: number;
  assessed: string;
  stated_value: number | null;
  mitigation: string | null;
  owner: string | null;
  due: string | null;
  status: string | null;
  dueDate: string | null;
  overdue: boolean;
  benefits: string[];
  effectGoals: string[];
  history: { assessed: string; probability: number; consequence: number; value: number }[];
};

/** Per area: the risks, by colour, the highest value and the overdue actions; areas by name. */
function areaSummary(rows: readonly (RegisterRow & { value: number; colour: string })[]) {
  const areas = new Map<string, (RegisterRow & { value: number; colour: string })[]>();
  for (const r of rows) areas.set(r.area ?? '', [...(areas.get(r.area ?? '') ?? []), r]);
  return [...areas.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'sv'))
    .map(([area, list]) => ({
      area,
      risks: list.length,
      green: list.filter((r) => r.colour === 'green').length,
      yellow: list.filter((r) => r.colour === 'yellow').length,
      red: list.filter((r) => r.colour === 'red').length,
      maxValue: Math.max(...list.map((r) => r.value)),
      overdue: list.filter((r) => r.overdue).length,
    }));
}

export function riskMatrixRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/risk-matrix', async (c) => {
    const q = validQuery(c, 'reader', riskMatrixQuery);
    const [registerRows, historyRows] = await Promise.all([
      answer(deps, 'risk_register', { program: q.program ?? '', assessed: q.assessed, today: deps.today() }),
      answer(deps, 'risk_history', { program: q.program ?? '' }),
    ]);
    const list = (v: unknown) =>
      String(v ?? '')
        .split(',')
        .filter(Boolean);
    const current = registerRows.rows.map((r) => {
      const { due_date, effect_goals, ...rest } = r;
      return {
        ...rest,
        probability: Number(r.probability),
        consequence: Number(r.consequence),
        scale: Number(r.scale),
        status: (r.status as string | null) ?? null,
        dueDate: due_date === null || due_date === undefined ? null : String(due_date),
        overdue: r.overdue === true,
        benefits: list(r.benefits),
        effectGoals: list(effect_goals),
        history: historyRows.rows
          .filter((h) => h.program === r.program && h.id === r.id)
          .map((h) => ({
            assessed: String(h.assessed),
            probability: Number(h.probability),
            consequence: Number(h.consequence),
            value: Number(h.value),
          })),
      } as unknown as RegisterRow;
    });
    const scales = [...new Set(current.map((r) => r.scale))];
    const scale = q.scale ?? (scales.length === 1 ? scales[0] : 3);
    const onScale = current.filter((r) => r.scale === scale);
    const thresholds = DEFAULT_THRESHOLDS[scale];
    const cells = riskMatrix(onScale, scale, thresholds);
    // The previous assessment of the same program(s), for what changed.
    const dates = [...new Set(current.map((r) => r.assessed))].sort();
    let changes: ReturnType<typeof riskChanges> = [];
    let previousDate: string | null = null;
    if (dates.length === 1) {
      const all = await assessmentDates(deps, q.program);
      previousDate = q.since ? latestOnOrBefore(q.since < dates[0] ? q.since : dates[0], all, dates[0]) : previousOf(dates[0], all);
      if (previousDate) {
        const before = (await answer(deps, 'risk_register', { program: q.program ?? '', assessed: previousDate, today: deps.today() }))
          .rows;
        changes = riskChanges(
          before.map((r) => ({ id: String(r.id), probability: Number(r.probability), consequence: Number(r.consequence) })),
          onScale,
        );
      }
    }
    const registered = register(onScale, thresholds);
    const body: RiskMatrixResponse = {
      program: q.program ?? null,
      scale,
      assessed: dates.length === 1 ? dates[0] : dates,
      previousAssessment: previousDate,
      thresholds: [...thresholds],
      cells,
      register: registered,
      changes,
      areas: areaSummary(registered),
      otherScales: current.length - onScale.length,
    };
    return respond(c, body, { columns: CELL_COLUMNS, rows: cells.map((cell) => ({ ...cell, ids: cell.ids.join(',') })) });
  });
}

async function assessmentDates(deps: ServiceDeps, program?: string): Promise<string[]> {
  const rows = (await answer(deps, 'risk_assessments', { program: program ?? '' })).rows;
  return rows.map((r) => String(r.assessed)).sort();
}

/** The latest assessment on or before `date`, other than `current`. */
function latestOnOrBefore(date: string, dates: readonly string[], current: string): string | null {
  return [...dates].reverse().find((d) => d <= date && d !== current) ?? null;
}

function previousOf(date: string, dates: readonly string[]): string | null {
  return [...dates].reverse().find((d) => d < date) ?? null;
}
