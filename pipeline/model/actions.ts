/**
 * @module actions – what is due ("Att göra"): every item someone must act on, on a given day. Risk actions past their
 * due date and not done, milestones past their planned date and not done, measurements an indicator's frequency says
 * should be in but are not, benefits without a status assessment for the current period, and benefits without an owner.
 * Pure: the day is given, never read from a clock.
 */
import type { ActionItem, ActionKind } from '../contracts/index.js';
import { daysBetween, endedPeriodsFrom, frequencyGrain, periodOf, type Period, type PeriodGrain } from './periods.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { ActionItem, ActionKind };

export interface ProgramInfo {
  id: string;
  owner: string | null;
  /** The day the measurements start to be due when an indicator has none at all. */
  goLive: string | null;
}

export interface RiskActionRow {
  program: string;
  id: string;
  text: string | null;
  mitigation: string | null;
  owner: string | null;
  dueDate: string | null;
  status: string | null;
}

export interface MilestoneRow {
  program: string;
  benefit: string;
  id: string;
  name: string;
  owner: string | null;
  planned: string;
  done: string | null;
}

export interface BenefitRow {
  program: string;
  id: string;
  name: string;
  owner: string | null;
}

export interface MeasurementRow {
  program: string;
  indicator: string;
  name: string;
  frequency: string | null;
  /** The last day of the latest period any outcome is loaded for; null when the indicator has none. */
  latestEnd: string | null;
  /** The program's benefits it measures, in catalogue order. */
  benefits: readonly string[];
}

export interface AssessmentRow {
  program: string;
  benefit: string;
  period: string;
  grain: PeriodGrain;
  /** When the period starts: the program's latest assessments decide the grain of its current period. */
  start: string;
}

export interface ActionInput {
  programs: readonly ProgramInfo[];
  riskActions: readonly RiskActionRow[];
  milestones: readonly MilestoneRow[];
  benefits: readonly BenefitRow[];
  measurements: readonly MeasurementRow[];
  assessments: readonly AssessmentRow[];
}

/** The governance calendar's period when a program has no assessment that says otherwise. */
export const DEFAULT_ASSESSMENT_GRAIN: PeriodGrain = 'tertial';

const overdue = (due: string, today: string) => Math.max(0, daysBetween(due, today));

export function overdueRiskActions(rows: readonly RiskActionRow[], today: string): ActionItem[] {
  return rows
    .filter((r) => r.dueDate !== null && r.dueDate < today && r.status !== 'klar')
    .map((r) => ({
      kind: 'risk_action',
      program: r.program,
      id: r.id,
      what: `Riskåtgärd ${r.id}: ${r.mitigation ?? `ingen åtgärd angiven för "${r.text ?? r.id}"`}`,
      owner: r.owner,
      due: r.dueDate,
      daysOverdue: overdue(r.dueDate!, today),
    }));
}

export function lateMilestones(rows: readonly MilestoneRow[], today: string): ActionItem[] {
  return rows
    .filter((m) => m.done === null && m.planned < today)
    .map((m) => ({
      kind: 'milestone',
      program: m.program,
      id: m.id,
      what: `Milstolpe ${m.id}: ${m.name} (nytta ${m.benefit})`,
      owner: m.owner,
      due: m.planned,
      daysOverdue: overdue(m.planned, today),
    }));
}

/** The periods an indicator's frequency says have ended since its latest outcome (or since go-live, when it has none). */
export function missingMeasurements(
  rows: readonly MeasurementRow[],
  today: string,
  ownerOf: (row: MeasurementRow) => string | null,
  goLiveOf: (program: string) => string | null,
): ActionItem[] {
  const items: ActionItem[] = [];
  for (const r of rows) {
    const grain = frequencyGrain(r.frequency);
    if (!grain) continue;
    const from = r.latestEnd !== null ? dayAfter(r.latestEnd) : goLiveOf(r.program);
    if (!from) continue;
    const missing = endedPeriodsFrom(from, grain, today);
    if (!missing) continue;
    const span = missing.count === 1 ? missing.first.id : `${missing.first.id}–${missing.last.id}`;
    items.push({
      kind: 'measurement',
      program: r.program,
      id: r.indicator,
      what: `Utfall saknas för ${r.indicator} ${r.name}: ${span} (${r.frequency}, ${missing.count} ${missing.count === 1 ? 'period' : 'perioder'})`,
      owner: ownerOf(r),
      due: missing.first.end,
      daysOverdue: overdue(missing.first.end, today),
    });
  }
  return items;
}

