/**
 * @module operations – what applying sheet plans to a workbook means, as plain data: the ordered operations (clear what
 * Nytta wrote before, write values in row chunks, then number formats, styles, tables, conditional formats, charts,
 * names and the registry) and the estimated request size of each. Pure, so the layout of a refresh and its batching are
 * tested without Excel; `apply-plans` only executes them.
 */
import { a1, parseRange, rangeA1 } from '../sheets/a1.js';
import {
  blockRange,
  blockWidth,
  chartEnd,
  chartName,
  isFormula,
  managedName,
  dateSerial,
  planBlocks,
  type Block,
  type Cell,
  type ChartSpec,
  type SheetPlan,
  type Style,
} from '../sheets/plan.js';

/** What Nytta owns on one sheet, kept in the workbook's settings under `REGISTRY_KEY`. */
export interface ManagedSheet {
  sheet: string;
  code: string;
  /** The job and its choices, so that "Kontrollera" can re-run it. */
  job?: { kind: string; params: Record<string, string> };
  ranges: { name: string; address: string }[];
  tables: { name: string; address: string; style: string }[];
  charts: string[];
}

export const REGISTRY_KEY = 'nytta.managed';

export type Operation =
  | { op: 'addSheet'; sheet: string }
  | { op: 'deleteSheet'; sheet: string }
  | { op: 'deleteTable'; name: string }
  | { op: 'deleteChart'; sheet: string; name: string }
  | { op: 'deleteName'; name: string }
  | { op: 'clear'; sheet: string; address: string }
  | { op: 'write'; sheet: string; address: string; formulas: (string | number | boolean)[][] }
  | { op: 'numberFormat'; sheet: string; address: string; formats: string[][] }
  | { op: 'style'; sheet: string; address: string; style: Style }
  | { op: 'columnWidth'; sheet: string; column: number; width: number }
  | { op: 'table'; sheet: string; address: string; name: string; style: string }
  | { op: 'conditional'; sheet: string; address: string; text: string; style: Style }
  | {
      op: 'chart';
      sheet: string;
      name: string;
      title: string;
      type: ChartSpec['type'];
      categories: string;
      series: ChartSpec['series'];
      xTitle?: string;
      yTitle?: string;
      at: string;
      to: string;
    }
  | { op: 'addName'; sheet: string; name: string; address: string }
  | { op: 'saveRegistry'; value: string };

/** Excel on the web refuses a request above 5 MB; batches are packed to this budget, leaving room for the envelope. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const DEFAULT_BUDGET = Math.floor(PAYLOAD_LIMIT * 0.9);
/** What Office.js adds around every action in a request (ids, method names, property paths), measured generously. */
export const ACTION_OVERHEAD = 160;

const UTF8 = new TextEncoder();

/** The size of a text as a request carries it: UTF-8 bytes, not characters (å, ä and ö take two bytes each). */
export function utf8Bytes(text: string): number {
  return UTF8.encode(text).length;
}

/** The estimated size in a request: the data as JSON in UTF-8 plus the action's envelope. */
export function operationBytes(op: Operation): number {
  return utf8Bytes(JSON.stringify(op)) + ACTION_OVERHEAD;
}

/**
 * Text Excel would read as something else if typed: a formula (= + − @), a number or percentage (2024, 0,5, 12 %), a
 * date or month (2024-03, 2024-03-15, 3/15/2024), a time, TRUE/FALSE, or a text that starts with an apostrophe itself.
 */
