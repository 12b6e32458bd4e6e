/** @module sql – the only ways text may enter SQL besides bound parameters: quoted identifiers and quoted literals for file paths. */
export { quotedIdentifier, quotedString } from '@duckdb/node-api';

/** The named parameters `sql` actually references (DuckDB refuses to bind a name the statement lacks). */
export function usedParams<T>(sql: string, params: Record<string, T>): Record<string, T> | undefined {
  const used = Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(sql));
  return used.length ? Object.fromEntries(used) : undefined;
}
