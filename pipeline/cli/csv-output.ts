/** @module csv-output – rows as CSV the way Swedish Excel opens it: `;` between fields, decimal comma, UTF-8 with BOM. */

/** Text Excel would run as a formula when the file is opened (OWASP, CSV injection): = + - @, a tab or a carriage return first. */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers are written by us, never by a user: a negative one stays a number.
  if (typeof value === 'number' || typeof value === 'bigint') return String(value).replace('.', ',');
  const text = String(value);
  // OWASP's advice: a leading apostrophe makes the cell text, and the field is quoted so the apostrophe is part of it.
  if (FORMULA_START.test(text)) return `"'${text.replaceAll('"', '""')}"`;
  return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(cell).join(';'), ...rows.map((r) => columns.map((c) => cell(r[c])).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
