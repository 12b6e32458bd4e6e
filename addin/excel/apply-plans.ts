/**
 * @module apply-plans – the one Office.js adapter: sheet plans into the open workbook. It reads what is there in one
 * sync (the registry of what Nytta owns, sheets, names, tables), takes a snapshot of the ranges a refresh will change and
 * refuses if a user's own cells are in the way, then runs the operations from `operations.ts` packed into as few
 * batches as the payload limit allows, with calculation (and, where supported, screen updating) suspended in each. A
 * batch that fails is undone from the snapshot: the previous managed content comes back, not half a sheet.
 */
import { parseRange, rangeA1 } from '../sheets/a1.js';
import type { SheetPlan, Style } from '../sheets/plan.js';
import { FILLS, FONTS, hex } from '../sheets/palette.js';
import {
  a1Of,
  cellsOutside,
  DEFAULT_BUDGET,
  excelCell,
  managedSheet,
  operationBytes,
  packBatches,
  loadRegistry,
  registryOf,
  REGISTRY_KEY,
  refreshOperations,
  type ManagedSheet,
  type Operation,
} from './operations.js';

export interface ApplyOptions {
  job?: { kind: string; params: Record<string, string> };
  budget?: number;
  /** Called after every batch: done and total. */
  onProgress?: (done: number, total: number) => void;
}

export interface ApplyReport {
  syncs: number;
  /** Estimated request bytes of each write batch. */
  batchBytes: number[];
  sheets: string[];
}

