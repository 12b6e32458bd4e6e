/** One measured ingest in its own process, so peak memory is this work's alone. Prints one JSON line. */
import { rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadFile } from '../pipeline/ingest/load-file.js';
import { openStore } from '../pipeline/store/open-store.js';
import { quotedString } from '../pipeline/store/sql.js';

const [mode, db, csv, ...references] = process.argv.slice(2);
for (const suffix of ['', '.wal']) rmSync(db + suffix, { force: true });
let seconds: number;
let rows: number;
if (mode === 'nytta') {
  const store = await openStore(db, { memoryLimit: '700MB' });
  for (const file of references) await loadFile(store.connection, file);
  const start = performance.now();
  const report = await loadFile(store.connection, csv);
  seconds = (performance.now() - start) / 1000;
  rows = report.rowsAccepted;
  if (report.status !== 'loaded') throw new Error(`ingest ${report.status}: ${JSON.stringify(report.errors.slice(0, 3))}`);
  store.close();
} else {
  // The floor: DuckDB's own reader into a table in the same kind of file, no checks.
  const instance = await DuckDBInstance.create(db);
  const connection = await instance.connect();
  const start = performance.now();
  await connection.run(`CREATE TABLE observation AS SELECT * FROM read_csv(${quotedString(csv)}, delim = ';', header = true)`);
  seconds = (performance.now() - start) / 1000;
  rows = Number((await connection.runAndReadAll('SELECT count(*) FROM observation')).getRows()[0][0]);
  connection.closeSync();
  instance.closeSync();
}
console.log(JSON.stringify({ mode, rows, seconds, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
