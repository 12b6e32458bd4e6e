import { describe, expect, it } from 'vitest';
import { suppressInPlace, type Row } from '../../pipeline/named-queries/suppress.js';

const spec = { count: 'n', values: ['value'], min: 'min_count', group: ['period'] };

/** The rows after suppression (in place) and how many cells were suppressed. */
function suppressRows(rows: Row[], s: Parameters<typeof suppressInPlace>[1]) {
  const suppressed = suppressInPlace(rows, s);
  return { rows, suppressed };
}

describe('small-cell suppression', () => {
  it('blanks value and n of a cell under its minimum and marks it U', () => {
    const { rows, suppressed } = suppressRows([{ period: '2024', value: 0.5, n: 4, status: null, min_count: 5 }], {
      ...spec,
      group: [],
    });
    expect(rows).toEqual([{ period: '2024', value: null, n: null, status: 'U', min_count: 5 }]);
    expect(suppressed).toBe(1);
  });

  it('uses the indicator minimum when given, 5 otherwise', () => {
    const { rows } = suppressRows(
      [
        { period: 'a', value: 1, n: 7, status: null, min_count: 10 },
        { period: 'b', value: 1, n: 7, status: null, min_count: null },
      ],
      spec,
    );
    expect(rows.map((r) => r.status)).toEqual(['U', null]);
  });

  it('reads each row’s minimum from beside the rows when given, so the rows never carry it', () => {
    const rows: Row[] = [
      { period: 'a', value: 1, n: 7, status: null },
      { period: 'b', value: 1, n: 7, status: null },
      { period: 'c', value: 1, n: 4, status: null },
    ];
    // 10 for the first row; NULL (the service's default, here 5) for the other two.
    expect(suppressInPlace(rows, { ...spec, group: [] }, 5, [10, null, null])).toBe(2);
    expect(rows.map((r) => r.status)).toEqual(['U', null, 'U']);
    expect(rows.every((r) => !('min_count' in r))).toBe(true);
  });

  it('suppresses the smallest sibling too when only one cell of a group is small (total minus the rest)', () => {
    const { rows, suppressed } = suppressRows(
      [
        { period: '2024', sex: 'K', value: 0.1, n: 3, status: null, min_count: 5 },
        { period: '2024', sex: 'M', value: 0.2, n: 40, status: null, min_count: 5 },
        { period: '2025', age: 'a', value: 0.1, n: 2, status: null, min_count: 5 },
        { period: '2025', age: 'b', value: 0.2, n: 30, status: null, min_count: 5 },
        { period: '2025', age: 'c', value: 0.3, n: 12, status: null, min_count: 5 },
      ],
      spec,
    );
    expect(rows.map((r) => r.status)).toEqual(['U', 'U', 'U', null, 'U']);
    expect(suppressed).toBe(4);
  });

  it('leaves a group alone when two or more cells are already suppressed', () => {
    const { rows } = suppressRows(
      [
        { period: '2024', value: 1, n: 2, status: null, min_count: 5 },
        { period: '2024', value: 1, n: 3, status: null, min_count: 5 },
        { period: '2024', value: 1, n: 50, status: null, min_count: 5 },
      ],
      spec,
    );
    expect(rows.map((r) => r.n)).toEqual([null, null, 50]);
  });
});
