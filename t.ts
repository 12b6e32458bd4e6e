import { DuckDBInstance } from '@duckdb/node-api';
import { defineMacros } from './pipeline/ingest/macros.js';
const c = await (await DuckDBInstance.create(':memory:')).connect();
await defineMacros(c);
const r = await c.runAndReadAll(`select s, nytta_num(s) n, nytta_period(s) p, nytta_grain(nytta_period(s)) g, nytta_period_start(nytta_period(s)) st, nytta_blank(s) b from (values ('1 234,5'), ('2024'), ('2024K3'), ('2024-W05'), ('2024M03'), ('2024-13'), (' '), ('2024-02-30'), ('−3,2')) t(s)`);
console.log(r.getRowObjectsJson());
