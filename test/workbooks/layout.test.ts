/**
 * The stacking layout the sheet builders write on: where blocks land, the addresses it hands out by name, and that a
 * row added above moves every address below it alike. Expected addresses are written out by hand.
 */
import { describe, expect, it } from 'vitest';
import { blockAt, Columns, SheetLayout } from '../../addin/sheets/layout.js';
import type { Provenance } from '../../addin/sheets/plan.js';

const prov: Provenance = { source: 'test', parameters: { program: 'P' }, loads: [], writtenAt: '2026-05-15 10:00:00' };

/** A title, inputs (one more when `extra`), and a table whose formulas read the rate and its own rows by name. */
function sheetWith(extra: boolean) {
  const sheet = new SheetLayout();
  sheet.title('Kalkyl');
  sheet.fields('indata', null, [
    ...(extra ? [{ label: 'Valuta', value: 'SEK' }] : []),
    { name: 'kalkylränta', label: 'Kalkylränta', value: 0.035, valueStyle: 'input' as const },
  ]);
  const cols = new Columns(['post', ['år', 3], 'summa'] as const);
  sheet.block('kalkyl', (t) => {
    t.add(['Post', 2025, 2026, 2027, 'Summa'], { name: 'år', style: 'header' });
    const costs = t.add((row) => ['Kostnad', 100, 0, 0, { formula: `SUM(${t.across(row, cols.of('år'), cols.span('år').last)})` }], {
      name: 'kostnader',
    });
    t.add(['Diskonterat', ...cols.each('år').map((c) => ({ formula: `${t.at(costs, c)}/(1+${sheet.cell('kalkylränta')})` })), null]);
    return { formats: cols.row({ år: '#,##0' }) };
  });
  return sheet.plan({ name: 'Kalkyl', code: 'KA', columnWidths: [20, 10, 10, 10, 10], provenance: prov });
}

describe('a sheet laid out by name', () => {
  it('stacks blocks from the top with a blank row between, the provenance last', () => {
    const plan = sheetWith(false);
    expect(plan.blocks.map((b) => [b.id, b.row, b.cells.length])).toEqual([
      ['rubrik', 0, 1],
      ['indata', 2, 1],
      ['kalkyl', 4, 3],
      ['kalla', 8, 4],
    ]);
    expect(plan.blocks[3].cells[2]).toEqual(['Parametrar', 'program=P']);
  });

  it('hands out named cells and rows, and a table formula reads them', () => {
    const kalkyl = sheetWith(false).blocks[2];
    // The rate is B3; the cost row is sheet row 6, its years B6:D6.
    expect(kalkyl.cells[1][4]).toEqual({ formula: 'SUM(B6:D6)' });
    expect(kalkyl.cells[2].slice(1, 4)).toEqual([{ formula: 'B6/(1+B3)' }, { formula: 'C6/(1+B3)' }, { formula: 'D6/(1+B3)' }]);
    expect(kalkyl.formats).toEqual([null, '#,##0', '#,##0', '#,##0', null]);
  });

  it('moves every address below a row added above, alike', () => {
    const kalkyl = sheetWith(true).blocks[2];
    expect(kalkyl.row).toBe(5);
    expect(kalkyl.cells[1][4]).toEqual({ formula: 'SUM(B7:D7)' });
    expect(kalkyl.cells[2][1]).toEqual({ formula: 'B7/(1+B4)' });
  });

  it('gives addresses by name, absolute on request, and refuses a name it does not have or has twice', () => {
    const sheet = new SheetLayout();
    sheet.title('T');
    sheet.fields('indata', ['Indata', null], [{ name: 'ränta', label: 'Ränta', value: 0.05 }]);
    expect(sheet.cell('ränta')).toBe('B4');
    expect(sheet.range('indata')).toBe('A3:B4');
    expect(sheet.at('indata', 6)).toBe('G3');
    expect(() => sheet.cell('indata')).toThrow(/not one cell/);
    expect(() => sheet.cell('kalkylränta')).toThrow(/no cell named kalkylränta/);
    expect(() => sheet.fields('annat', null, [{ name: 'ränta', label: 'Ränta igen', value: 1 }])).toThrow(/taken/);
  });

  it('fills in a cell that reads a name placed below it once the sheet is done', () => {
    const sheet = new SheetLayout();
    sheet.fields('summa', null, [{ label: 'Antal', value: (s) => ({ formula: `COUNTA(${s.range('poster')})` }) }]);
    sheet.block('lista', (b) => {
      b.add(['Post'], { style: 'header' });
      b.add(['a']);
      b.add(['b']);
      b.nameColumn('poster', 0);
    });
    const plan = sheet.plan({ name: 'S', code: 'S', columnWidths: [], provenance: prov });
    // lista's header is row 3 (1-based), its items rows 4 and 5.
    expect(plan.blocks[0].cells[0][1]).toEqual({ formula: 'COUNTA(A4:A5)' });
  });

  it('places a block below the charts so far when asked, and with the gap asked for', () => {
    const sheet = new SheetLayout();
    sheet.line('a', 'A');
    sheet.chart({ title: 'c', type: 'line', categories: 'A1:A2', series: [], at: 'C1' });
    sheet.line('b', 'B', null, { gap: 0 });
    // A chart covers 18 rows from its cell: C1's ends on row 19 (0-based 18).
    sheet.line('c', 'C', null, { belowCharts: true });
    sheet.line('d', 'D', null, { gap: 3 });
    expect(sheet.blocks().map((b) => b.row)).toEqual([0, 1, 19, 23]);
  });

  it('builds one block apart from a sheet at the row given', () => {
    const block = blockAt(40, 'x', (b) => void b.add((row) => ['v', { formula: `B${row + 1}*2` }]));
    expect([block.row, block.cells]).toEqual([40, [['v', { formula: 'B41*2' }]]]);
  });

  it('a column range over no rows ends above where it starts (a plan leaves such a conditional format out)', () => {
    const block = blockAt(2, 't', (b) => {
      b.add(['Status']);
      return { conditionalFormats: [{ range: b.column(0), text: 'röd', style: 'red' }] };
    });
    expect(block.conditionalFormats![0].range).toBe('A4:A3');
  });
});
