/**
 * @module registry – every `queries/*.sql`, parsed and checked against DuckDB's own prepare at start: a file that is
 * not one SELECT with exactly the declared parameters and columns is refused.
 */
import { BOOLEAN, type DuckDBConnection } from '@duckdb/node-api';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseQueryFile, type QueryHeader } from './header.js';
import { paramsSchema, type NamedQuery } from './params.js';
import { BIND_TYPES, ROLLUP_PARAM } from './run-query.js';

export type { NamedQuery } from './params.js';

const SELECT = 1; // duckdb_statement_type DUCKDB_STATEMENT_TYPE_SELECT

export class QueryFileError extends Error {}

/** Loads and validates every query file in `dir`, keyed by name. */
export async function loadQueries(connection: DuckDBConnection, dir: string): Promise<Map<string, NamedQuery>> {
  const queries = new Map<string, NamedQuery>();
  for (const entry of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const file = basename(entry);
    const header = parseQueryFile(file, file.replace(/\.sql$/, ''), readFileSync(join(dir, entry), 'utf8'));
    await validateAgainstDuckDB(connection, file, header);
    queries.set(header.name, { ...header, schema: paramsSchema(header) });
  }
  return queries;
}

async function validateAgainstDuckDB(connection: DuckDBConnection, file: string, header: QueryHeader): Promise<void> {
  const statements = await connection.extractStatements(header.sql);
  if (statements.count !== 1) throw new QueryFileError(`${file}: en frågefil ska innehålla exakt en sats, inte ${statements.count}.`);
  let prepared;
  try {
    prepared = await connection.prepare(header.sql);
  } catch (error) {
    throw new QueryFileError(`${file}: SQL-satsen kan inte förberedas: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    if (prepared.statementType !== SELECT) throw new QueryFileError(`${file}: bara SELECT är tillåtet (frågor får inte ändra lagret).`);
    const used = Array.from({ length: prepared.parameterCount }, (_, i) => prepared.parameterName(i + 1));
    const declared = header.params.map((p) => p.name);
    // `$rollup` is the service's own (see run-query.ts), bound to every query that uses it.
    const undeclared = used.filter((u) => !declared.includes(u) && u !== ROLLUP_PARAM);
    const unused = declared.filter((d) => !used.includes(d));
    if (undeclared.length)
      throw new QueryFileError(
        `${file}: SQL använder parametrar som rubriken inte deklarerar: ${undeclared.map((u) => `$${u}`).join(', ')}.`,
      );
    if (unused.length) throw new QueryFileError(`${file}: rubriken deklarerar parametrar som SQL inte använder: ${unused.join(', ')}.`);
    // Result types depend on the parameters' types, so ask with typed NULLs and no rows.
    const values: Record<string, null | boolean> = Object.fromEntries(header.params.map((p) => [p.name, null]));
    const types = Object.fromEntries(header.params.map((p) => [p.name, BIND_TYPES[p.type]]));
    if (used.includes(ROLLUP_PARAM)) {
      values[ROLLUP_PARAM] = false;
      types[ROLLUP_PARAM] = BOOLEAN;
    }
    const probe = await connection.runAndReadAll(`SELECT * FROM (\n${header.sql}\n) AS named_query LIMIT 0`, values, types);
    const names = probe.columnNames();
    const actual = probe.columnTypes().map((type, i) => ({ name: names[i], type: type.toString() }));
    const expected = header.columns.map((c) => `${c.name} ${c.type}`);
    const hidden = header.suppress?.min ? [header.suppress.min] : [];
    const got = actual.filter((c) => !hidden.includes(c.name)).map((c) => `${c.name} ${c.type}`);
    if (expected.join(', ') !== got.join(', ')) {
      throw new QueryFileError(`${file}: rubrikens kolumner (${expected.join(', ')}) stämmer inte med SQL-satsens (${got.join(', ')}).`);
    }
  } finally {
    prepared.destroySync();
  }
}
