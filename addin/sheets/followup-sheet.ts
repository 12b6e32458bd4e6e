/**
 * @module followup-sheet – Uppföljning 5 år: effect goal → benefit → indicator, baseline, target, years 1–5, progress
 * and a coloured status.
 */
import type { FollowupResponse } from '../../pipeline/contracts/index.js';
import { approvedFollowupBlocks } from './approved-version.js';
import { benefitStatus, type BenefitStatusData } from './benefit-status-block.js';
import { Columns, SheetLayout, type BlockRows, type BlockWriter } from './layout.js';
import { earlier, targetComparison } from './version-compare.js';
import { FORMAT, measureFormat, sheetName, type Cell, type Provenance, type SheetPlan } from './plan.js';

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

/** The table's columns: what is followed, where and how, its baseline, a column per year, and how it stands. */
const followupColumns = (years: number) =>
  new Columns([
    'effektmål',
    'nytta',
    'indikator',
    'namn',
    'plats',
    'del',
    'mått',
    'källa',
    'frekvens',
    'riktning',
    'baslinjeperiod',
    'baslinje',
    ['år', years],
    'målvärde',
    'framsteg',
    'status',
    'statusår',
    'risker',
  ] as const);
type FollowupColumns = ReturnType<typeof followupColumns>;

const directionText = (d: FollowupIndicator['direction']) => (d === 'higher' ? 'högre bättre' : d === 'lower' ? 'lägre bättre' : 'saknas');

/** The header row, by column. */
const headerRow = (cols: FollowupColumns, years: readonly number[]) =>
  cols.row<Cell>({
    effektmål: 'Effektmål',
    nytta: 'Nytta',
    indikator: 'Indikator',
    namn: 'Namn',
    plats: 'Mäts vid',
    del: 'Del',
    mått: 'Mått',
    källa: 'Källa',
    frekvens: 'Frekvens',
    riktning: 'Riktning',
    baslinjeperiod: 'Baslinjeperiod',
    baslinje: 'Baslinje',
    år: years.map((k) => `År ${k}`),
    målvärde: 'Målvärde',
    framsteg: 'Framsteg',
    status: 'Status',
    statusår: 'Status år',
    risker: 'Öppna risker',
  });

/** A benefit as the table names it (with its level, owner and who realises it), and the open risks that threaten it. */
function benefitTexts(data: FollowupData) {
  const details = new Map((data.benefitDetails ?? []).map((b) => [b.id, b]));
  return {
    milestones: (b: BenefitInfo) => details.get(b.id)?.milestones ?? [],
    label: (b: BenefitInfo) => {
      const d = details.get(b.id);
      const extra = [
        d?.level ? `nivå ${d.level}` : null,
        d?.owner ? `ägare ${d.owner}` : null,
        d?.realisedBy ? `realiseras av ${d.realisedBy}` : null,
      ]
        .filter(Boolean)
        .join(', ');
      return `${b.id} ${b.name}${extra ? ` (${extra})` : ''}`;
    },
    // The open risks that threaten a benefit, with their value; overdue actions said so.
    risks: (b: BenefitInfo | null): Cell => {
      const list = b ? (details.get(b.id)?.risks ?? []) : [];
      return list.length ? list.map((r) => `${r.id} (${r.value}${r.overdue ? ', försenad åtgärd' : ''})`).join(', ') : null;
    },
  };
}

/** What writing one row of the table needs. */
interface TableRows {
  t: BlockRows;
  cols: FollowupColumns;
  years: readonly number[];
  texts: ReturnType<typeof benefitTexts>;
}

/** One row of an entry: its own (`part` null) or one of its parts, whose row carries values only. */
function entryRow(
  { t, cols, years, texts }: TableRows,
  goal: string,
  benefit: BenefitInfo | null,
  ind: FollowupIndicator,
  part: NonNullable<FollowupIndicator['parts']>[number] | null,
): void {
  const last = latest(ind);
  const outcome = (k: number) => (part ? (part.years.find((y) => y.year === k)?.outcome ?? null) : (ind.years[k - 1]?.outcome ?? null));
  const row = t.add(
    cols.row<Cell>({
      effektmål: goal,
      nytta: benefit ? texts.label(benefit) : '–',
      indikator: ind.indicator,
      namn: ind.name,
      plats: ind.placeName ?? ind.unit ?? ind.geography ?? '',
      del: part?.part ?? null,
      mått: ind.measure ?? null,
      källa: ind.source ?? null,
      frekvens: ind.frequency ?? null,
      riktning: part ? null : directionText(ind.direction),
      baslinjeperiod: ind.baselinePeriod ?? null,
      baslinje: part ? part.baseline : ind.baseline,
      år: years.map(outcome),
      ...(part
        ? {}
        : {
            målvärde: [...ind.years].reverse().find((y) => y.target !== null)?.target ?? null,
            framsteg: last.progress,
            status: STATUS_TEXT[last.status],
            statusår: last.calendarYear,
            risker: texts.risks(benefit),
          }),
    }),
  );
  // The values as the measure reads: the baseline, each year and the target.
  for (let c = cols.of('baslinje'); c <= cols.of('målvärde'); c++) t.format(row, c, measureFormat(ind.measure));
}

/** An entry's row, then a breakdown's parts as rows under it (values only: status is the entry's). */
function entryRows(rows: TableRows, goal: string, benefit: BenefitInfo | null, ind: FollowupIndicator): void {
  entryRow(rows, goal, benefit, ind, null);
  for (const part of ind.parts ?? []) entryRow(rows, goal, benefit, ind, part);
}

/** A row with no values: a milestone, or a benefit nothing measures. */
const unmeasuredRow = ({ t, cols, texts }: TableRows, goal: string, benefit: BenefitInfo, what: string, status: string) =>
  t.add(cols.row<Cell>({ effektmål: goal, nytta: texts.label(benefit), indikator: what, status, risker: texts.risks(benefit) }));

