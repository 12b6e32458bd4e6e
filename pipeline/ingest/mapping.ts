/** @module mapping – a declarative file that fits a foreign export to an import kind, compiled to SQL with bound parameters. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { quotedIdentifier as q } from '../store/sql.js';
import { normaliseHeader } from './readers/header.js';

const source = z.union([z.string().min(1), z.object({ template: z.string().min(1, 'mallen är tom') }).strict()]);

export const mappingSchema = z
  .object({
    description: z.string().optional(),
    kind: z.string().optional(),
    sheet: z.string().optional(),
    delimiter: z.enum([';', ',', '\t']).optional(),
    encoding: z.enum(['utf-8', 'windows-1252']).optional(),
    /** Target column (e.g. "kön") ← source header as written in the export, or a template "{år}-W{vecka:2}". */
    columns: z.record(z.string(), source).default({}),
    constants: z.record(z.string(), z.string()).default({}),
    /** Per target column: source value → stored value, e.g. {"kön": {"Kvinnor": "K"}}. */
    values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
    suppressed: z.array(z.string()).default([]),
    /** Keep only rows whose source column has one of the listed values. */
    filter: z.record(z.string(), z.array(z.string()).min(1)).default({}),
    /** Wide to long: these source columns become rows; their header goes to `into`, their cell to `value`. */
    wide: z
      .object({ columns: z.array(z.string()).min(1, 'ange minst en kolumn'), into: z.string(), value: z.string().default('värde') })
      .strict()
      .optional(),
    /** Per target column: a regular expression (RE2) whose first group, or whole match, is kept: "2015-2017" → "2017". */
    extract: z.record(z.string(), z.string().min(1)).default({}),
    /** Target columns holding Excel serial day numbers (43865 = 2020-02-04). */
    excelDates: z.array(z.string()).default([]),
    createIndicators: z.boolean().default(false),
    /** Nested JSON: the array paths whose objects become rows (see readers/json-records.ts). */
    json: z
      .object({
        records: z.array(z.object({ path: z.string().min(1), set: z.record(z.string(), z.string()).default({}) }).strict()).min(1),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Mapping = z.output<typeof mappingSchema>;

/** Reads a mapping file (JSON, or YAML by extension) and validates it; errors name the file and the field. */
export function readMapping(path: string): Mapping {
  const file = basename(path);
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = ['.yaml', '.yml'].includes(extname(path).toLowerCase()) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UserError(`Mappningsfilen ${file} kunde inte läsas: ${(error as Error).message}`, 'mapping_unreadable');
  }
  const result = mappingSchema.safeParse(raw);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join('.') || '(roten)'}: ${i.message}`);
    throw new UserError(`Mappningsfilen ${file} är ogiltig: ${details.join('; ')}`, 'mapping_invalid', details);
  }
  return result.data;
}

class Params {
  readonly values: Record<string, string> = {};
  add(value: string): string {
    const name = `p${Object.keys(this.values).length}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

/** Rebuilds `stg` from the mapping; returns the columns now present. Source headers must exist (an allow-list). */
export async function applyMapping(
  connection: DuckDBConnection,
  file: string,
  mapping: Mapping,
  staged: readonly string[],
  original: readonly string[] = staged,
): Promise<Set<string>> {
  const available = new Set(staged);
  const sourceColumn = (name: string): string => {
    const norm = normaliseHeader(name);
    if (!available.has(norm)) {
      throw new UserError(
        `${file}: mappningen pekar på kolumnen "${name}", som inte finns i filen (${staged.join(', ')}).`,
        'mapping_column_missing',
      );
    }
    return q(norm);
  };
  const params = new Params();

  let base = 'stg';
  const filters = Object.entries(mapping.filter).map(
    ([column, values]) => `${sourceColumn(column)} IN (${values.map((v) => params.add(v)).join(', ')})`,
  );
  if (filters.length) base = `(SELECT * FROM stg WHERE ${filters.join(' AND ')})`;
  if (mapping.wide) {
    const wideColumns = mapping.wide.columns.map(sourceColumn);
    for (const column of mapping.wide.columns) available.delete(normaliseHeader(column));
    // The header as the export wrote it ("Västra_Götaland"), not its normalised form, becomes the value.
    await connection.run('CREATE OR REPLACE TEMP TABLE nytta_header (norm VARCHAR, original VARCHAR)');
    for (const [i, norm] of staged.entries()) await connection.run('INSERT INTO nytta_header VALUES ($1, $2)', [norm, original[i]]);
    base = `(SELECT * REPLACE ((SELECT h.original FROM nytta_header h WHERE h.norm = __name) AS __name) FROM (UNPIVOT ${base} ON ${wideColumns.join(', ')} INTO NAME __name VALUE __value))`;
    // The unpivoted header and cell become ordinary source columns.
    available.add('__name').add('__value');
    mapping = { ...mapping, columns: { ...mapping.columns, [mapping.wide.into]: '__name', [mapping.wide.value]: '__value' } };
  }

  const targets = new Map<string, string>();
  for (const [target, from] of Object.entries(mapping.columns)) {
    targets.set(normaliseHeader(target), typeof from === 'string' ? sourceColumn(from) : templateSql(from.template, sourceColumn, params));
  }
  for (const [target, value] of Object.entries(mapping.constants)) targets.set(normaliseHeader(target), params.add(value));

  await connection.run('CREATE OR REPLACE TEMP TABLE nytta_value_map (target VARCHAR, src VARCHAR, dst VARCHAR)');
  for (const [target, map] of Object.entries(mapping.values)) {
    for (const [from, to] of Object.entries(map)) {
      await connection.run('INSERT INTO nytta_value_map VALUES ($1, $2, $3)', [normaliseHeader(target), from, to]);
    }
  }
  const mappedTargets = new Set(Object.keys(mapping.values).map(normaliseHeader));
  const excelDates = new Set(mapping.excelDates.map(normaliseHeader));
  const extracts = new Map(Object.entries(mapping.extract).map(([target, pattern]) => [normaliseHeader(target), pattern]));

  const select = ['line'];
  for (const [target, expr] of targets) {
    let value = `CAST(${expr} AS VARCHAR)`;
    if (mappedTargets.has(target)) {
      value = `coalesce((SELECT m.dst FROM nytta_value_map m WHERE m.target = ${params.add(target)} AND m.src = trim(${value})), ${value})`;
    }
    const pattern = extracts.get(target);
    if (pattern !== undefined) {
      const p = params.add(pattern);
      // Group 1 when the pattern has one; the whole match otherwise. No match leaves the cell empty, and the checks say so.
      value = `nullif(CASE WHEN regexp_extract(${value}, ${p}, 1) <> '' THEN regexp_extract(${value}, ${p}, 1) ELSE regexp_extract(${value}, ${p}) END, '')`;
    }
    if (excelDates.has(target)) value = `coalesce(nytta_excel_date(${value}), ${value})`;
    select.push(`${value} AS ${q(target)}`);
  }
  const used = new Set(targets.keys());
  for (const column of available) if (!used.has(column) && !column.startsWith('__')) select.push(q(column));

  await connection.run(`CREATE OR REPLACE TEMP TABLE stg_mapped AS SELECT ${select.join(', ')} FROM ${base}`, params.values);
  await connection.run('CREATE OR REPLACE TEMP VIEW stg AS SELECT * FROM stg_mapped');
  return new Set([...used, ...[...available].filter((c) => !c.startsWith('__'))]);
}

/** "{år}-W{veckonummer:2}" → concat of a bound literal and zero-padded columns. */
function templateSql(template: string, column: (name: string) => string, params: Params): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([^}:]+)(?::(\d))?\}/g)) {
    if (match.index > last) parts.push(params.add(template.slice(last, match.index)));
    const col = `CAST(${column(match[1])} AS VARCHAR)`;
    parts.push(match[2] ? `lpad(${col}, ${Number(match[2])}, '0')` : col);
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(params.add(template.slice(last)));
  return parts.length ? `concat(${parts.join(', ')})` : params.add('');
}
