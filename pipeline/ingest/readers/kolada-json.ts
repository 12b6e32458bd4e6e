/** @module kolada-json – Kolada's value format: `{kpi, municipality, period, values: [{gender, count, status, value}]}`, as utfall rows. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { readJsonFile } from './json-file.js';
import { appendRows, createStagingTable, defineStagingView, type Staged } from './staging.js';

const scalar = z.union([z.string(), z.number()]).nullish();
const koladaValue = z.object({
  kpi: z.string(),
  municipality: scalar,
  period: z.union([z.string(), z.number()]),
  values: z.array(
    z.object({ gender: z.string().nullish(), count: z.number().nullish(), status: z.string().nullish(), value: z.number().nullish() }),
  ),
});
const koladaDocument = z.union([z.array(koladaValue), z.object({ values: z.array(koladaValue) })]);

const COLUMNS = ['indikator', 'kommun', 'period', 'kon', 'antal', 'status', 'varde'];

const JSON_TYPES: Record<string, string> = {
  string: 'text',
  number: 'ett tal',
  array: 'en lista',
  object: 'ett objekt',
  boolean: 'sant eller falskt',
};

/** A document is a list or an object with `values`: where neither fits, the list's reason is the one to give. */
function innermost(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  const inner = issue.code === 'invalid_union' ? issue.errors[0]?.[0] : undefined;
  return inner ? innermost({ ...inner, path: [...issue.path, ...inner.path] }) : issue;
}

/** What is wrong at the place zod names, in Swedish (zod's own words are English). */
function swedishIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `ska vara ${JSON_TYPES[issue.expected] ?? issue.expected}`;
  if (issue.code === 'unrecognized_keys') return `okänt fält ${issue.keys.join(', ')}`;
  return 'har inte den form Kolada ger';
}

export async function stageKoladaJson(connection: DuckDBConnection, file: string, path: string): Promise<Staged> {
  const parsed = readJsonFile(file, path);
  const result = koladaDocument.safeParse(parsed);
  if (!result.success) {
    const issue = innermost(result.error.issues[0]);
    throw new UserError(
      `${file}: JSON-filen har inte Koladas format (kpi, municipality, period, values[{gender, count, status, value}]); fel vid ${issue.path.join('.') || 'roten'}: ${swedishIssue(issue)}. ` +
        'Andra JSON-strukturer läses in med en mappningsfil (--map).',
      'json_not_kolada',
    );
  }
  const entries = Array.isArray(result.data) ? result.data : result.data.values;
  const rows: (string | null)[][] = [];
  for (const entry of entries) {
    for (const v of entry.values) {
      rows.push([
        entry.kpi,
        entry.municipality === null || entry.municipality === undefined ? null : String(entry.municipality),
        String(entry.period),
        v.gender ?? 'T',
        v.count === null || v.count === undefined ? null : String(v.count),
        v.status ? v.status : null,
        v.value === null || v.value === undefined ? null : String(v.value),
      ]);
    }
  }
  await createStagingTable(connection, COLUMNS);
  await appendRows(connection, rows);
  await defineStagingView(connection, COLUMNS, 1);
  return { columns: COLUMNS, originalColumns: COLUMNS, readerRejects: [] };
}
