/**
 * @module layout – a sheet laid out by name. Blocks stack from the top, a blank row between them (or the gap asked
 * for); a block's rows land one under the other and say where they landed; and every cell, row or column a formula
 * reads is handed out by name (`sheet.cell('kalkylränta')` → `B3`). A row added anywhere moves everything below it
 * alike, and no builder counts rows.
 */
import { a1, parseCell, rangeA1, type Rect } from './a1.js';
import { CHART_SIZE, type Block, type Cell, type ChartSpec, type Provenance, type SheetPlan, type Style } from './plan.js';

/** A cell that reads names placed further down the sheet (a count over the register below it): filled in last. */
export type Later = (sheet: SheetLayout) => Cell;
export type LaidCell = Cell | Later;

/** Columns `first` to `last`, 0-based. */
export interface Span {
  first: number;
  last: number;
}

/** A table's columns by name, in order from column A; a name may span several columns (one per year). */
export class Columns<K extends string> {
  private readonly spans = new Map<K, Span>();
  /** How many columns there are in all. */
  readonly count: number;
  /** The names, in order. */
  readonly names: readonly K[];

  constructor(names: readonly (K | readonly [K, number])[]) {
    let next = 0;
    for (const entry of names) {
      const [name, width] = typeof entry === 'string' ? [entry as K, 1] : entry;
      this.spans.set(name, { first: next, last: next + width - 1 });
      next += width;
    }
    this.count = next;
    this.names = [...this.spans.keys()];
  }

  /** The column of `name`, or the `offset`th of its span. */
  of(name: K, offset = 0): number {
    return this.span(name).first + offset;
  }

  span(name: K): Span {
    const span = this.spans.get(name);
    if (!span) throw new Error(`no column named ${name}`);
    return span;
  }

  /**
   * A row by column name: a span's value repeated over it (or its values, one per column), null where none is given.
   * As well a row of formats or widths as of cells.
   */
  row<T>(values: Partial<Record<K, T | readonly T[]>>): (T | null)[] {
    const out: (T | null)[] = Array.from({ length: this.count }, () => null);
    for (const [name, value] of Object.entries(values) as [K, T | readonly T[]][]) {
      const { first, last } = this.span(name);
      for (let c = first; c <= last; c++) out[c] = Array.isArray(value) ? (value as readonly T[])[c - first] : (value as T);
    }
    return out;
  }

  /** A row with a value for every column (widths, say). */
  full<T>(values: Record<K, T | readonly T[]>): T[] {
    return this.row(values) as T[];
  }

  /** Every column `name` spans, in order. */
  each(name: K): number[] {
    const { first, last } = this.span(name);
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
  }
}

export interface RowOptions {
  /** Names the row: `sheet.range(name)`, `sheet.at(name, col)`. */
  name?: string;
  style?: Style | null;
}

/** What a block holds besides its rows and their styles. */
export type BlockExtras = Partial<Pick<Block, 'formats' | 'table' | 'conditionalFormats' | 'cellStyles' | 'cellFormats'>>;

/** What writes a block's rows, and says what else it holds. */
export type BlockWriter = (rows: BlockRows) => BlockExtras | void;

/** A block being written: each row lands under the last and returns the sheet row it landed on. */
export class BlockRows {
  readonly cells: LaidCell[][] = [];
  readonly rowStyles: (Style | null)[] = [];
  readonly cellStyles: NonNullable<Block['cellStyles']> = [];
  readonly cellFormats: NonNullable<Block['cellFormats']> = [];

  constructor(
    /** The sheet the block is on, for the names of what lies above it. */
    readonly sheet: SheetLayout,
    /** The sheet row of the block's first row, and its first column. */
    readonly top: number,
    readonly col: number,
  ) {}

  /** The sheet row the next row lands on. */
  get next(): number {
    return this.top + this.cells.length;
  }

  /** Adds a row; `cells` may be a function of the sheet row it lands on, for a formula reading its own row. */
  add(cells: readonly LaidCell[] | ((row: number) => readonly LaidCell[]), options: RowOptions = {}): number {
    const row = this.next;
    const content = [...(typeof cells === 'function' ? cells(row) : cells)];
    this.cells.push(content);
    this.rowStyles.push(options.style ?? null);
    if (options.name) this.sheet.name(options.name, { row, col: this.col, rows: 1, cols: content.length });
    return row;
  }

