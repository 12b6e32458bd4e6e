/** A business case's figures for a sheet test: the lines given, every figure the sheet computes itself left at zero. */
import type { CaseFigures, SheetCaseLine } from '../../addin/sheets/business-case-sheet.js';

export function caseFigures(
  lines: SheetCaseLine[],
  years: { startYear: number; endYear: number; fromYear: number; rate?: number },
): CaseFigures {
  return {
    program: 'P',
    scenario: 'bas',
    rate: years.rate ?? 0.03,
    startYear: years.startYear,
    endYear: years.endYear,
    fromYear: years.fromYear,
    npv: 0,
    expected: { npv: 0, bcr: null, payback: null, discountedPayback: null, paybackYear: null, breakEvenAnnualBenefit: null },
    scenarios: [],
    planAgainstOutcome: [],
    sensitivity: {
      npvLow: 0,
      npvHigh: 0,
      costsUp: 0,
      costsDown: 0,
      benefitsUp: 0,
      benefitsDown: 0,
      switchingValue: null,
      npvWithOptimismBias: 0,
    },
    lines,
  };
}
