import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { discounted, irr, payback, presentValue } from '../../pipeline/model/finance.js';
import { libreOfficeAvailable, recalculateToCsv } from '../helpers/libreoffice.js';
import { tempDir } from '../helpers/store.js';

// The same flows, computed by LibreOffice's own NPV and IRR: `= v0 + NPV(r; v1:vT)` is the workbook form of our NPV.
const CASES: { name: string; rate: number; flows: number[] }[] = [
  { name: 'demo-like', rate: 0.03, flows: [-120, -180, -170, -85, 25, 105, 148, 163, 163, 163] },
  { name: 'Green Book rate', rate: 0.035, flows: [-1000, 150, 250, 300, 350, 350, 350] },
  { name: 'rate 0', rate: 0, flows: [-100, 30, 30, 30, 30] },
  { name: 'negative all period', rate: 0.03, flows: [-50, -10, -10, -10] },
  { name: 'all benefits in year 0', rate: 0.03, flows: [500, 0, 0, 0] },
  { name: 'late payback', rate: 0.05, flows: [-400, -50, 10, 60, 120, 150, 170, 180] },
];

describe.runIf(libreOfficeAvailable())('NPV and IRR against LibreOffice', () => {
  it('agree with LibreOffice within a krona (IRR within 1e-6, payback and discounted payback exactly) on every case', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Flöden');
    CASES.forEach((c, i) => {
      const r = i + 1;
      sheet.getCell(r, 1).value = c.rate;
      c.flows.forEach((f, t) => (sheet.getCell(r, 2 + t).value = f));
      const first = sheet.getCell(r, 2).address;
      const second = sheet.getCell(r, 3).address;
      const last = sheet.getCell(r, 1 + c.flows.length).address;
      // No cached results: LibreOffice must compute them.
      sheet.getCell(r, 20).value = { formula: `${first}+NPV(A${r},${second}:${last})` } as ExcelJS.CellFormulaValue;
      sheet.getCell(r, 21).value = { formula: `IFERROR(IRR(${first}:${last}),"none")` } as ExcelJS.CellFormulaValue;
      // Payback in the spreadsheet's own terms: running sums, then per year "t + −cum(t−1) / flow(t)" where it turns
      // (years from the start of the first year, each year's flow spread over it).
      const cum = (t: number) => sheet.getCell(r, 30 + t).address;
      const flow = (t: number) => sheet.getCell(r, 2 + t).address;
      c.flows.forEach((_, t) => {
        sheet.getCell(r, 30 + t).value = { formula: `SUM(${first}:${flow(t)})` } as ExcelJS.CellFormulaValue;
        sheet.getCell(r, 50 + t).value = {
          formula: t === 0 ? `IF(${cum(0)}>=0,0,"")` : `IF(AND(${cum(t - 1)}<0,${cum(t)}>=0),${t}-${cum(t - 1)}/${flow(t)},"")`,
        } as ExcelJS.CellFormulaValue;
      });
      const helpers = `${sheet.getCell(r, 50).address}:${sheet.getCell(r, 49 + c.flows.length).address}`;
      sheet.getCell(r, 22).value = { formula: `IF(COUNT(${helpers})=0,"none",MIN(${helpers}))` } as ExcelJS.CellFormulaValue;
      // Discounted payback: the workbook discounts each flow itself, then the same running sums and interpolation.
      const dflow = (t: number) => sheet.getCell(r, 70 + t).address;
      const dcum = (t: number) => sheet.getCell(r, 90 + t).address;
      c.flows.forEach((_, t) => {
        sheet.getCell(r, 70 + t).value = { formula: `${flow(t)}/(1+$A$${r})^${t}` } as ExcelJS.CellFormulaValue;
        sheet.getCell(r, 90 + t).value = { formula: `SUM(${dflow(0)}:${dflow(t)})` } as ExcelJS.CellFormulaValue;
        sheet.getCell(r, 110 + t).value = {
          formula: t === 0 ? `IF(${dcum(0)}>=0,0,"")` : `IF(AND(${dcum(t - 1)}<0,${dcum(t)}>=0),${t}-${dcum(t - 1)}/${dflow(t)},"")`,
        } as ExcelJS.CellFormulaValue;
      });
      const dhelpers = `${sheet.getCell(r, 110).address}:${sheet.getCell(r, 109 + c.flows.length).address}`;
      sheet.getCell(r, 23).value = { formula: `IF(COUNT(${dhelpers})=0,"none",MIN(${dhelpers}))` } as ExcelJS.CellFormulaValue;
    });
    const path = join(tempDir(), 'flows.xlsx');
    await workbook.xlsx.writeFile(path);
    const rows = recalculateToCsv(path);
    CASES.forEach((c, i) => {
      const libreNpv = Number(rows[i][19]);
      expect(Number.isFinite(libreNpv), c.name).toBe(true);
      expect(Math.abs(presentValue(c.flows, c.rate) - libreNpv), c.name).toBeLessThan(1);
      const libreIrr = rows[i][20];
      const ours = irr(c.flows);
      if (libreIrr === 'none') expect(ours, c.name).toBeNull();
      // LibreOffice's CSV shows IRR as a percentage with 15 significant digits: "13.0662386291807%".
      else expect(Math.abs(ours! - Number(libreIrr.replace('%', '')) / 100), c.name).toBeLessThan(1e-6);
      const librePayback = rows[i][21];
      if (librePayback === 'none') expect(payback(c.flows), c.name).toBeNull();
      else expect(Math.abs(payback(c.flows)! - Number(librePayback)), c.name).toBeLessThan(1e-9);
    });
    CASES.forEach((c, i) => {
      const libre = rows[i][22];
      const ours = payback(discounted(c.flows, c.rate));
      if (libre === 'none') expect(ours, `${c.name} (diskonterad)`).toBeNull();
      else expect(Math.abs(ours! - Number(libre)), `${c.name} (diskonterad)`).toBeLessThan(1e-9);
    });
    expect(rows.filter((row) => row[22] !== 'none').length).toBeGreaterThanOrEqual(3);
  });
});
