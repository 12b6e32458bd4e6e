/**
 * @module tables – the workbook's tables for *Skicka till Nytta*: list them, read one as it is sent, add an empty
 * template table, and select the cell an error names. Each is one `Excel.run`.
 */
import type { TableCell, TableTemplate } from '../../pipeline/contracts/index.js';
import { freeName, sentRows, templateLayout, type TablePlace } from '../sheets/write-back.js';
import { errorCode, rowPieces } from './apply-plans.js';
import { parseRange } from '../sheets/a1.js';

/** What one read may bring back: well inside Excel's 5 MB response limit for text-heavy rows. */
const CELLS_PER_READ = 20_000;

export interface WorkbookTable {
  name: string;
  sheet: string;
}

export interface ReadTable extends TablePlace {
  workbook: string;
  table: string;
  rows: TableCell[][];
}

/** Every table in the workbook, with its sheet. */
export function workbookTables(): Promise<WorkbookTable[]> {
  return Excel.run(async (context) => {
    const tables = context.workbook.tables.load('items/name,items/worksheet/name');
    await context.sync();
    return tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
  });
}

/** A table's header and rows as sent: dates as dates, read in parts so a large table stays inside the response limit. */
export function readTable(name: string): Promise<ReadTable> {
  return Excel.run(async (context) => {
    const table = context.workbook.tables.getItem(name);
    const sheet = table.worksheet.load('name');
    const header = table.getHeaderRowRange().load('values,address');
    const body = table.getDataBodyRange().load('address');
    context.workbook.load('name');
    await context.sync();
    const columns = (header.values[0] ?? []).map((v) => String(v ?? '').trim());
    const ws = context.workbook.worksheets.getItem(sheet.name);
    // Responses have the same 5 MB limit as requests: when long texts still make a part too large, parts a quarter the size.
    let perRead = CELLS_PER_READ;
    let read: { values: unknown[][]; formats: unknown[][] };
    for (;;) {
      try {
        read = await readBody(context, ws, body.address, perRead);
        break;
      } catch (error) {
        if (errorCode(error) !== 'ResponsePayloadSizeLimitExceeded' || perRead <= 1) throw error;
        perRead = Math.max(1, Math.floor(perRead / 4));
      }
    }
    const at = parseRange(header.address);
    return {
      workbook: context.workbook.name || 'Arbetsbok',
      sheet: sheet.name,
      table: name,
      headerRow: at.row,
      firstColumn: at.col,
      columns,
      rows: sentRows(read.values, read.formats),
    };
  });
}

/** The rows of `address` with their number formats, one sync per part of at most `perRead` cells. */
async function readBody(context: Excel.RequestContext, ws: Excel.Worksheet, address: string, perRead: number) {
  const values: unknown[][] = [];
  const formats: unknown[][] = [];
  for (const piece of rowPieces(address, perRead)) {
    const part = ws.getRange(piece).load('values,numberFormat');
    // One part at a time: each answer must stay inside the response limit.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    values.push(...part.values);
    formats.push(...part.numberFormat);
  }
  return { values, formats };
}

/** A new sheet with the template's empty table, its columns formatted, the first cell to type in selected. */
export function addTemplateTable(template: TableTemplate): Promise<WorkbookTable> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name');
    const tables = context.workbook.tables.load('items/name');
    await context.sync();
    const sheetName = freeName(
      template.sheetName,
      sheets.items.map((s) => s.name),
      ' ',
    );
    const tableName = freeName(
      template.tableName,
      tables.items.map((t) => t.name),
    );
    const { headers, formats, address } = templateLayout(template);
    const ws = context.workbook.worksheets.add(sheetName);
    const last = address.split(':')[1].replace(/\d+$/, '');
    // Formats before text: a header is text, and a typed value under it is read by the column's format.
    ws.getRange(`A1:${last}1`).numberFormat = [headers.map(() => '@')];
    ws.getRange(`A1:${last}1`).values = [headers];
    ws.getRange(`A2:${last}2`).numberFormat = [formats];
    const added = ws.tables.add(address, true);
    added.name = tableName;
    // Wide enough for the longest header (Realiseringsansvarig) at Excel's default font.
    ws.getRange(`A1:${last}1`).format.columnWidth = 90;
    ws.activate();
    ws.getRange('A2').select();
    await context.sync();
    return { name: tableName, sheet: sheetName };
  });
}

/** Shows the sheet and selects the cell (or row) an error names. */
export function selectCell(sheet: string, cell: string): Promise<void> {
  return Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}