const READ_AS_VALUE = [
  /^[=+\-@']/,
  /^\s*[+-]?(\d[\d\s.,]*|[.,]\d+)(e[+-]?\d+)?\s*%?\s*$/i,
  /^\s*\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?\s*$/,
  /^\s*\d{1,2}:\d{2}/,
  /^\s*(true|false|sant|falskt)\s*$/i,
];

/**
 * A cell as Excel's `range.formulas` takes it: a formula with its `=`, empty as ''. Excel reads a string there as if
 * it were typed, so a period label `2024-03` would become a date and `2024` a number: text that Excel would read as a
 * value gets a leading apostrophe, which keeps it text (and which Excel does not show).
 */
export function excelCell(cell: Cell): string | number | boolean {
  if (isFormula(cell)) return `=${cell.formula}`;
  if (cell === null) return '';
  // A date as a date: its serial number, which the date format planBlocks gives the cell shows as 2024-03-15.
  const serial = dateSerial(cell);
  if (serial !== null) return serial;
  if (typeof cell === 'string' && READ_AS_VALUE.some((re) => re.test(cell))) return `'${cell}`;
  if (typeof cell === 'number' && !Number.isFinite(cell)) return '';
  return cell;
}

/** Consecutive row spans of `rows` whose JSON stays within `budget` bytes (a single row larger than that goes alone). */
function rowSpans(rows: readonly unknown[][], budget: number): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  while (start < rows.length) {
    let end = start;
    // The write's own JSON around its rows: op, sheet name (up to 31 characters, in UTF-8), address and keys.
    let bytes = ACTION_OVERHEAD + 200;
    while (end < rows.length) {
      const rowBytes = utf8Bytes(JSON.stringify(rows[end])) + 1;
      if (end > start && bytes + rowBytes > budget) break;
      bytes += rowBytes;
      end++;
    }
    spans.push([start, end]);
    start = end;
  }
  return spans;
}

/** Row chunks of a block's values, each within `budget` bytes. */
function writeChunks(sheet: string, block: Block, budget: number): Operation[] {
  const width = blockWidth(block);
  const rows = block.cells.map((r) => Array.from({ length: width }, (_, c) => excelCell(r[c] ?? null)));
  return rowSpans(rows, budget).map(([start, end]): Operation => ({
    op: 'write',
    sheet,
    address: rangeA1({ row: block.row + start, col: block.col, rows: end - start, cols: width }),
    formulas: rows.slice(start, end),
  }));
}

/** Number formats: one op per column that has one (in row chunks within `budget`); a header row keeps the general format. */
function formatOps(sheet: string, block: Block, budget: number): Operation[] {
  const out: Operation[] = [];
  const n = block.cells.length;
  const headerStyled = !!block.rowStyles?.[0] || !!block.table;
  const first = headerStyled ? 1 : 0;
  block.formats?.forEach((format, c) => {
    if (!format || n <= first) return;
    const formats = Array.from({ length: n - first }, () => [format]);
    for (const [start, end] of rowSpans(formats, budget)) {
      out.push({
        op: 'numberFormat',
        sheet,
        address: rangeA1({ row: block.row + first + start, col: block.col + c, rows: end - start, cols: 1 }),
        formats: formats.slice(start, end),
      });
    }
  });
  for (const f of block.cellFormats ?? [])
    out.push({ op: 'numberFormat', sheet, address: a1(block.row + f.row, block.col + f.col), formats: [[f.format]] });
  return out;
}

/** Styles: consecutive rows with the same style become one range. Tables style themselves. */
function styleOps(sheet: string, block: Block): Operation[] {
  const out: Operation[] = [];
  const width = blockWidth(block);
  if (block.rowStyles && !block.table) {
    let r = 0;
    while (r < block.rowStyles.length) {
      const style = block.rowStyles[r];
      let end = r + 1;
      while (end < block.rowStyles.length && block.rowStyles[end] === style) end++;
      if (style)
        out.push({ op: 'style', sheet, address: rangeA1({ row: block.row + r, col: block.col, rows: end - r, cols: width }), style });
      r = end;
    }
  }
  for (const s of block.cellStyles ?? [])
    out.push({ op: 'style', sheet, address: a1(block.row + s.row, block.col + s.col), style: s.style });
  return out;
}

export interface PlanContext {
  /** Sheets, workbook names, tables and charts (`sheet!name`) that exist in the workbook now. */
  existingSheets: ReadonlySet<string>;
  existingNames?: ReadonlySet<string>;
  existingTables?: ReadonlySet<string>;
  existingCharts?: ReadonlySet<string>;
  /** What Nytta wrote before (the registry). */
  registry: readonly ManagedSheet[];
  /** The job behind the plans, kept for "Kontrollera". */
  job?: { kind: string; params: Record<string, string> };
  budget?: number;
}

