/**
 * The adapter's pure half, tested directly: every expectation is written out by hand (cell texts, byte counts from
 * the JSON layout, A1 cells), never computed with the functions under test.
 */
import { describe, expect, it } from 'vitest';
import {
  cellsOutside,
  excelCell,
  operationBytes,
  packBatches,
  refreshOperations,
  type ManagedSheet,
  type Operation,
} from '../../addin/excel/operations.js';
import type { SheetPlan } from '../../addin/sheets/plan.js';

const prov = { source: 'test', parameters: {}, loads: [], writtenAt: '2026-11-28 08:00:00' };

describe('excelCell: a cell as range.formulas takes it', () => {
  it('formulas get their =, empty cells an empty string', () => {
    expect(excelCell({ formula: 'SUM(A1:A3)' })).toBe('=SUM(A1:A3)');
    expect(excelCell(null)).toBe('');
  });

  it('text that Excel would read as a formula is quoted with an apostrophe', () => {
    expect(excelCell('=1+1')).toBe("'=1+1");
    expect(excelCell('+46 10 123')).toBe("'+46 10 123");
    expect(excelCell('@region')).toBe("'@region");
    expect(excelCell('Nytta = värde')).toBe('Nytta = värde');
  });

  it('text Excel would read as a number, date, time, boolean or formula keeps its apostrophe, so it stays text', () => {
    for (const text of [
      '2024',
      '2024-03',
      '2024-02-30',
      '3/15/2024',
      '0,42',
      '12,5 %',
      '-x',
      '+46 10 123',
      'TRUE',
      'falskt',
      '08:30',
      "'citat",
    ]) {
      expect(excelCell(text), text).toBe(`'${text}`);
    }
    for (const text of ['Värde', '2024-Q1', '2024-W05', 'SKAS-V1-E1', 'IND01', 'R 12', 'på väg']) expect(excelCell(text), text).toBe(text);
  });

  it('a full date is written as a date: its serial day number, as Excel counts from 1899-12-30', () => {
    // Excel: DATE(2024;3;15) = 45366, DATE(1900;3;1) = 61, DATE(2026;8;31) = 46265.
    expect(excelCell('2024-03-15')).toBe(45366);
    expect(excelCell('1900-03-01')).toBe(61);
    expect(excelCell('2026-08-31')).toBe(46265);
  });

  it('numbers and booleans pass as they are; NaN and infinities become empty, never text', () => {
    expect(excelCell(0.0425)).toBe(0.0425);
    expect(excelCell(-3)).toBe(-3);
    expect(excelCell(true)).toBe(true);
    expect(excelCell(Number.NaN)).toBe('');
    expect(excelCell(Number.POSITIVE_INFINITY)).toBe('');
  });
});

describe('packBatches: as few batches as the budget allows, in order', () => {
  // {"op":"saveRegistry","value":"…"} is 32 characters around the value; every action adds 160 bytes of envelope.
  const op = (n: number): Operation => ({ op: 'saveRegistry', value: 'x'.repeat(n) });
  const sized = (bytes: number) => op(bytes - 32 - 160);

  it('fills a batch up to the budget and starts the next when one more would pass it', () => {
    const [a, b, c] = [sized(400), sized(400), sized(400)];
    expect(packBatches([a, b, c], 1000)).toEqual([[a, b], [c]]);
    expect(packBatches([a, b, c], 1200)).toEqual([[a, b, c]]);
    expect(packBatches([a, b, c], 1199)).toEqual([[a, b], [c]]);
  });

  it('counts UTF-8 bytes, not characters: å, ä and ö take two bytes each', () => {
    // 32 + 3 characters of JSON, but 32 + 6 bytes, and the 160-byte envelope.
    expect(operationBytes({ op: 'saveRegistry', value: 'åäö' })).toBe(32 + 6 + 160);
    const swedish = (n: number): Operation => ({ op: 'saveRegistry', value: 'ö'.repeat(n) });
    // 300 ö are 300 characters but 600 bytes: two of them no longer fit in 1 000 bytes together.
    const a = swedish(300);
    const b = swedish(300);
    expect(packBatches([a, b], 1000)).toEqual([[a], [b]]);
  });

  it('an operation larger than the budget goes alone; nothing gives no batch', () => {
    const big = sized(5000);
    const small = sized(300);
    expect(packBatches([small, big, small], 1000)).toEqual([[small], [big], [small]]);
    expect(packBatches([], 1000)).toEqual([]);
  });
});

