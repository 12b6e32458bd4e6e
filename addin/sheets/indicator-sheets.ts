/** @module indicator-sheets – Indikatorserier and Baslinje: tables per indicator with a line chart, and the SPC table with its limits. */
import type { BaselineResponse, QueryRow } from '../../pipeline/contracts/index.js';
import { Columns, SheetLayout, type Field } from './layout.js';
import { FORMAT, measureFormat, valueHeader, type Provenance, type SheetPlan } from './plan.js';

export interface Series {
  indicator: string;
  name: string;
  breakdown: 'none' | 'sex' | 'age' | 'municipality';
  rows: QueryRow[];
  /** The indicator's unit of measure (andel, antal, …): decides how its values are shown. */
  measure?: string | null;
}

const BREAKDOWN_COLUMN = { sex: ['sex', 'Kön'], age: ['age_group', 'Åldersgrupp'], municipality: ['municipality', 'Kommun'] } as const;

/** Where a series' chart goes: right of its table, a column between. */
const CHART_COLUMN = 6;

/**
 * One series: its heading and its table below every chart so far, so charts never overlap; without a breakdown a line
 * chart beside it, with one the table pivoted (periods down, groups across) and a line per group.
 */
function seriesBlocks(sheet: SheetLayout, s: Series): void {
  const split = s.breakdown === 'none' ? null : BREAKDOWN_COLUMN[s.breakdown];
  sheet.line(`rubrik_${s.indicator}`, `${s.indicator} ${s.name}`, 'header', { belowCharts: true });
  const table = `serie_${s.indicator}`;
  const valueCol = split ? 2 : 1;
  sheet.block(
    table,
    (b) => {
      b.add(['Period', ...(split ? [split[1]] : []), valueHeader(s.measure), 'n', 'Status']);
      b.addEach(s.rows, (r) => [
        r.period as string,
        ...(split ? [r[split[0]] as string] : []),
        r.value as number | null,
        r.n as number | null,
        r.status as string | null,
      ]);
      b.nameColumn(`${table}_perioder`, 0);
      b.nameColumn(`${table}_varden`, valueCol);
      return {
        formats: [null, ...(split ? [null] : []), measureFormat(s.measure), FORMAT.integer, null],
        table: { name: `Serie_${s.indicator}`.replace(/[^A-Za-z0-9_]/g, '_'), style: 'TableStyleLight9' },
      };
    },
    { gap: 0 },
  );
  if (!s.rows.length) return;
  if (!split) {
    sheet.chart({
      title: `${s.indicator} ${s.name}`,
      type: 'line',
      xTitle: 'Period',
      yTitle: 'Värde',
      at: sheet.at(table, CHART_COLUMN),
      categories: sheet.range(`${table}_perioder`),
      series: [{ name: 'Värde', values: sheet.range(`${table}_varden`) }],
    });
    return;
  }
  // A chart needs one column per group: the long table pivoted, periods down, groups across, and a line per group.
  const periods = [...new Set(s.rows.map((r) => String(r.period)))];
  const groups = [...new Set(s.rows.map((r) => String(r[split[0]] ?? '')))].sort((x, y) => x.localeCompare(y, 'sv', { numeric: true }));
  const value = new Map(s.rows.map((r) => [`${r.period}\u0000${r[split[0]] ?? ''}`, r.value as number | null]));
  const pivot = `pivot_${s.indicator}`;
  const columns: string[] = [];
  sheet.block(pivot, (b) => {
    b.add(['Period', ...groups], { style: 'header' });
    b.addEach(periods, (p) => [p, ...groups.map((g) => value.get(`${p}\u0000${g}`) ?? null)]);
    for (let c = 0; c <= groups.length; c++) columns.push(b.column(c));
    return { formats: [null, ...groups.map(() => measureFormat(s.measure))] };
  });
  sheet.chart({
    title: `${s.indicator} ${s.name} per ${split[1].toLowerCase()}`,
    type: 'line',
    xTitle: 'Period',
    yTitle: 'Värde',
    // Right of the pivot, a column between.
    at: sheet.at(pivot, groups.length + 2),
    categories: columns[0],
    series: groups.map((g, i) => ({ name: g, values: columns[i + 1] })),
  });
}

export function indicatorSheet(series: readonly Series[], provenance: Provenance): SheetPlan {
  const sheet = new SheetLayout();
  sheet.title('Indikatorserier');
  for (const s of series) seriesBlocks(sheet, s);
  return sheet.plan({ name: 'Indikatorserier', code: 'IS', columnWidths: [12, 14, 12, 10, 10], provenance });
}

/** What the sheet reads of `GET /api/v1/baseline`: a full answer fits. */
export type BaselineData = Pick<BaselineResponse, 'baseline' | 'chart' | 'its'> &
  Partial<Pick<BaselineResponse, 'goLiveSource' | 'goLiveFrom'>> & {
    spc: Pick<BaselineResponse['spc'], 'rows' | 'runs' | 'fewPoints'>;
  };

/** Where the go-live came from, as the sheet says it. */
function goLiveOrigin(data: BaselineData): string {
  switch (data.goLiveSource) {
    case 'parameter':
      return 'angiven i frågan (goLive)';
    case 'unit':
      return 'enhetens egen';
    case 'ancestor':
      return `ärvd från ${data.goLiveFrom} (enheten har ingen egen)`;
    case 'program':
      return `programmet ${data.goLiveFrom}:s (varken enheten eller någon överordnad har en egen)`;
    default:
      return '';
  }
}

