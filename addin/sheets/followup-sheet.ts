/**
 * @module followup-sheet – Uppföljning 5 år: effect goal → benefit → indicator, baseline, target, years 1–5, progress
 * and a coloured status.
 */
import type { FollowupResponse } from '../../pipeline/contracts/index.js';
import { approvedFollowupBlocks } from './approved-version.js';
import { benefitStatusBlock, type BenefitStatusData } from './benefit-status-block.js';
import { targetComparisonBlock } from './version-compare.js';
import { a1 } from './a1.js';
import {
  FORMAT,
  measureFormat,
  nextFreeRow,
  provenanceBlock,
  sheetName,
  type Block,
  type Cell,
  type Provenance,
  type SheetPlan,
} from './plan.js';

export const STATUS_TEXT = {
  reached: 'uppnått',
  on_track: 'på väg',
  at_risk: 'risk',
  not_measured: 'ej mätt',
  no_direction: 'riktning saknas',
  no_target: 'mål saknas',
} as const;
const MILESTONE_TEXT = { done: 'klar', on_time: 'i tid', late: 'sen' } as const;

/** What each status says, under the sheet's roll-ups. */
const LEGEND: Cell[][] = [
  ['Status', 'Betyder'],
  [STATUS_TEXT.reached, 'minst lika bra som slutmålet'],
  [STATUS_TEXT.on_track, 'minst lika bra som årets mål, eller som linjen från baslinjen till slutmålet'],
  [STATUS_TEXT.at_risk, 'sämre än årets mål'],
  [STATUS_TEXT.no_target, 'mätt, men inget mål att bedöma året mot; räknas inte som risk'],
  [STATUS_TEXT.no_direction, 'mätt, men indikatorn saknar riktning; bedöms inte'],
  [STATUS_TEXT.not_measured, 'inget utfall (saknas eller röjandeskyddat)'],
];

type Indicator = FollowupResponse['indicators'][number];

/** What the sheet reads of one indicator in `GET /api/v1/followup`. */
export type FollowupIndicator = Pick<Indicator, 'indicator' | 'name' | 'direction' | 'unit' | 'benefits' | 'baseline'> &
  Partial<Pick<Indicator, 'geography' | 'placeName' | 'measure' | 'source' | 'frequency' | 'baselinePeriod' | 'parts'>> & {
    years: Omit<Indicator['years'][number], 'expected'>[];
  };

/** What the sheet reads of `GET /api/v1/followup`: a full answer fits. */
export type FollowupData = Pick<FollowupResponse, 'program' | 'unit'> &
  Partial<Pick<FollowupResponse, 'benefitDetails' | 'level' | 'breakdown' | 'approved'>> & {
    indicators: FollowupIndicator[];
    benefits: Pick<FollowupResponse['benefits'][number], 'id' | 'year' | 'share'>[];
    effectGoals: Pick<FollowupResponse['effectGoals'][number], 'id' | 'year' | 'share'>[];
  };

export interface BenefitInfo {
  id: string;
  name: string;
  effectGoals: string[];
}

/** The latest year with an outcome, or the last year. */
function latest(ind: FollowupIndicator) {
  return [...ind.years].reverse().find((y) => y.status !== 'not_measured') ?? ind.years[ind.years.length - 1];
}

