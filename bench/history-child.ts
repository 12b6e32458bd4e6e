/**
 * History and isolation, in a process of its own on the store the ingest benchmark built: a corrected export that
 * replaces every key is loaded through the service's writer and commit gate while readers query the service; what a
 * reader waits (p50/p99 before and during the load, and the longest single answer), how long the replacing load takes
 * with its history kept, and how much the store grows. Prints one JSON line.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { writeDemoFiles } from '../pipeline/demo/generate.js';
import { loadFile } from '../pipeline/ingest/load-file.js';
import { buildService } from '../pipeline/service/start.js';
import { openStore } from '../pipeline/store/open-store.js';

const [db, dir, rowsText] = process.argv.slice(2);
const rows = Number(rowsText);
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const sizeMiB = () => ['', '.wal'].reduce((sum, s) => sum + (statSync(db + s, { throwIfNoEntry: false })?.size ?? 0), 0) / 2 ** 20;

// Another seed gives other values for the very same keys: a corrected export of the whole region.
const files = await writeDemoFiles(join(dir, 'corrected'), { rows, seed: 2 });
const corrected = files.find((f) => f.endsWith('utfall.csv'))!;

const store = await openStore(db, { memoryLimit: '700MB' });
const before = sizeMiB();
// No answers kept: this measures what a reader waits for the store itself while a load runs and commits.
const { app, deps } = await buildService(store, { host: '127.0.0.1', port: 0, env: { NYTTA_CACHE_MIB: '0' } });
const INDICATORS = Array.from({ length: 16 }, (_, i) => `IND${String(i + 1).padStart(2, '0')}`);
let phase: 'before' | 'during' | 'after' = 'before';
const latencies: Record<string, number[]> = { before: [], during: [], after: [] };
let errors = 0;
let reading = true;
// Eight readers, each asking one series at a time, as analysts refreshing do.
const reader = async (seed: number) => {
  let i = seed;
  while (reading) {
    const indicator = INDICATORS[i++ % INDICATORS.length];
    const start = performance.now();
    const res = await app.request(`/api/v1/queries/indicator_series?indicator=${indicator}&grain=year`);
    if (res.status !== 200) errors++;
    await res.arrayBuffer();
    latencies[phase].push(performance.now() - start);
  }
};
const readers = Array.from({ length: 8 }, (_, i) => reader(i * 2));
await new Promise((resolve) => setTimeout(resolve, 5_000));
phase = 'during';
const start = performance.now();
const report = await loadFile(deps.writer, corrected, { gate: deps.gate });
const loadSeconds = (performance.now() - start) / 1000;
phase = 'after';
await new Promise((resolve) => setTimeout(resolve, 1_000));
reading = false;
await Promise.all(readers);
await deps.writer.run('CHECKPOINT');
const after = sizeMiB();
store.close();

const figures = (xs: number[]) => ({
  answers: xs.length,
  p50: +percentile(xs, 50).toFixed(1),
  p99: +percentile(xs, 99).toFixed(1),
  max: +Math.max(...xs).toFixed(1),
});
console.log(
  JSON.stringify({
    rows,
    load: { seconds: +loadSeconds.toFixed(1), status: report.status, rowsAccepted: report.rowsAccepted, rowsReplaced: report.rowsReplaced },
    readers: { before: figures(latencies.before), during: figures(latencies.during), errors },
    storeMiB: { before: +before.toFixed(0), after: +after.toFixed(0), growth: +(after - before).toFixed(0) },
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
