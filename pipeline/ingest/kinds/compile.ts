/** @module compile – turns a kind's column types into a typed SQL view and generic checks, all in SQL. */
import { isEnum, lit, q, type ColumnSpec, type ColumnType, type KindSpec } from './spec.js';

// Tokens live in the temp table nytta_token (filled with bound parameters), since mapping files add their own.
const TOKENS = 'SELECT token FROM nytta_token';

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
      return `CASE WHEN trim(${raw}) NOT IN (${TOKENS}) THEN nytta_num(${raw}) END`;
    case 'probability':
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
    case 'date':
      return 'är inget giltigt datum (ÅÅÅÅ-MM-DD)';
    case 'period':
      return 'är ingen giltig period (använd 2024, 2024-03, 2024-Q1, 2024K1, 2024-W05 eller 2024-03-15)';
    case 'text':
      return '';
  }
}

/** The view `stg_typed`: `line`, then each declared column typed, plus `<name>__raw` text. */
export function typedViewSql(spec: KindSpec, present: ReadonlySet<string>): string {
  const parts = ['line'];
  for (const column of spec.columns) {
    const raw = present.has(column.name) ? q(column.name) : 'CAST(NULL AS VARCHAR)';
    parts.push(`${typedExpr(column.type, raw)} AS ${q(column.name)}`);
    parts.push(`${raw} AS ${q(`${column.name}__raw`)}`);
  }
  return `CREATE OR REPLACE TEMP VIEW stg_typed AS SELECT ${parts.join(', ')} FROM stg`;
}

/** Checks every kind gets: required cells filled, typed cells parseable. */
export function genericChecks(spec: KindSpec, present: ReadonlySet<string>): string[] {
  const checks: string[] = [];
  for (const column of spec.columns.filter((c) => present.has(c.name))) {
    const typed = q(column.name);
    const raw = q(`${column.name}__raw`);
    if (column.required) {
      checks.push(
        `SELECT line, ${lit(column.name)} AS column_name, ${raw} AS value, 'värde saknas i obligatorisk kolumn' AS reason FROM stg_typed WHERE nytta_blank(${raw})`,
      );
    }
    if (column.type !== 'text') {
      const reason = typeReason(column.type);
      const notToken = column.type === 'measure' ? ` AND trim(${raw}) NOT IN (${TOKENS})` : '';
      checks.push(
        `SELECT line, ${lit(column.name)}, ${raw}, ${lit(reason)} FROM stg_typed WHERE NOT nytta_blank(${raw}) AND ${typed} IS NULL${notToken}`,
      );
    }
  }
  return checks;
}

export function columnByName(spec: KindSpec, name: string): ColumnSpec | undefined {
  return spec.columns.find((c) => c.name === name || c.aliases?.includes(name));
}
