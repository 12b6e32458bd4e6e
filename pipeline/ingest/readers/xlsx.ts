/** @module xlsx – one sheet of a workbook (named, or the first), its first row as header. */
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { UserError } from '../../errors.js';
import { normaliseHeader } from './header.js';
import { appendRows, checkHeader, createStagingTable, defineStagingView, type Staged } from './staging.js';

/** A cell as text: numbers with a decimal point, dates as ÅÅÅÅ-MM-DD, formulas by their cached result. */
export function cellText(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((p) => p.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value);
}

export async function stageXlsx(connection: DuckDBConnection, file: string, path: string, sheetName?: string): Promise<Staged> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new UserError(`${file}: kunde inte läsas som XLSX (${(error as Error).message}).`, 'xlsx_unreadable');
  }
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((s) => `"${s.name}"`).join(', ');
    throw new UserError(`${file}: bladet "${sheetName}" finns inte. Bladen heter ${names}.`, 'xlsx_sheet_missing');
  }
  const headerRow = sheet.getRow(1);
  const width = headerRow.cellCount;
  const original = Array.from({ length: width }, (_, i) => (cellText(headerRow.getCell(i + 1).value) ?? '').trim());
  while (original.length && original[original.length - 1] === '') original.pop();
  if (original.length === 0) throw new UserError(`${file}, blad "${sheet.name}": rubrikraden (rad 1) är tom.`, 'header_missing');
  const normalised = original.map(normaliseHeader);
  checkHeader(`${file}, blad "${sheet.name}"`, normalised, original);
  await createStagingTable(connection, normalised);
  const rows: (string | null)[][] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    // Addressed by column number, so a missing cell never shifts the row left.
    rows.push(original.map((_, c) => cellText(row.getCell(c + 1).value)));
  }
  await appendRows(connection, rows);
  await defineStagingView(connection, normalised, 2);
  return { columns: normalised, originalColumns: original, readerRejects: [] };
}
