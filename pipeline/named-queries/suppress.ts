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

function minOf(m: unknown, fallback: number): number {
  return m === null || m === undefined ? fallback : Number(m);
}

/** The rows of each sibling group under one set of columns, by their values in those columns. */
function siblingGroups(rows: readonly Row[], set: readonly string[]): number[][] {
  const groups = new Map<unknown, number[]>();
  for (let i = 0; i < rows.length; i++) {
    // One column (the usual case) keys by its value; Map tells 1, '1' and null apart as JSON would.
    const key = set.length === 1 ? rows[i][set[0]] : JSON.stringify(set.map((g) => rows[i][g]));
    const members = groups.get(key);
    if (members) members.push(i);
    else groups.set(key, [i]);
  }
  return [...groups.values()].filter((members) => members.length > 1);
}

/**
 * Suppresses small cells of rows the caller owns, in place (the service's own fresh rows: no copy per answer), and
 * returns how many were. Each row's minimum is its `spec.min` column, or, given `mins`, the value at its index there:
 * the service keeps that column beside the rows, so the answer never carries it.
 */
export function suppressInPlace(rows: Row[], spec: SuppressSpec, minCount = DEFAULT_MIN_COUNT, mins?: readonly unknown[]): number {
  const marked = new Set<number>();
  rows.forEach((row, i) => {
    const n = countOf(row, spec);
    const min = mins ? mins[i] : spec.min ? row[spec.min] : null;
    if (n !== null && n < minOf(min, minCount)) marked.add(i);
  });
  // Each set of sibling columns in turn, again until nothing changes: a cell suppressed for one set may leave a lone
  // suppressed cell in another. The groups stand still meanwhile (only the marks change), so they are found once.
  const sets = [spec.group, ...(spec.moreGroups ?? [])].filter((g) => g.length);
  const groupsPerSet = marked.size ? sets.map((set) => siblingGroups(rows, set)) : [];
  for (let changed = groupsPerSet.length > 0; changed;) {
    changed = false;
    for (const groups of groupsPerSet) {
      for (const members of groups) {
        const inGroup = members.filter((i) => marked.has(i));
        if (inGroup.length !== 1) continue;
        const candidates = members
          .filter((i) => !marked.has(i))
          .sort((a, b) => (countOf(rows[a], spec) ?? Infinity) - (countOf(rows[b], spec) ?? Infinity));
        if (candidates.length) {
          marked.add(candidates[0]);
          changed = true;
        }
      }
    }
  }
  for (const i of marked) {
    for (const column of spec.values) if (column in rows[i]) rows[i][column] = null;
    rows[i][spec.count] = null;
    if ('status' in rows[i]) rows[i].status = SUPPRESSED;
  }
  return marked.size;
}
