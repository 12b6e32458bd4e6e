/**
 * The one A1 module both adapters and the sheet plans use: every expectation written out by hand (Excel's own column
 * names and references), never computed with the functions under test.
 */
import { describe, expect, it } from 'vitest';
import { a1, absolute, columnLetters, endsAboveStart, parseCell, parseRange, rangeA1, rowFixed } from '../../addin/sheets/a1.js';

describe('A1 arithmetic', () => {
  it('names columns as Excel does, past Z and ZZ', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(a1(1_048_575, 16_383)).toBe('XFD1048576');
  });

  it('reads cells back with or without $ and a sheet, in either case', () => {
    expect(parseCell('XFD1048576')).toEqual({ row: 1_048_575, col: 16_383 });
    expect(parseCell('$B$3')).toEqual({ row: 2, col: 1 });
    expect(parseCell("'Uppföljning 5 år'!aa10")).toEqual({ row: 9, col: 26 });
    expect(() => parseCell('B')).toThrow(/not an A1 reference/);
  });

  it('reads a range as its rectangle whichever corner comes first, and writes it back', () => {
    expect(parseRange('B3:D10')).toEqual({ row: 2, col: 1, rows: 8, cols: 3 });
    expect(parseRange('D10:B3')).toEqual({ row: 2, col: 1, rows: 8, cols: 3 });
    expect(parseRange('Blad1!$C$5')).toEqual({ row: 4, col: 2, rows: 1, cols: 1 });
    expect(rangeA1({ row: 2, col: 1, rows: 8, cols: 3 })).toBe('B3:D10');
    expect(rangeA1({ row: 4, col: 2, rows: 1, cols: 1 })).toBe('C5:C5');
  });

  it('tells a column range over no rows (written bottom first) from one over rows', () => {
    expect(endsAboveStart('S4:S3')).toBe(true);
    expect(endsAboveStart('S4:S4')).toBe(false);
    expect(endsAboveStart('G5')).toBe(false);
  });

  it('fixes references as a formula copied along a row needs them', () => {
    expect(absolute('B3')).toBe('$B$3');
    expect(absolute('G7:K7')).toBe('$G$7:$K$7');
    expect(absolute('$G$7:K7')).toBe('$G$7:$K$7');
    expect(rowFixed('G7')).toBe('G$7');
    expect(rowFixed('AB12')).toBe('AB$12');
  });
});
