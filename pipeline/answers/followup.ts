/**
 * @module followup – the follow-up's answer from its rows: per indicator and place, the years after go-live against
 * baseline and targets, the parts on request, and the roll-up through the effect chain (benefits with their
 * sub-benefits and milestones, effect goals). Conventions are in the README's follow-up section.
 */
import type {
  BaselineDeviation,
  FollowupIndicator,
  FollowupQuery,
  FollowupResponse,
  QueryRowOf,
  TargetDeviation,
} from '../contracts/index.js';
import { benefitMembers, goalMembers, milestoneStatus, milestoneYears, type ChainBenefit } from '../model/effect-chain.js';
import { followupIndicator, rollup, type Direction, type FollowupYear } from '../model/followup.js';
import { commaList, minus, textOrNull } from './values.js';

type Row = QueryRowOf<'followup'>;
type ChainRow = QueryRowOf<'followup_chain'>;
export type FollowupFigures = Omit<FollowupResponse, 'approved'>;

const direction = (v: string | null): Direction | null => (v === 'higher' || v === 'lower' ? v : null);

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
function entryOf(rows: readonly Row[], years: number): FollowupIndicator {
  const first = rows[0];
  const own = rows.filter((r) => r.part === '');
  const goLiveYear = Number(first.go_live.slice(0, 4));
  const baseline = own.find((r) => r.year === 0)?.value ?? null;
  const targets: Record<number, number> = {};
  const outcomes: Record<number, number | null> = {};
  for (const r of own.filter((x) => x.year > 0)) {
    if (r.target !== null) targets[r.calendar_year] = r.target;
    outcomes[r.calendar_year] = r.value;
  }
  const isUnit = first.place_kind === 'unit';
  const partNames = [...new Set(rows.map((r) => r.part).filter((p) => p !== ''))];
  return {
    indicator: first.indicator,
    name: first.indicator_name,
    direction: direction(first.direction),
    source: textOrNull(first.source),
    frequency: textOrNull(first.frequency),
    measure: textOrNull(first.measure),
    unit: isUnit ? first.place : null,
    geography: isUnit ? null : first.place,
    placeName: first.place_name ?? first.place,
    level: textOrNull(first.level),
    goLive: first.go_live,
    grain: textOrNull(first.grain),
    baselinePeriod: baselinePeriod(first.baseline_from, first.baseline_to, textOrNull(first.grain)),
    benefits: commaList(first.benefits),
    baseline,
    years: followupIndicator(
      { indicator: first.indicator, unit: first.place, direction: direction(first.direction), goLiveYear, baseline, targets, outcomes },
      years,
    ),
    parts: partNames.map((part) => {
      const mine = rows.filter((r) => r.part === part);
      return {
        part,
        baseline: mine.find((r) => r.year === 0)?.value ?? null,
        years: mine.filter((r) => r.year > 0).map((r) => ({ year: r.year, calendarYear: r.calendar_year, outcome: r.value })),
      };
    }),
  };
}

export const entryKey = (i: Pick<FollowupIndicator, 'indicator' | 'unit' | 'geography'>) =>
  `${i.indicator}\u0000${i.unit ?? ''}\u0000${i.geography ?? ''}`;

/** The follow-up of one question from its rows (`followup`) and the program's effect chain (`followup_chain`). */
export function followupAnswer(q: FollowupQuery, rows: readonly Row[], chain: readonly ChainRow[], today: string): FollowupFigures {
  const years = q.years ?? 5;
  const chainOf = (kind: string) => chain.filter((r) => r.kind === kind);
  const [benefitRows, milestoneRows, riskRows] = ['benefit', 'milestone', 'risk'].map(chainOf);
  // Open risks (the latest assessment's, action not done) that name a benefit as threatened.
  const openRisks = (benefit: string) =>
    riskRows
      .filter((r) => commaList(r.benefit).includes(benefit))
      .map((r) => ({ id: r.id, value: r.value ?? 0, status: textOrNull(r.status), overdue: r.overdue === true }));
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.indicator}\u0000${r.place_kind}\u0000${r.place}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const indicators = [...groups.values()].map((g) => entryOf(g, years));
  const byKey: Record<string, FollowupYear[]> = Object.fromEntries(indicators.map((i) => [entryKey(i), i.years]));

  // The effect chain: each benefit's own members are its indicators' entries and, for a prerequisite, its milestones.
  const programGoLive = chainOf('program')[0]?.go_live ?? null;
  const firstGoLive = programGoLive ?? indicators.map((i) => i.goLive!).sort()[0] ?? today;
  const calendarYears = Array.from({ length: years }, (_, k) => Number(firstGoLive.slice(0, 4)) + k + 1);
  const effectChain: ChainBenefit[] = benefitRows.map((b) => ({
    id: b.id,
    parent: textOrNull(b.parent),
    effectGoals: commaList(b.effect_goals),
  }));
  const own: Record<string, string[]> = {};
  for (const i of indicators) for (const b of i.benefits) (own[b] ??= []).push(entryKey(i));
  // A milestone's planned date is its table's NOT NULL column; chain rows of other kinds have none.
  const milestonesOf = (id: string) =>
    milestoneRows.filter((m): m is ChainRow & { planned: string } => m.benefit === id && m.planned !== null);
  for (const b of effectChain) {
    const list = milestonesOf(b.id).map((m) => ({ planned: m.planned, done: m.done }));
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
      id: b.id,
      name: b.name ?? b.id,
      level: b.level,
      parent: textOrNull(b.parent),
      owner: textOrNull(b.owner),
      realisedBy: textOrNull(b.realised_by),
      effectGoals: commaList(b.effect_goals),
      milestones: milestonesOf(b.id).map((m) => ({
        id: m.id,
        name: m.name ?? m.id,
        owner: textOrNull(m.owner),
        planned: m.planned,
        done: m.done,
        status: milestoneStatus({ planned: m.planned, done: m.done }, today),
      })),
      risks: openRisks(b.id),
    })),
    benefits: rollup(benefitMembers(effectChain, own), byKey, years),
    effectGoals: rollup(goalMembers(effectChain, own), byKey, years),
  };
}

const placeOf = (i: Pick<FollowupIndicator, 'indicator' | 'unit' | 'geography'>) => ({
  indicator: i.indicator,
  unit: i.unit,
  geography: i.geography,
});

/** Every target now and in the approved version (null when that version cannot be read), with the difference. */
export function targetDeviations(now: FollowupFigures, then: FollowupFigures | null): TargetDeviation[] {
  const entries = new Map((then?.indicators ?? []).map((i) => [entryKey(i), i]));
  // Every year with a target now or then: a target dropped since shows as one with none now.
  return now.indicators.flatMap((i) =>
    i.years
      .map((y) => {
        const approved = entries.get(entryKey(i))?.years.find((t) => t.calendarYear === y.calendarYear)?.target ?? null;
        return { ...placeOf(i), calendarYear: y.calendarYear, target: y.target, approved, difference: minus(y.target, approved) };
      })
      .filter((d) => d.target !== null || d.approved !== null),
  );
}

/** Every baseline now and in the approved version, with the difference. */
export function baselineDeviations(now: FollowupFigures, then: FollowupFigures | null): BaselineDeviation[] {
  const entries = new Map((then?.indicators ?? []).map((i) => [entryKey(i), i]));
  return now.indicators.map((i) => {
    const approved = entries.get(entryKey(i))?.baseline ?? null;
    return { ...placeOf(i), baseline: i.baseline, approved, difference: minus(i.baseline, approved) };
  });
}
