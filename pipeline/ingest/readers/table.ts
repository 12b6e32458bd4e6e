/** @module table – a table sent from the workbook: its header and rows as Office.js read them, staged like a sheet. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableCell } from '../../contracts/index.js';
import { normaliseHeader } from './header.js';
import { appendRows, checkHeader, createStagingTable, defineStagingView, type Staged } from './staging.js';

export interface SentTable {
  /** How the load is named: workbook › sheet › table. */
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly TableCell[])[];
}

/** A cell as the xlsx reader gives it: numbers with a decimal point, empty text as empty. */
function cellText(value: TableCell): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  return String(value);
}

export async function stageTable(connection: DuckDBConnection, table: SentTable): Promise<Staged> {
  const original = table.columns.map((c) => c.trim());
  const normalised = original.map(normaliseHeader);
  checkHeader(table.name, normalised, original);
  await createStagingTable(connection, normalised);
  // Rows left wholly empty at the table's foot (Excel keeps one for typing into) are not data.
  let end = table.rows.length;
  while (end > 0 && table.rows[end - 1].every((v) => cellText(v) === null)) end--;
  await appendRows(
    connection,
    table.rows.slice(0, end).map((row) => row.map(cellText)),
  );
  // Row 1 is the header, as in the sheet's table: the first data row is row 2.
  await defineStagingView(connection, normalised, 2);
  return { columns: normalised, originalColumns: original, readerRejects: [] };
}