const CHART_NAMES: Record<string, string> = { p: 'p-diagram', pp: "Laneys p'-diagram", i: 'XmR (I-diagram)' };

/** The SPC table's columns and their headers. */
const SPC = {
  period: 'Period',
  värde: 'Värde',
  centrallinje: 'Centrallinje',
  nedre: 'Nedre gräns',
  övre: 'Övre gräns',
  fas: 'Fas',
  utanför: 'Utanför gränserna',
  värdeUtanför: 'Värde utanför',
} as const;
const SPC_COLUMNS = new Columns(Object.keys(SPC) as (keyof typeof SPC)[]);

/** Where the control chart goes: right of the SPC table, a column between. */
const CONTROL_CHART_COLUMN = SPC_COLUMNS.count + 1;

/** ITS's estimate with its 95 % interval, or that it was not computed. */
const estimate = (e: { estimate: number; lower: number; upper: number } | undefined) =>
  e ? `${e.estimate.toFixed(4)} (${e.lower.toFixed(4)} – ${e.upper.toFixed(4)})` : 'ej beräknad';

/** The run rules per phase, the level and slope change at go-live, and a warning when there are few points. */
function analysis(data: BaselineData): Field[] {
  const its = data.its && 'levelChange' in data.its ? data.its : null;
  return [
    { label: 'Styrdiagram', value: CHART_NAMES[data.chart] ?? data.chart },
    ...data.spc.runs.map((r, i) => ({
      label: `Fas ${i + 1}: längsta serie / gräns`,
      value: `${r.longestRun} / ${r.longestRunMax}${r.signal ? ' – signal' : ''}`,
    })),
    ...data.spc.runs.map((r, i) => ({ label: `Fas ${i + 1}: korsningar / minst`, value: `${r.crossings} / ${r.crossingsMin}` })),
    { label: 'Nivåändring vid driftstart (95 % KI)', value: estimate(its?.levelChange) },
    { label: 'Lutningsändring per period (95 % KI)', value: estimate(its?.slopeChange) },
    ...(data.spc.fewPoints ? [{ label: 'Obs', value: 'Färre än 15 punkter: seriereglerna säger lite.' }] : []),
  ];
}

/** `measure`: the indicator's unit of measure, which decides how the values are shown (a share as a percentage). */
export function baselineSheet(data: BaselineData, provenance: Provenance, measure: string | null = null): SheetPlan {
  const b = data.baseline;
  const valueFormat = measureFormat(measure);
  const sheet = new SheetLayout();
  sheet.title(`Baslinje – ${b.indicator}, ${b.unit}`);
  sheet.fields('baslinje', null, [
    { label: 'Driftstart', value: b.go_live as string },
    { label: 'Driftstarten är', value: goLiveOrigin(data) },
    { label: 'Fönster från', value: b.window_from as string },
    { label: 'Perioder med värde', value: b.periods as number },
    {
      label: valueHeader(measure) === 'Värde' ? 'Baslinje' : `Baslinje (${measure})`,
      value: b.value as number | null,
      format: valueFormat,
    },
    { label: 'n', value: b.n as number | null, format: FORMAT.integer },
    { label: 'Status', value: (b.status as string | null) ?? '' },
  ]);
  sheet.fields('analys', null, analysis(data));
  sheet.block('styrdiagram', (t) => {
    t.add(Object.values(SPC));
    t.addEach(data.spc.rows, (r) => [
      r.label,
      r.y,
      r.centre,
      r.lcl,
      r.ucl,
      r.phase === 1 ? 'baslinje' : 'efter driftstart',
      r.outside ? 'ja' : '',
      // The chart marks these points: a value only where it falls outside the limits.
      r.outside ? r.y : null,
    ]);
    for (const name of SPC_COLUMNS.names) t.nameColumn(`spc_${name}`, SPC_COLUMNS.of(name));
    return {
      formats: SPC_COLUMNS.row({
        värde: valueFormat,
        centrallinje: valueFormat,
        nedre: valueFormat,
        övre: valueFormat,
        värdeUtanför: valueFormat,
      }),
      table: { name: 'Styrdiagram', style: 'TableStyleLight9' },
      conditionalFormats: [{ range: sheet.range('spc_utanför'), text: 'ja', style: 'red' }],
    };
  });
  const spc = (name: keyof typeof SPC) => sheet.range(`spc_${name}`);
  sheet.chart({
    title: `Styrdiagram – ${CHART_NAMES[data.chart] ?? data.chart}`,
    type: 'line',
    xTitle: 'Period',
    yTitle: 'Värde',
    at: sheet.at('baslinje', CONTROL_CHART_COLUMN),
    categories: spc('period'),
    series: [
      { name: 'Värde', values: spc('värde') },
      { name: 'Centrallinje', values: spc('centrallinje'), dashed: true },
      { name: 'Nedre gräns', values: spc('nedre'), dashed: true },
      { name: 'Övre gräns', values: spc('övre'), dashed: true },
      { name: 'Utanför gränserna', values: spc('värdeUtanför'), kind: 'markers' },
    ],
  });
  return sheet.plan({ name: 'Baslinje', code: 'BL', columnWidths: [34, 30, 12, 12, 12, 16, 16, 12], provenance });
}