export interface RefreshPlan {
  /** Operations in order: removal of what Nytta wrote before comes first. */
  operations: Operation[];
  /** The registry after the refresh. */
  registry: ManagedSheet[];
  /** Sheets this refresh creates (removed again if it fails). */
  newSheets: string[];
  /** Things in the way that are not Nytta's (a user's table with a name Nytta needs), in Swedish. */
  conflicts: string[];
}

/** The new registry entry of a plan. */
export function managedSheet(plan: SheetPlan, job?: PlanContext['job']): ManagedSheet {
  const blocks = planBlocks(plan);
  return {
    sheet: plan.name,
    code: plan.code,
    job,
    ranges: blocks.map((b) => ({ name: managedName(plan, b), address: blockRange(b) })),
    tables: blocks.filter((b) => b.table).map((b) => ({ name: b.table!.name, address: blockRange(b), style: b.table!.style })),
    charts: plan.charts.map((_, i) => chartName(plan, i)),
  };
}

/** Whether two sheet, table or range names are the same name to Excel (which ignores case). */
export const sameName = (a: string, b: string) => a.toLocaleLowerCase('sv') === b.toLocaleLowerCase('sv');
const hasName = (names: ReadonlySet<string>, name: string) => names.has(name) || [...names].some((n) => sameName(n, name));

/** Everything a refresh does, in order. */
export function refreshOperations(plans: readonly SheetPlan[], context: PlanContext): RefreshPlan {
  const budget = context.budget ?? DEFAULT_BUDGET;
  const planSheets = new Set(plans.map((p) => p.name));
  const old = context.registry.filter((m) => planSheets.has(m.sheet));
  const removal: Operation[] = [];
  const nameSet = context.existingNames ?? new Set<string>();
  const tables = context.existingTables ?? new Set<string>();
  const charts = context.existingCharts ?? new Set<string>();
  const deletedNames = new Set<string>();
  const deletedTables = new Set<string>();
  for (const m of old) {
    for (const t of m.tables) {
      if (!hasName(tables, t.name)) continue;
      removal.push({ op: 'deleteTable', name: t.name });
      deletedTables.add(t.name);
    }
    for (const c of m.charts) if (charts.has(`${m.sheet}!${c}`)) removal.push({ op: 'deleteChart', sheet: m.sheet, name: c });
    for (const r of m.ranges) {
      if (hasName(nameSet, r.name)) {
        removal.push({ op: 'deleteName', name: r.name });
        deletedNames.add(r.name);
      }
      if (context.existingSheets.has(m.sheet)) removal.push({ op: 'clear', sheet: m.sheet, address: r.address });
    }
  }
  const newSheets = plans.map((p) => p.name).filter((n) => !context.existingSheets.has(n));
  const values: Operation[] = newSheets.map((sheet) => ({ op: 'addSheet', sheet }));
  const finishing: Operation[] = [];
  const entries: ManagedSheet[] = [];
  for (const plan of plans) {
    const entry = managedSheet(plan, context.job);
    entries.push(entry);
    const sheet = plan.name;
    // Column widths only on a sheet Nytta creates: a user's widths on an existing sheet are theirs.
    if (newSheets.includes(sheet))
      plan.columnWidths.forEach((width, column) => finishing.push({ op: 'columnWidth', sheet, column, width }));
    for (const block of planBlocks(plan)) {
      values.push(...writeChunks(sheet, block, budget));
      finishing.push(...formatOps(sheet, block, budget), ...styleOps(sheet, block));
      if (block.table) finishing.push({ op: 'table', sheet, address: blockRange(block), name: block.table.name, style: block.table.style });
      for (const cf of block.conditionalFormats ?? [])
        finishing.push({ op: 'conditional', sheet, address: cf.range, text: cf.text, style: cf.style });
      finishing.push({ op: 'addName', sheet, name: managedName(plan, block), address: blockRange(block) });
    }
    plan.charts.forEach((chart, i) =>
      finishing.push({
        op: 'chart',
        sheet,
        name: entry.charts[i],
        title: chart.title,
        type: chart.type,
        categories: chart.categories,
        series: chart.series,
        xTitle: chart.xTitle,
        yTitle: chart.yTitle,
        at: chart.at,
        to: chartEnd(chart.at),
      }),
    );
  }
  const conflicts: string[] = [];
  // Excel compares names without regard to case: a user's sheet `risker` is in the way of Nytta's `Risker`.
  for (const plan of plans) {
    const other = [...context.existingSheets].find((n) => n !== plan.name && sameName(n, plan.name));
    if (other && !context.existingSheets.has(plan.name)) {
      conflicts.push(
        `Bladet "${other}" finns redan i arbetsboken, och Excel skiljer inte på stora och små bokstäver i bladnamn: Nytta kan inte skapa "${plan.name}". Byt namn på bladet "${other}" och försök igen; inget har skrivits.`,
      );
    }
  }
  for (const entry of entries) {
    // A name left from a sheet the user deleted points nowhere; it is Nytta's, so it goes.
    for (const r of entry.ranges) {
      if (!hasName(nameSet, r.name) || hasName(deletedNames, r.name)) continue;
      removal.push({ op: 'deleteName', name: r.name });
      deletedNames.add(r.name);
    }
    for (const t of entry.tables)
      if (hasName(tables, t.name) && !hasName(deletedTables, t.name))
        conflicts.push(`Det finns redan en tabell som heter ${t.name} och som Nytta inte skapat. Byt namn på den och försök igen.`);
  }
  const registry = [...context.registry.filter((m) => !planSheets.has(m.sheet)), ...entries];
  return {
    operations: [...removal, ...values, ...finishing, { op: 'saveRegistry', value: JSON.stringify(registry) }],
    registry,
    newSheets,
    conflicts,
  };
}

