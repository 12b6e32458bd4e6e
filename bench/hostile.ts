/**
 * Hostile input and faults (`npm run bench`, or alone: `tsx bench/hostile.ts [store]`): against `nytta serve` in its
 * own process, health's and a kept answer's latency while 20 different costly follow-ups are asked at once (how many
 * were answered, turned away with 503 or stopped at the time limit), and the service's peak memory (VmHWM, reset
 * before each part) while an XLSX bomb is uploaded: a valid workbook whose one sheet unpacks to about 400 MiB, as the
 * issue's did (its 28 MB took the service from 199 MiB to 4.75 GiB); and a 150 MiB CSV whose every row is refused, sent
 * as a dry run, for what a load's staging and checks cost within the service's DuckDB memory limit.
 */
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import { CLIENT_HEADER } from '../pipeline/contracts/index.js';
import { percentile, startServer, stopServer } from './service.js';

const COSTLY = 20;
const PORT = 3997;

/** The service's resident memory now and at its peak since the last reset, in MiB (Linux's /proc). */
function memory(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
}

/** Starts a new peak: Linux resets VmHWM to the current RSS on `5` written to clear_refs. */
const resetPeak = (pid: number) => writeFileSync(`/proc/${pid}/clear_refs`, '5');

/** Asks `path` every `everyMs` until `stop` resolves: each answer's milliseconds and status. */
async function poll(base: string, path: string, everyMs: number, stop: Promise<unknown>) {
  const ms: number[] = [];
  const statuses: number[] = [];
  let done = false;
  void stop.finally(() => (done = true));
  while (!done) {
    const start = performance.now();
    const res = await fetch(`${base}${path}`).catch(() => null);
    await res?.arrayBuffer();
    ms.push(performance.now() - start);
    statuses.push(res?.status ?? 0);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return {
    asked: ms.length,
    p50: +percentile(ms, 50).toFixed(1),
    p99: +percentile(ms, 99).toFixed(1),
    max: +Math.max(...ms).toFixed(1),
    over1s: ms.filter((m) => m > 1000).length,
    errors: statuses.filter((s) => s !== 200).length,
  };
}

/** The bomb: a valid .xlsx whose sheet is `rows` rows of one inline cell, streamed into the zip (never whole in memory). */
async function bomb(dir: string, rows: number): Promise<{ path: string; unpackedBytes: number }> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Blad1').addRow(['nyckeltal', 'varde']);
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  let r = 0;
  let unpackedBytes = 0;
  const counted = (text: string) => ((unpackedBytes += Buffer.byteLength(text)), text);
  const sheet = Readable.from(
    (function* () {
      yield counted('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
      while (r < rows) {
        let chunk = '';
        for (let i = 0; i < 1000 && r < rows; i++, r++)
          chunk += `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>nyckeltal nummer ${r % 10}</t></is></c><c r="B${r + 1}"><v>1</v></c></row>`;
        yield counted(chunk);
      }
      yield counted('</sheetData></worksheet>');
    })(),
  );
  zip.file('xl/worksheets/sheet1.xml', sheet);
  const path = join(dir, 'bomb.xlsx');
  const bytes = await zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 9 },
    streamFiles: true,
  });
  writeFileSync(path, bytes);
  return { path, unpackedBytes };
}

async function costlyQuestions(server: ChildProcess, base: string) {
  resetPeak(server.pid!);
  const paths = Array.from({ length: COSTLY }, (_, i) => {
    const [level, breakdown] = [
      ['enhet', 'age'],
      ['enhet', 'sex'],
      ['verksamhet', 'age'],
      ['forvaltning', 'age'],
    ][i % 4];
    return `/api/v1/followup?program=FVIS&level=${level}&breakdown=${breakdown}&years=${10 - Math.floor(i / 4)}&baselineMonths=${57 - i}`;
  });
  await fetch(`${base}/api/v1/queries/catalogue_programs`); // kept from here on
  const start = performance.now();
  const asked = Promise.all(
    paths.map(async (path) => {
      const res = await fetch(`${base}${path}`);
      await res.arrayBuffer();
      return { status: res.status, seconds: (performance.now() - start) / 1000 };
    }),
  );
  const [answers, health, kept] = await Promise.all([
    asked,
    poll(base, '/api/v1/health', 100, asked),
    poll(base, '/api/v1/queries/catalogue_programs', 100, asked),
  ]);
  const count = (status: number) => answers.filter((a) => a.status === status).length;
  return {
    questions: COSTLY,
    answered: count(200),
    busy503: count(503),
    timedOut504: count(504),
    lastAnswerSeconds: +Math.max(...answers.map((a) => a.seconds)).toFixed(1),
    health,
    kept,
    ...memory(server.pid!),
  };
}

