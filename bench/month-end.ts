/**
 * Month end, as the issue measured it: 50 connections each asking random `indicator_series` (every indicator × {all,
 * each administration} × {month, year} × {none, sex, age}) for 20 s against `nytta serve` on the store, first with
 * nothing kept (the service just started), then the same while a corrected export commits (which makes a new store
 * version, so the kept answers go); and the p50 of a whole program's follow-up, baseline and business case, computed
 * (a service keeping nothing) and kept, after ten warm-up questions as the series are measured, beside the first
 * answer's time (cold).
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { loadFigures, percentile, startServer, stopServer, WARM_UP } from './service.js';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const CONNECTIONS = 50;
const RUNS = 15;

type LoadFigures = ReturnType<typeof loadFigures> & { connections: number; seconds: number; distinctQuestions: number };

async function json(url: string): Promise<{ rows: Record<string, unknown>[] }> {
  return (await (await fetch(url)).json()) as { rows: Record<string, unknown>[] };
}

/** Every question of the mix, as paths. */
async function questions(base: string): Promise<string[]> {
  const indicators = (await json(`${base}/api/v1/queries/catalogue_indicators`)).rows.map((r) => String(r.id));
  const administrations = (await json(`${base}/api/v1/queries/catalogue_org_units`)).rows
    .filter((r) => r.level === 'forvaltning')
    .map((r) => String(r.id));
  const paths: string[] = [];
  for (const indicator of indicators)
    for (const unit of ['', ...administrations])
      for (const grain of ['month', 'year'])
        for (const breakdown of ['none', 'sex', 'age'])
          paths.push(`/api/v1/queries/indicator_series?indicator=${indicator}&unit=${unit}&grain=${grain}&breakdown=${breakdown}`);
  return paths;
}

async function mixedLoad(base: string, paths: readonly string[]): Promise<LoadFigures> {
  let i = 0;
  // Deterministic "random": the same sequence in every run, spread over the whole mix.
  const next = () => paths[(i++ * 7919) % paths.length];
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (req) => ({ ...req, path: next() }) }],
  });
  return { connections: CONNECTIONS, seconds: SECONDS, distinctQuestions: paths.length, ...loadFigures(result) };
}

/**
 * The same question asked again and again: the first answer's time (a service just started answers its first questions
 * two to six times slower), then the p50 of RUNS after WARM_UP more, as the series are measured (bench/service.ts).
 */
async function p50(url: string): Promise<{ first: number; p50: number }> {
  const ask = async () => {
    const start = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    return performance.now() - start;
  };
  const first = await ask();
  for (let i = 1; i < WARM_UP; i++) await ask();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(await ask());
  return { first: +first.toFixed(1), p50: +percentile(ms, 50).toFixed(1) };
}

const PROGRAM_ANSWERS = {
  followup: '/api/v1/followup?program=FVIS',
  baseline: '/api/v1/baseline?indicator=IND04&unit=SU',
  businessCase: '/api/v1/business-case?program=FVIS',
};

type ProgramFigures = Record<keyof typeof PROGRAM_ANSWERS, number>;

/** Each program answer's p50, and its first answer's time. */
async function programAnswers(base: string): Promise<{ p50: ProgramFigures; first: ProgramFigures }> {
  const out = { p50: {} as ProgramFigures, first: {} as ProgramFigures };
  for (const [name, path] of Object.entries(PROGRAM_ANSWERS)) {
    const figures = await p50(`${base}${path}`);
    out.p50[name as keyof typeof PROGRAM_ANSWERS] = figures.p50;
    out.first[name as keyof typeof PROGRAM_ANSWERS] = figures.first;
  }
  return out;
}

/**
 * `corrected` is an export of observations whose keys are in the store: loaded through `POST /api/v1/ingest` while the
 * mixed load runs, it commits halfway and every kept answer goes with the old version.
 */
export async function monthEndBenchmark(db: string, corrected: string) {
  const computed = await startServer(db, 3998, { NYTTA_CACHE_MIB: '0' });
  let uncached;
  try {
    uncached = await programAnswers('http://127.0.0.1:3998');
  } finally {
    await stopServer(computed);
  }
  const base = 'http://127.0.0.1:3997';
  const server = await startServer(db, 3997);
  try {
    const paths = await questions(base);
    const cold = await mixedLoad(base, paths);
    const kept = await programAnswers(base);
    const form = new FormData();
    form.append('file', new Blob([readFileSync(corrected)]), 'utfall-rattad.csv');
    const started = performance.now();
    const loading = fetch(`${base}/api/v1/ingest`, { method: 'POST', body: form }).then(async (res) => ({
      status: res.status,
      seconds: +((performance.now() - started) / 1000).toFixed(1),
      report: (await res.json()) as { rowsAccepted?: number; rowsReplaced?: number },
    }));
    const during = await mixedLoad(base, paths);
    const load = await loading;
    return {
      mix: 'indicator_series: every indicator × {all, each administration} × {month, year} × {none, sex, age}',
      cold,
      whileLoading: {
        ...during,
        load: {
          status: load.status,
          seconds: load.seconds,
          rowsAccepted: load.report.rowsAccepted,
          rowsReplaced: load.report.rowsReplaced,
        },
      },
      programAnswersP50: { computed: uncached.p50, kept: kept.p50 },
      // The first answer of the service keeping nothing, just started: its cold cost, not in the p50.
      programAnswersFirst: uncached.first,
      targets: { requestsPerSecond: 150, p99Ms: 1000, errors: 0, programAnswerP50Ms: 50 },
    };
  } finally {
    await stopServer(server);
  }
}