/** A refresh that did not happen; `restored` says whether the previous content is back. The message is Swedish. */
export class ApplyError extends Error {
  constructor(
    message: string,
    readonly restored: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

interface Snapshot {
  sheet: string;
  address: string;
  /** What to write back to undo: formulas as formulas, text quoted as text. */
  formulas: (string | number | boolean)[][];
  formats: string[][];
}

type Workbook = Excel.Workbook;

/** Runs `operations` in `context`: each call queues Office.js commands; nothing is sent until the caller syncs. */
function executor(wb: Workbook) {
  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => {
    let ws = sheets.get(name);
    if (!ws) {
      ws = wb.worksheets.getItem(name);
      sheets.set(name, ws);
    }
    return ws;
  };
  return (op: Operation): void => {
    switch (op.op) {
      case 'addSheet':
        sheets.set(op.sheet, wb.worksheets.add(op.sheet));
        return;
      case 'deleteSheet':
        sheet(op.sheet).delete();
        sheets.delete(op.sheet);
        return;
      case 'deleteTable':
        wb.tables.getItem(op.name).delete();
        return;
      case 'deleteChart':
        sheet(op.sheet).charts.getItem(op.name).delete();
        return;
      case 'deleteName':
        wb.names.getItem(op.name).delete();
        return;
      case 'clear': {
        const range = sheet(op.sheet).getRange(op.address);
        range.conditionalFormats.clearAll();
        range.clear('All');
        return;
      }
      case 'write':
        // Invariant formulas (English names, comma separators): Excel shows them in the user's language by itself.
        sheet(op.sheet).getRange(op.address).formulas = op.formulas;
        return;
      case 'numberFormat':
        sheet(op.sheet).getRange(op.address).numberFormat = op.formats;
        return;
      case 'style':
        applyStyle(sheet(op.sheet).getRange(op.address).format, op.style);
        return;
      case 'columnWidth':
        // Plans give widths in characters, as ExcelJS does; Office.js takes points.
        sheet(op.sheet).getRangeByIndexes(0, op.column, 1, 1).format.columnWidth = Math.round(op.width * 5.6);
        return;
      case 'table': {
        const table = sheet(op.sheet).tables.add(op.address, true);
        table.name = op.name;
        table.style = op.style;
        return;
      }
      case 'conditional': {
        const cf = sheet(op.sheet).getRange(op.address).conditionalFormats.add('ContainsText');
        cf.textComparison.format.fill.color = hex(FILLS[op.style] ?? 'FFFFFFFF');
        cf.textComparison.rule = { operator: 'Contains', text: op.text };
        return;
      }
      case 'chart':
        addChart(sheet(op.sheet), op);
        return;
      case 'addName':
        wb.names.add(op.name, sheet(op.sheet).getRange(op.address), 'Nytta: hanteras av tillägget och skrivs om vid uppdatering');
        return;
      case 'saveRegistry':
        wb.settings.add(REGISTRY_KEY, op.value);
        return;
    }
  };
}

const LIMIT_COLOUR = '#7F7F7F';
const OUTSIDE_COLOUR = '#C00000';

/** A chart with every series' name, values and categories set explicitly: Excel's guess from a source range can take a
 * blank first value for a series name. Lines over columns (a combo) need ExcelApi 1.8; older hosts draw columns only. */
function addChart(ws: Excel.Worksheet, op: Extract<Operation, { op: 'chart' }>): void {
  const categories = ws.getRange(op.categories);
  const chart = ws.charts.add(op.type === 'combo' ? 'ColumnClustered' : 'Line', ws.getRange(op.series[0].values), 'Columns');
  chart.name = op.name;
  chart.title.text = op.title;
  const combo = typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', '1.8');
  op.series.forEach((spec, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(spec.name);
    series.name = spec.name;
    series.setValues(ws.getRange(spec.values));
    series.setXAxisValues(categories);
    if (op.type === 'combo' && spec.kind !== 'column' && combo) series.chartType = 'Line';
    if (spec.kind === 'column') return;
    series.markerStyle = spec.kind === 'markers' ? 'Circle' : 'None';
    if (spec.kind === 'markers') {
      series.markerBackgroundColor = OUTSIDE_COLOUR;
      series.markerForegroundColor = OUTSIDE_COLOUR;
      series.format.line.lineStyle = 'None';
    } else if (spec.dashed) {
      series.format.line.lineStyle = 'Dash';
      series.format.line.color = LIMIT_COLOUR;
    }
  });
  if (op.xTitle) chart.axes.categoryAxis.title.text = op.xTitle;
  if (op.yTitle) chart.axes.valueAxis.title.text = op.yTitle;
  chart.setPosition(op.at, op.to);
}

function applyStyle(format: Excel.RangeFormat, style: Style): void {
  const fill = FILLS[style];
  const font = FONTS[style];
  if (fill && style !== 'muted' && style !== 'note') format.fill.color = hex(fill);
  if (font) format.font.color = hex(font);
  if (['title', 'header', 'input', 'total', 'key'].includes(style)) format.font.bold = true;
  if (style === 'title') format.font.size = 14;
  if (style === 'muted' || style === 'note') format.font.italic = true;
  if (style === 'total') format.borders.getItem('EdgeTop').style = 'Continuous';
}

function suspend(context: Excel.RequestContext): void {
  context.workbook.application.suspendApiCalculationUntilNextSync();
  // ExcelApi 1.9; older hosts just redraw as they go.
  if (typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', '1.9'))
    context.workbook.application.suspendScreenUpdatingUntilNextSync();
}

/**
 * A snapshot's cell written back as it was read: formulas as they are, text quoted again where Excel would read it as a
 * value or a formula. `formulas` gives a formula and a text that starts with `=` alike; the formula is the cell whose
 * value (its result) is not that text.
 */
export const asWritten = (formula: unknown, value: unknown): string | number | boolean => {
  const v = formula as string | number | boolean;
  if (typeof v !== 'string') return v;
  return v.startsWith('=') && value !== v ? v : excelCell(v);
};

export const errorCode = (error: unknown) => (error as { code?: string } | null)?.code ?? '';
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Applies `plans`, replacing only what Nytta wrote before. Retries with smaller batches when Excel says a request was too large. */
export async function applyPlans(
  context: Excel.RequestContext,
  plans: readonly SheetPlan[],
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  let budget = options.budget ?? DEFAULT_BUDGET;
  for (let attempt = 0; ; attempt++) {
    try {
      return await applyOnce(context, plans, { ...options, budget });
    } catch (error) {
      if (!(error instanceof ApplyError) || error.code !== 'RequestPayloadSizeLimitExceeded' || !error.restored || attempt >= 2)
        throw error;
      budget = Math.floor(budget / 2);
    }
  }
}

async function applyOnce(
  context: Excel.RequestContext,
  plans: readonly SheetPlan[],
  options: ApplyOptions & { budget: number },
): Promise<ApplyReport> {
  const wb = context.workbook;

  // 1. What is there.
  const setting = loadRegistry(wb);
  wb.worksheets.load('items/name');
  wb.names.load('items/name');
  wb.tables.load('items/name');
  await context.sync();
  let syncs = 1;
  const registry = registryOf(setting);
  const existingSheets = new Set(wb.worksheets.items.map((s) => s.name));
  const existingNames = new Set(wb.names.items.map((n) => n.name));
  const existingTables = new Set(wb.tables.items.map((t) => t.name));

  // 2. On sheets that exist: their charts, a snapshot of Nytta's ranges, and the cells the new layout needs.
  const touched = plans.filter((p) => existingSheets.has(p.name));
  const { snapshots, existingCharts, blocked, syncs: reads } = await readTouched(context, touched, registry, options.budget);
  syncs += reads;
  const refresh = refreshOperations(plans, {
    existingSheets,
    existingNames,
    existingTables,
    existingCharts,
    registry,
    job: options.job,
    budget: options.budget,
  });
  const conflicts = [...blocked, ...refresh.conflicts];
  if (conflicts.length) throw new ApplyError(conflicts.join('\n'), true, 'conflict');

  // 3. The work, in as few batches as the payload limit allows.
  const batches = packBatches(refresh.operations, options.budget);
  const run = executor(wb);
  const batchBytes: number[] = [];
  for (const [i, batch] of batches.entries()) {
    suspend(context);
    for (const op of batch) run(op);
    try {
      // One sync per batch: each batch is as large as the payload limit allows.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (error) {
      const restored = await rollback(context, {
        plans,
        newRegistry: refresh.registry,
        newSheets: refresh.newSheets,
        snapshots,
        oldRegistry: registry,
        sheetsBefore: existingSheets,
        budget: options.budget,
      }).then(
        () => true,
        () => false,
      );
      const code = errorCode(error);
      const reason = code === 'RequestPayloadSizeLimitExceeded' ? 'Excel tog inte emot så mycket data i ett anrop' : errorText(error);
      throw new ApplyError(
        restored
          ? `Uppdateringen avbröts i steg ${i + 1} av ${batches.length} (${reason}). Det Nytta skrivit tidigare är återställt: värden, formler, talformat, namn, tabeller och registret. Fyllnadsfärger och diagram ritas om vid nästa uppdatering. Inget annat i arbetsboken har ändrats.`
          : `Uppdateringen avbröts i steg ${i + 1} av ${batches.length} (${reason}), och återställningen misslyckades också. Kontrollera bladen ${plans.map((p) => p.name).join(', ')} och uppdatera igen.`,
        restored,
        code,
      );
    }
    batchBytes.push(batch.reduce((sum, op) => sum + operationBytes(op), 0));
    options.onProgress?.(i + 1, batches.length);
  }
  return { syncs, batchBytes, sheets: plans.map((p) => p.name) };
}

interface TouchedRead {
  sheet: string;
  address: string;
  /** `snapshot`: Nytta's own range, kept to undo; `check`: cells the new layout needs, which must be empty. */
  purpose: 'snapshot' | 'check';
  outside: { row: number; col: number }[];
  range: Excel.Range;
}

/** A range as row pieces of at most `maxCells` cells each (at least one row a piece). */
export function rowPieces(address: string, maxCells: number): string[] {
  const { row, col, rows, cols } = parseRange(address);
  const step = Math.max(1, Math.floor(maxCells / cols));
  const pieces: string[] = [];
  for (let r = 0; r < rows; r += step) pieces.push(rangeA1({ row: row + r, col, rows: Math.min(rows - r, step), cols }));
  return pieces;
}

/**
 * Loads, on the sheets that exist, what a refresh needs to know and to undo; refuses a layout that would cover a user's
 * cells. Responses have the same 5 MB limit as requests: the reads go in parts sized by cells, and when Excel still
 * finds a response too large (long texts), the parts are made a quarter the size and read again.
 */
async function readTouched(
  context: Excel.RequestContext,
  touched: readonly SheetPlan[],
  registry: readonly ManagedSheet[],
  budget: number,
) {
  let perSync = Math.max(1000, Math.floor(budget / 24));
  const tally = { syncs: 0 };
  for (;;) {
    try {
      const read = await readInParts(context, touched, registry, perSync, tally);
      return { ...read, syncs: tally.syncs };
    } catch (error) {
      if (errorCode(error) !== 'ResponsePayloadSizeLimitExceeded' || perSync <= 1) throw error;
      perSync = Math.max(1, Math.floor(perSync / 4));
    }
  }
}

async function readInParts(
  context: Excel.RequestContext,
  touched: readonly SheetPlan[],
  registry: readonly ManagedSheet[],
  perSync: number,
  tally: { syncs: number },
) {
  const wb = context.workbook;
  const snapshots: Snapshot[] = [];
  const existingCharts = new Set<string>();
  const blocked: string[] = [];
  if (!touched.length) return { snapshots, existingCharts, blocked };
  const wanted: { sheet: string; address: string; purpose: TouchedRead['purpose']; outside: TouchedRead['outside'] }[] = [];
  for (const plan of touched) {
    const owned = registry.find((m) => m.sheet === plan.name)?.ranges.map((r) => r.address) ?? [];
    // Each range in pieces a part can hold; a snapshot piece is written back as it was read, a check piece checks its own cells.
    for (const address of owned)
      for (const piece of rowPieces(address, perSync)) wanted.push({ sheet: plan.name, address: piece, purpose: 'snapshot', outside: [] });
    for (const { address } of managedSheet(plan).ranges) {
      for (const piece of rowPieces(address, perSync)) {
        const outside = cellsOutside(piece, owned);
        if (outside.length) wanted.push({ sheet: plan.name, address: piece, purpose: 'check', outside });
      }
    }
  }
  const chartLists = touched.map((plan) => ({ sheet: plan.name, charts: wb.worksheets.getItem(plan.name).charts.load('items/name') }));
  const parts: (typeof wanted)[] = [[]];
  let cells = 0;
  for (const w of wanted) {
    const { rows, cols } = parseRange(w.address);
    const n = rows * cols;
    if (parts[parts.length - 1].length && cells + n > perSync) {
      parts.push([]);
      cells = 0;
    }
    parts[parts.length - 1].push(w);
    cells += n;
  }
  for (const part of parts) {
    const reads: TouchedRead[] = part.map((w) => ({
      ...w,
      range: wb.worksheets
        .getItem(w.sheet)
        .getRange(w.address)
        .load(w.purpose === 'snapshot' ? 'formulas,values,numberFormat' : 'formulas'),
    }));
    // One sync per part, each within the response limit.
    tally.syncs++;
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    for (const read of reads) takeRead(read, snapshots, blocked);
  }
  for (const { sheet, charts } of chartLists) for (const chart of charts.items) existingCharts.add(`${sheet}!${chart.name}`);
  return { snapshots, existingCharts, blocked };
}

/** A loaded range: kept as a snapshot, or checked for a user's content in the cells Nytta is about to take. */
function takeRead(read: TouchedRead, snapshots: Snapshot[], blocked: string[]): void {
  const formulas = read.range.formulas;
  if (read.purpose === 'snapshot') {
    const values = read.range.values;
    snapshots.push({
      sheet: read.sheet,
      address: read.address,
      formulas: formulas.map((row, r) => row.map((f, c) => asWritten(f, values[r]?.[c]))),
      formats: read.range.numberFormat,
    });
    return;
  }
  const taken = read.outside.find(({ row, col }) => formulas[row]?.[col] !== '' && formulas[row]?.[col] !== null);
  if (taken) {
    const at = a1Of(read.address, taken.row, taken.col);
    blocked.push(
      `Nytta behöver cellerna ${read.sheet}!${read.address}, men ${read.sheet}!${at} innehåller egna uppgifter. Flytta dem (eller bladet) och försök igen; inget har skrivits.`,
    );
  }
}

/** What a failed refresh did and what was there before it: enough to undo it. */
interface RollbackState {
  plans: readonly SheetPlan[];
  /** The registry the refresh was writing, and the sheets it added. */
  newRegistry: readonly ManagedSheet[];
  newSheets: readonly string[];
  /** Nytta's ranges, names, tables and sheets as they were before. */
  snapshots: readonly Snapshot[];
  oldRegistry: readonly ManagedSheet[];
  sheetsBefore: ReadonlySet<string>;
  budget: number;
}

/** Undoes a refresh that failed: removes what it added, restores the snapshot, the old names, tables and registry. */
async function rollback(context: Excel.RequestContext, state: RollbackState): Promise<void> {
  const { plans, newRegistry, newSheets, snapshots, oldRegistry, sheetsBefore, budget } = state;
  const wb = context.workbook;
  wb.worksheets.load('items/name');
  wb.names.load('items/name');
  wb.tables.load('items/name');
  const chartCollections = plans
    .filter((p) => sheetsBefore.has(p.name))
    .map((p) => ({ sheet: p.name, charts: wb.worksheets.getItem(p.name).charts.load('items/name') }));
  await context.sync();
  const sheetsNow = new Set(wb.worksheets.items.map((s) => s.name));
  const namesNow = new Set(wb.names.items.map((n) => n.name));
  const tablesNow = new Set(wb.tables.items.map((t) => t.name));
  const ops: Operation[] = [];
  for (const sheet of newSheets) if (sheetsNow.has(sheet)) ops.push({ op: 'deleteSheet', sheet });
  const planSheets = new Set(plans.map((p) => p.name));
  for (const entry of newRegistry.filter((m) => planSheets.has(m.sheet) && sheetsBefore.has(m.sheet))) {
    for (const t of entry.tables) if (tablesNow.has(t.name)) ops.push({ op: 'deleteTable', name: t.name });
    for (const r of entry.ranges) {
      if (namesNow.has(r.name)) ops.push({ op: 'deleteName', name: r.name });
      ops.push({ op: 'clear', sheet: entry.sheet, address: r.address });
    }
  }
  for (const { sheet, charts } of chartCollections)
    for (const c of charts.items) if (c.name.startsWith('NYTTA_')) ops.push({ op: 'deleteChart', sheet, name: c.name });
  for (const s of snapshots) {
    ops.push(
      { op: 'write', sheet: s.sheet, address: s.address, formulas: s.formulas },
      { op: 'numberFormat', sheet: s.sheet, address: s.address, formats: s.formats },
    );
  }
  for (const entry of oldRegistry.filter((m) => planSheets.has(m.sheet) && sheetsBefore.has(m.sheet))) {
    for (const t of entry.tables) ops.push({ op: 'table', sheet: entry.sheet, address: t.address, name: t.name, style: t.style });
    for (const r of entry.ranges) ops.push({ op: 'addName', sheet: entry.sheet, name: r.name, address: r.address });
  }
  ops.push({ op: 'saveRegistry', value: JSON.stringify(oldRegistry) });
  const run = executor(wb);
  for (const batch of packBatches(ops, budget)) {
    for (const op of batch) run(op);
    // One sync per batch within the payload limit, as in the refresh itself.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }
}
