/** @module compile – turns a kind's column types into one typed pass over the staged text, with error flags, all in SQL. */
import { isEnum, lit, q, type ColumnType, type KindSpec } from './spec.js';

// The suppression tokens are bound as the list parameter $tokens (mapping files add their own).
const isToken = (raw: string) => `list_contains($tokens, trim(${raw}))`;

/** SQL expression giving the typed value of raw column `raw` (NULL when blank or invalid). */
export function typedExpr(type: ColumnType, raw: string): string {
  if (isEnum(type)) {
    const cases = Object.entries(type.enum)
      .map(([from, to]) => `WHEN ${lit(from)} THEN ${lit(to)}`)
      .join(' ');
    return `CASE nytta_fold(${raw}) ${cases} END`;
  }
  switch (type) {
    case 'text':
      return `CASE WHEN NOT nytta_blank(${raw}) THEN trim(${raw}) END`;
    case 'number':
      return `nytta_num(${raw})`;
    case 'integer':
      return `nytta_int(${raw})`;
    case 'date':
      return `nytta_date(${raw})`;
    case 'period':
      return `nytta_period(${raw})`;
    case 'measure':
      return `CASE WHEN NOT ${isToken(raw)} THEN nytta_num(${raw}) END`;
    case 'probability':
    case 'share':
      return `(SELECT CASE WHEN p BETWEEN 0 AND 1 THEN p END FROM (SELECT CASE WHEN contains(${raw}, '%') OR nytta_num(${raw}) > 1 THEN nytta_num(replace(${raw}, '%', '')) / 100 ELSE nytta_num(${raw}) END AS p))`;
  }
}

function typeReason(type: ColumnType): string {
  if (isEnum(type)) return `är inte ett tillåtet värde (${type.allowed})`;
  switch (type) {
    case 'number':
    case 'measure':
      return 'är inte ett tal';
    case 'integer':
      return 'är inte ett heltal';
    case 'probability':
      return 'är ingen sannolikhet (0–1 eller 0–100 %)';
    case 'share':
      return 'är ingen andel (0–1 eller 0–100 %)';
    case 'date':
      return 'är inget giltigt datum (ÅÅÅÅ-MM-DD)';
    case 'period':
      return 'är ingen giltig period (använd 2024, 2024-03, 2024-Q1, 2024K1, 2024-W05 eller 2024-03-15)';
    case 'text':
      return '';
  }
}

/**
 * The table `stg_typed`, built in one pass: `line`, each declared column typed, and for each typed column
 * `<name>__bad` (text that does not parse). A measure also gets `<name>__token`: the suppression token, if any.
 */
export function typedTableSql(spec: KindSpec, present: ReadonlySet<string>): string {
  // Inner projection parses each cell once; the outer one derives the flags from the parsed value.
  const inner = ['line'];
  const outer = ['line'];
  for (const column of spec.columns) {
    const raw = present.has(column.name) ? q(column.name) : 'CAST(NULL AS VARCHAR)';
    const typed = q(column.name);
    const rawAlias = q(`${column.name}__text`);
    inner.push(`${typedExpr(column.type, raw)} AS ${typed}`);
    outer.push(typed);
    if (column.type === 'text') continue;
    inner.push(`${raw} AS ${rawAlias}`);
    if (column.type === 'measure') {
      inner.push(`CASE WHEN ${isToken(raw)} THEN trim(${raw}) END AS ${q(`${column.name}__token`)}`);
      outer.push(q(`${column.name}__token`));
      outer.push(
        `(${typed} IS NULL AND ${q(`${column.name}__token`)} IS NULL AND NOT nytta_blank(${rawAlias})) AS ${q(`${column.name}__bad`)}`,
      );
    } else {
      outer.push(`(${typed} IS NULL AND NOT nytta_blank(${rawAlias})) AS ${q(`${column.name}__bad`)}`);
    }
  }
  return `CREATE OR REPLACE TEMP TABLE stg_typed AS SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} FROM stg)`;
}

/** Checks every kind gets: required cells filled, typed cells parseable. Values are filled in from the raw text later. */
export function genericChecks(spec: KindSpec, present: ReadonlySet<string>): string[] {
  const checks: string[] = [];
  for (const column of spec.columns.filter((c) => present.has(c.name))) {
    const name = lit(column.name);
    const bad = column.type === 'text' ? 'false' : q(`${column.name}__bad`);
    if (column.required) {
      checks.push(
        `SELECT line, ${name}, NULL, 'värde saknas i obligatorisk kolumn' FROM stg_typed WHERE ${q(column.name)} IS NULL AND NOT ${bad}`,
      );
    }
    if (column.type !== 'text') checks.push(`SELECT line, ${name}, NULL, ${lit(typeReason(column.type))} FROM stg_typed WHERE ${bad}`);
  }
  return checks;
}