export function followupSheet(
  data: FollowupData,
  benefitInfo: readonly BenefitInfo[],
  provenance: Provenance,
  name = 'Uppföljning 5 år',
  /** compareAsOf: the targets now beside an earlier version's. */
  compare?: { label: string; then: FollowupResponse['indicators'] },
  /** The benefits' judged status beside the measured one (`GET /api/v1/benefit-status`). */
  status?: BenefitStatusData,
): SheetPlan {
  const yearCount = Math.max(5, ...data.indicators.map((i) => i.years.length));
  const yearCols = Array.from({ length: yearCount }, (_, k) => k + 1);
  const header: Cell[] = [
    'Effektmål',
    'Nytta',
    'Indikator',
    'Namn',
    'Mäts vid',
    'Del',
    'Mått',
    'Källa',
    'Frekvens',
    'Riktning',
    'Baslinjeperiod',
    'Baslinje',
    ...yearCols.map((k) => `År ${k}`),
    'Målvärde',
    'Framsteg',
    'Status',
    'Status år',
    'Öppna risker',
  ];
  const firstValueCol = 11;
  const statusCol = firstValueCol + 1 + yearCount + 2;
  const rows: Cell[][] = [header];
  const cellFormats: NonNullable<Block['cellFormats']> = [];
  const formatValues = (format: string) => {
    for (let c = firstValueCol; c <= firstValueCol + yearCount + 1; c++) cellFormats.push({ row: rows.length - 1, col: c, format });
  };
  const details = new Map((data.benefitDetails ?? []).map((b) => [b.id, b]));
  const benefitLabel = (b: BenefitInfo) => {
    const d = details.get(b.id);
    const extra = [
      d?.level ? `nivå ${d.level}` : null,
      d?.owner ? `ägare ${d.owner}` : null,
      d?.realisedBy ? `realiseras av ${d.realisedBy}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    return `${b.id} ${b.name}${extra ? ` (${extra})` : ''}`;
  };
  // The open risks that threaten a benefit, with their value; overdue actions said so.
  const risksOf = (benefit: BenefitInfo | null): Cell => {
    const list = benefit ? (details.get(benefit.id)?.risks ?? []) : [];
    return list.length ? list.map((r) => `${r.id} (${r.value}${r.overdue ? ', försenad åtgärd' : ''})`).join(', ') : null;
  };
  const where = (ind: FollowupIndicator) => ind.placeName ?? ind.unit ?? ind.geography ?? '';
  /** One row of an entry: its own (`part` null) or one of its parts, whose row carries values only. */
  const entryRow = (
    goal: string,
    benefit: BenefitInfo | null,
    ind: FollowupIndicator,
    part: NonNullable<FollowupIndicator['parts']>[number] | null,
  ) => {
    const last = latest(ind);
    const finalTarget = [...ind.years].reverse().find((y) => y.target !== null)?.target ?? null;
    const direction = ind.direction === 'higher' ? 'högre bättre' : ind.direction === 'lower' ? 'lägre bättre' : 'saknas';
    const outcome = (k: number) => (part ? (part.years.find((y) => y.year === k)?.outcome ?? null) : (ind.years[k - 1]?.outcome ?? null));
    rows.push([
      goal,
      benefit ? benefitLabel(benefit) : '–',
      ind.indicator,
      ind.name,
      where(ind),
      part?.part ?? null,
      ind.measure ?? null,
      ind.source ?? null,
      ind.frequency ?? null,
      part ? null : direction,
      ind.baselinePeriod ?? null,
      part ? part.baseline : ind.baseline,
      ...yearCols.map(outcome),
      ...(part
        ? [null, null, null, null, null]
        : [finalTarget, last.progress, STATUS_TEXT[last.status], last.calendarYear, risksOf(benefit)]),
    ]);
    formatValues(measureFormat(ind.measure));
  };
  const push = (goal: string, benefit: BenefitInfo | null, ind: FollowupIndicator) => {
    entryRow(goal, benefit, ind, null);
    // A breakdown's parts, as rows under their entry (values only: status is the entry's).
    for (const part of ind.parts ?? []) entryRow(goal, benefit, ind, part);
  };
  const emptyRow = (goal: string, benefit: BenefitInfo, what: string, status: string) => {
    const blanks = (n: number) => Array.from({ length: n }, (): Cell => null);
    rows.push([
      goal,
      benefitLabel(benefit),
      what,
      ...blanks(firstValueCol - 2),
      ...blanks(yearCount),
      null,
      null,
      status,
      null,
      risksOf(benefit),
    ]);
  };
  const goals = [...new Set(benefitInfo.flatMap((b) => b.effectGoals))].sort();
  const seen = new Set<string>();
  const key = (i: FollowupIndicator) => `${i.indicator}\u0000${i.unit ?? ''}\u0000${i.geography ?? ''}`;
  const benefitRows = (goal: string, benefit: BenefitInfo) => {
    const measured = data.indicators.filter((i) => i.benefits.includes(benefit.id));
    for (const ind of measured) {
      push(goal, benefit, ind);
      seen.add(key(ind));
    }
    const milestones = details.get(benefit.id)?.milestones ?? [];
    for (const m of milestones)
      emptyRow(
        goal,
        benefit,
        `Milstolpe ${m.id}: ${m.name} (planerad ${m.planned}${m.done ? `, klar ${m.done}` : ''})`,
        MILESTONE_TEXT[m.status],
      );
    // A benefit nothing measures is shown as not measured, not left out.
    if (!measured.length && !milestones.length) emptyRow(goal, benefit, 'ingen indikator eller milstolpe', STATUS_TEXT.not_measured);
  };
  for (const goal of goals) for (const benefit of benefitInfo.filter((b) => b.effectGoals.includes(goal))) benefitRows(goal, benefit);
  for (const benefit of benefitInfo.filter((b) => b.effectGoals.length === 0)) benefitRows('–', benefit);
  for (const ind of data.indicators.filter((i) => !seen.has(key(i)))) push('–', null, ind);
  // The table's header is on sheet row 3 (1-based), its data from row 4.
  const statusLetter = a1(0, statusCol).replace(/\d+$/, '');
  const statusRange = `${statusLetter}4:${statusLetter}${3 + rows.length - 1}`;
  const table: Block = {
    id: 'uppfoljning',
    row: 2,
    col: 0,
    cells: rows,
    formats: [
      ...header.slice(0, firstValueCol).map(() => null),
      ...yearCols.map(() => FORMAT.decimal),
      FORMAT.decimal,
      FORMAT.decimal,
      FORMAT.percent,
      null,
      FORMAT.year,
      null,
    ],
    cellFormats,
    table: { name: `Uppfoljning_${data.unit ?? 'alla'}`.replace(/[^A-Za-z0-9_]/g, '_'), style: 'TableStyleMedium2' },
    conditionalFormats: [
      { range: statusRange, text: STATUS_TEXT.reached, style: 'green' },
      { range: statusRange, text: STATUS_TEXT.on_track, style: 'lightgreen' },
      { range: statusRange, text: STATUS_TEXT.at_risk, style: 'red' },
      { range: statusRange, text: STATUS_TEXT.not_measured, style: 'grey' },
      { range: statusRange, text: STATUS_TEXT.no_target, style: 'yellow' },
      { range: statusRange, text: MILESTONE_TEXT.late, style: 'red' },
      { range: statusRange, text: MILESTONE_TEXT.done, style: 'green' },
    ],
  };
  const blocks: Block[] = [
    {
      id: 'rubrik',
      row: 0,
      col: 0,
      cells: [[`Uppföljning 5 år – ${data.program}${data.unit ? `, ${data.unit}` : ''}`]],
      rowStyles: ['title'],
    },
    table,
  ];
  const rollup = (id: string, title: string, list: FollowupData['benefits']) => {
    const ids = [...new Set(list.map((r) => r.id))].sort((a, b) => a.localeCompare(b, 'sv', { numeric: true }));
    const cells: Cell[][] = [
      [title, ...yearCols.map((k) => `År ${k}`)],
      ...ids.map((x): Cell[] => [x, ...yearCols.map((y) => list.find((r) => r.id === x && r.year === y)?.share ?? null)]),
    ];
    blocks.push({
      id,
      row: nextFreeRow(blocks),
      col: 0,
      cells,
      rowStyles: ['header'],
      formats: [null, ...yearCols.map(() => FORMAT.percent)],
    });
  };
  // Judged: measured, with a direction and a target (riktning saknas and mål saknas are not counted).
  rollup('nyttor', 'Nytta: andel bedömda indikatorer på väg eller uppnådda', data.benefits);
  rollup('effektmal', 'Effektmål: andel bedömda indikatorer på väg eller uppnådda', data.effectGoals);
  blocks.push({ id: 'forklaring', row: nextFreeRow(blocks), col: 0, cells: LEGEND, rowStyles: ['header'] });
  if (status) blocks.push(benefitStatusBlock(status, nextFreeRow(blocks)));
  if (data.approved) for (const block of approvedFollowupBlocks(data.approved, nextFreeRow(blocks))) blocks.push(block);
  if (compare) blocks.push(targetComparisonBlock(data.indicators, compare.then, compare.label, nextFreeRow(blocks)));
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  return {
    name: sheetName(name),
    code: `UF_${(data.unit ?? 'alla').replace(/[^A-Za-z0-9]/g, '')}`,
    blocks,
    charts: [],
    columnWidths: [10, 40, 10, 44, 18, 8, 10, 14, 10, 12, 14, 10, ...yearCols.map(() => 10), 10, 10, 14, 9, 30],
    provenance,
    notes: [],
  };
}
