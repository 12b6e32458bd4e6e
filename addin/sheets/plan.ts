/**
 * @module plan – a sheet plan: what a Nytta sheet holds, decided once and applied by two adapters (Office.js in Excel,
 * ExcelJS for .xlsx files). Positions are 0-based; formulas are in Excel's invariant form (`=B2+NPV(B1,C2:K2)`), which
 * a Swedish Excel shows as `=B2+NETNUVÄRDE(B1;C2:K2)` by itself; number formats are invariant codes (`#,##0`, `0.0%`,
 * `yyyy-mm-dd`) that Swedish Excel displays with space thousands and decimal comma.
 */
import { a1, endsAboveStart, parseCell, rangeA1 } from './a1.js';

export type Value = string | number | boolean | null;
export interface Formula {
  formula: string;
}
export type Cell = Value | Formula;

export const isFormula = (cell: Cell): cell is Formula => typeof cell === 'object' && cell !== null && 'formula' in cell;

export type Style = 'title' | 'header' | 'input' | 'total' | 'key' | 'muted' | 'note' | 'green' | 'yellow' | 'red' | 'grey' | 'lightgreen';

export interface ConditionalFormat {
  /** A1 range relative to the sheet. */
  range: string;
  /** Cells whose text equals `text` get the style. */
  text: string;
  style: Style;
}

export interface TableSpec {
  name: string;
  /** Excel's built-in table style. */
  style: string;
}

export interface Block {
  /** Stable id: the managed range is named `NYTTA_<sheet code>_<id>`. */
  id: string;
  row: number;
  col: number;
  cells: Cell[][];
  /** Number format per column of the block (null: general). */
  formats?: (string | null)[];
  /** Style per row of the block (null: none). */
  rowStyles?: (Style | null)[];
  /** Style per cell, overriding the row's. */
  cellStyles?: { row: number; col: number; style: Style }[];
  /** Number format per cell, overriding the column's. */
  cellFormats?: { row: number; col: number; format: string }[];
  table?: TableSpec;
  conditionalFormats?: ConditionalFormat[];
}

/** One series of a chart: its name, the A1 range of its values, and how it is drawn. */
export interface ChartSeries {
  name: string;
  values: string;
  /** A line (the default), columns, or markers only (points without a line, e.g. values outside control limits). */
  kind?: 'line' | 'column' | 'markers';
  /** A dashed line, e.g. for control limits. */
  dashed?: boolean;
}

export interface ChartSpec {
  title: string;
  /** `line`: every series a line; `combo`: columns with lines over them (the business case). */
  type: 'line' | 'combo';
  /** A1 ranges of the category labels and of each series, with the series' name. */
  categories: string;
  series: ChartSeries[];
  /** Axis titles, in Swedish. */
  xTitle?: string;
  yTitle?: string;
  /** The value axis's number format; without it, the cells' own. */
  yFormat?: string;
  /** Top-left cell where the chart goes. */
  at: string;
}

export interface Provenance {
  /** Endpoint or named query the figures come from. */
  source: string;
  parameters: Record<string, string>;
  loads: { file: string; sha256: string; loadedAt: string }[];
  writtenAt: string;
  /** Who had it written: the name the service takes the caller for. */
  writtenBy?: string;
}

export interface SheetPlan {
  /** The sheet's name as users see it (Swedish, at most 31 characters). */
  name: string;
  /** Short ASCII code for named ranges. */
  code: string;
  blocks: Block[];
  charts: ChartSpec[];
  columnWidths: number[];
  provenance: Provenance;
  /** Said to the reader in the sheet, e.g. that the .xlsx version has no charts. */
  notes: string[];
}

/** The columns a block spans: its widest row. */
export function blockWidth(block: Block): number {
  return Math.max(1, ...block.cells.map((r) => r.length));
}

/** The A1 range a block covers. */
export function blockRange(block: Block): string {
  return rangeA1({ row: block.row, col: block.col, rows: Math.max(block.cells.length, 1), cols: blockWidth(block) });
}

/** The workbook name that marks a block as Nytta's; ids from data (an indicator `U-01`) keep only what Excel's names allow. */
export const managedName = (plan: Pick<SheetPlan, 'code'>, block: Pick<Block, 'id'>) =>
  `NYTTA_${plan.code}_${block.id}`.replace(/[^A-Za-z0-9_.]/g, '_');

/** A chart's size on the sheet, in cells: the same in Excel and in an .xlsx file. */
export const CHART_SIZE = { cols: 10, rows: 18 };

