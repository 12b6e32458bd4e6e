/** @module macros – SQL macros that parse exported text the way Swedish exports write it. Validation runs in SQL, not row by row in JS. */
import type { DuckDBConnection } from '@duckdb/node-api';

/** Tokens that mean "suppressed or missing" in SCB/Kolada/Socialstyrelsen exports. Stored as NULL with the token as status. */
export const SUPPRESSION_TOKENS = ['..', '.', 'x', 'X', 'U', '–', '—', '-'] as const;

const MACROS = [
  // Empty after trimming spaces and no-break spaces.
  `CREATE OR REPLACE TEMP MACRO nytta_blank(s) AS (s IS NULL OR regexp_full_match(s, '[\\s\\x{a0}\\x{202f}]*'))`,
  // Decimal comma, thousands separated by (no-break) spaces, Unicode minus.
  `CREATE OR REPLACE TEMP MACRO nytta_num(s) AS TRY_CAST(replace(replace(regexp_replace(s, '[\\s\\x{a0}\\x{202f}]', '', 'g'), ',', '.'), '−', '-') AS DOUBLE)`,
  `CREATE OR REPLACE TEMP MACRO nytta_int(s) AS CASE WHEN nytta_num(s) = floor(nytta_num(s)) THEN CAST(nytta_num(s) AS BIGINT) END`,
  `CREATE OR REPLACE TEMP MACRO nytta_date(s) AS CASE WHEN regexp_full_match(trim(s), '\\d{4}-\\d{2}-\\d{2}') THEN TRY_CAST(trim(s) AS DATE) END`,
  `CREATE OR REPLACE TEMP MACRO nytta_fold(s) AS lower(strip_accents(trim(s)))`,
  // Periods: 2024 | 2024-03 | 2024M03 | 2024-Q1 | 2024Q1 | 2024K1 | 2024-W05 | 2024-03-15.
  `CREATE OR REPLACE TEMP MACRO nytta_period(s) AS (
     CASE
       WHEN regexp_full_match(trim(s), '\\d{4}') THEN trim(s)
       WHEN regexp_full_match(trim(s), '\\d{4}[-M](0[1-9]|1[0-2])') THEN left(trim(s), 4) || '-' || right(trim(s), 2)
       WHEN regexp_full_match(upper(trim(s)), '\\d{4}-?[QK][1-4]') THEN left(trim(s), 4) || '-Q' || right(trim(s), 1)
       WHEN regexp_full_match(upper(trim(s)), '\\d{4}-?W(0[1-9]|[1-4][0-9]|5[0-3])') THEN left(trim(s), 4) || '-W' || right(trim(s), 2)
       WHEN nytta_date(s) IS NOT NULL THEN trim(s)
     END)`,
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

/** Fills the temp table of suppression tokens: the standard ones plus a mapping's own, as bound parameters. */
export async function defineTokens(connection: DuckDBConnection, extra: readonly string[] = []): Promise<void> {
  await connection.run('CREATE OR REPLACE TEMP TABLE nytta_token (token VARCHAR)');
  for (const token of new Set([...SUPPRESSION_TOKENS, ...extra])) {
    await connection.run('INSERT INTO nytta_token VALUES ($1)', [token]);
  }
}
