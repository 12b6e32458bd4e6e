/**
 * @module render-workbook – the second adapter: sheet plans into an .xlsx with ExcelJS. Formulas are written without
 * cached results, so any spreadsheet program computes them on open. Nytta writes only what it owns: every managed range,
 * table and conditional format is listed in a very hidden sheet `_nytta`, and a refresh clears exactly those before
 * writing; a user's own sheets and cells, also those beside Nytta's blocks, are left as they were. Charts are added to
 * the package ExcelJS writes (`chart-package.ts`), and a user's own charts survive a refresh.
 */
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { blockRange, blockWidth, dateSerial, isFormula, managedName, planBlocks, type Block, type SheetPlan } from '../sheets/plan.js';
import { addCharts, userCharts, type CarriedChart } from './chart-package.js';
import { cellStyle, cfStyle } from './styles.js';

const REGISTRY = '_nytta';

interface Managed {
  kind: 'range' | 'table' | 'cf';
  sheet: string;
  name: string;
  address: string;
}

function readRegistry(wb: ExcelJS.Workbook): Managed[] {
  const sheet = wb.getWorksheet(REGISTRY);
  if (!sheet) return [];
  const out: Managed[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const [kind, name, address, sheetName] = [1, 2, 3, 4].map((c) => String(row.getCell(c).value ?? ''));
    out.push({ kind: kind as Managed['kind'], name, address, sheet: sheetName });
  });
  return out;
}

function writeRegistry(wb: ExcelJS.Workbook, entries: readonly Managed[]): void {
  const old = wb.getWorksheet(REGISTRY);
  if (old) wb.removeWorksheet(old.id);
  const sheet = wb.addWorksheet(REGISTRY, { state: 'veryHidden' });
  sheet.addRow(['kind', 'name', 'address', 'sheet']);
  for (const e of entries) sheet.addRow([e.kind, e.name, e.address, e.sheet]);
}

function clearManaged(wb: ExcelJS.Workbook, entries: readonly Managed[]): void {
  for (const e of entries) {
    const ws = wb.getWorksheet(e.sheet);
    if (!ws) continue;
    if (e.kind === 'table') {
      // ExcelJS keeps tables by name; its typings of getTables() do not match what it returns, so ask by name.
      if (ws.getTable(e.name)) ws.removeTable(e.name);
    } else if (e.kind === 'cf') {
      // The function is a filter: what it accepts is kept.
      ws.removeConditionalFormatting((cf: { ref: string }) => cf.ref !== e.address);
    } else {
      const [from, to] = e.address.split(':');
      const a = ws.getCell(from);
      const b = ws.getCell(to ?? from);
      for (let r = Number(a.row); r <= Number(b.row); r++) {
        for (let c = Number(a.col); c <= Number(b.col); c++) {
          const cell = ws.getCell(r, c);
          cell.value = null;
          cell.style = {};
        }
      }
      if (wb.definedNames.getRanges(e.name).ranges.length) wb.definedNames.remove(`'${e.sheet}'!${e.address}`, e.name);
    }
  }
}

