/**
 * @module risk – risk value P × C on an N × N scale, colour classes from an explicit threshold table (validated, since
 * published 5 × 5 sets overlap), the matrix with counts and ids per cell, the register, and change between assessments.
 */
import type { Colour, MatrixCell, RiskChange, RiskChangeKind, Threshold } from '../contracts/index.js';

// One declaration each: these shapes are the contracts' (the answers carry them as they are).
export type { Colour, MatrixCell, RiskChange, RiskChangeKind, Threshold };

/** The seed's 3 × 3; Socialstyrelsen's and Inera's 4 × 4; the common 5 × 5. */
export const DEFAULT_THRESHOLDS: Readonly<Record<number, readonly Threshold[]>> = {
  3: [
    { from: 1, to: 2, colour: 'green' },
    { from: 3, to: 4, colour: 'yellow' },
    { from: 6, to: 9, colour: 'red' },
  ],
  4: [
    { from: 1, to: 3, colour: 'green' },
    { from: 4, to: 8, colour: 'yellow' },
    { from: 9, to: 16, colour: 'red' },
  ],
  5: [
    { from: 1, to: 4, colour: 'green' },
    { from: 5, to: 12, colour: 'yellow' },
    { from: 15, to: 25, colour: 'red' },
  ],
};

export class ThresholdError extends Error {}

/** Every value P × C can take on the scale must fall in exactly one band. Throws a Swedish message otherwise. */
export function validateThresholds(scale: number, thresholds: readonly Threshold[]): void {
  for (const t of thresholds) {
    if (t.from > t.to) throw new ThresholdError(`Tröskeln ${t.from}–${t.to} (${t.colour}) börjar efter att den slutar.`);
  }
  for (let p = 1; p <= scale; p++) {
    for (let c = 1; c <= scale; c++) {
      const bands = thresholds.filter((t) => p * c >= t.from && p * c <= t.to);
      if (bands.length === 0)
        throw new ThresholdError(`Riskvärdet ${p * c} (${p} × ${c}) på skalan ${scale} × ${scale} saknar färg i tröskeltabellen.`);
      if (bands.length > 1)
        throw new ThresholdError(
          `Riskvärdet ${p * c} hör till flera band i tröskeltabellen (${bands.map((b) => `${b.from}–${b.to}`).join(', ')}).`,
        );
    }
  }
}

export function colourOf(value: number, thresholds: readonly Threshold[]): Colour {
  const band = thresholds.find((t) => value >= t.from && value <= t.to);
  if (!band) throw new ThresholdError(`Riskvärdet ${value} saknar färg i tröskeltabellen.`);
  return band.colour;
}

export interface RiskAssessment {
  id: string;
  probability: number;
  consequence: number;
  area?: string | null;
  text?: string | null;
}

/** All N × N cells, highest probability first and consequence ascending, so a grid reads with the highest risk top right. */
export function riskMatrix(
  risks: readonly RiskAssessment[],
  scale: number,
  thresholds: readonly Threshold[] = DEFAULT_THRESHOLDS[scale],
): MatrixCell[] {
  validateThresholds(scale, thresholds);
  const cells: MatrixCell[] = [];
  for (let p = scale; p >= 1; p--) {
    for (let c = 1; c <= scale; c++) {
      const ids = risks
        .filter((r) => r.probability === p && r.consequence === c)
        .map((r) => r.id)
        .sort();
      cells.push({ probability: p, consequence: c, value: p * c, count: ids.length, ids, colour: colourOf(p * c, thresholds) });
    }
  }
  return cells;
}

/** The register by risk value, highest first, then by id. */
export function register<T extends RiskAssessment>(
  risks: readonly T[],
  thresholds: readonly Threshold[],
): (T & { value: number; colour: Colour })[] {
  return risks
    .map((r) => ({ ...r, value: r.probability * r.consequence, colour: colourOf(r.probability * r.consequence, thresholds) }))
    .sort((a, b) => b.value - a.value || a.id.localeCompare(b.id, 'sv', { numeric: true }));
}

/** What changed between two assessments, by risk value. */
export function riskChanges(before: readonly RiskAssessment[], after: readonly RiskAssessment[]): RiskChange[] {
  const value = (r: RiskAssessment) => r.probability * r.consequence;
  const old = new Map(before.map((r) => [r.id, value(r)]));
  const now = new Map(after.map((r) => [r.id, value(r)]));
  const ids = [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => a.localeCompare(b, 'sv', { numeric: true }));
  return ids.map((id) => {
    const b = old.get(id) ?? null;
    const a = now.get(id) ?? null;
    const change: RiskChangeKind = b === null ? 'new' : a === null ? 'removed' : a > b ? 'raised' : a < b ? 'lowered' : 'unchanged';
    return { id, change, before: b, after: a };
  });
}