/** The current period of each program: at the grain of its latest assessment, else a tertial. */
export function currentPeriods(programs: readonly string[], assessments: readonly AssessmentRow[], today: string): Map<string, Period> {
  return new Map(
    programs.map((p) => {
      const latest = assessments.filter((a) => a.program === p).sort((a, b) => b.start.localeCompare(a.start))[0];
      return [p, periodOf(today, latest?.grain ?? DEFAULT_ASSESSMENT_GRAIN)];
    }),
  );
}

export function missingAssessments(
  benefits: readonly BenefitRow[],
  assessments: readonly AssessmentRow[],
  current: ReadonlyMap<string, Period>,
  today: string,
  ownerOf: (b: BenefitRow) => string | null,
): ActionItem[] {
  const done = new Set(assessments.map((a) => `${a.program}\u0000${a.benefit}\u0000${a.period}`));
  return benefits.flatMap((b) => {
    const period = current.get(b.program);
    if (!period || done.has(`${b.program}\u0000${b.id}\u0000${period.id}`)) return [];
    return [
      {
        kind: 'status_assessment' as const,
        program: b.program,
        id: b.id,
        what: `Statusbedömning saknas för nytta ${b.id} ${b.name}, period ${period.id}`,
        owner: ownerOf(b),
        due: period.end,
        daysOverdue: overdue(period.end, today),
      },
    ];
  });
}

export function benefitsWithoutOwner(benefits: readonly BenefitRow[], programOwner: (program: string) => string | null): ActionItem[] {
  return benefits
    .filter((b) => !b.owner)
    .map((b) => ({
      kind: 'benefit_owner',
      program: b.program,
      id: b.id,
      what: `Nytta ${b.id} ${b.name} saknar nyttoägare`,
      owner: programOwner(b.program),
      due: null,
      daysOverdue: null,
    }));
}

const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Everything due on `today`, the most overdue first (items without a date last). Who acts: the risk's or milestone's
 * own owner; for a benefit, its owner (nyttoägare); for a measurement, the owner of the first benefit it measures that
 * has one; where none is named, the program's owner.
 */
export function actionsDue(input: ActionInput, today: string): ActionItem[] {
  const programOwner = (id: string) => input.programs.find((p) => p.id === id)?.owner ?? null;
  const benefitOwner = (program: string, id: string) => input.benefits.find((b) => b.program === program && b.id === id)?.owner ?? null;
  const current = currentPeriods(
    input.programs.map((p) => p.id),
    input.assessments,
    today,
  );
  const items = [
    ...overdueRiskActions(input.riskActions, today).map((i) => ({ ...i, owner: i.owner ?? programOwner(i.program) })),
    ...lateMilestones(input.milestones, today).map((i) => ({ ...i, owner: i.owner ?? programOwner(i.program) })),
    ...missingMeasurements(
      input.measurements,
      today,
      (r) => r.benefits.map((b) => benefitOwner(r.program, b)).find((o) => !!o) ?? programOwner(r.program),
      (program) => input.programs.find((p) => p.id === program)?.goLive ?? null,
    ),
    ...missingAssessments(input.benefits, input.assessments, current, today, (b) => b.owner ?? programOwner(b.program)),
    ...benefitsWithoutOwner(input.benefits, programOwner),
  ];
  const order: ActionKind[] = ['risk_action', 'milestone', 'measurement', 'status_assessment', 'benefit_owner'];
  return items.sort(
    (a, b) =>
      (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) ||
      (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
      a.program.localeCompare(b.program, 'sv') ||
      order.indexOf(a.kind) - order.indexOf(b.kind) ||
      a.id.localeCompare(b.id, 'sv', { numeric: true }),
  );
}

/** Whether an item is `owner`'s: names compared as people write them, without regard to case or surrounding spaces. */
export function ownedBy(item: Pick<ActionItem, 'owner'>, owner: string): boolean {
  return (item.owner ?? '').trim().toLocaleLowerCase('sv') === owner.trim().toLocaleLowerCase('sv');
}
