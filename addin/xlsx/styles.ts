/** @module styles – the plan's named styles as ExcelJS styles. */
import type ExcelJS from 'exceljs';
import { FILLS, FONTS } from '../sheets/palette.js';
import type { Style } from '../sheets/plan.js';

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

export function cellStyle(style: Style): Partial<ExcelJS.Style> {
  switch (style) {
    case 'title':
      return { font: { bold: true, size: 14 } };
    case 'header':
      return { font: { bold: true }, fill: fill(FILLS.header!) };
    case 'input':
      return {
        font: { bold: true, color: { argb: FONTS.input! } },
        fill: fill(FILLS.input!),
        border: { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } },
      };
    case 'total':
      return { font: { bold: true }, border: { top: { style: 'thin' } } };
    case 'key':
      return { font: { bold: true } };
    case 'muted':
      return { font: { italic: true, color: { argb: FONTS.muted! } } };
    case 'note':
      return { font: { italic: true, color: { argb: FONTS.note! } } };
    default:
      return { fill: fill(FILLS[style] ?? 'FFFFFFFF') };
  }
}

/** A conditional format's differential style: only the fill. */
export function cfStyle(style: Style): Partial<ExcelJS.Style> {
  return { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILLS[style] ?? 'FFFFFFFF' } } };
}
