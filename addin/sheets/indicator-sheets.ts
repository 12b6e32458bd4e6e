/** @module indicator-sheets – Indikatorserier and Baslinje: tables per indicator with a line chart, and the SPC table with its limits. */
import type { BaselineResponse, QueryRow } from '../../pipeline/contracts/index.js';
import { a1 } from './a1.js';
import {
  CHART_SIZE,
  FORMAT,
  measureFormat,
  valueHeader,
  nextFreeRow,
  provenanceBlock,
  type Block,
  type Cell,
  type ChartSpec,
  type Provenance,
  type SheetPlan,
} from './plan.js';

export interface Series {
  indicator: string;
  name: string;
  breakdown: 'none' | 'sex' | 'age' | 'municipality';
  rows: QueryRow[];
  /** The indicator's unit of measure (andel, antal, …): decides how its values are shown. */
  measure?: string | null;
}

/** The 0-based row of an A1 cell. */
const parseRow = (cell: string) => Number(/\d+$/.exec(cell)![0]) - 1;

const BREAKDOWN_COLUMN = { sex: ['sex', 'Kön'], age: ['age_group', 'Åldersgrupp'], municipality: ['municipality', 'Kommun'] } as const;

export function indicatorSheet(series: readonly Series[], provenance: Provenance): SheetPlan {
  const blocks: Block[] = [{ id: 'rubrik', row: 0, col: 0, cells: [['Indikatorserier']], rowStyles: ['title'] }];
  const charts: ChartSpec[] = [];
  let chartBottom = 0;
  const addChart = (chart: ChartSpec) => {
    charts.push(chart);
    chartBottom = parseRow(chart.at) + CHART_SIZE.rows;
  };
  for (const s of series) {
    const split = s.breakdown === 'none' ? null : BREAKDOWN_COLUMN[s.breakdown];
    const header: Cell[] = ['Period', ...(split ? [split[1]] : []), valueHeader(s.measure), 'n', 'Status'];
    const cells: Cell[][] = [
      header,
      ...s.rows.map((r): Cell[] => [
        r.period as string,
        ...(split ? [r[split[0]] as string] : []),
        r.value as number | null,
        r.n as number | null,
        r.status as string | null,
      ]),
    ];
    // Each series starts below the previous one's chart, so charts never overlap.
    const row = Math.max(nextFreeRow(blocks), chartBottom + 1) + 1;
    blocks.push({ id: `rubrik_${s.indicator}`, row: row - 1, col: 0, cells: [[`${s.indicator} ${s.name}`]], rowStyles: ['header'] });
    const valueCol = split ? 2 : 1;
    blocks.push({
      id: `serie_${s.indicator}`,
      row,
      col: 0,
      cells,
      formats: [null, ...(split ? [null] : []), measureFormat(s.measure), FORMAT.integer, null],
      table: { name: `Serie_${s.indicator}`.replace(/[^A-Za-z0-9_]/g, '_'), style: 'TableStyleLight9' },
    });
    if (!split && s.rows.length) {
      addChart({
        title: `${s.indicator} ${s.name}`,
        type: 'line',
        xTitle: 'Period',
        yTitle: 'Värde',
        at: a1(row, 6),
        categories: `${a1(row + 1, 0)}:${a1(row + s.rows.length, 0)}`,
        series: [{ name: 'Värde', values: `${a1(row + 1, valueCol)}:${a1(row + s.rows.length, valueCol)}` }],
      });
    } else if (split && s.rows.length) {
      // A chart needs one column per group: the long table pivoted, periods down, groups across, and a line per group.
      const periods = [...new Set(s.rows.map((r) => String(r.period)))];
      const groups = [...new Set(s.rows.map((r) => String(r[split[0]] ?? '')))].sort((x, y) => x.localeCompare(y, 'sv', { numeric: true }));
      const value = new Map(s.rows.map((r) => [`${r.period}\u0000${r[split[0]] ?? ''}`, r.value as number | null]));
      const pivotRow = nextFreeRow(blocks);
      blocks.push({
        id: `pivot_${s.indicator}`,
        row: pivotRow,
        col: 0,
        cells: [['Period', ...groups], ...periods.map((p): Cell[] => [p, ...groups.map((g) => value.get(`${p}\u0000${g}`) ?? null)])],
        rowStyles: ['header'],
        formats: [null, ...groups.map(() => measureFormat(s.measure))],
      });
      addChart({
        title: `${s.indicator} ${s.name} per ${split[1].toLowerCase()}`,
        type: 'line',
        xTitle: 'Period',
        yTitle: 'Värde',
        at: a1(pivotRow, groups.length + 2),
        categories: `${a1(pivotRow + 1, 0)}:${a1(pivotRow + periods.length, 0)}`,
        series: groups.map((g, i) => ({ name: g, values: `${a1(pivotRow + 1, i + 1)}:${a1(pivotRow + periods.length, i + 1)}` })),
      });
    }
  }
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  return { name: 'Indikatorserier', code: 'IS', blocks, charts, columnWidths: [12, 14, 12, 10, 10], provenance, notes: [] };
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

/** `measure`: the indicator's unit of measure, which decides how the values are shown (a share as a percentage). */
export function baselineSheet(data: BaselineData, provenance: Provenance, measure: string | null = null): SheetPlan {
  const b = data.baseline;
  const valueFormat = measureFormat(measure);
  const blocks: Block[] = [
    { id: 'rubrik', row: 0, col: 0, cells: [[`Baslinje – ${b.indicator}, ${b.unit}`]], rowStyles: ['title'] },
    {
      id: 'baslinje',
      row: 2,
      col: 0,
      cells: [
        ['Driftstart', b.go_live as string],
        ['Driftstarten är', goLiveOrigin(data)],
        ['Fönster från', b.window_from as string],
        ['Perioder med värde', b.periods as number],
        [valueHeader(measure) === 'Värde' ? 'Baslinje' : `Baslinje (${measure})`, b.value as number | null],
        ['n', b.n as number | null],
        ['Status', (b.status as string | null) ?? ''],
      ],
      cellFormats: [
        { row: 4, col: 1, format: valueFormat },
        { row: 5, col: 1, format: FORMAT.integer },
      ],
    },
  ];
  const its = data.its && 'levelChange' in data.its ? data.its : null;
  blocks.push({
    id: 'analys',
    row: nextFreeRow(blocks),
    col: 0,
    cells: [
      ['Styrdiagram', CHART_NAMES[data.chart] ?? data.chart],
      ...data.spc.runs.map((r, i): Cell[] => [
        `Fas ${i + 1}: längsta serie / gräns`,
        `${r.longestRun} / ${r.longestRunMax}${r.signal ? ' – signal' : ''}`,
      ]),
      ...data.spc.runs.map((r, i): Cell[] => [`Fas ${i + 1}: korsningar / minst`, `${r.crossings} / ${r.crossingsMin}`]),
      [
        'Nivåändring vid driftstart (95 % KI)',
        its
          ? `${its.levelChange.estimate.toFixed(4)} (${its.levelChange.lower.toFixed(4)} – ${its.levelChange.upper.toFixed(4)})`
          : 'ej beräknad',
      ],
      [
        'Lutningsändring per period (95 % KI)',
        its
          ? `${its.slopeChange.estimate.toFixed(4)} (${its.slopeChange.lower.toFixed(4)} – ${its.slopeChange.upper.toFixed(4)})`
          : 'ej beräknad',
      ],
      ...(data.spc.fewPoints ? [['Obs', 'Färre än 15 punkter: seriereglerna säger lite.'] as Cell[]] : []),
    ],
  });
  const spcRow = nextFreeRow(blocks);
  const rows = data.spc.rows;
  blocks.push({
    id: 'styrdiagram',
    row: spcRow,
    col: 0,
    cells: [
      ['Period', 'Värde', 'Centrallinje', 'Nedre gräns', 'Övre gräns', 'Fas', 'Utanför gränserna', 'Värde utanför'],
      ...rows.map((r): Cell[] => [
        r.label,
        r.y,
        r.centre,
        r.lcl,
        r.ucl,
        r.phase === 1 ? 'baslinje' : 'efter driftstart',
        r.outside ? 'ja' : '',
        // The chart marks these points: a value only where it falls outside the limits.
        r.outside ? r.y : null,
      ]),
    ],
    formats: [null, valueFormat, valueFormat, valueFormat, valueFormat, null, null, valueFormat],
    table: { name: 'Styrdiagram', style: 'TableStyleLight9' },
    conditionalFormats: [{ range: `G${spcRow + 2}:G${spcRow + 1 + rows.length}`, text: 'ja', style: 'red' }],
  });
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  const range = (c: number) => `${a1(spcRow + 1, c)}:${a1(spcRow + rows.length, c)}`;
  return {
    name: 'Baslinje',
    code: 'BL',
    blocks,
    charts: [
      {
        title: `Styrdiagram – ${CHART_NAMES[data.chart] ?? data.chart}`,
        type: 'line',
        xTitle: 'Period',
        yTitle: 'Värde',
        at: a1(2, 9),
        categories: range(0),
        series: [
          { name: 'Värde', values: range(1) },
          { name: 'Centrallinje', values: range(2), dashed: true },
          { name: 'Nedre gräns', values: range(3), dashed: true },
          { name: 'Övre gräns', values: range(4), dashed: true },
          { name: 'Utanför gränserna', values: range(7), kind: 'markers' },
        ],
      },
    ],
    columnWidths: [34, 30, 12, 12, 12, 16, 16, 12],
    provenance,
    notes: [],
  };
}
