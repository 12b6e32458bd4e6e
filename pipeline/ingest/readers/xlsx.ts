/**
 * @module xlsx – one sheet of a workbook (named, or the first), its first row as header, read as a stream. An .xlsx is
 * a zip of XML: 28 MB can unpack to 400 MB of sheet XML (1.94 M rows), which read whole took the service from 199 MiB
 * to 4.75 GiB. So what the zip unpacks to is measured first, without keeping it, and then the sheet is read row by row
 * with ExcelJS's streaming reader into the staging table, counting rows and cells: past a limit the file is refused.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { Parse } from 'unzipper';
import { UserError } from '../../errors.js';
import { normaliseHeader } from './header.js';
import { checkHeader, createStagingTable, defineStagingView, type Staged } from './staging.js';

export interface XlsxLimits {
  /** What the zip's entries may unpack to, together. */
  maxUnpackedBytes: number;
  /** The highest row number read (Excel's own limit is 1 048 576). */
  maxRows: number;
  /** Cells in the sheet's XML, the empty ones written there included. */
  maxCells: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxUnpackedBytes: 256 * 2 ** 20, maxRows: 1_048_576, maxCells: 5_000_000 };

/** No workbook has this many parts; a zip of thousands of tiny entries is built to waste time. */
const MAX_ENTRIES = 10_000;

/** A file past one of the service's limits: refused whole, nothing read into the store (the service answers 413). */
export class LimitExceeded extends UserError {
  constructor(message: string) {
    super(message, 'limit_exceeded');
  }
}

const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

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

function unreadable(file: string): UserError {
  return new UserError(
    `${file}: kunde inte läsas som XLSX: filen är skadad, avkortad eller ingen Excel-arbetsbok (.xlsx). Spara den igen i Excel och försök på nytt.`,
    'xlsx_unreadable',
  );
}

/**
 * Unpacks every entry of the zip as ExcelJS's reader would, counting the bytes and dropping them: throws
 * `LimitExceeded` as soon as the total passes the limit, so a bomb costs the time to unpack the limit, not its size.
 */
export async function measureUnpacked(file: string, path: string, limits: XlsxLimits): Promise<number> {
  let total = 0;
  let entries = 0;
  const counter = new Writable({
    objectMode: true,
    write(entry: import('unzipper').Entry, _encoding, done) {
      if (++entries > MAX_ENTRIES)
        return done(new LimitExceeded(`${file}: zip-filen har fler än ${MAX_ENTRIES} delar; ingen arbetsbok har det.`));
      entry.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.maxUnpackedBytes)
          entry.destroy(
            new LimitExceeded(
              `${file}: arbetsboken packar upp till mer än ${mib(limits.maxUnpackedBytes)} (gränsen xlsxMaxUnpackedMiB). Dela upp den, eller spara bladet som CSV.`,
            ),
          );
      });
      entry.once('error', done);
      entry.once('end', () => done());
    },
  });
  try {
    await pipeline(createReadStream(path), Parse({ forceStream: true }), counter);
  } catch (error) {
    if (error instanceof LimitExceeded) throw error;
    throw unreadable(file);
  }
  return total;
}

type SheetReader = AsyncIterable<ExcelJS.Row> & { name: string };
type BookReader = { model?: { sheets?: { name: string }[] }; parse(): AsyncIterable<{ eventType: string; value: unknown }> };

/** Reads the sheet into `stg_raw` row by row; rows missing from the XML are empty rows, so line numbers match Excel's. */
async function stageSheet(connection: DuckDBConnection, file: string, sheet: SheetReader, limits: XlsxLimits) {
  let header: { normalised: string[]; original: string[] } | undefined;
  let appender: Awaited<ReturnType<DuckDBConnection['createAppender']>> | undefined;
  let lastRow = 1;
  let cells = 0;
  const where = `${file}, blad "${sheet.name}"`;
  const appendEmpty = (width: number) => {
    for (let c = 0; c < width; c++) appender!.appendNull();
    appender!.endRow();
  };
  try {
    for await (const row of sheet) {
      if (row.number > limits.maxRows + 1)
        throw new LimitExceeded(
          `${where}: fler än ${limits.maxRows} datarader (gränsen xlsxMaxRows). Dela upp filen, eller spara bladet som CSV.`,
        );
      cells += row.cellCount;
      if (cells > limits.maxCells)
        throw new LimitExceeded(
          `${where}: fler än ${limits.maxCells.toLocaleString('sv-SE')} celler (gränsen xlsxMaxCells). Dela upp filen, eller spara bladet som CSV.`,
        );
      if (!header) {
        if (row.number !== 1) break; // no header row: said below
        const original = Array.from({ length: row.cellCount }, (_, i) => (cellText(row.getCell(i + 1).value) ?? '').trim());
        while (original.length && original[original.length - 1] === '') original.pop();
        if (!original.length) break;
        const normalised = original.map(normaliseHeader);
        checkHeader(where, normalised, original);
        await createStagingTable(connection, normalised);
        appender = await connection.createAppender('stg_raw', 'main', 'temp');
        header = { normalised, original };
        continue;
      }
      const width = header.original.length;
      for (let r = lastRow + 1; r < row.number; r++) appendEmpty(width);
      // Addressed by column number, so a missing cell never shifts the row left.
      for (let c = 1; c <= width; c++) {
        const text = cellText(row.getCell(c).value);
        if (text === null) appender!.appendNull();
        else appender!.appendVarchar(text);
      }
      appender!.endRow();
      lastRow = row.number;
    }
    appender?.flushSync();
  } finally {
    appender?.closeSync();
  }
  return header;
}

export async function stageXlsx(
  connection: DuckDBConnection,
  file: string,
  path: string,
  sheetName?: string,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): Promise<Staged> {
  await measureUnpacked(file, path, limits);
  // Styles are read for the number formats that make a number a date; shared strings are kept (bounded by the unpacked size).
  const book = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as BookReader;
  let staged: Awaited<ReturnType<typeof stageSheet>> | null = null;
  let found: string | undefined;
  const seen: string[] = [];
  try {
    for await (const { eventType, value } of book.parse()) {
      if (eventType !== 'worksheet') continue;
      const sheet = value as SheetReader;
      seen.push(sheet.name);
      // The first sheet is the workbook's first tab, not the first part of the zip.
      const wanted = sheetName ?? book.model?.sheets?.[0]?.name ?? sheet.name;
      if (found !== undefined || sheet.name !== wanted) continue;
      found = sheet.name;
      staged = await stageSheet(connection, file, sheet, limits);
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw unreadable(file);
  }
  if (found === undefined) {
    const names = (book.model?.sheets?.map((s) => s.name) ?? seen).map((s) => `"${s}"`).join(', ');
    if (!names) throw unreadable(file);
    throw new UserError(`${file}: bladet "${sheetName}" finns inte. Bladen heter ${names}.`, 'xlsx_sheet_missing');
  }
  if (!staged) throw new UserError(`${file}, blad "${found}": rubrikraden (rad 1) är tom.`, 'header_missing');
  await defineStagingView(connection, staged.normalised, 2);
  return { columns: staged.normalised, originalColumns: staged.original, readerRejects: [] };
}
