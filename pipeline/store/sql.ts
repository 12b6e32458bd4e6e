/** @module sql – the only ways text may enter SQL: quoted identifiers from allow-lists and quoted literals for paths. */
export { quotedIdentifier, quotedString } from '@duckdb/node-api';

/** Throws unless `name` is one of `allowed`; returns it so callers can quote it. */
export function allowIdentifier(name: string, allowed: readonly string[]): string {
  if (!allowed.includes(name)) throw new Error(`Identifier not allowed: ${name}`);
  return name;
}
