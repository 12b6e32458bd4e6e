/**
 * @module write-back – *Skicka till Nytta* without Office: a table's cells as they are sent, the sheet address of each
 * error the service names by row and column, and the template table's header and number formats. Pure functions; the
 * Office.js calls are in `addin/excel/tables.ts`.
 */
import { headerKey, type TableCell, type TableTemplate, type TemplateFormat } from '../../pipeline/contracts/index.js';
import { a1, rangeA1 } from './a1.js';
import {} from './plan.js';

/** What the sheet's date format hides: Excel keeps a date as its serial day number. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A number format that shows a date: a y or a d outside quotes, brackets and escapes (`yyyy-mm-dd`, `d/m/yyyy`, `[$-41D]d mmmm yyyy`). */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string') return false;
  const bare = format
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return /[yd]/i.test(bare) && !/^general$/i.test(bare);
}

/** `46082` → `2026-03-01`: the day of an Excel serial (its time of day dropped). */
export function serialDate(serial: number): string {
  return new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** The cells as sent: dates (a number under a date format) as ÅÅÅÅ-MM-DD, the rest as Excel holds them. */
export function sentRows(values: readonly (readonly unknown[])[], formats: readonly (readonly unknown[])[]): TableCell[][] {
  return values.map((row, r) =>
    row.map((v, c): TableCell => {
      if (typeof v === 'number') return isDateFormat(formats[r]?.[c]) ? serialDate(v) : v;
      if (typeof v === 'string' || typeof v === 'boolean') return v;
      return null;
    }),
  );
}

/** Where a table sits: its sheet, its header row (0-based) and first column, and its headers as written. */
export interface TablePlace {
  sheet: string;
  headerRow: number;
  firstColumn: number;
  columns: readonly string[];
}

export interface CellError {
  /** `Kalkyl!H3`, or the row (`Kalkyl!A3:L3`) when the error names no column; null when it names no row either. */
  address: string | null;
  sheet: string;
  /** The cell within the sheet, for selecting it: `H3`. */
  cell: string | null;
  message: string;
}

const quoted = (sheet: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`);

/**
 * Each error at its cell. The service counts the table's rows from its header (row 1), so row n is the sheet row n − 1
 * below the header; the column is the header whose name matches the error's as the ingest folds names.
 */
export function errorCells(
  place: TablePlace,
  errors: readonly { line: number | null; column: string | null; value: string | null; reason: string }[],
): CellError[] {
  const keys = place.columns.map(headerKey);
  return errors.map((e) => {
    const value = e.value !== null && e.value !== '' ? `"${e.value}" ` : '';
    const index = e.column === null ? -1 : keys.indexOf(e.column);
    const header = index >= 0 ? place.columns[index] : e.column;
    const message = `${header ? `${header}: ` : ''}${value}${e.reason}`;
    if (e.line === null) return { address: null, sheet: place.sheet, cell: null, message };
    const row = place.headerRow + e.line - 1;
    const cell =
      index >= 0 ? a1(row, place.firstColumn + index) : rangeA1({ row, col: place.firstColumn, rows: 1, cols: place.columns.length });
    return { address: `${quoted(place.sheet)}!${cell}`, sheet: place.sheet, cell, message };
  });
}

/** Excel's number format for a template column: typed text stays text, dates are dates. */
export const TEMPLATE_FORMAT: Record<TemplateFormat, string> = {
  text: '@',
  integer: '0',
  number: '#,##0.##',
  date: 'yyyy-mm-dd',
  percent: '0%',
};

/** The template's header row and the number format of each column. */
export function templateLayout(template: TableTemplate): { headers: string[]; formats: string[]; address: string } {
  const headers = template.columns.map((c) => c.header);
  return {
    headers,
    formats: template.columns.map((c) => TEMPLATE_FORMAT[c.format]),
    // The header and one empty row to type into, which Excel's table grows from.
    address: rangeA1({ row: 0, col: 0, rows: 2, cols: headers.length }),
  };
}

/** The template a table was made from, by its name (`Nytta_risker`, `Nytta_risker_2`). */
export function templateOfTable(templates: readonly TableTemplate[], tableName: string): TableTemplate | undefined {
  return templates.find(
    (t) => tableName.toLowerCase() === t.tableName.toLowerCase() || tableName.toLowerCase().startsWith(`${t.tableName.toLowerCase()}_`),
  );
}

/** `name`, or `name_2`, `name_3` … : the first not taken (compared as Excel compares names, without case). */
export function freeName(name: string, taken: readonly string[], separator = '_'): string {
  const used = new Set(taken.map((n) => n.toLocaleLowerCase('sv')));
  if (!used.has(name.toLocaleLowerCase('sv'))) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name}${separator}${i}`;
    if (!used.has(candidate.toLocaleLowerCase('sv'))) return candidate;
  }
}
