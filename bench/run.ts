/**
 * `npm run bench`: figures, not assertions. Ingest of a demo export (10 M rows by default, BENCH_ROWS to change)
 * against the floor (DuckDB's own read_csv into a table, same file, separate process; BENCH_REPEAT turns each, default 5,
 * medians compared) and, where Debian's
 * python3-pandas is installed, pandas.read_csv as the analyst's peer. Ratios go to bench/results/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoFiles } from '../pipeline/demo/generate.js';
import { ingestFiles } from '../pipeline/ingest/ingest-files.js';
import { openStore } from '../pipeline/store/open-store.js';
import { refreshRollup } from '../pipeline/store/rollup.js';
import { addinBenchmark } from './addin.js';
import { hostileBenchmark } from './hostile.js';
import { monthEndBenchmark } from './month-end.js';
import { floor as seriesFloor, serviceBenchmark } from './service.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);

interface Run {
  mode: string;
  rows: number;
  seconds: number;
  peakMiB: number;
}

function child(args: string[]): Run {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(HERE, 'ingest-child.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

/** The run with the median time, with the highest peak memory of all runs (memory is a limit, not an average). */
function median(runs: Run[]): Run & { runs: number[] } {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return {
    ...sorted[Math.floor(sorted.length / 2)],
    peakMiB: Math.max(...runs.map((r) => r.peakMiB)),
    runs: runs.map((r) => +r.seconds.toFixed(2)),
  };
}

function pandas(csv: string): Run | null {
  // Debian's python3-pandas lives under /usr/bin/python3, which may not be the python3 first on PATH.
  const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import pandas']).status === 0);
  if (!python) {
    console.log('pandas: hoppas över – python3-pandas är inte installerat (apt-get install python3-pandas).');
    return null;
  }
  const script = [
    'import json, resource, sys, time, pandas',
    't = time.perf_counter()',
    "df = pandas.read_csv(sys.argv[1], sep=';', decimal=',')",
    's = time.perf_counter() - t',
    "print(json.dumps({'mode': 'pandas', 'rows': len(df), 'seconds': s, 'peakMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))",
  ].join('\n');
  const out = execFileSync(python!, ['-c', script, csv], { encoding: 'utf8' });
  return JSON.parse(out.trim()) as Run;
}

/** One row of the scaling table: the ingest's time and memory, the store's size, and one uncached series in process. */
/** The rollup built after a load, as `nytta ingest` and the service do: its seconds and rows. */
async function buildRollup(db: string): Promise<{ seconds: number; rows: number }> {
  const store = await openStore(db);
  try {
    const report = await refreshRollup(store.connection, { minRows: 0 });
    return { seconds: +(report.ms / 1000).toFixed(1), rows: report.rows };
  } finally {
    store.close();
  }
}

async function scalePoint(rows: number, run: Run, db: string) {
  const fromRows = await seriesFloor(db, { rows: true });
  const rollup = await buildRollup(db);
  const storeMiB = ['', '.wal'].reduce((sum, s) => sum + (statSync(db + s, { throwIfNoEntry: false })?.size ?? 0), 0) / 2 ** 20;
  const series = await seriesFloor(db);
  return {
    rows,
    ingestSeconds: +run.seconds.toFixed(1),
    peakMiB: run.peakMiB,
    rollupSeconds: rollup.seconds,
    rollupRows: rollup.rows,
    storeMiB: Math.round(storeMiB),
    seriesP50: series.p50,
    seriesFromRowsP50: fromRows.p50,
  };
}