/** The cell at a chart's bottom right, from its top-left cell. */
export function chartEnd(at: string): string {
  const { row, col } = parseCell(at);
  return a1(row + CHART_SIZE.rows, col + CHART_SIZE.cols);
}

/** The name that marks a plan's `index`th chart as Nytta's, in Excel and in an .xlsx file alike. */
export const chartName = (plan: Pick<SheetPlan, 'code'>, index: number) => managedName(plan, { id: `diagram${index + 1}` });

/** A sheet name Excel accepts: none of \\ / ? * [ ] :, at most 31 characters. */
export const sheetName = (name: string) => name.replace(/[\\/?*[\]:]/g, '-').slice(0, 31);

/** Number formats, invariant. */
export const FORMAT = {
  integer: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0%',
  share: '0.0%',
  date: 'yyyy-mm-dd',
  sek: '#,##0',
  factor: '0.0000',
  years: '0.00',
  /** A calendar year, without a thousands separator. */
  year: '0',
} as const;

/** A value's number format by the indicator's unit of measure: a share as a percentage, a count as an integer. */
export function measureFormat(measure: string | null | undefined): string {
  const m = (measure ?? '').trim().toLowerCase();
  if (m === 'andel' || m === 'kvot') return FORMAT.percent;
  if (m.includes('procent') || m === '%') return '0.0" %"';
  if (m.startsWith('antal')) return FORMAT.integer;
  return FORMAT.decimal;
}

/** The value column's header: the measure named where the format does not show it (not for shares, percents, counts). */
export function valueHeader(measure: string | null | undefined): string {
  const m = (measure ?? '').trim();
  return m && measureFormat(m) === FORMAT.decimal ? `Värde (${m})` : 'Värde';
}

/** The first row below every block, with a blank line between. */
function nextFreeRow(blocks: readonly Block[]): number {
  return Math.max(0, ...blocks.map((b) => b.row + b.cells.length)) + 1;
}

/** The blocks a plan writes: its own, and its notes (plus any an adapter adds) as a last block. */
export function planBlocks(plan: SheetPlan, extraNotes: readonly string[] = []): Block[] {
  const notes = [...plan.notes, ...extraNotes];
  const blocks = plan.blocks.map(withValues);
  if (!notes.length) return blocks;
  return [
    ...blocks,
    {
      id: 'anteckningar',
      row: nextFreeRow(plan.blocks),
      col: 0,
      cells: notes.map((n) => [n]),
      rowStyles: notes.map(() => 'note' as const),
    },
  ];
}

/** What a table with no rows says, in the row a value would have had. */
export const NO_VALUES = 'Inga värden';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A full date written `ÅÅÅÅ-MM-DD` as Excel's serial day number (days since 1899-12-30), or null for any other cell:
 * such cells are written as dates, with a date format, not as text.
 */
export function dateSerial(cell: Cell): number | null {
  if (typeof cell !== 'string') return null;
  const m = ISO_DATE.exec(cell);
  if (!m) return null;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // A date that does not exist (2024-02-30) stays the text it is.
  if (new Date(time).getUTCDate() !== Number(m[3])) return null;
  return time / 86_400_000 + 25_569;
}

/** A date format on each date cell that has no format of its own (a header row's labels are left alone). */
function dateFormats(block: Block): Block['cellFormats'] {
  const own = new Set((block.cellFormats ?? []).map((f) => `${f.row},${f.col}`));
  const headed = !!block.table || block.rowStyles?.[0] === 'header';
  const added: NonNullable<Block['cellFormats']> = [];
  block.cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if ((r > 0 || !headed) && !own.has(`${r},${c}`) && dateSerial(cell) !== null) added.push({ row: r, col: c, format: FORMAT.date });
    }),
  );
  return added.length ? [...(block.cellFormats ?? []), ...added] : block.cellFormats;
}

/**
 * A table with only its header gets an explicit "Inga värden" row (Excel makes no table of a header alone), a
 * conditional format over no rows (its range ending above where it starts) is left out, never written reversed, and
 * dates get a date format.
 */
function withValues(block: Block): Block {
  const conditionalFormats = block.conditionalFormats?.filter((cf) => !endsAboveStart(cf.range));
  const empty = !!block.table && block.cells.length === 1;
  const cellFormats = dateFormats(block);
  if (!empty && conditionalFormats?.length === block.conditionalFormats?.length && cellFormats === block.cellFormats) return block;
  return {
    ...block,
    conditionalFormats,
    cellFormats,
    cells: empty ? [...block.cells, [NO_VALUES, ...Array.from({ length: blockWidth(block) - 1 }, () => null)]] : block.cells,
  };
}