function writeBlock(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, plan: SheetPlan, block: Block, managed: Managed[]): void {
  const width = blockWidth(block);
  if (block.table && block.cells.length >= 1) {
    const [header, ...rows] = block.cells;
    ws.addTable({
      name: block.table.name,
      ref: ws.getCell(block.row + 1, block.col + 1).address,
      headerRow: true,
      style: { theme: block.table.style as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
      columns: header.map((h) => ({ name: String(h ?? ''), filterButton: true })),
      rows: rows.length
        ? rows.map((r) => r.map((c) => (isFormula(c) ? { formula: c.formula } : (dateSerial(c) ?? c))))
        : [header.map(() => null)],
    });
    managed.push({ kind: 'table', sheet: plan.name, name: block.table.name, address: blockRange(block) });
  } else {
    block.cells.forEach((row, r) =>
      row.forEach((value, c) => {
        ws.getCell(block.row + r + 1, block.col + c + 1).value = isFormula(value)
          ? { formula: value.formula }
          : (dateSerial(value) ?? (value as ExcelJS.CellValue));
      }),
    );
  }
  block.cells.forEach((_, r) => {
    for (let c = 0; c < width; c++) {
      const cell = ws.getCell(block.row + r + 1, block.col + c + 1);
      const rowStyle = block.rowStyles?.[r];
      if (rowStyle && !block.table) cell.style = { ...cell.style, ...cellStyle(rowStyle) };
      const format =
        block.cellFormats?.find((f) => f.row === r && f.col === c)?.format ?? (r > 0 || !block.rowStyles?.[0] ? block.formats?.[c] : null);
      if (format) cell.numFmt = format;
    }
  });
  for (const s of block.cellStyles ?? []) {
    const cell = ws.getCell(block.row + s.row + 1, block.col + s.col + 1);
    cell.style = { ...cell.style, ...cellStyle(s.style) };
  }
  for (const cf of block.conditionalFormats ?? []) {
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [{ type: 'containsText', operator: 'containsText', text: cf.text, style: cfStyle(cf.style), priority: 1 }],
    });
    managed.push({ kind: 'cf', sheet: plan.name, name: cf.text, address: cf.range });
  }
  const range = blockRange(block);
  const name = managedName(plan, block);
  wb.definedNames.add(`'${plan.name}'!${range}`, name);
  managed.push({ kind: 'range', sheet: plan.name, name, address: range });
}

/** Writes the plans into `wb` (new, or read from a file to refresh), replacing only what Nytta wrote before. */
export function applyPlans(wb: ExcelJS.Workbook, plans: readonly SheetPlan[]): void {
  const registry = readRegistry(wb);
  const names = new Set(plans.map((p) => p.name));
  clearManaged(
    wb,
    registry.filter((e) => names.has(e.sheet)),
  );
  const kept = registry.filter((e) => !names.has(e.sheet));
  const managed: Managed[] = [];
  for (const plan of plans) {
    const ws =
      wb.getWorksheet(plan.name) ??
      // Printed (and rendered to PDF) landscape, one page wide, as a report reads.
      wb.addWorksheet(plan.name, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 } });
    plan.columnWidths.forEach((w, i) => {
      const column = ws.getColumn(i + 1);
      if (!column.width) column.width = w;
    });
    for (const block of planBlocks(plan)) writeBlock(wb, ws, plan, block, managed);
  }
  writeRegistry(wb, [...kept, ...managed]);
  // Compute every formula on open; cached results are never written.
  wb.calcProperties = { fullCalcOnLoad: true };
}

/** The name the service gave whoever had the sheets written: the file's "last modified by". */
const writtenBy = (plans: readonly SheetPlan[]) => plans.find((p) => p.provenance.writtenBy)?.provenance.writtenBy ?? 'Nytta';

/** Reads `path` when it exists (a refresh), applies the plans and writes it back, with the charts. */
export async function writeWorkbook(path: string, plans: readonly SheetPlan[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  // ExcelJS drops charts it reads: the user's own are lifted from the file first and put back after.
  let carried: CarriedChart[] = [];
  if (existsSync(path)) {
    const original = readFileSync(path);
    carried = await userCharts(original);
    await wb.xlsx.load(original as unknown as ArrayBuffer);
  }
  wb.creator = 'Nytta';
  wb.lastModifiedBy = writtenBy(plans);
  applyPlans(wb, plans);
  writeFileSync(path, await addCharts(Buffer.from(await wb.xlsx.writeBuffer()), plans, carried));
}

export async function workbookBuffer(plans: readonly SheetPlan[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nytta';
  wb.lastModifiedBy = writtenBy(plans);
  applyPlans(wb, plans);
  return addCharts(Buffer.from(await wb.xlsx.writeBuffer()), plans);
}