  /** Adds rows, one per item. */
  addEach<T>(items: readonly T[], cells: (item: T, row: number) => readonly LaidCell[], options: RowOptions = {}): number[] {
    return items.map((item) => this.add((row) => cells(item, row), options));
  }

  /** A number format on one cell (sheet row, block column), over its column's. */
  format(row: number, col: number, format: string): void {
    this.cellFormats.push({ row: row - this.top, col, format });
  }

  /** A style on one cell (sheet row, block column), over its row's. */
  style(row: number, col: number, style: Style): void {
    this.cellStyles.push({ row: row - this.top, col, style });
  }

  /** The cell at a sheet row and a block column. */
  at(row: number, col: number): string {
    return a1(row, this.col + col);
  }

  /** One row's cells from column `first` to `last`. */
  across(row: number, first: number, last: number): string {
    return rangeA1({ row, col: this.col + first, rows: 1, cols: last - first + 1 });
  }

  /**
   * A column from sheet row `from` (the row under the header) to the block's last row so far. Over no rows it ends
   * above where it starts, and a plan leaves such a conditional format out.
   */
  column(col: number, from = this.top + 1): string {
    return `${this.at(from, col)}:${this.at(this.next - 1, col)}`;
  }

  /** Names a column from sheet row `from` to the block's last row so far. */
  nameColumn(name: string, col: number, from = this.top + 1): void {
    this.sheet.name(name, { row: from, col: this.col + col, rows: this.next - from, cols: 1 });
  }
}

/** A label and its value in the column beside it; the name is the value cell's. */
export interface Field {
  label: string;
  value: LaidCell;
  name?: string;
  /** The row's style, and the value cell's own (an input cell). */
  style?: Style;
  valueStyle?: Style;
  /** The value's number format, over the block's. */
  format?: string;
}

export interface PlaceOptions {
  /** Blank rows above the block (1 unless said). */
  gap?: number;
  /** Below the charts placed so far too, so that none is covered. */
  belowCharts?: boolean;
}

interface Placed {
  block: Omit<Block, 'cells'>;
  cells: LaidCell[][];
}

/** A sheet's blocks, charts and names, stacked top to bottom. */
export class SheetLayout {
  private readonly placed: Placed[] = [];
  private readonly names = new Map<string, Rect>();
  private readonly charts: ChartSpec[] = [];

  /** `top`: the first block's row (0, unless a block is built apart from its sheet, as a test may). */
  constructor(private readonly top = 0) {}

  /** The row below every block (and chart, when asked), exclusive. */
  private bottom(belowCharts: boolean): number {
    const blocks = this.placed.map((p) => p.block.row + p.cells.length);
    const charts = belowCharts ? this.charts.map((c) => chartBottom(c)) : [];
    return Math.max(0, ...blocks, ...charts);
  }

  /** Places a block at column A, `gap` rows below what is placed (the first at the top), its rows written by `write`. */
  block(id: string, write: BlockWriter, options: PlaceOptions = {}): Rect {
    const row = this.placed.length ? this.bottom(!!options.belowCharts) + (options.gap ?? 1) : this.top;
    const rows = new BlockRows(this, row, 0);
    const extras = write(rows) ?? {};
    // Up to the last row with a style (findLastIndex is ES2023; the task pane's bundle targets ES2020).
    const styles = [...rows.rowStyles];
    while (styles.length && styles[styles.length - 1] === null) styles.pop();
    const cellStyles = [...rows.cellStyles, ...(extras.cellStyles ?? [])];
    const cellFormats = [...rows.cellFormats, ...(extras.cellFormats ?? [])];
    const block: Omit<Block, 'cells'> = {
      id,
      row,
      col: 0,
      ...(styles.length ? { rowStyles: styles } : {}),
      ...extras,
      ...(cellStyles.length ? { cellStyles } : {}),
      ...(cellFormats.length ? { cellFormats } : {}),
    };
    this.placed.push({ block, cells: rows.cells });
    const rect = { row, col: 0, rows: Math.max(1, rows.cells.length), cols: Math.max(1, ...rows.cells.map((r) => r.length)) };
    this.name(id, rect);
    return rect;
  }

  /** The sheet's title, in the first row. */
  title(text: string): void {
    this.block('rubrik', (b) => void b.add([text], { style: 'title' }));
  }

  /** One line in a style, a block of its own (a heading over a table, a sentence). */
  line(id: string, text: string, style: Style | null = null, options: PlaceOptions = {}): void {
    this.block(id, (b) => void b.add([text], { style }), options);
  }

