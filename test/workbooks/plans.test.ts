import { describe, expect, it } from 'vitest';
import { businessCaseSheet, type SheetCaseLine } from '../../addin/sheets/business-case-sheet.js';
import { caseFigures } from '../helpers/case-figures.js';
import { a1 } from '../../addin/sheets/a1.js';
import { blockRange, isFormula, type SheetPlan } from '../../addin/sheets/plan.js';
import { riskSheet } from '../../addin/sheets/risk-sheet.js';
import { forEachItem } from '../../pipeline/cli/per-item.js';

const prov = { source: 'test', parameters: {}, loads: [], writtenAt: '2026-11-23 12:00:00' };
const line = (
  year: number,
  post: 'cost' | 'benefit',
  amount: number,
  category = post === 'cost' ? 'investering' : 'licenser',
): SheetCaseLine => ({
  year,
  post,
  category,
  kind: 'plan',
  amount,
  actor: 'Regionen',
  benefitClass: post === 'benefit' ? 'finansiell' : null,
  stakeholder: 'Regionen',
  low: null,
  high: null,
});
const figures = (lines: SheetCaseLine[]) => caseFigures(lines, { startYear: 2025, endYear: 2027, fromYear: 2026 });

const formulas = (plan: SheetPlan) =>
  plan.blocks.flatMap((b) =>
    b.cells
      .flat()
      .filter(isFormula)
      .map((c) => c.formula),
  );

describe('sheet plans', () => {
  it('a1 addresses', () => {
    expect([a1(0, 0), a1(2, 25), a1(9, 26), a1(0, 701)]).toEqual(['A1', 'Z3', 'AA10', 'ZZ1']);
  });

  it('the business case hangs every discount on the rate input cell, in invariant formulas', () => {
    const { plan, cells } = businessCaseSheet(
      figures([line(2025, 'cost', 100), line(2026, 'benefit', 60), line(2027, 'benefit', 60)]),
      prov,
    );
    expect(cells.rate).toBe('B3');
    const all = formulas(plan);
    expect(all.some((f) => f.includes('NPV($B$3,'))).toBe(true);
    expect(all.filter((f) => f.startsWith('1/(1+$B$3)^'))).toHaveLength(3);
    // Invariant form only: commas between arguments, English function names; Excel localises them itself.
    expect(all.every((f) => !f.includes(';') && !/NETNUVÄRDE|SUMMA\(/.test(f))).toBe(true);
    const key = plan.blocks.find((b) => b.id === 'nyckeltal')!;
    expect(key.cells[1][0]).toBe('Nettonuvärde (kr)');
    expect(plan.blocks.map((b) => b.id)).toEqual([
      'rubrik',
      'indata',
      'kalkyl',
      'nyckeltal',
      'forvantat',
      'kanslighet',
      'scenarier',
      'planutfall',
      'kalla',
    ]);
  });

  it('blocks never overlap', () => {
    const { plan } = businessCaseSheet(figures([line(2025, 'cost', 100), line(2026, 'benefit', 60)]), prov);
    const rows = plan.blocks.map((b) => [b.row, b.row + b.cells.length - 1]).sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < rows.length; i++) expect(rows[i][0], blockRange(plan.blocks[i])).toBeGreaterThan(rows[i - 1][1]);
  });

  it('the risk matrix counts come from the register with COUNTIFS, highest probability on top', () => {
    const data = {
      program: 'P',
      scale: 3,
      assessed: '2021-06-29',
      previousAssessment: null,
      changes: [],
      cells: [3, 2, 1].flatMap((p) =>
        [1, 2, 3].map((c) => ({ probability: p, consequence: c, value: p * c, count: 0, ids: [], colour: 'green' as const })),
      ),
      register: [{ id: 'R1', probability: 3, consequence: 3, value: 9, colour: 'red' as const }],
    };
    const { plan, countCells } = riskSheet(data, prov);
    const matrix = plan.blocks.find((b) => b.id === 'matris')!;
    expect(matrix.cells.map((r) => r[0])).toEqual(['Sannolikhet ↓ / konsekvens →', 3, 2, 1]);
    expect(matrix.cells[1][3]).toEqual({ formula: expect.stringMatching(/^COUNTIFS\(D\d+:D\d+,3,E\d+:E\d+,3\)$/) });
    expect(countCells['3,3']).toBe('D5');
    const register = plan.blocks.find((b) => b.id === 'register')!;
    expect(register.table?.name).toBe('Riskregister');
    expect(register.cells[1][5]).toEqual({ formula: `D${register.row + 2}*E${register.row + 2}` });
  });

  it('per administration: a failure is named and the others still run', async () => {
    const done: string[] = [];
    const results = await forEachItem(
      ['SKAS', 'NU', 'SU'],
      (x) => x,
      async (x) => {
        if (x === 'NU') throw new Error('ingen data');
        done.push(x);
      },
    );
    expect(done).toEqual(['SKAS', 'SU']);
    expect(results.map((r) => [r.item, r.ok, r.error])).toEqual([
      ['SKAS', true, undefined],
      ['NU', false, 'ingen data'],
      ['SU', true, undefined],
    ]);
  });
});

