import { DuckDBInstance } from '@duckdb/node-api';
import { defineMacros } from './pipeline/ingest/macros.js';
import { typedTableSql, genericChecks } from './pipeline/ingest/kinds/compile.js';
import { observations } from './pipeline/ingest/kinds/observations.js';
import { stageCsv } from './pipeline/ingest/readers/csv.js';
const c = await (await DuckDBInstance.create(':memory:')).connect();
await defineMacros(c);
await c.run(`create table indicator (id varchar)`); await c.run(`insert into indicator select 'IND' || lpad(i::varchar, 2, '0') from range(1,17) t(i)`);
await c.run(`create table org_unit (id varchar)`); await c.run(`insert into org_unit select distinct enhet from read_csv('/tmp/u2m.csv', delim=';', header=true)`);
let t = Date.now();
const lap = (l: string) => { console.log(l, Date.now() - t); t = Date.now(); };
const st = await stageCsv(c, 'u', '/tmp/u2m.csv'); lap('stage');
const cols = new Set(st.columns);
await c.run(typedTableSql(observations, cols), { tokens: JSON.stringify(["..","x","-"]) }); lap('typed');
for (const sql of [...genericChecks(observations, cols), ...observations.checks!({})]) { await c.run(`create or replace temp table e as ${sql}`); lap(sql.slice(0, 70).replace(/\s+/g, ' ')); }
for (const expr of ['nytta_num(taljare)', 'nytta_int(antal)', 'nytta_period(period)', 'nytta_blank(kommun)', "CASE nytta_fold(kon) WHEN 'k' THEN 'K' END", 'trim(kommun)']) { await c.run(`create or replace temp table x as select ${expr} from stg`); lap(expr); }