const work = mkdtempSync(join(tmpdir(), 'nytta-bench-'));
try {
  console.log(`Skapar demoexport med ${ROWS.toLocaleString('sv-SE')} utfallsrader …`);
  const files = await writeDemoFiles(join(work, 'export'), { rows: ROWS, seed: 1 });
  const csv = files.find((f) => f.endsWith('utfall.csv'))!;
  const references = ['organisation.csv', 'indikatorer.csv'].map((n) => files.find((f) => f.endsWith(n))!);
  // This machine's speed moves by ±20 % from run to run: floor and nytta take turns, and the medians are compared.
  const floors: Run[] = [];
  const nyttas: Run[] = [];
  for (let i = 0; i < REPEAT; i++) {
    floors.push(child(['floor', join(work, 'floor.duckdb'), csv]));
    nyttas.push(child(['nytta', join(work, 'nytta.duckdb'), csv, ...references]));
    console.log(`  omgång ${i + 1}: golvet ${floors[i].seconds.toFixed(1)} s, nytta ${nyttas[i].seconds.toFixed(1)} s`);
  }
  const floor = median(floors);
  const nytta = median(nyttas);
  const turnRatios = nyttas.map((r, i) => r.seconds / floors[i].seconds);
  const peer = pandas(csv);
  const rate = (r: Run) => Math.round(r.rows / r.seconds);
  const result = {
    benchmark: 'ingest',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    file: { rows: ROWS, bytes: statSync(csv).size },
    floor: { ...floor, rowsPerSecond: rate(floor) },
    nytta: {
      ...nytta,
      rowsPerSecond: rate(nytta),
      ratioToFloor: +(nytta.seconds / floor.seconds).toFixed(2),
      // Beside the ratio of the medians (the target's figure): each turn's own ratio, floor and nytta run back to back,
      // and their median, to show how much of a run's ratio is the machine's drift between turns.
      turnRatios: turnRatios.map((r) => +r.toFixed(2)),
      turnRatioMedian: +[...turnRatios].sort((a, b) => a - b)[Math.floor(turnRatios.length / 2)].toFixed(2),
    },
    pandas: peer ? { ...peer, rowsPerSecond: rate(peer), ratioToFloor: +(peer.seconds / floor.seconds).toFixed(2) } : null,
    targets: { ratioToFloor: 1.5, peakMiB: 1024 },
  };
  for (const run of [result.floor, result.nytta, result.pandas].filter((r) => r !== null)) {
    const ratio = 'ratioToFloor' in run ? `  ${run.ratioToFloor}× golvet` : '  (golvet)';
    console.log(
      `${run.mode.padEnd(6)} ${run.seconds.toFixed(1).padStart(6)} s  ${run.rowsPerSecond.toLocaleString('sv-SE').padStart(12)} rader/s  ${String(run.peakMiB).padStart(6)} MiB${ratio}`,
    );
  }
  console.log(`       ratio omgång för omgång ${result.nytta.turnRatios.join(', ')}: median ${result.nytta.turnRatioMedian}×`);
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'ingest.json'), JSON.stringify(result, null, 2) + '\n');
  console.log('Skrivet: bench/results/ingest.json');

  // The scaling table: the same ingest and one series at other sizes (50 M only with BENCH_SCALE=1).
  const scaling = [await scalePoint(ROWS, nytta, join(work, 'nytta.duckdb'))];
  for (const rows of [1_000_000, ...(process.env.BENCH_SCALE === '1' ? [50_000_000] : [])]) {
    if (rows === ROWS) continue;
    console.log(`Skala: ${rows.toLocaleString('sv-SE')} rader …`);
    const scaled = await writeDemoFiles(join(work, `scale-${rows}`), { rows, seed: 1 });
    const scaledCsv = scaled.find((f) => f.endsWith('utfall.csv'))!;
    const db = join(work, `scale-${rows}.duckdb`);
    const run = child(['nytta', db, scaledCsv, ...['organisation.csv', 'indikatorer.csv'].map((n) => scaled.find((f) => f.endsWith(n))!)]);
    scaling.push(await scalePoint(rows, run, db));
    rmSync(join(work, `scale-${rows}`), { recursive: true, force: true });
    rmSync(db, { force: true });
  }
  scaling.sort((a, b) => a.rows - b.rows);
  for (const p of scaling)
    console.log(
      `${p.rows.toLocaleString('sv-SE').padStart(11)} rader: inläsning ${p.ingestSeconds} s, ${p.peakMiB} MiB, sammanställning ${p.rollupSeconds} s (${p.rollupRows.toLocaleString('sv-SE')} rader), lagret ${p.storeMiB} MiB, en serie p50 ${p.seriesP50} ms (ur raderna ${p.seriesFromRowsP50} ms)`,
    );
  writeFileSync(
    join(HERE, 'results', 'scaling.json'),
    JSON.stringify({ benchmark: 'scaling', date: new Date().toISOString(), machine: result.machine, points: scaling }, null, 2) + '\n',
  );
  console.log('Skrivet: bench/results/scaling.json');

  // The rest of the demo region (programs, business case, targets, goals, benefits, risks) beside the observations:
  // the program answers, the workbooks and the add-in's sheets need them.
  const store = await openStore(join(work, 'nytta.duckdb'));
  await ingestFiles(
    store.connection,
    files.filter((f) => f !== csv && !references.includes(f)),
  );
  store.close();
  const rollup = await buildRollup(join(work, 'nytta.duckdb'));
  console.log(`Sammanställningen byggd: ${rollup.rows.toLocaleString('sv-SE')} rader på ${rollup.seconds} s.`);

  // The store the ingest just built serves the service benchmark.
  console.log('\nTjänsten: indicator_series i processen (golvet) mot HTTP …');
  const service = {
    benchmark: 'service',
    date: new Date().toISOString(),
    machine: result.machine,
    storeRows: ROWS,
    rollup,
    ...(await serviceBenchmark(join(work, 'nytta.duckdb'))),
  };
  const s = service;
  console.log(
    `golv   p50 ${s.floor.p50} ms  p99 ${s.floor.p99} ms  (${s.rows} rader, ${s.floor.rollup ? 'ur sammanställningen' : 'ur raderna'})`,
  );
  console.log(`ur raderna p50 ${s.floorFromRows.p50} ms  p99 ${s.floorFromRows.p99} ms`);
  console.log(`golv med sparad plan p50 ${s.floorKept.p50} ms  p99 ${s.floorKept.p99} ms (JSON ${s.httpJson.ratioToKeptFloor}× det)`);
  console.log(`JSON   p50 ${s.httpJson.p50} ms  p99 ${s.httpJson.p99} ms  ${s.httpJson.ratioToFloor}× golvet`);
  console.log(`Arrow  p50 ${s.httpArrow.p50} ms  p99 ${s.httpArrow.p99} ms  ${s.httpArrow.ratioToFloor}× golvet`);
  console.log(
    `storlek för ${s.payload.rows.toLocaleString('sv-SE')} rader: JSON ${s.payload.jsonBytes.toLocaleString('sv-SE')} B, Arrow ${s.payload.arrowBytes.toLocaleString('sv-SE')} B (${s.payload.arrowToJson}×)`,
  );
  for (const l of s.load)
    console.log(
      `last   ${l.connections} anslutningar: ${l.requestsPerSecond} anrop/s, p50 ${l.p50} ms, p99 ${l.p99} ms, fel ${l.errors}, tidsgräns ${l.timeouts}, icke-2xx ${l.non2xx}`,
    );
  console.log(`behållet svar p50 ${s.httpCached.p50} ms (samma fråga igen, samma version av lagret)`);
  writeFileSync(join(HERE, 'results', 'service.json'), JSON.stringify(service, null, 2) + '\n');
  console.log('Skrivet: bench/results/service.json');

  // Month end: a random mix of series from 50 connections, cold and while a corrected export commits.
  console.log(`\nMånadsskifte: 50 anslutningar, slumpade serier, ${process.env.BENCH_LOAD_SECONDS ?? 20} s …`);
  // Seed 3: values of its own (the history benchmark's corrected export is seed 2), for the first million keys.
  const corrected = await writeDemoFiles(join(work, 'corrected-1m'), { rows: Math.min(ROWS, 1_000_000), seed: 3 });
  const m = await monthEndBenchmark(
    join(work, 'nytta.duckdb'),
    corrected.find((f) => f.endsWith('utfall.csv'))!,
  );
  // The service rebuilds the rollup after the correction commits; the benchmark stopped it before it was surely done,
  // so it is rebuilt here, as the service would have (and as `nytta serve` does when it starts on a stale store).
  const afterCorrection = await buildRollup(join(work, 'nytta.duckdb'));
  console.log(`Sammanställningen efter rättelsen: ${afterCorrection.seconds} s.`);
  const monthEnd = {
    benchmark: 'month-end',
    date: new Date().toISOString(),
    machine: result.machine,
    storeRows: ROWS,
    ...m,
    rollupAfterCorrection: afterCorrection,
  };
  for (const [label, l] of [
    ['kallt', m.cold],
    ['under inläsning', m.whileLoading],
  ] as const)
    console.log(
      `${label.padEnd(16)} ${l.requestsPerSecond} anrop/s, p50 ${l.p50} ms, p99 ${l.p99} ms, fel ${l.errors}, tidsgräns ${l.timeouts}, icke-2xx ${l.non2xx} (${l.distinctQuestions} olika frågor)`,
    );
  console.log(`inläsningen under lasten: ${m.whileLoading.load.status}, ${m.whileLoading.load.seconds} s`);
  for (const [name, ms] of Object.entries(m.programAnswersP50.computed))
    console.log(
      `${name.padEnd(14)} p50 beräknat ${ms} ms (första svaret ${m.programAnswersFirst[name as keyof typeof m.programAnswersFirst]} ms), behållet ${m.programAnswersP50.kept[name as keyof typeof m.programAnswersP50.kept]} ms`,
    );
  writeFileSync(join(HERE, 'results', 'month-end.json'), JSON.stringify(monthEnd, null, 2) + '\n');
  console.log('Skrivet: bench/results/month-end.json');

  // The complete follow-up workbook for every administration, from the same store.
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(HERE, 'workbook-child.ts'), join(work, 'nytta.duckdb'), join(work, 'workbooks')],
    { encoding: 'utf8' },
  );
  const wbRun = JSON.parse(out.trim().split('\n').pop()!) as { code: number; seconds: number; peakMiB: number };
  const workbooks = {
    benchmark: 'workbooks',
    date: new Date().toISOString(),
    machine: result.machine,
    storeRows: ROWS,
    what: 'nytta workbook uppfoljning --per forvaltning --param program=FVIS',
    ...wbRun,
    targets: { seconds: 10, peakMiB: 1024 },
  };
  console.log(
    `\nArbetsböcker: uppföljning per förvaltning på ${wbRun.seconds.toFixed(1)} s, ${wbRun.peakMiB} MiB (mål: under 10 s och 1 GiB)`,
  );
  writeFileSync(join(HERE, 'results', 'workbooks.json'), JSON.stringify(workbooks, null, 2) + '\n');
  console.log('Skrivet: bench/results/workbooks.json');

  // History and isolation: a corrected export replacing every key, loaded while readers query (its own process).
  console.log('\nHistorik: en rättad export som ersätter varje nyckel, inläst medan läsare frågar …');
  const historyOut = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(HERE, 'history-child.ts'), join(work, 'nytta.duckdb'), work, String(ROWS)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const h = JSON.parse(historyOut.trim().split('\n').pop()!) as {
    load: { seconds: number; rowsReplaced: number };
    readers: { before: { p50: number; p99: number; max: number }; during: { p50: number; p99: number; max: number }; errors: number };
    storeMiB: { before: number; after: number; growth: number };
    peakMiB: number;
  };
  const history = {
    benchmark: 'history',
    date: new Date().toISOString(),
    machine: result.machine,
    storeRows: ROWS,
    ...h,
    replacingLoadRatioToFloor: +(h.load.seconds / floor.seconds).toFixed(2),
  };
  console.log(
    `ersättande inläsning ${h.load.seconds} s (${history.replacingLoadRatioToFloor}× golvets första inläsning), ${h.load.rowsReplaced.toLocaleString('sv-SE')} rader till historiken, ${h.peakMiB} MiB`,
  );
  console.log(
    `läsare före: p50 ${h.readers.before.p50} ms, p99 ${h.readers.before.p99} ms; under: p50 ${h.readers.during.p50} ms, p99 ${h.readers.during.p99} ms, längst ${h.readers.during.max} ms; fel ${h.readers.errors}`,
  );
  console.log(`lagret ${h.storeMiB.before} MiB → ${h.storeMiB.after} MiB (+${h.storeMiB.growth} MiB)`);
  writeFileSync(join(HERE, 'results', 'history.json'), JSON.stringify(history, null, 2) + '\n');
  console.log('Skrivet: bench/results/history.json');

  // The Office.js adapter against the recording stand-in: syncs and bytes per sync against the payload limit's minimum.
  const addin = {
    benchmark: 'addin',
    date: new Date().toISOString(),
    machine: result.machine,
    storeRows: ROWS,
    ...(await addinBenchmark(join(work, 'nytta.duckdb'))),
  };
  console.log('\nTillägget (mot inspelande Excel-ersättare):');
  for (const r of addin.runs) {
    console.log(
      `${r.what.padEnd(44)} ${String(r.cells).padStart(7)} celler  ${r.syncs} anrop (minst ${r.minimumSyncs})  störst ${(r.largestSyncBytes / 1024).toFixed(0)} KiB  ${r.ms} ms`,
    );
  }
  writeFileSync(join(HERE, 'results', 'addin.json'), JSON.stringify(addin, null, 2) + '\n');
  console.log('Skrivet: bench/results/addin.json');

  // Hostile input and faults: health under 20 costly questions at once, and memory while an XLSX bomb is uploaded.
  console.log('\nFientlig indata: 20 tunga uppföljningar på en gång, och en XLSX-bomb …');
  const hostileRun = await hostileBenchmark(join(work, 'nytta.duckdb'));
  const hostile = {
    benchmark: 'hostile',
    date: new Date().toISOString(),
    machine: result.machine,
    storeRows: ROWS,
    ...hostileRun,
    targets: { healthUnderCostlyP99Ms: 1000, xlsxBombPeakMiB: 1024 },
  };
  const costly = hostileRun.costly;
  console.log(
    `tunga frågor: ${costly.answered} besvarade, ${costly.busy503} × 503, ${costly.timedOut504} × 504, sista efter ${costly.lastAnswerSeconds} s; hälsa p50 ${costly.health.p50} ms, p99 ${costly.health.p99} ms, längst ${costly.health.max} ms (${costly.health.asked} frågor); behållet svar p99 ${costly.kept.p99} ms; ${costly.peakMiB} MiB som mest`,
  );
  const bomb = hostileRun.xlsxBomb;
  console.log(
    `XLSX-bomb ${bomb.fileMiB} MiB (packar upp till ${bomb.unpackedMiB} MiB): ${bomb.status} efter ${bomb.seconds} s, tjänsten ${bomb.rssBeforeMiB} → som mest ${bomb.peakMiB} MiB; hälsa p99 ${bomb.health.p99} ms`,
  );
  const upload = hostileRun.bigCsvUpload;
  console.log(
    `CSV ${upload.fileMiB} MiB, varje rad avvisad (torrkörning): ${upload.status} efter ${upload.seconds} s, tjänsten ${upload.rssBeforeMiB} → som mest ${upload.peakMiB} MiB; hälsa p99 ${upload.health.p99} ms`,
  );
  writeFileSync(join(HERE, 'results', 'hostile.json'), JSON.stringify(hostile, null, 2) + '\n');
  console.log('Skrivet: bench/results/hostile.json');
} finally {
  rmSync(work, { recursive: true, force: true });
}