/** Operations packed greedily into batches of at most `budget` bytes; one sync per batch. */
export function packBatches(operations: readonly Operation[], budget = DEFAULT_BUDGET): Operation[][] {
  const batches: Operation[][] = [];
  let current: Operation[] = [];
  let bytes = 0;
  for (const op of operations) {
    const size = operationBytes(op);
    if (current.length && bytes + size > budget) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += size;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Queues the read of the registry's setting; after the next sync, `registryOf` reads it. */
export function loadRegistry(wb: Excel.Workbook): Excel.Setting {
  return wb.settings.getItemOrNullObject(REGISTRY_KEY).load('value');
}

/** The registry in a setting loaded by `loadRegistry` and synced. */
export function registryOf(setting: Excel.Setting): ManagedSheet[] {
  return setting.isNullObject ? [] : parseRegistry(setting.value);
}

/** Parses the stored registry; anything unreadable counts as empty rather than stopping the user's refresh. */
export function parseRegistry(value: unknown): ManagedSheet[] {
  if (typeof value !== 'string' || !value) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed)
      ? (parsed as ManagedSheet[]).filter((m) => m && typeof m.sheet === 'string' && Array.isArray(m.ranges))
      : [];
  } catch {
    return [];
  }
}

/** Cells of `address` that lie outside every range in `owned` (all on one sheet), as A1 references. */
export function cellsOutside(address: string, owned: readonly string[]): { row: number; col: number }[] {
  const r = parseRange(address);
  const boxes = owned.map(parseRange);
  const out: { row: number; col: number }[] = [];
  for (let i = 0; i < r.rows; i++) {
    for (let j = 0; j < r.cols; j++) {
      const row = r.row + i;
      const col = r.col + j;
      if (!boxes.some((b) => row >= b.row && row < b.row + b.rows && col >= b.col && col < b.col + b.cols)) out.push({ row: i, col: j });
    }
  }
  return out;
}

/** The A1 reference of the cell at (row, col) inside `address`. */
export function a1Of(address: string, row: number, col: number): string {
  const r = parseRange(address);
  return a1(r.row + row, r.col + col);
}
