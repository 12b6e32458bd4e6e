/**
 * @module suppress – small-cell suppression, applied in one place before any answer leaves the service. A cell built on
 * fewer than its minimum count (default 5) loses its value and its count and gets status "U" (SCB's symbol for
 * suppressed for disclosure risk). If a group of siblings (same period, say) has exactly one suppressed cell, the
 * smallest other sibling is suppressed too: otherwise the first could be derived from the total minus the rest.
 */
import type { SuppressSpec } from './header.js';

export type Row = Record<string, unknown>;

export const DEFAULT_MIN_COUNT = 5;
export const SUPPRESSED = 'U';

function countOf(row: Row, spec: SuppressSpec): number | null {
  const n = row[spec.count];
  return n === null || n === undefined ? null : Number(n);
}

function minOf(row: Row, spec: SuppressSpec, fallback: number): number {
  const m = spec.min ? row[spec.min] : null;
  return m === null || m === undefined ? fallback : Number(m);
}

/** Returns new rows with small cells suppressed, and how many were. */
export function suppressSmallCells(
  rows: readonly Row[],
  spec: SuppressSpec,
  minCount = DEFAULT_MIN_COUNT,
): { rows: Row[]; suppressed: number } {
  const out = rows.map((r) => ({ ...r }));
  const marked = new Set<number>();
  out.forEach((row, i) => {
    const n = countOf(row, spec);
    if (n !== null && n < minOf(row, spec, minCount)) marked.add(i);
  });
  // Each set of sibling columns in turn, again until nothing changes: a cell suppressed for one set may leave a lone
  // suppressed cell in another.
  const sets = [spec.group, ...(spec.moreGroups ?? [])].filter((g) => g.length);
  for (let changed = sets.length > 0; changed;) {
    changed = false;
    for (const set of sets) {
      const groups = new Map<string, number[]>();
      out.forEach((row, i) => {
        const key = JSON.stringify(set.map((g) => row[g]));
        const members = groups.get(key);
        if (members) members.push(i);
        else groups.set(key, [i]);
      });
      for (const members of groups.values()) {
        const inGroup = members.filter((i) => marked.has(i));
        if (inGroup.length !== 1 || members.length < 2) continue;
        const candidates = members
          .filter((i) => !marked.has(i))
          .sort((a, b) => (countOf(out[a], spec) ?? Infinity) - (countOf(out[b], spec) ?? Infinity));
        if (candidates.length) {
          marked.add(candidates[0]);
          changed = true;
        }
      }
    }
  }
  for (const i of marked) {
    for (const column of spec.values) if (column in out[i]) out[i][column] = null;
    out[i][spec.count] = null;
    if ('status' in out[i]) out[i].status = SUPPRESSED;
  }
  if (spec.min) for (const row of out) delete row[spec.min];
  return { rows: out, suppressed: marked.size };
}
