/**
 * @module a1 – A1 address arithmetic, the one copy: 0-based rows and columns to `B3`, `G7:K7`, `$B$3` and back. The
 * sheet plans, the Office.js adapter and the ExcelJS adapter all import it; it imports nothing.
 */

/** A rectangle of cells: its top-left cell (0-based) and its size. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** The letters of a 0-based column: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(col: number): string {
  let name = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

/** A1 address of a 0-based cell. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** The A1 range of a rectangle, always as `from:to` (`C5:C5` for one cell). */
export function rangeA1({ row, col, rows, cols }: Rect): string {
  return `${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`;
}

/** A cell (`C5`, `$C$5`, `Blad!C5`) as its 0-based row and column. */
export function parseCell(ref: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref.replace(/^.*!/, '').replace(/\$/g, '').toUpperCase());
  if (!m) throw new Error(`not an A1 reference: ${ref}`);
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { row: Number(m[2]) - 1, col };
}

/** A1 range (`B3:D10` or `C5`, with or without `$` and a sheet) as its rectangle, whichever corners it names. */
export function parseRange(address: string): Rect {
  const [from, to = from] = address.replace(/^.*!/, '').split(':');
  const a = parseCell(from);
  const b = parseCell(to);
  return { row: Math.min(a.row, b.row), col: Math.min(a.col, b.col), rows: Math.abs(b.row - a.row) + 1, cols: Math.abs(b.col - a.col) + 1 };
}

/** Whether a range is written bottom first (`G5:G4`): what a column range over no rows comes out as. */
export function endsAboveStart(range: string): boolean {
  const [from, to = from] = range.replace(/^.*!/, '').split(':');
  return parseCell(to).row < parseCell(from).row;
}

/** Every cell reference in `ref` made absolute: `B3` → `$B$3`, `G7:K7` → `$G$7:$K$7`. */
export function absolute(ref: string): string {
  return ref.replace(/\$?([A-Z]+)\$?(\d+)/g, '$$$1$$$2');
}

/** A cell with its row fixed and its column free (`G$7`): a formula copied along a row keeps reading the same row. */
export function rowFixed(ref: string): string {
  return ref.replace(/\$?(\d+)$/, '$$$1');
}
