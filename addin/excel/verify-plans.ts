/**
 * @module verify-plans – "Kontrollera": compares what the workbook holds in Nytta's ranges with freshly built plans, and
 * names every cell that differs. Formulas are compared as formulas (the figures behind them are compared in their own
 * cells); the refresh time in the provenance block is the one cell expected to differ.
 */
import { a1 } from '../sheets/a1.js';
import { blockWidth, planBlocks, type Block, type SheetPlan } from '../sheets/plan.js';
import { excelCell } from './operations.js';

export interface Difference {
  sheet: string;
  cell: string;
  expected: string | number | boolean;
  actual: unknown;
}

export interface VerifyReport {
  checkedCells: number;
  differences: Difference[];
  missingSheets: string[];
}

const same = (expected: string | number | boolean, actual: unknown, value: unknown) => {
  if (typeof expected === 'number' && typeof actual === 'number')
    return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected));
  // Excel hands back text written with a leading apostrophe without it; the same text in a formula is no match (its
  // value is its result, not its text): the cell would run what should have been shown.
  if (typeof expected === 'string' && expected.startsWith("'"))
    return (actual === expected.slice(1) && (value === undefined || value === actual)) || actual === expected;
  return expected === actual;
};

/**
 * The cells of one block that differ from what the sheet holds (`formulas` and, to tell text from a formula, `values`
 * as Office.js returns them).
 */
export function compareBlock(
  sheet: string,
  block: Block,
  formulas: readonly (readonly unknown[])[],
  values?: readonly (readonly unknown[])[],
): { checked: number; differences: Difference[] } {
  const differences: Difference[] = [];
  let checked = 0;
  block.cells.forEach((row, r) => {
    // The refresh time and who asked for it are written anew each time; they are provenance, not figures.
    if (block.id === 'kalla' && (row[0] === 'Skrivet' || row[0] === 'Skrivet av')) return;
    row.forEach((cell, c) => {
      checked++;
      const expected = excelCell(cell);
      const actual = formulas[r]?.[c] ?? '';
      if (!same(expected, actual, values ? (values[r]?.[c] ?? '') : undefined))
        differences.push({ sheet, cell: a1(block.row + r, block.col + c), expected, actual });
    });
  });
  return { checked, differences };
}

/** Reads Nytta's ranges (in one sync) and compares them with `plans`. */
export async function verifyPlans(context: Excel.RequestContext, plans: readonly SheetPlan[]): Promise<VerifyReport> {
  const wb = context.workbook;
  wb.worksheets.load('items/name');
  await context.sync();
  const sheets = new Set(wb.worksheets.items.map((s) => s.name));
  const reads: { plan: SheetPlan; block: Block; range: Excel.Range }[] = [];
  for (const plan of plans.filter((p) => sheets.has(p.name))) {
    const ws = wb.worksheets.getItem(plan.name);
    for (const block of planBlocks(plan)) {
      const range = ws.getRangeByIndexes(block.row, block.col, Math.max(1, block.cells.length), blockWidth(block));
      range.load('formulas,values');
      reads.push({ plan, block, range });
    }
  }
  await context.sync();
  const report: VerifyReport = { checkedCells: 0, differences: [], missingSheets: plans.map((p) => p.name).filter((n) => !sheets.has(n)) };
  for (const { plan, block, range } of reads) {
    const { checked, differences } = compareBlock(plan.name, block, range.formulas, range.values);
    report.checkedCells += checked;
    report.differences.push(...differences);
  }
  return report;
}

/** The outcome in a sentence or two, in Swedish. */
export function describeVerification(report: VerifyReport): string {
  const parts: string[] = [];
  if (report.missingSheets.length) parts.push(`Bladen ${report.missingSheets.join(', ')} finns inte i arbetsboken.`);
  if (!report.differences.length && !report.missingSheets.length)
    return `Bladen stämmer med tjänsten (${report.checkedCells.toLocaleString('sv-SE')} celler kontrollerade).`;
  if (report.differences.length) {
    const shown = report.differences
      .slice(0, 5)
      .map((d) => `${d.sheet}!${d.cell}: bladet har ${JSON.stringify(d.actual)}, tjänsten ger ${JSON.stringify(d.expected)}`);
    parts.push(
      `${report.differences.length} av ${report.checkedCells.toLocaleString('sv-SE')} celler skiljer sig från tjänsten. ${shown.join('; ')}${report.differences.length > 5 ? ' …' : ''}. Uppdatera bladet för att hämta om.`,
    );
  }
  return parts.join(' ');
}
