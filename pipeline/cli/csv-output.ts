/** @module csv-output – rows as CSV the way Swedish Excel opens it: `;` between fields, decimal comma, UTF-8 with BOM. */

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value).replace('.', ',') : String(value);
  return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(cell).join(';'), ...rows.map((r) => columns.map((c) => cell(r[c])).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
