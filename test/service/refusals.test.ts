/**
 * Nothing a caller asks for is silently ignored or answered as if empty (issue #29): an unknown parameter is a 400 that
 * names it and lists the ones the endpoint, query or workbook kind takes, and an unknown program, indicator, unit or
 * benefit is a 404 that names it; on the command line the same messages, with exit 2 and 4. Asked over HTTP of a real
 * server on loopback (a small demo region), and of `nytta` on a store file of its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoFiles } from '../../pipeline/demo/generate.js';
import { ingestFiles } from '../../pipeline/ingest/ingest-files.js';
import { auth, startTestService, type TestService } from '../helpers/service.js';
import { tempDir, tempStore } from '../helpers/store.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');
const nytta = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

let service: TestService;
/** A store file of its own for the command line (closed: `nytta` opens it itself). */
let db: string;

beforeAll(async () => {
  service = await startTestService({ rows: 40_000 });
  const store = await tempStore();
  await ingestFiles(store.connection, await writeDemoFiles(join(store.dir, 'export'), { rows: 40_000, seed: 3 }));
  db = store.path;
  store.close();
}, 120_000);
afterAll(() => service?.close());

async function problem(path: string, init: RequestInit = {}): Promise<{ status: number; detail: string }> {
  const res = await fetch(`${service.base}${path}`, { ...init, headers: { ...auth('controller'), ...init.headers } });
  const text = await res.text();
  let detail = text;
  try {
    detail = (JSON.parse(text) as { detail?: string }).detail ?? text;
  } catch {
    // not JSON: the test below says what came
  }
  return { status: res.status, detail };
}

describe('an unknown parameter is a 400 that names it and lists the ones taken', () => {
  it.each([
    [
      '/api/v1/queries/indicator_series?indicator=IND01&bogus=1',
      'indicator, unit, children, municipality, from, to, grain, breakdown, asOf',
    ],
    ['/api/v1/queries/load_log?limit=5&bogus=1', 'limit, load_id, asOf'],
    ['/api/v1/business-case?program=FVIS&bogus=1', 'program, scenario, rate'],
    ['/api/v1/followup?program=FVIS&bogus=1', 'program, unit, level, breakdown, years, baselineMonths, asOf'],
    ['/api/v1/risk-matrix?program=FVM&bogus=1', 'program, scale, assessed, since, asOf'],
    ['/api/v1/baseline?indicator=IND01&unit=SKAS&bogus=1', 'indicator, unit, goLive, window, chart, mode, transition'],
    ['/api/v1/production-loss?volumeIndicator=IND05&bogus=1', 'volumeIndicator, costPerContact, peak, weeksBefore, weeksAfter, unit, asOf'],
    ['/api/v1/key-figures?bogus=1', 'name, asOf'],
    ['/api/v1/portfolio?bogus=1', 'asOf'],
    ['/api/v1/loads?bogus=1', 'limit, asOf'],
    ['/api/v1/loads/1?bogus=1', 'asOf'],
    ['/api/v1/queries?bogus=1', 'asOf'],
    ['/api/v1/me?bogus=1', 'takes none'],
    ['/api/v1/health?bogus=1', 'takes none'],
    ['/api/v1/openapi.json?bogus=1', 'takes none'],
    ['/api/v1/benefit-status?program=FVIS&bogus=1', 'program, asOf'],
    ['/api/v1/approvals?program=FVIS&bogus=1', 'program, subject, asOf'],
    ['/api/v1/actions?program=FVIS&bogus=1', 'program, owner, asOf'],
    ['/api/v1/lessons?bogus=1', 'program, asOf'],
    ['/api/v1/workbooks/risker?program=FVM&bogus=1', 'program, scale, assessed, since, asOf'],
    ['/api/v1/workbooks/nyttokalkyl?program=FVIS&bogus=1', 'program, scenario, rate, fromYear'],
  ])('GET %s', async (path, takes) => {
    const { status, detail } = await problem(path);
    expect(status, detail).toBe(400);
    expect(detail).toContain('okänd parameter: bogus');
    if (takes === 'takes none') expect(detail).toMatch(/tar inga parametrar/);
    else expect(detail).toContain(takes);
  });

  it('a misspelt field of an upload is refused, and nothing is loaded (dryrun for dryRun would load the file)', async () => {
    const loads = async () =>
      ((await (await fetch(`${service.base}/api/v1/loads`, { headers: auth('reader') })).json()) as { loads: unknown[] }).loads.length;
    const before = await loads();
    const form = new FormData();
    form.append('file', new Blob(['nyckeltal;varde\nTestnyckeltal;12\n']), 'nyckeltal.csv');
    form.append('dryrun', 'true');
    const { status, detail } = await problem('/api/v1/ingest', { method: 'POST', body: form });
    expect(status, detail).toBe(400);
    expect(detail).toContain('okänd parameter: dryrun');
    expect(detail).toContain('file, kind, sheet, dryRun, createIndicators, map');
    expect(await loads()).toBe(before);
    // A parameter in the address of a POST is refused too.
    const undo = await problem('/api/v1/loads/1/undo?force=1', { method: 'POST' });
    expect(undo.status, undo.detail).toBe(400);
    expect(undo.detail).toContain('okänd parameter: force');
  });
});