/**
 * Sends `bytes` as the file `name` for a dry run, with the service's peak memory reset first and health asked every
 * 100 ms meanwhile: the answer, how long it took, the memory before and at its peak, and health's latency.
 */
async function dryRunUpload(server: ChildProcess, base: string, name: string, bytes: Uint8Array<ArrayBuffer>) {
  resetPeak(server.pid!);
  const before = memory(server.pid!);
  const start = performance.now();
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  form.append('dryRun', 'true');
  const sent = fetch(`${base}/api/v1/ingest`, { method: 'POST', body: form, headers: { [CLIENT_HEADER]: 'bench' } }).then(async (res) => ({
    status: res.status,
    detail: ((await res.json()) as { detail?: string }).detail,
  }));
  const [answer, health] = await Promise.all([sent, poll(base, '/api/v1/health', 100, sent)]);
  return {
    fileMiB: +(bytes.length / 2 ** 20).toFixed(1),
    status: answer.status,
    detail: answer.detail,
    seconds: +((performance.now() - start) / 1000).toFixed(1),
    rssBeforeMiB: before.rssMiB,
    ...memory(server.pid!),
    health,
  };
}

async function xlsxBomb(server: ChildProcess, base: string, dir: string) {
  const made = await bomb(dir, Number(process.env.BENCH_BOMB_ROWS ?? 3_000_000));
  const sent = await dryRunUpload(server, base, 'bomb.xlsx', new Uint8Array(readFileSync(made.path)));
  return { ...sent, unpackedMiB: Math.round(made.unpackedBytes / 2 ** 20) };
}

/** A large CSV sent as a dry run whose every row is refused (the same key again and again): what DuckDB's staging and checks cost. */
async function bigUpload(server: ChildProcess, base: string, dir: string) {
  const mib = Number(process.env.BENCH_UPLOAD_MIB ?? 150);
  const path = join(dir, 'stor.csv');
  writeFileSync(path, 'nyckeltal;varde;enhet\n' + 'x;1;kr\n'.repeat(Math.floor((mib * 2 ** 20) / 7)));
  return dryRunUpload(server, base, 'stor.csv', new Uint8Array(readFileSync(path)));
}

/** Both parts against `nytta serve` on `db` (its own process, local mode, default limits). */
export async function hostileBenchmark(db: string) {
  const dir = mkdtempSync(join(tmpdir(), 'nytta-hostile-'));
  const server = await startServer(db, PORT, { NYTTA_TOKENS: '', NYTTA_CONFIG: '' });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    const started = memory(server.pid!);
    const costly = await costlyQuestions(server, base);
    const xlsx = await xlsxBomb(server, base, dir);
    const csv = await bigUpload(server, base, dir);
    return { serviceStartedMiB: started.rssMiB, costly, xlsxBomb: xlsx, bigCsvUpload: csv };
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Alone: on a store given, or on a demo store of BENCH_ROWS rows made here. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeDemoFiles } = await import('../pipeline/demo/generate.js');
  const { ingestFiles } = await import('../pipeline/ingest/ingest-files.js');
  const { openStore } = await import('../pipeline/store/open-store.js');
  let db = process.argv[2];
  const work = mkdtempSync(join(tmpdir(), 'nytta-hostile-store-'));
  try {
    if (!db) {
      db = join(work, 'nytta.duckdb');
      const store = await openStore(db);
      await ingestFiles(
        store.connection,
        await writeDemoFiles(join(work, 'export'), { rows: Number(process.env.BENCH_ROWS ?? 200_000), seed: 1 }),
      );
      store.close();
    }
    console.log(JSON.stringify(await hostileBenchmark(db), null, 2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
