/**
 * The service benchmark, on a store built by the ingest benchmark: `indicator_series` in-process on DuckDB (the floor)
 * against the same query over HTTP as JSON and as Arrow; latency p50/p99 and the ratio to the floor; throughput with
 * autocannon at 10 and 50 connections; payload sizes of JSON and Arrow for 100 000 rows.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadQueries } from '../pipeline/named-queries/registry.js';
import { BIND_TYPES, ROLLUP_PARAM } from '../pipeline/named-queries/run-query.js';
import { rollupIsFresh } from '../pipeline/store/rollup.js';
import { BOOLEAN } from '@duckdb/node-api';
import { QUERIES_DIR } from '../pipeline/service/start.js';
import { openStore } from '../pipeline/store/open-store.js';
import { runKept } from '../pipeline/store/reader-pool.js';

const SERIES = { indicator: 'IND04', unit: 'SU', children: true, municipality: '', from: '', to: '', grain: 'month', breakdown: 'sex' };
const SERIES_QUERY = 'indicator=IND04&unit=SU&grain=month&breakdown=sex';
const LARGE_QUERY = 'indicator=IND02';
const RUNS = 30;
/** A `from` no earlier run asked for: 2019-01, 2019-02, … (the demo starts in 2019-01, so every answer is the same size or less). */
const fresh = (i: number) => `${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

export const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/**
 * Warm-up runs before the measured ones, the same for the floor and for HTTP: a service just started answers its first
 * questions two to six times slower (its connections, DuckDB's catalog and buffers are cold), which the month-end
 * benchmark measures from cold; here the question is what each answer costs once the service runs.
 */
export const WARM_UP = 10;

/** p50 and p99 of measured milliseconds, to a tenth. */
const latencyFigures = (ms: number[]) => ({ p50: +percentile(ms, 50).toFixed(1), p99: +percentile(ms, 99).toFixed(1) });

export async function time(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < WARM_UP; i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
  }
  return latencyFigures(ms);
}

/** The series asked in process on a store (question `run` of the fresh series), bound as the service binds it. */
async function seriesInProcess(db: string, options: { rows?: boolean } = {}) {
  const store = await openStore(db, { readOnly: true });
  const query = (await loadQueries(store.connection, QUERIES_DIR)).get('indicator_series')!;
  const types = { ...Object.fromEntries(query.params.map((p) => [p.name, BIND_TYPES[p.type]])), [ROLLUP_PARAM]: BOOLEAN };
  const rollup = !options.rows && (await rollupIsFresh(store.connection));
  let rows = 0;
  const values = (run: number) => ({ ...SERIES, from: fresh(run), [ROLLUP_PARAM]: rollup });
  const ask = async (run: number) => {
    rows = (await store.connection.runAndReadAll(query.sql, values(run), types)).currentRowCount;
  };
  // The same with the statement kept between questions, as the service keeps it: what is left is DuckDB's execution.
  const askKept = async (run: number) => {
    rows = (await runKept(store.connection, query.sql, values(run), types)).currentRowCount;
  };
  return { ask, askKept, rollup, rows: () => rows, close: () => store.close() };
}

/**
 * One series in process on DuckDB, with nothing between: the floor the service is measured against. It reads the
 * rollup where the service would (fresh), unless `rows` asks for the rows themselves.
 */
export async function floor(db: string, options: { rows?: boolean } = {}) {
  const series = await seriesInProcess(db, options);
  try {
    let run = 0;
    const latency = await time(RUNS, () => series.ask(run++));
    return { ...latency, rows: series.rows(), rollup: series.rollup };
  } finally {
    series.close();
  }
}

/**
 * The floor, JSON and Arrow asked in turn, question by question: this machine's speed drifts by 20 % and more within
 * a minute, and measured one after another a ratio measured that drift as much as the service. The floor reads a copy
 * of the store (the service holds the file), with the same rows in the same layout. The floor plans its statement for
 * each question, as a script asking once would; `floorKept` keeps it, as the service does, and leaves DuckDB's
 * execution alone: the ratio to it is what the service and HTTP cost beyond that.
 */
async function interleaved(copy: string, base: string) {
  const series = await seriesInProcess(copy);
  try {
    const url = (run: number) => `${base}/api/v1/queries/indicator_series?${SERIES_QUERY}&from=${fresh(run)}`;
    const arrow = { headers: { accept: 'application/vnd.apache.arrow.stream' } };
    const forms = {
      floor: (run: number) => series.ask(run),
      floorKept: (run: number) => series.askKept(run),
      json: (run: number) => fetch(url(run)).then((r) => r.arrayBuffer()),
      arrow: (run: number) => fetch(url(run), arrow).then((r) => r.arrayBuffer()),
    };
    const ms = { floor: [] as number[], floorKept: [] as number[], json: [] as number[], arrow: [] as number[] };
    // The same questions in the same order for each (an answer is kept per form, so Arrow's are not JSON's).
    for (let run = 0; run < WARM_UP + RUNS; run++)
      for (const [form, ask] of Object.entries(forms) as [keyof typeof forms, (run: number) => Promise<unknown>][]) {
        const start = performance.now();
        await ask(run);
        if (run >= WARM_UP) ms[form].push(performance.now() - start);
      }
    return {
      floor: { ...latencyFigures(ms.floor), rows: series.rows(), rollup: series.rollup },
      floorKept: latencyFigures(ms.floorKept),
      json: latencyFigures(ms.json),
      arrow: latencyFigures(ms.arrow),
    };
  } finally {
    series.close();
  }
}

/** What autocannon measured that the results keep: throughput, latency and every kind of failure. */
export function loadFigures(result: autocannon.Result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** `nytta serve` on the store in a process of its own, as in use; `env` adds to the environment (NYTTA_CACHE_MIB=0). */
export async function startServer(db: string, port: number, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const bin = join(import.meta.dirname, '..', 'bin', 'nytta.js');
  const child = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', String(port), '--no-demo'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('lyssnar') && resolve());
    child.on('exit', (code) => reject(new Error(`the service stopped (${code})`)));
  });
  child.stdout!.resume();
  return child;
}

export async function serviceBenchmark(db: string) {
  const fromRows = await floor(db, { rows: true });
  // The floor's copy, made before the service opens the file.
  const copy = join(mkdtempSync(join(tmpdir(), 'nytta-floor-')), 'store.duckdb');
  copyFileSync(db, copy);
  const port = 3999;
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(db, port);
  try {
    // A fresh `from` each time, as the issue measured: every answer computed, none kept from before.
    const { floor: floorRun, floorKept, json, arrow } = await interleaved(copy, base);
    // The same question again: the answer kept for this store version.
    const kept = `${base}/api/v1/queries/indicator_series?${SERIES_QUERY}`;
    const cached = await time(RUNS, () => fetch(kept).then((r) => r.arrayBuffer()));
    const large = `${base}/api/v1/queries/observations?${LARGE_QUERY}`;
    const largeJson = await (await fetch(large)).arrayBuffer();
    const largeRows = (JSON.parse(new TextDecoder().decode(largeJson)) as { rowCount: number }).rowCount;
    const largeArrow = await (await fetch(large, { headers: { accept: 'application/vnd.apache.arrow.stream' } })).arrayBuffer();
    const load = async (connections: number) => {
      const result = await autocannon({ url: `${base}/api/v1/queries/indicator_series?${SERIES_QUERY}`, connections, duration: 10 });
      return { connections, ...loadFigures(result) };
    };
    return {
      query: `indicator_series?${SERIES_QUERY}`,
      rows: floorRun.rows,
      floor: { p50: floorRun.p50, p99: floorRun.p99, rollup: floorRun.rollup },
      // the same in process, pooled from the rows (asOf, a stale rollup, or a store under NYTTA_ROLLUP_MIN_ROWS)
      floorFromRows: { p50: fromRows.p50, p99: fromRows.p99 },
      floorKept,
      httpJson: { ...json, ratioToFloor: +(json.p50 / floorRun.p50).toFixed(2), ratioToKeptFloor: +(json.p50 / floorKept.p50).toFixed(2) },
      httpArrow: { ...arrow, ratioToFloor: +(arrow.p50 / floorRun.p50).toFixed(2) },
      httpCached: cached,
      payload: {
        query: `observations?${LARGE_QUERY}`,
        rows: largeRows,
        jsonBytes: largeJson.byteLength,
        arrowBytes: largeArrow.byteLength,
        arrowToJson: +(largeArrow.byteLength / largeJson.byteLength).toFixed(2),
      },
      load: [await load(10), await load(50)],
      targets: { floorP50Ms: 20, httpP50RatioToFloor: 1.3, arrowToJsonAt100kRows: 0.5, errorsUnderLoad: 0 },
    };
  } finally {
    await stopServer(server);
    rmSync(dirname(copy), { recursive: true, force: true });
  }
}

/** Stops a server and waits until it has let go of the store, so the next process may open it. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}
