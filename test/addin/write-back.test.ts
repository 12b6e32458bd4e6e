/** *Skicka till Nytta*: dates read from their serials, errors led back to cells, template names, and a table read in parts. */
import { describe, expect, it } from 'vitest';
import { TABLE_TEMPLATES } from '../../pipeline/contracts/index.js';
import { addTemplateTable, readTable } from '../../addin/excel/tables.js';
import { createExcelStandIn } from '../helpers/excel-standin.js';
import {
  errorCells,
  freeName,
  isDateFormat,
  sentRows,
  serialDate,
  templateLayout,
  templateOfTable,
} from '../../addin/sheets/write-back.js';

describe('cells as sent', () => {
  it('tells date formats from others, as Excel writes them', () => {
    for (const f of ['yyyy-mm-dd', 'd/m/yyyy', 'mm/dd/yy', '[$-41D]d mmmm yyyy', 'dddd', 'yyyy-mm-dd hh:mm'])
      expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '0', '#,##0.00', '0%', '@', '"dagar" 0', '[Red]0.0', 'mm:ss', '\\d0'])
      expect(isDateFormat(f), f).toBe(false);
  });

  it('reads a serial under a date format as its day (45292 is 2024-01-01; 46112, worked by hand from it, 2026-03-31)', () => {
    expect(serialDate(45292)).toBe('2024-01-01');
    expect(serialDate(45292.75)).toBe('2024-01-01');
    expect(serialDate(1)).toBe('1899-12-31');
    expect(
      sentRows(
        [
          [45292, 45292, 'text', true, '', null],
          [0.45, 46112, '2024', false, 'x', undefined],
        ],
        [
          ['yyyy-mm-dd', 'General', '@', 'General', 'General', 'General'],
          ['0%', 'd/m/yyyy', 'General', 'General', 'General', 'General'],
        ],
      ),
    ).toEqual([
      ['2024-01-01', 45292, 'text', true, '', null],
      [0.45, '2026-03-31', '2024', false, 'x', null],
    ]);
  });
});

describe('errors at their cells', () => {
  const place = { sheet: 'Skicka risker', headerRow: 4, firstColumn: 2, columns: ['Program', 'ID', 'Sannolikhet', 'Åtgärd'] };

  it('row n of the table is n − 1 rows under its header; the column is the header the error names, folded as the ingest folds', () => {
    const cells = errorCells(place, [
      { line: 2, column: 'sannolikhet', value: '7', reason: 'ligger utanför skalan' },
      { line: 4, column: 'atgard', value: null, reason: 'saknas' },
      { line: 3, column: null, value: null, reason: 'samma id två gånger' },
      { line: null, column: null, value: null, reason: 'tabellen har inga datarader' },
    ]);
    // Header on sheet row 5 (0-based 4) from column C: table row 2 is sheet row 6, Sannolikhet in column E.
    expect(cells).toEqual([
      { address: "'Skicka risker'!E6", sheet: 'Skicka risker', cell: 'E6', message: 'Sannolikhet: "7" ligger utanför skalan' },
      { address: "'Skicka risker'!F8", sheet: 'Skicka risker', cell: 'F8', message: 'Åtgärd: saknas' },
      { address: "'Skicka risker'!C7:F7", sheet: 'Skicka risker', cell: 'C7:F7', message: 'samma id två gånger' },
      { address: null, sheet: 'Skicka risker', cell: null, message: 'tabellen har inga datarader' },
    ]);
    expect(errorCells({ ...place, sheet: 'Risker' }, [{ line: 2, column: 'id', value: null, reason: 'saknas' }])[0].address).toBe(
      'Risker!D6',
    );
  });
});

describe('templates', () => {
  it('lays out the header with one empty row and each column’s format', () => {
    const risks = TABLE_TEMPLATES.find((t) => t.kind === 'risker')!;
    const layout = templateLayout(risks);
    expect(layout.address).toBe('A1:N2');
    expect(layout.headers.slice(0, 5)).toEqual(['Program', 'ID', 'Riskområde', 'Risk', 'Sannolikhet']);
    expect(layout.formats[layout.headers.indexOf('Bedömd')]).toBe('yyyy-mm-dd');
    expect(layout.formats[layout.headers.indexOf('Risk')]).toBe('@');
  });

  it('finds a table’s template by its name, and a free name beside the taken ones, without regard to case', () => {
    expect(templateOfTable(TABLE_TEMPLATES, 'nytta_risker_2')?.kind).toBe('risker');
    expect(templateOfTable(TABLE_TEMPLATES, 'Tabell1')).toBeUndefined();
    expect(freeName('Nytta_risker', ['nytta_risker', 'Nytta_risker_2'])).toBe('Nytta_risker_3');
    expect(freeName('Skicka risker', ['Blad1'], ' ')).toBe('Skicka risker');
    expect(freeName('Skicka risker', ['SKICKA RISKER'], ' ')).toBe('Skicka risker 2');
  });
});

describe('reading a table through Office.js (the stand-in as strict as Excel)', () => {
  it('reads a table too large for one answer in parts, smaller parts when Excel still refuses one, dates as dates', async () => {
    const excel = createExcelStandIn({ responseLimit: 60_000, workbookName: 'Risker 2026.xlsx' });
    const g = globalThis as { Excel?: unknown };
    g.Excel = excel.Excel;
    try {
      const template = TABLE_TEMPLATES.find((t) => t.kind === 'risker')!;
      const added = await addTemplateTable(template);
      expect(added).toEqual({ name: 'Nytta_risker', sheet: 'Skicka risker' });
      const long = 'å'.repeat(400);
      const typed = Array.from({ length: 300 }, (_, i) => [
        'FVIS',
        `R${i + 1}`,
        'Teknik',
        long,
        '2',
        '3',
        '5',
        '2026-03-31',
        'öppen',
        '',
        '',
        '',
        '',
        '',
      ]);
      excel.typeIntoTable('Nytta_risker', typed);
      const syncsBefore = excel.state.syncs.length;
      const table = await readTable('Nytta_risker');
      expect([table.workbook, table.sheet, table.table, table.headerRow, table.firstColumn]).toEqual([
        'Risker 2026.xlsx',
        'Skicka risker',
        'Nytta_risker',
        0,
        0,
      ]);
      expect(table.columns).toEqual(template.columns.map((c) => c.header));
      expect(table.rows).toHaveLength(300);
      // Typed under their formats: text stays text, integers are numbers, the date a date; empty cells come as "", as from Excel.
      expect(table.rows[299]).toEqual(['FVIS', 'R300', 'Teknik', long, 2, 3, 5, '2026-03-31', 'öppen', '', '', '', '', '']);
      // 300 rows of 800 UTF-8 bytes each cannot come back in one 60 kB answer.
      expect(excel.state.syncs.length - syncsBefore).toBeGreaterThan(4);
    } finally {
      delete g.Excel;
    }
  });
});
