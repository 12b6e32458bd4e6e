/** @module values – reading typed rows: the small conversions every answer makes of a named query's columns. */

/** Text a person reads, or null for none: an empty text is none, as the exports write it. */
export const textOrNull = (v: string | null | undefined): string | null => (v === null || v === undefined || v === '' ? null : v);

/** A comma list (`1.1,1.2`) as its items; none for NULL. */
export const commaList = (v: string | null | undefined): string[] => (v ?? '').split(',').filter(Boolean);

/** A BIGINT as a number (its text beyond 2^53, which no id or count here reaches), or null. */
export const bigintOrNull = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** Differences where both sides have a value. */
export const minus = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

/** Doubles without float noise: 15 significant digits, as JSON answers carry every figure. */
export const round = <T>(x: T): T =>
  (typeof x === 'number'
    ? Number(x.toPrecision(15))
    : Array.isArray(x)
      ? x.map(round)
      : x && typeof x === 'object'
        ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v)]))
        : x) as T;
