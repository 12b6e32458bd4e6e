/**
 * @module followup-sheet – Uppföljning 5 år: effect goal → benefit → indicator, baseline, target, years 1–5, progress
 * and a coloured status.
 */
import type { FollowupResponse } from '../../pipeline/contracts/index.js';
import { targetComparisonBlock } from './version-compare.js';
import { FORMAT, nextFreeRow, provenanceBlock, sheetName, type Block, type Cell, type Provenance, type SheetPlan } from './plan.js';

export const STATUS_TEXT = { reached: 'uppnått', on_track: 'på väg', at_risk: 'risk', not_measured: 'ej mätt' } as const;

type Indicator = FollowupResponse['indicators'][number];

/** What the sheet reads of one indicator in `GET /api/v1/followup`. */
export type FollowupIndicator = Pick<Indicator, 'indicator' | 'name' | 'direction' | 'unit' | 'benefits' | 'baseline'> & {
  years: Omit<Indicator['years'][number], 'expected'>[];
};

/** What the sheet reads of `GET /api/v1/followup`: a full answer fits. */
export type FollowupData = Pick<FollowupResponse, 'program' | 'unit'> & {
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
): SheetPlan {
  const header: Cell[] = [
    'Effektmål',
    'Nytta',
    'Indikator',
    'Namn',
    'Förvaltning',
    'Riktning',
    'Baslinje',
    'År 1',
    'År 2',
    'År 3',
    'År 4',
    'År 5',
    'Målvärde',
    'Framsteg',
    'Status',
    'Status år',
  ];
  const rows: Cell[][] = [header];
  const goals = [...new Set(benefitInfo.flatMap((b) => b.effectGoals))].sort();
  const seen = new Set<string>();
  const push = (goal: string, benefit: BenefitInfo | null, ind: FollowupIndicator) => {
    const last = latest(ind);
    const finalTarget = [...ind.years].reverse().find((y) => y.target !== null)?.target ?? null;
    rows.push([
      goal,
      benefit ? `${benefit.id} ${benefit.name}` : '–',
      ind.indicator,
      ind.name,
      ind.unit,
      ind.direction === 'higher' ? 'högre bättre' : 'lägre bättre',
      ind.baseline,
      ...ind.years.map((y) => y.outcome),
      finalTarget,
      last.progress,
      STATUS_TEXT[last.status],
      last.calendarYear,
    ]);
  };
  for (const goal of goals) {
    for (const benefit of benefitInfo.filter((b) => b.effectGoals.includes(goal))) {
      for (const ind of data.indicators.filter((i) => i.benefits.includes(benefit.id))) {
        push(goal, benefit, ind);
        seen.add(`${ind.indicator}\u0000${ind.unit}`);
      }
    }
  }
  for (const ind of data.indicators.filter((i) => !seen.has(`${i.indicator}\u0000${i.unit}`))) push('–', null, ind);
  // The table's header is on sheet row 3 (1-based), its data from row 4; status is column O.
  const statusRange = `O4:O${3 + rows.length - 1}`;
  const table: Block = {
    id: 'uppfoljning',
    row: 2,
    col: 0,
    cells: rows,
    formats: [
      null,
      null,
      null,
      null,
      null,
      null,
      FORMAT.decimal,
      FORMAT.decimal,
      FORMAT.decimal,
      FORMAT.decimal,
      FORMAT.decimal,
      FORMAT.decimal,
      FORMAT.decimal,
      FORMAT.percent,
      null,
      null,
    ],
    table: { name: `Uppfoljning_${data.unit ?? 'alla'}`.replace(/[^A-Za-z0-9_]/g, '_'), style: 'TableStyleMedium2' },
    conditionalFormats: [
      { range: statusRange, text: STATUS_TEXT.reached, style: 'green' },
      { range: statusRange, text: STATUS_TEXT.on_track, style: 'lightgreen' },
      { range: statusRange, text: STATUS_TEXT.at_risk, style: 'red' },
      { range: statusRange, text: STATUS_TEXT.not_measured, style: 'grey' },
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
      [title, 'År 1', 'År 2', 'År 3', 'År 4', 'År 5'],
      ...ids.map((x): Cell[] => [x, ...[1, 2, 3, 4, 5].map((y) => list.find((r) => r.id === x && r.year === y)?.share ?? null)]),
    ];
    blocks.push({
      id,
      row: nextFreeRow(blocks),
      col: 0,
      cells,
      rowStyles: ['header'],
      formats: [null, FORMAT.percent, FORMAT.percent, FORMAT.percent, FORMAT.percent, FORMAT.percent],
    });
  };
  rollup('nyttor', 'Nytta: andel mätta indikatorer på väg eller uppnådda', data.benefits);
  rollup('effektmal', 'Effektmål: andel mätta indikatorer på väg eller uppnådda', data.effectGoals);
  if (compare) blocks.push(targetComparisonBlock(data.indicators, compare.then, compare.label, nextFreeRow(blocks)));
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  return {
    name: sheetName(name),
    code: `UF_${(data.unit ?? 'alla').replace(/[^A-Za-z0-9]/g, '')}`,
    blocks,
    charts: [],
    columnWidths: [10, 40, 10, 44, 12, 12, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9],
    provenance,
    notes: [],
  };
}