describe('cellsOutside: the cells of a range that Nytta does not own', () => {
  it('names each cell outside every owned range, relative to the range', () => {
    expect(cellsOutside('A1:B2', ['A1:A2'])).toEqual([
      { row: 0, col: 1 },
      { row: 1, col: 1 },
    ]);
    expect(cellsOutside('B2:C3', [])).toEqual([
      { row: 0, col: 0 },
      { row: 0, col: 1 },
      { row: 1, col: 0 },
      { row: 1, col: 1 },
    ]);
  });

  it('nothing when owned ranges cover it, together or with absolute references', () => {
    expect(cellsOutside('A1:B2', ['A1:A2', 'B1:B2'])).toEqual([]);
    expect(cellsOutside('C3', ['$A$1:$D$9'])).toEqual([]);
  });
});

describe('refreshOperations: what a refresh does, in order', () => {
  const plan: SheetPlan = {
    name: 'Risker',
    code: 'RI',
    charts: [],
    notes: [],
    provenance: prov,
    columnWidths: [12, 30],
    blocks: [
      { id: 'rubrik', row: 0, col: 0, cells: [['Risker']], rowStyles: ['title'] },
      {
        id: 'register',
        row: 2,
        col: 0,
        cells: [
          ['Id', 'Risk'],
          ['R1', 'Leverans'],
          ['R2', '=inte en formel'],
        ],
        table: { name: 'Riskregister', style: 'TableStyleLight9' },
      },
    ],
  };

  it('a new sheet: add it, write the values, then widths, styles, the table and the names, and save the registry last', () => {
    const { operations, newSheets, conflicts, registry } = refreshOperations([plan], { existingSheets: new Set(['Blad1']), registry: [] });
    expect(newSheets).toEqual(['Risker']);
    expect(conflicts).toEqual([]);
    expect(operations.map((o) => o.op)).toEqual([
      'addSheet',
      'write',
      'write',
      'columnWidth',
      'columnWidth',
      'style',
      'addName',
      'table',
      'addName',
      'saveRegistry',
    ]);
    expect(operations[2]).toEqual({
      op: 'write',
      sheet: 'Risker',
      address: 'A3:B5',
      formulas: [
        ['Id', 'Risk'],
        ['R1', 'Leverans'],
        ['R2', "'=inte en formel"],
      ],
    });
    expect(operations.filter((o) => o.op === 'addName')).toEqual([
      { op: 'addName', sheet: 'Risker', name: 'NYTTA_RI_rubrik', address: 'A1:A1' },
      { op: 'addName', sheet: 'Risker', name: 'NYTTA_RI_register', address: 'A3:B5' },
    ]);
    expect(registry).toEqual([
      {
        sheet: 'Risker',
        code: 'RI',
        job: undefined,
        ranges: [
          { name: 'NYTTA_RI_rubrik', address: 'A1:A1' },
          { name: 'NYTTA_RI_register', address: 'A3:B5' },
        ],
        tables: [{ name: 'Riskregister', address: 'A3:B5', style: 'TableStyleLight9' }],
        charts: [],
      },
    ]);
  });

  it('a refresh removes what Nytta wrote before first, and keeps another sheet in the registry', () => {
    const before: ManagedSheet[] = [
      {
        sheet: 'Risker',
        code: 'RI',
        ranges: [{ name: 'NYTTA_RI_register', address: 'A3:B9' }],
        tables: [{ name: 'Riskregister', address: 'A3:B9', style: 'TableStyleLight9' }],
        charts: [],
      },
      { sheet: 'Nyttokalkyl', code: 'NK', ranges: [{ name: 'NYTTA_NK_kalkyl', address: 'A7:K20' }], tables: [], charts: [] },
    ];
    const { operations, newSheets, registry } = refreshOperations([plan], {
      existingSheets: new Set(['Risker', 'Nyttokalkyl']),
      existingNames: new Set(['NYTTA_RI_register', 'NYTTA_NK_kalkyl']),
      existingTables: new Set(['Riskregister']),
      registry: before,
    });
    expect(newSheets).toEqual([]);
    expect(operations.slice(0, 3)).toEqual([
      { op: 'deleteTable', name: 'Riskregister' },
      { op: 'deleteName', name: 'NYTTA_RI_register' },
      { op: 'clear', sheet: 'Risker', address: 'A3:B9' },
    ]);
    // Widths stay the user's on a sheet that exists.
    expect(operations.some((o) => o.op === 'columnWidth')).toBe(false);
    expect(registry.map((m) => m.sheet)).toEqual(['Nyttokalkyl', 'Risker']);
    const saved = operations.at(-1);
    expect(saved?.op).toBe('saveRegistry');
    expect(JSON.parse((saved as { value: string }).value).map((m: ManagedSheet) => m.sheet)).toEqual(['Nyttokalkyl', 'Risker']);
  });

  it('an empty result is an explicit "Inga värden" row, never a header-only table or a reversed conditional format', () => {
    const empty: SheetPlan = {
      ...plan,
      blocks: [
        {
          id: 'styrdiagram',
          row: 11,
          col: 0,
          cells: [['Period', 'Värde', 'Utanför gränserna']],
          table: { name: 'Styrdiagram', style: 'TableStyleLight9' },
          // The builder's range for zero rows: from the row under the header to the header itself.
          conditionalFormats: [{ range: 'C13:C12', text: 'ja', style: 'red' }],
        },
      ],
    };
    const { operations } = refreshOperations([empty], { existingSheets: new Set(), registry: [] });
    expect(operations.find((o) => o.op === 'write')).toEqual({
      op: 'write',
      sheet: 'Risker',
      address: 'A12:C13',
      formulas: [
        ['Period', 'Värde', 'Utanför gränserna'],
        ['Inga värden', '', ''],
      ],
    });
    expect(operations.find((o) => o.op === 'table')).toMatchObject({ address: 'A12:C13' });
    expect(operations.some((o) => o.op === 'conditional')).toBe(false);
  });

  it("a user's sheet whose name differs only in case is in the way, as Excel sees it, and is named in Swedish", () => {
    const { conflicts } = refreshOperations([plan], { existingSheets: new Set(['risker']), registry: [] });
    expect(conflicts).toEqual([
      'Bladet "risker" finns redan i arbetsboken, och Excel skiljer inte på stora och små bokstäver i bladnamn: Nytta kan inte skapa "Risker". Byt namn på bladet "risker" och försök igen; inget har skrivits.',
    ]);
    // A user's table named RISKREGISTER is Riskregister to Excel.
    const tables = refreshOperations([plan], {
      existingSheets: new Set(['Risker']),
      existingTables: new Set(['RISKREGISTER']),
      registry: [],
    });
    expect(tables.conflicts).toHaveLength(1);
  });

  it("a user's table with the name Nytta needs is a conflict, said in Swedish", () => {
    const { conflicts } = refreshOperations([plan], {
      existingSheets: new Set(['Risker']),
      existingTables: new Set(['Riskregister']),
      registry: [],
    });
    expect(conflicts).toEqual([
      'Det finns redan en tabell som heter Riskregister och som Nytta inte skapat. Byt namn på den och försök igen.',
    ]);
  });
});
