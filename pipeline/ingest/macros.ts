/** @module macros – SQL macros that parse exported text the way Swedish exports write it. Validation runs in SQL, not row by row in JS. */
import { listValue, type DuckDBConnection, type DuckDBListValue } from '@duckdb/node-api';

/** Tokens that mean "suppressed or missing" in SCB/Kolada/Socialstyrelsen exports. Stored as NULL with the token as status. */
export const SUPPRESSION_TOKENS = ['..', '.', 'x', 'X', 'U', '–', '—', '-'] as const;

// Fast paths first: most cells are plain ASCII, so string functions decide and the regexes run only on the rest.
// Fast paths first: most cells are plain ASCII in a common form, so one cheap test decides and the slow parse runs on the rest.
// (Macros expand inline: a macro used twice is evaluated twice, so the slow paths are kept out of the common case.)
const MACROS = [
  // Empty after trimming spaces and no-break spaces.
  `CREATE OR REPLACE TEMP MACRO nytta_blank(s) AS (
     CASE WHEN s IS NULL THEN true WHEN trim(s) = '' THEN true
          WHEN NOT contains(s, chr(160)) AND NOT contains(s, chr(8239)) THEN false
          ELSE regexp_full_match(s, '[\\s\\x{a0}\\x{202f}]*') END)`,
  // Decimal comma, thousands separated by (no-break) spaces, Unicode minus.
  `CREATE OR REPLACE TEMP MACRO nytta_num_slow(s) AS TRY_CAST(
     replace(replace(replace(replace(replace(replace(s, ' ', ''), chr(160), ''), chr(8239), ''), chr(9), ''), ',', '.'), '−', '-') AS DOUBLE)`,
  // "inf" and "nan" parse as doubles but are not numbers in an export; no real number contains an n.
  `CREATE OR REPLACE TEMP MACRO nytta_num(s) AS
     CASE WHEN strpos(s, 'n') = 0 AND strpos(s, 'N') = 0 THEN coalesce(TRY_CAST(s AS DOUBLE), nytta_num_slow(s)) END`,
  `CREATE OR REPLACE TEMP MACRO nytta_int_slow(s) AS CASE WHEN nytta_num(s) = floor(nytta_num(s)) AND abs(nytta_num(s)) < 9e18 THEN CAST(nytta_num(s) AS BIGINT) END`,
  // DuckDB's own cast rounds '2026.5' to 2027: a decimal point takes the checked path, which refuses a fraction.
  `CREATE OR REPLACE TEMP MACRO nytta_int(s) AS
     CASE WHEN strpos(s, '.') = 0 THEN coalesce(TRY_CAST(s AS BIGINT), nytta_int_slow(s)) ELSE nytta_int_slow(s) END`,
  `CREATE OR REPLACE TEMP MACRO nytta_date(s) AS CASE WHEN regexp_full_match(trim(s), '\\d{4}-\\d{2}-\\d{2}') THEN TRY_CAST(trim(s) AS DATE) END`,
  `CREATE OR REPLACE TEMP MACRO nytta_fold(s) AS lower(strip_accents(trim(s)))`,
  // Periods: 2024 | 2024-03 | 2024M03 | 2024-Q1 | 2024Q1 | 2024K1 | 2024-W05 | 2024W05 | 2024-03-15.
  `CREATE OR REPLACE TEMP MACRO nytta_period_slow(p) AS (
     CASE
       WHEN regexp_full_match(p, '\\d{4}') THEN p
       WHEN regexp_full_match(p, '\\d{4}[-M](0[1-9]|1[0-2])') THEN left(p, 4) || '-' || right(p, 2)
       WHEN regexp_full_match(upper(p), '\\d{4}-?[QK][1-4]') THEN left(p, 4) || '-Q' || right(p, 1)
       WHEN regexp_full_match(upper(p), '\\d{4}-?W(0[1-9]|[1-4][0-9]|5[0-3])')
            -- week 53 exists only in long ISO years
            AND weekofyear(CAST(strptime(left(p, 4) || '-' || right(p, 2) || '-1', '%G-%V-%u') AS DATE)) = CAST(right(p, 2) AS INTEGER)
            THEN left(p, 4) || '-W' || right(p, 2)
       WHEN nytta_date(p) IS NOT NULL THEN p
     END)`,
  `CREATE OR REPLACE TEMP MACRO nytta_period(s) AS (
     CASE WHEN regexp_full_match(s, '\\d{4}-(0[1-9]|1[0-2])') THEN s ELSE nytta_period_slow(trim(s)) END)`,
  `CREATE OR REPLACE TEMP MACRO nytta_grain(p) AS (
     CASE WHEN length(p) = 4 THEN 'year'
          WHEN p LIKE '%-Q%' THEN 'quarter'
          WHEN p LIKE '%-W%' THEN 'week'
          WHEN length(p) = 7 THEN 'month'
          WHEN length(p) = 10 THEN 'day' END)`,
  `CREATE OR REPLACE TEMP MACRO nytta_period_start(p) AS (
     CASE nytta_grain(p)
       WHEN 'year' THEN make_date(CAST(p AS INTEGER), 1, 1)
       WHEN 'quarter' THEN make_date(CAST(left(p, 4) AS INTEGER), CAST(right(p, 1) AS INTEGER) * 3 - 2, 1)
       WHEN 'month' THEN make_date(CAST(left(p, 4) AS INTEGER), CAST(right(p, 2) AS INTEGER), 1)
       WHEN 'week' THEN CAST(strptime(left(p, 4) || '-' || right(p, 2) || '-1', '%G-%V-%u') AS DATE)
       WHEN 'day' THEN CAST(p AS DATE) END)`,
  // Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29).
  `CREATE OR REPLACE TEMP MACRO nytta_excel_date(s) AS CASE WHEN nytta_int(s) BETWEEN 1 AND 2958465 THEN strftime(DATE '1899-12-30' + CAST(nytta_int(s) AS INTEGER), '%Y-%m-%d') END`,
];

/** Defines the parsing macros on a connection (temp macros live as long as the connection). */
export async function defineMacros(connection: DuckDBConnection): Promise<void> {
  for (const sql of MACROS) await connection.run(sql);
}

/** The suppression tokens for one load: the standard ones plus a mapping's own, as a list value for `$tokens`. */
export function suppressionTokens(extra: readonly string[] = []): DuckDBListValue {
  return listValue([...new Set([...SUPPRESSION_TOKENS, ...extra])]);
}
