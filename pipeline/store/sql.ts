/** @module sql – the only ways text may enter SQL: quoted identifiers from allow-lists and quoted literals for paths. */
export { quotedIdentifier, quotedString } from '@duckdb/node-api';

/** Throws unless `name` is one of `allowed`; returns it so callers can quote it. */
export function allowIdentifier(name: string, allowed: readonly string[]): string {
  if (!allowed.includes(name)) throw new Error(`Identifier not allowed: ${name}`);
  return name;
}

/** The named parameters `sql` actually references (DuckDB refuses to bind a name the statement lacks). */
export function usedParams<T>(sql: string, params: Record<string, T>): Record<string, T> | undefined {
  const used = Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql));
  return used.length ? Object.fromEntries(used) : undefined;
}