describe('indicator sheet with a breakdown', () => {
  it('pivots the long table, periods down and groups across, and draws a line per group from it', async () => {
    const { indicatorSheet } = await import('../../addin/sheets/indicator-sheets.js');
    const rows = [
      { period: '2024', sex: 'M', value: 0.4, n: 50, status: null },
      { period: '2024', sex: 'K', value: 0.5, n: 60, status: null },
      { period: '2025', sex: 'K', value: 0.55, n: 61, status: null },
      { period: '2025', sex: 'M', value: null, n: null, status: '..' },
    ];
    const plan = indicatorSheet([{ indicator: 'IND01', name: 'Andel', breakdown: 'sex', rows }], prov);
    const long = plan.blocks.find((b) => b.id === 'serie_IND01')!;
    expect(long.cells[0]).toEqual(['Period', 'Kön', 'Värde', 'n', 'Status']);
    const pivot = plan.blocks.find((b) => b.id === 'pivot_IND01')!;
    expect(pivot.cells).toEqual([
      ['Period', 'K', 'M'],
      ['2024', 0.5, 0.4],
      ['2025', 0.55, null],
    ]);
    // Below the long table, never over it.
    expect(pivot.row).toBeGreaterThan(long.row + long.cells.length - 1);
    expect(plan.charts).toHaveLength(1);
    const chart = plan.charts[0];
    expect(chart.series.map((s) => s.name)).toEqual(['K', 'M']);
    expect(chart.categories).toBe(`A${pivot.row + 2}:A${pivot.row + 3}`);
    expect(chart.series.map((s) => s.values)).toEqual([`B${pivot.row + 2}:B${pivot.row + 3}`, `C${pivot.row + 2}:C${pivot.row + 3}`]);
    expect(chart.title).toBe('IND01 Andel per kön');
  });
});

describe('managed names', () => {
  it('keep only what Excel allows in a name, whatever the indicator id', async () => {
    const { managedName } = await import('../../addin/sheets/plan.js');
    expect(managedName({ code: 'IS' }, { id: 'serie_U-01 (ny)' })).toBe('NYTTA_IS_serie_U_01__ny_');
    expect(managedName({ code: 'UF_SKAS' }, { id: 'uppfoljning' })).toBe('NYTTA_UF_SKAS_uppfoljning');
    expect(managedName({ code: 'IS' }, { id: 'serie_U00.01' })).toBe('NYTTA_IS_serie_U00.01');
  });
});

describe('sheet names', () => {
  it('an administration named with a slash or a colon still makes a sheet Excel accepts', async () => {
    const { sheetName } = await import('../../addin/sheets/plan.js');
    expect(sheetName('Uppföljning Hälso-/sjukvård: Norr [test]')).toBe('Uppföljning Hälso--sjukvård- No');
    expect(sheetName('Uppföljning Hälso-/sjukvård: Norr [test]')).toHaveLength(31);
    expect(sheetName('Risker')).toBe('Risker');
  });
});
