/** @module palette – the plan's named styles as colours, shared by both adapters (ExcelJS writes ARGB, Office.js #RGB). */
import type { Style } from './plan.js';

/** Fill colours as ARGB. */
export const FILLS: Partial<Record<Style, string>> = {
  green: 'FFC6EFCE',
  yellow: 'FFFFEB9C',
  red: 'FFFFC7CE',
  grey: 'FFD9D9D9',
  lightgreen: 'FFE2F0D9',
  input: 'FFFFF2CC',
  header: 'FFDDEBF7',
};
/** Font colours as ARGB. */
export const FONTS: Partial<Record<Style, string>> = { input: 'FF1F4E79', muted: 'FF7F7F7F', note: 'FF7F6000' };

/** ARGB as Office.js wants it: `#RRGGBB`. */
export const hex = (argb: string) => `#${argb.slice(2)}`;
