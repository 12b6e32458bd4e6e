/**
 * @module row-types – each named query's row type, derived from its header's declared columns as sqlc derives them
 * from a query: the text of `pipeline/contracts/query-rows.ts`, a zod schema per query (so the add-in parses a query's
 * answer with it and the service reads its rows typed), and the parameters each takes. Generated rather than derived
 * at the type level, since TypeScript cannot read a .sql file; checked in, and `npm test` fails when it is not what the
 * headers give (`npm run query-types` writes it). The headers themselves are checked against DuckDB at start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseQueryFile, type ColumnSpec, type ParamSpec, type QueryHeader, type SqlType } from './header.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the queries are, and where their row types go. */
export const QUERIES_SOURCE = join(ROOT, 'queries');
export const QUERY_ROWS_FILE = join(ROOT, 'pipeline', 'contracts', 'query-rows.ts');

/** The headers of every query file in `dir`, by name. */
export function readHeaders(dir: string): QueryHeader[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => parseQueryFile(f, f.replace(/\.sql$/, ''), readFileSync(join(dir, f), 'utf8')));
}

/** A value as the service's answer carries it (run-query.ts): integers beyond 2^53 as text, dates as ISO text. */
const ROW_SCHEMA: Record<SqlType, string> = {
  VARCHAR: 'z.string()',
  DATE: 'z.string()',
  INTEGER: 'z.number().int()',
  BIGINT: 'bigint',
  DOUBLE: 'z.number()',
  BOOLEAN: 'z.boolean()',
};

/** A parameter as a caller gives it: text as in a query string, or the value itself. */
const PARAM_TYPE: Record<SqlType, string> = {
  VARCHAR: 'string',
  DATE: 'string',
  INTEGER: 'number | string',
  BIGINT: 'number | string',
  DOUBLE: 'number | string',
  BOOLEAN: 'boolean | string',
};

/** A doc comment, wrapped to stay within 140 columns. */
function comment(text: string | undefined, indent: string): string {
  if (!text) return '';
  const width = 136 - indent.length;
  const lines: string[] = [];
  for (const word of text.replace(/\*\//g, '* /').split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  if (lines.length === 1 && lines[0].length <= width - 4) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}\n`).join('')}${indent} */\n`;
}

function column(c: ColumnSpec): string {
  const schema = `${ROW_SCHEMA[c.type]}${c.notNull ? '' : '.nullable()'}${c.when ? '.optional()' : ''}`;
  const when = c.when ? `only when ${c.when.param}=${c.when.value}` : undefined;
  return `${comment([c.description, when].filter(Boolean).join('; ') || undefined, '    ')}    ${c.name}: ${schema},\n`;
}

function param(p: ParamSpec): string {
  return `${comment(p.description, '    ')}    ${p.name}${p.required ? '' : '?'}: ${PARAM_TYPE[p.type]};\n`;
}

/** The text of pipeline/contracts/query-rows.ts for these headers. */
export function rowTypesSource(headers: readonly QueryHeader[]): string {
  const rows = headers.map((h) => `${comment(h.description, '  ')}  ${h.name}: z.object({\n${h.columns.map(column).join('')}  }),\n`);
  const params = headers.map((h) =>
    h.params.length ? `  ${h.name}: {\n${h.params.map(param).join('')}  };\n` : `  ${h.name}: Record<string, never>;\n`,
  );
  return `/**
 * @module query-rows – GENERATED from the headers of queries/*.sql by \`npm run query-types\` (pipeline/named-queries/
 * row-types.ts); do not edit. Each named query's row as the service answers it (NULL unless its header says NOT NULL;
 * a column shown only for some parameters is optional), and the parameters it takes.
 */
import { z } from 'zod';

/** A BIGINT: a number while exact, else its digits as text. */
const bigint = z.union([z.number().int(), z.string()]);

export const queryRowSchemas = {
${rows.join('')}};

export interface QueryParams {
${params.join('')}}
`;
}