describe('an unknown id is a 404 that names it', () => {
  it.each([
    ['/api/v1/risk-matrix?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/followup?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/followup?program=FVIS&unit=NOPE', 'Enheten "NOPE" finns inte'],
    ['/api/v1/business-case?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/baseline?indicator=IND99&unit=SKAS', 'Indikatorn "IND99" finns inte'],
    ['/api/v1/baseline?indicator=IND01&unit=NOPE', 'Enheten "NOPE" finns inte'],
    ['/api/v1/production-loss?volumeIndicator=IND99', 'Indikatorn "IND99" finns inte'],
    ['/api/v1/production-loss?volumeIndicator=IND05&unit=NOPE', 'Enheten "NOPE" finns inte'],
    ['/api/v1/queries/indicator_series?indicator=IND99', 'Indikatorn "IND99" finns inte'],
    ['/api/v1/queries/indicator_series?indicator=IND01&unit=NOPE', 'Enheten "NOPE" finns inte'],
    ['/api/v1/queries/catalogue_indicators?benefit=9.9', 'Nyttan "9.9" finns inte'],
    ['/api/v1/queries/catalogue_benefits?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/queries/risk_register?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/benefit-status?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/approvals?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/actions?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/lessons?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/workbooks/risker?program=XYZ', 'Programmet "XYZ" finns inte'],
    ['/api/v1/workbooks/indikatorer?indicator=IND01,IND99', 'Indikatorn "IND99" finns inte'],
  ])('GET %s', async (path, message) => {
    const { status, detail } = await problem(path);
    expect(status, detail).toBe(404);
    expect(detail).toContain(message);
  });

  it('a known program without risks is no error: an empty register', async () => {
    const res = await fetch(`${service.base}/api/v1/risk-matrix?program=FVIS`, { headers: auth('reader') });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { register: unknown[] }).register).toEqual([]);
  });
});

describe('the command line says the same', () => {
  it('nytta workbook with an unknown parameter exits 2 naming it and what the kind takes, and writes nothing', () => {
    const out = join(tempDir(), 'risker.xlsx');
    const result = nytta('workbook', 'risker', '--db', db, '--out', out, '--param', 'untit=SKAS');
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain('okänd parameter: untit');
    expect(result.stderr).toContain('arbetsboken risker tar program, scale, assessed, since, asOf');
    expect(existsSync(out)).toBe(false);
  });

  it('nytta workbook with an unknown program exits 4 naming it, and writes nothing', () => {
    const out = join(tempDir(), 'risker.xlsx');
    const result = nytta('workbook', 'risker', '--db', db, '--out', out, '--param', 'program=XYZ');
    expect(result.status, result.stderr).toBe(4);
    expect(result.stderr).toContain('Programmet "XYZ" finns inte');
    expect(existsSync(out)).toBe(false);
  });

  it('nytta query with an unknown parameter exits 2 listing the ones it takes; an unknown indicator exits 4', () => {
    const unknownParam = nytta('query', 'indicator_series', '--db', db, '--param', 'indikator=IND01');
    expect(unknownParam.status, unknownParam.stderr).toBe(2);
    expect(unknownParam.stderr).toContain('okänd parameter: indikator');
    expect(unknownParam.stderr).toContain('frågan indicator_series tar indicator, unit, children');
    const unknownId = nytta('query', 'indicator_series', '--db', db, '--param', 'indicator=IND99');
    expect(unknownId.status, unknownId.stderr).toBe(4);
    expect(unknownId.stderr).toContain('Indikatorn "IND99" finns inte');
    expect(unknownId.stdout).toBe('');
  });
});
