/**
 * @module followup – `GET /api/v1/followup?program=&unit=&level=&breakdown=&years=&baselineMonths=`: the years after
 * go-live per indicator and place (an org unit with everything below it, or a geography for series without unit), the
 * parts on request, and the roll-up through the effect chain: benefits (with their sub-benefits and milestones) and
 * effect goals. Conventions are in the README's follow-up section.
 */
import { Hono } from 'hono';
import { followupQuery, type FollowupIndicator, type FollowupResponse } from '../../contracts/index.js';
import { benefitMembers, goalMembers, milestoneStatus, milestoneYears, type ChainBenefit } from '../../model/effect-chain.js';
import { followupIndicator, rollup, type Direction, type FollowupYear } from '../../model/followup.js';
import type { QueryRow } from '../../contracts/index.js';
import type { z } from 'zod';
import { answer, readingAsOf, respond, validQuery, type Env, type ServiceDeps } from '../context.js';
import { latestApprovals } from './approvals.js';

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

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const isoDate = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));

/** The baseline period as a person writes it, by the series' grain: "2023", "2023-Q2–2024-Q1", "2023-05–2024-04". */
export function baselinePeriod(from: string, to: string, grain: string | null): string {
  const last = new Date(`${to}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  const end = last.toISOString().slice(0, 10);
  const quarter = (d: string) => `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
  if (grain === 'year') return from.slice(0, 4) === end.slice(0, 4) ? from.slice(0, 4) : `${from.slice(0, 4)}–${end.slice(0, 4)}`;
  if (grain === 'quarter') return `${quarter(from)}–${quarter(end)}`;
  if (grain === 'month') return `${from.slice(0, 7)}–${end.slice(0, 7)}`;
  return `${from}–${end}`;
}

/** One entry (an indicator at a place) from its rows: its own (part '') and its parts. */
function entryOf(rows: QueryRow[], years: number): FollowupIndicator {
  const first = rows[0];
  const own = rows.filter((r) => r.part === '');
  const goLive = isoDate(first.go_live);
  const goLiveYear = Number(goLive!.slice(0, 4));
  const baseline = num(own.find((r) => r.year === 0)?.value);
  const targets: Record<number, number> = {};
  const outcomes: Record<number, number | null> = {};
  for (const r of own.filter((x) => Number(x.year) > 0)) {
    if (r.target !== null && r.target !== undefined) targets[Number(r.calendar_year)] = Number(r.target);
    outcomes[Number(r.calendar_year)] = num(r.value);
  }
  const direction = first.direction === 'higher' || first.direction === 'lower' ? (first.direction as Direction) : null;
  const place = String(first.place);
  const isUnit = first.place_kind === 'unit';
  const partNames = [...new Set(rows.map((r) => String(r.part)).filter((p) => p !== ''))];
  return {
    indicator: String(first.indicator),
    name: String(first.indicator_name),
    direction,
    source: text(first.source),
    frequency: text(first.frequency),
    measure: text(first.measure),
    unit: isUnit ? place : null,
    geography: isUnit ? null : place,
    placeName: String(first.place_name ?? place),
    level: text(first.level),
    goLive,
    grain: text(first.grain),
    baselinePeriod: baselinePeriod(isoDate(first.baseline_from)!, isoDate(first.baseline_to)!, text(first.grain)),
    benefits: String(first.benefits ?? '')
      .split(',')
      .filter(Boolean),
    baseline,
    years: followupIndicator(
      { indicator: String(first.indicator), unit: place, direction, goLiveYear, baseline, targets, outcomes },
      years,
    ),
    parts: partNames.map((part) => {
      const mine = rows.filter((r) => r.part === part);
      return {
        part,
        baseline: num(mine.find((r) => r.year === 0)?.value),
        years: mine
          .filter((r) => Number(r.year) > 0)
          .map((r) => ({ year: Number(r.year), calendarYear: Number(r.calendar_year), outcome: num(r.value) })),
      };
    }),
  };
}

const keyOf = (i: Pick<FollowupIndicator, 'indicator' | 'unit' | 'geography'>) =>
  `${i.indicator}\u0000${i.unit ?? ''}\u0000${i.geography ?? ''}`;

type FollowupQuestion = z.output<typeof followupQuery>;
export type FollowupFigures = Omit<FollowupResponse, 'approved'>;

/** The follow-up of one question, as the store stands for the reader (or `asOf`). */
export async function followupFigures(deps: ServiceDeps, q: FollowupQuestion): Promise<FollowupFigures> {
  const years = q.years ?? 5;
  const [{ rows }, chain] = await Promise.all([
    answer(deps, 'followup', {
      program: q.program,
      unit: q.unit ?? '',
      level: q.level ?? '',
      breakdown: q.breakdown ?? 'none',
      years,
      baseline_months: q.baselineMonths ?? 0,
    }),
    answer(deps, 'followup_chain', { program: q.program, today: deps.today() }),
  ]);
  const chainOf = (kind: string) => chain.rows.filter((r) => r.kind === kind);
  const [benefitRows, milestoneRows, riskRows] = ['benefit', 'milestone', 'risk'].map(chainOf);
  // Open risks (the latest assessment's, action not done) that name a benefit as threatened.
  const openRisks = (benefit: string) =>
    riskRows
      .filter((r) =>
        String(r.benefit ?? '')
          .split(',')
          .includes(benefit),
      )
      .map((r) => ({ id: String(r.id), value: Number(r.value), status: text(r.status), overdue: r.overdue === true }));
  const groups = new Map<string, QueryRow[]>();
  for (const r of rows) {
    const key = `${r.indicator}\u0000${r.place_kind}\u0000${r.place}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const indicators = [...groups.values()].map((g) => entryOf(g, years));
  const byKey: Record<string, FollowupYear[]> = Object.fromEntries(indicators.map((i) => [keyOf(i), i.years]));

  // The effect chain: each benefit's own members are its indicators' entries and, for a prerequisite, its milestones.
  const today = deps.today();
  const programGoLive = chainOf('program')[0]?.go_live;
  const firstGoLive = isoDate(programGoLive) ?? indicators.map((i) => i.goLive!).sort()[0] ?? today;
  const calendarYears = Array.from({ length: years }, (_, k) => Number(firstGoLive.slice(0, 4)) + k + 1);
  const effectChain: ChainBenefit[] = benefitRows.map((b) => ({
    id: String(b.id),
    parent: text(b.parent),
    effectGoals: String(b.effect_goals ?? '')
      .split(',')
      .filter(Boolean),
  }));
  const own: Record<string, string[]> = {};
  for (const i of indicators) for (const b of i.benefits) (own[b] ??= []).push(keyOf(i));
  const milestonesOf = (id: string) => milestoneRows.filter((m) => m.benefit === id);
  for (const b of effectChain) {
    const list = milestonesOf(b.id).map((m) => ({ planned: isoDate(m.planned)!, done: isoDate(m.done) }));
    if (!list.length) continue;
    const key = `milstolpar\u0000${b.id}`;
    byKey[key] = milestoneYears(list, calendarYears).map((y, k) => ({
      year: k + 1,
      calendarYear: calendarYears[k],
      target: null,
      expected: null,
      outcome: null,
      progress: null,
      status: y.status,
    }));
    (own[b.id] ??= []).push(key);
  }

  return {
    program: q.program,
    unit: q.unit ?? null,
    level: q.level ?? null,
    breakdown: q.breakdown ?? 'none',
    years,
    indicators,
    benefitDetails: benefitRows.map((b) => ({
      id: String(b.id),
      name: String(b.name),
      level: num(b.level),
      parent: text(b.parent),
      owner: text(b.owner),
      realisedBy: text(b.realised_by),
      effectGoals: String(b.effect_goals ?? '')
        .split(',')
        .filter(Boolean),
      milestones: milestonesOf(String(b.id)).map((m) => {
        const planned = isoDate(m.planned)!;
        const done = isoDate(m.done);
        return {
          id: String(m.id),
          name: String(m.name),
          owner: text(m.owner),
          planned,
          done,
          status: milestoneStatus({ planned, done }, today),
        };
      }),
      risks: openRisks(String(b.id)),
    })),
    benefits: rollup(benefitMembers(effectChain, own), byKey, years),
    effectGoals: rollup(goalMembers(effectChain, own), byKey, years),
  };
}

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
const placeOf = (i: Pick<FollowupIndicator, 'indicator' | 'unit' | 'geography'>) => ({
  indicator: i.indicator,
  unit: i.unit,
  geography: i.geography,
});

/**
 * The latest approved targets (`malvarden`) and baselines (`baslinje`) beside today's: the same question asked of the
 * store as it stood right after each approved load, every target and baseline now and then with the difference.
 */
async function approvedFollowup(
  deps: ServiceDeps,
  q: FollowupQuestion,
  now: FollowupFigures,
  approvals: Awaited<ReturnType<typeof latestApprovals>>,
): Promise<FollowupResponse['approved']> {
  const { malvarden: targets, baslinje: baseline } = approvals;
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
  const entries = (f: FollowupFigures | null) => new Map((f?.indicators ?? []).map((i) => [keyOf(i), i]));
  const targetDeviations = async () => {
    const then = entries(await at(targets!.version, targets!.versionReadable));
    // Every year with a target now or then: a target dropped since shows as one with none now.
    return now.indicators.flatMap((i) =>
      i.years
        .map((y) => {
          const approved = then.get(keyOf(i))?.years.find((t) => t.calendarYear === y.calendarYear)?.target ?? null;
          return { ...placeOf(i), calendarYear: y.calendarYear, target: y.target, approved, difference: minus(y.target, approved) };
        })
        .filter((d) => d.target !== null || d.approved !== null),
    );
  };
  const baselineDeviations = async () => {
    const then = entries(await at(baseline!.version, baseline!.versionReadable));
    return now.indicators.map((i) => {
      const approved = then.get(keyOf(i))?.baseline ?? null;
      return { ...placeOf(i), baseline: i.baseline, approved, difference: minus(i.baseline, approved) };
    });
  };
  return {
    targets: targets ? { approval: targets, deviations: await targetDeviations() } : null,
    baseline: baseline ? { approval: baseline, deviations: await baselineDeviations() } : null,
  };
}

export function followupRoutes(deps: ServiceDeps): Hono<Env> {
  return new Hono<Env>().get('/followup', async (c) => {
    const q = validQuery(c, 'reader', followupQuery);
    // The approvals are asked beside the follow-up, not after it: most programs have none, and it costs no wait.
    const [figures, approvals] = await Promise.all([followupFigures(deps, q), latestApprovals(deps, q.program)]);
    const body: FollowupResponse = { ...figures, approved: await approvedFollowup(deps, q, figures, approvals) };
    const flat = body.indicators.flatMap((i) =>
      i.years.map((y) => ({ indicator: i.indicator, unit: i.unit, geography: i.geography, baseline: i.baseline, ...y })),
    );
    return respond(c, body, { columns: ROW_COLUMNS, rows: flat });
  });
}