  /** A block of labels and values: a heading row (when given), then each field, named by its value cell. */
  fields(
    id: string,
    heading: readonly Cell[] | null,
    fields: readonly Field[],
    extras: BlockExtras = {},
    options: PlaceOptions = {},
  ): Rect {
    return this.block(
      id,
      (b) => {
        if (heading) b.add(heading, { style: 'header' });
        for (const f of fields) {
          const row = b.add([f.label, f.value], { style: f.style });
          if (f.name) this.name(f.name, { row, col: 1, rows: 1, cols: 1 });
          if (f.valueStyle) b.style(row, 1, f.valueStyle);
          if (f.format) b.format(row, 1, f.format);
        }
        return extras;
      },
      options,
    );
  }

  /** A chart, placed at its `at` cell. */
  chart(chart: ChartSpec): void {
    this.charts.push(chart);
  }

  /** Gives `rect` a name; a name is given once. */
  name(name: string, rect: Rect): void {
    if (this.names.has(name)) throw new Error(`the name ${name} is taken`);
    this.names.set(name, rect);
  }

  private rect(name: string): Rect {
    const rect = this.names.get(name);
    if (!rect) throw new Error(`no cell named ${name}`);
    return rect;
  }

  /** A named cell: `cell('kalkylränta')` → `B3`. */
  cell(name: string): string {
    const r = this.rect(name);
    if (r.rows !== 1 || r.cols !== 1) throw new Error(`${name} is not one cell`);
    return a1(r.row, r.col);
  }

  /** The cell in column `col` of a named row (of a named block's first row). */
  at(name: string, col: number): string {
    return a1(this.rect(name).row, col);
  }

  /** The sheet row of a named row (a named block's first). */
  row(name: string): number {
    return this.rect(name).row;
  }

  /** A named range (`G9:K9`), or the part of a named row within `span`'s columns. */
  range(name: string, span?: Span): string {
    const r = this.rect(name);
    return rangeA1(span ? { row: r.row, col: span.first, rows: r.rows, cols: span.last - span.first + 1 } : r);
  }

  /** The blocks placed so far, every cell filled in. */
  blocks(): Block[] {
    return this.placed.map(({ block, cells }): Block => ({
      ...block,
      cells: cells.map((row) => row.map((cell) => (typeof cell === 'function' ? cell(this) : cell))),
    }));
  }

  /** The plan: the blocks with the provenance under them, every cell filled in. */
  plan(sheet: Omit<SheetPlan, 'blocks' | 'charts' | 'notes'> & Partial<Pick<SheetPlan, 'notes'>>): SheetPlan {
    this.provenance(sheet.provenance);
    const blocks = this.placed.map(({ block, cells }): Block => ({
      ...block,
      cells: cells.map((row) => row.map((cell) => (typeof cell === 'function' ? cell(this) : cell))),
    }));
    return {
      name: sheet.name,
      code: sheet.code,
      blocks,
      charts: this.charts,
      columnWidths: sheet.columnWidths,
      provenance: sheet.provenance,
      notes: sheet.notes ?? [],
    };
  }

  /** Where the figures come from, under the sheet's content. */
  private provenance(p: Provenance): void {
    this.block('kalla', (b) => {
      b.add(['Källa och spårbarhet', null], { style: 'header' });
      const parameters = Object.entries(p.parameters)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      b.add(['Hämtat från', p.source], { style: 'muted' });
      b.add(['Parametrar', parameters || '–'], { style: 'muted' });
      b.add(['Skrivet', p.writtenAt], { style: 'muted' });
      if (p.writtenBy) b.add(['Skrivet av', p.writtenBy], { style: 'muted' });
      for (const l of p.loads) b.add(['Inläsning', `${l.file} (SHA-256 ${l.sha256.slice(0, 12)}…, ${l.loadedAt})`], { style: 'muted' });
    });
  }
}

/** The row a chart's anchor ends on: the first a block below it may take. */
const chartBottom = (chart: ChartSpec) => parseCell(chart.at).row + CHART_SIZE.rows;

/** One block at `row`, built apart from any sheet (its formulas read its own rows only). */
export function blockAt(row: number, id: string, write: BlockWriter): Block {
  const sheet = new SheetLayout(row);
  sheet.block(id, write);
  return sheet.blocks()[0];
}