const entryKey = (i: FollowupIndicator) => `${i.indicator}\u0000${i.unit ?? ''}\u0000${i.geography ?? ''}`;

/**
 * The table: per effect goal and benefit, each indicator's entry (and its parts), each milestone, and a benefit nothing
 * measures as not measured; then the indicators no benefit names. Status coloured.
 */
const followupTable =
  (data: FollowupData, benefitInfo: readonly BenefitInfo[], cols: FollowupColumns, years: readonly number[]): BlockWriter =>
  (t) => {
    const rows: TableRows = { t, cols, years, texts: benefitTexts(data) };
    t.add(headerRow(cols, years));
    const seen = new Set<string>();
    const benefitRows = (goal: string, benefit: BenefitInfo) => {
      const measured = data.indicators.filter((i) => i.benefits.includes(benefit.id));
      for (const ind of measured) {
        entryRows(rows, goal, benefit, ind);
        seen.add(entryKey(ind));
      }
      const milestones = rows.texts.milestones(benefit);
      for (const m of milestones) {
        const what = `Milstolpe ${m.id}: ${m.name} (planerad ${m.planned}${m.done ? `, klar ${m.done}` : ''})`;
        unmeasuredRow(rows, goal, benefit, what, MILESTONE_TEXT[m.status]);
      }
      // A benefit nothing measures is shown as not measured, not left out.
      if (!measured.length && !milestones.length)
        unmeasuredRow(rows, goal, benefit, 'ingen indikator eller milstolpe', STATUS_TEXT.not_measured);
    };
    const goals = [...new Set(benefitInfo.flatMap((b) => b.effectGoals))].sort();
    for (const goal of goals) for (const benefit of benefitInfo.filter((b) => b.effectGoals.includes(goal))) benefitRows(goal, benefit);
    for (const benefit of benefitInfo.filter((b) => b.effectGoals.length === 0)) benefitRows('–', benefit);
    for (const ind of data.indicators.filter((i) => !seen.has(entryKey(i)))) entryRows(rows, '–', null, ind);
    const status = t.column(cols.of('status'));
    return {
      formats: cols.row({
        baslinje: FORMAT.decimal,
        år: FORMAT.decimal,
        målvärde: FORMAT.decimal,
        framsteg: FORMAT.percent,
        statusår: FORMAT.year,
      }),
      table: { name: `Uppfoljning_${data.unit ?? 'alla'}`.replace(/[^A-Za-z0-9_]/g, '_'), style: 'TableStyleMedium2' },
      conditionalFormats: [
        { range: status, text: STATUS_TEXT.reached, style: 'green' },
        { range: status, text: STATUS_TEXT.on_track, style: 'lightgreen' },
        { range: status, text: STATUS_TEXT.at_risk, style: 'red' },
        { range: status, text: STATUS_TEXT.not_measured, style: 'grey' },
        { range: status, text: STATUS_TEXT.no_target, style: 'yellow' },
        { range: status, text: MILESTONE_TEXT.late, style: 'red' },
        { range: status, text: MILESTONE_TEXT.done, style: 'green' },
      ],
    };
  };

/** Per benefit or effect goal, the share of its judged indicators on track or reached, each year. */
const rollup =
  (title: string, list: FollowupData['benefits'], years: readonly number[]): BlockWriter =>
  (b) => {
    const ids = [...new Set(list.map((r) => r.id))].sort((x, y) => x.localeCompare(y, 'sv', { numeric: true }));
    b.add([title, ...years.map((k) => `År ${k}`)], { style: 'header' });
    b.addEach(ids, (x) => [x, ...years.map((y) => list.find((r) => r.id === x && r.year === y)?.share ?? null)]);
    return { formats: [null, ...years.map(() => FORMAT.percent)] };
  };

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
  const years = Array.from({ length: yearCount }, (_, k) => k + 1);
  const cols = followupColumns(yearCount);
  const sheet = new SheetLayout();
  sheet.title(`Uppföljning 5 år – ${data.program}${data.unit ? `, ${data.unit}` : ''}`);
  sheet.block('uppfoljning', followupTable(data, benefitInfo, cols, years));
  // Judged: measured, with a direction and a target (riktning saknas and mål saknas are not counted).
  sheet.block('nyttor', rollup('Nytta: andel bedömda indikatorer på väg eller uppnådda', data.benefits, years));
  sheet.block('effektmal', rollup('Effektmål: andel bedömda indikatorer på väg eller uppnådda', data.effectGoals, years));
  sheet.block('forklaring', (b) => {
    b.add(LEGEND[0], { style: 'header' });
    for (const row of LEGEND.slice(1)) b.add(row);
  });
  if (status) sheet.block('nyttostatus', benefitStatus(status));
  if (data.approved) approvedFollowupBlocks(sheet, data.approved);
  if (compare) {
    const labels = earlier('jamforelse_mal', `Målvärden jämfört med ${compare.label}`);
    sheet.block(labels.id, targetComparison(data.indicators, compare.then, labels));
  }
  return sheet.plan({
    name: sheetName(name),
    code: `UF_${(data.unit ?? 'alla').replace(/[^A-Za-z0-9]/g, '')}`,
    columnWidths: cols.full({
      effektmål: 10,
      nytta: 40,
      indikator: 10,
      namn: 44,
      plats: 18,
      del: 8,
      mått: 10,
      källa: 14,
      frekvens: 10,
      riktning: 12,
      baslinjeperiod: 14,
      baslinje: 10,
      år: 10,
      målvärde: 10,
      framsteg: 10,
      status: 14,
      statusår: 9,
      risker: 30,
    }),
    provenance,
  });
}
