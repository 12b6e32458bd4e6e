import { DuckDBInstance } from '@duckdb/node-api';
import { defineMacros } from './pipeline/ingest/macros.js';
const c = await (await DuckDBInstance.create(':memory:')).connect();
await defineMacros(c);
const r = await c.runAndReadAll(`select s, nytta_num(s) n, nytta_int(s) i, nytta_period(s) p, nytta_period_start(nytta_period(s)) st, nytta_blank(s) b from (values ('1 234,5'), ('2024'), ('2024K3'), ('2024q2'), ('2024-W05'), ('2024W53'), ('2020-W53'), ('2024M03'), ('2024-13'), (' '), (chr(160)), ('2024-02-30'), ('−3,2'), ('inf'), ('NaN'), ('12'), ('2024-00'), ('20245'), ('2024-Q5')) t(s)`);
for (const row of r.getRowObjectsJson()) console.log(JSON.stringify(row));
