import { DuckDBInstance } from '@duckdb/node-api';
import { defineMacros } from './pipeline/ingest/macros.js';
const c = await (await DuckDBInstance.create(':memory:')).connect();
await defineMacros(c);
await c.run(`create table stg as select * from read_csv('/tmp/u2m.csv', delim=';', header=true, all_varchar=true)`);
let t = Date.now();
const lap = (l: string) => { console.log(l, Date.now() - t); t = Date.now(); };
for (const expr of [
  `regexp_full_match(period, '\\d{4}-(0[1-9]|1[0-2])')`,
  `CASE WHEN regexp_full_match(period, '\\d{4}-(0[1-9]|1[0-2])') THEN period ELSE nytta_period(period) END`,
  `CASE WHEN length(period) = 7 AND substr(period, 5, 1) = '-' AND TRY_CAST(substr(period, 6, 2) AS INTEGER) BETWEEN 1 AND 12 AND TRY_CAST(left(period, 4) AS INTEGER) IS NOT NULL THEN period ELSE nytta_period(period) END`,
  `nytta_period(period)`,
]) { await c.run(`create or replace temp table x as select ${expr} from stg`); lap(expr.slice(0, 80)); }
