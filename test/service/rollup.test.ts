/**
 * The observation rollup stands in for the rows without changing an answer. The same questions are asked of a store
 * with every shape of data this product takes (the demo region with municipalities under its units and small cells;
 * the follow-up plan's units at every level with totals and parts; places publishing only parts beside places
 * publishing totals, and totals in some periods only; Kolada's national series by geography; Socialstyrelsen's
 * quarterly and yearly lists; FoHM's daily and weekly series), once pooled from the rows and once from the rollup, and
 * the two answers must be the same to the last digit. The answers themselves are checked against the fixture files
 * in the tests of each query (followup-plan, real-data, endpoints); here the rollup is held to them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDemoFiles } from '../../pipeline/demo/generate.js';
import { ingestFiles } from '../../pipeline/ingest/ingest-files.js';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { readMapping } from '../../pipeline/ingest/mapping.js';
import { loadQueries } from '../../pipeline/named-queries/registry.js';
import { runNamedQuery, type QueryAnswer } from '../../pipeline/named-queries/run-query.js';
import { QUERIES_DIR } from '../../pipeline/service/start.js';
import { freshnessPerCommit, refreshRollup, rollupIsFresh, rollupMinRows } from '../../pipeline/store/rollup.js';
import { CommitGate } from '../../pipeline/store/commit-gate.js';
import { migrate } from '../../pipeline/store/open-store.js';
import { installMacros, macroFiles, macrosHash } from '../../pipeline/store/query-macros.js';
import { healthResponse, loadsResponse } from '../../pipeline/contracts/index.js';
import { NAMED, namedCallersService, sendExport } from '../helpers/service.js';
import { FIXTURES, MAPPINGS, MIXED_FILES, rows, tempStore } from '../helpers/store.js';

type Queries = Awaited<ReturnType<typeof loadQueries>>;

let store: Awaited<ReturnType<typeof tempStore>>;
let queries: Queries;

const REAL = (p: string) => join(FIXTURES, 'real', p);
/** The roots of the org trees: the demo region's, the follow-up plan's and the mixed publication's. */
const ROOTS = ['VGR', 'R', 'BR'];

beforeAll(async () => {
  store = await tempStore();
  const c = store.connection;
  const loaded = (report: { status: string; errors: unknown[] }, what: string) =>
    expect(report.status, `${what}: ${JSON.stringify(report.errors).slice(0, 400)}`).toBe('loaded');
  // The demo region, small: its units have municipalities' parts under them, and its youngest cells are small.
  for (const report of await ingestFiles(c, await writeDemoFiles(join(store.dir, 'demo'), { rows: 40_000, seed: 7 })))
    loaded(report, report.file);
  for (const name of [
    'program.csv',
    'organisation.csv',
    'effektmal.csv',
    'nyttor.csv',
    'indikatorer.csv',
    'milstolpar.csv',
    'utfall-enheter.csv',
    'utfall-mått.csv',
  ])
    loaded(await loadFile(c, join(FIXTURES, 'followup', name)), name);
  // Places that publish only parts beside places that publish totals, and totals in some periods only.
  for (const name of MIXED_FILES) loaded(await loadFile(c, join(FIXTURES, 'mixed', name)), name);
  const mapped: [string, string][] = [
    ['kolada-dalarna/deltagande.csv', 'kolada-rkolada'],
    ['kolada-hos-halland/kolada-hos-regioner-flat.csv', 'kolada-platt'],
    ['sos-en-god-vard/Datalista-En-god-vard.csv', 'socialstyrelsen-en-god-vard'],
    ['fohm-covid19/Folkhalsomyndigheten_Covid19.xlsx', 'fohm-covid19-per-dag-region'],
    ['fohm-covid19/Folkhalsomyndigheten_Covid19.xlsx', 'fohm-covid19-vecka-region'],
  ];
  for (const [file, mapping] of mapped)
    loaded(await loadFile(c, REAL(file), { mapping: readMapping(join(MAPPINGS, `${mapping}.json`)) }), file);
  expect(await rollupIsFresh(c)).toBe(false);
  // this store is small: below the size a rollup is built for unless asked (NYTTA_ROLLUP_MIN_ROWS)
  expect(await refreshRollup(c)).toEqual({ rebuilt: false, rows: 0, ms: 0 });
  expect(await rollupIsFresh(c)).toBe(false);
  expect((await refreshRollup(c, { minRows: 0 })).rebuilt).toBe(true);
  expect(await rollupIsFresh(c)).toBe(true);
  queries = await loadQueries(c, QUERIES_DIR);
}, 120_000);
afterAll(() => store?.close());

async function ask(connection: DuckDBConnection, name: string, params: Record<string, string>, rollup: boolean): Promise<QueryAnswer> {
  const query = queries.get(name)!;
  const parsed = query.schema.parse(params) as Record<string, unknown>;
  return runNamedQuery(connection, query, parsed, {
    rowLimit: 100_000,
    timeoutMs: 60_000,
    rollupFresh: rollup ? rollupIsFresh : undefined,
  });
}

/** Asks both ways: where they differ (nothing, when they agree), and how many answers had a value to compare. */
async function compare(name: string, sets: Record<string, string>[]): Promise<{ differences: string[]; withValues: number }> {
  const differences: string[] = [];
  let withValues = 0;
  for (const params of sets) {
    const rowsAnswer = await ask(store.connection, name, params, false);
    const rollupAnswer = await ask(store.connection, name, params, true);
    const a = JSON.stringify([rowsAnswer.rows, rowsAnswer.suppressedCells]);
    const b = JSON.stringify([rollupAnswer.rows, rollupAnswer.suppressedCells]);
    if (a !== b) differences.push(`${name} ${JSON.stringify(params)}: rows ${a.slice(0, 300)} … rollup ${b.slice(0, 300)}`);
    if (rowsAnswer.rows.some((r) => typeof r.value === 'number')) withValues++;
  }
  return { differences, withValues };
}

/** A few indicators of every source: the ones loaded first from each file. */
async function sampleIndicators(): Promise<{ indicator: string; grain: string; municipality: string; unit: string; first: string }[]> {
  return (await rows(
    store.connection,
    `WITH per AS (
       SELECT indicator, load_id, min(grain) AS grain, max(municipality) AS municipality, max(unit) AS unit, min(period) AS first
       FROM observation GROUP BY indicator, load_id)
     SELECT indicator, grain, municipality, unit, first FROM per QUALIFY row_number() OVER (PARTITION BY load_id ORDER BY indicator) <= 3
     ORDER BY indicator`,
  )) as { indicator: string; grain: string; municipality: string; unit: string; first: string }[];
}

describe('the observation rollup', () => {
  it('pools each unit with everything below it, and everything', async () => {
    const [all] = await rows(store.connection, `SELECT sum(rows) AS n FROM observation_rollup WHERE place = ''`);
    const [observations] = await rows(store.connection, 'SELECT count(*) AS n FROM observation');
    // every row once under '' (everything)
    expect(Number(all.n)).toBe(Number(observations.n));
    // the demo region's root holds its administrations' rows and nothing else
    const [vgr] = await rows(store.connection, `SELECT sum(rows) AS n FROM observation_rollup WHERE place = 'VGR'`);
    const [demo] = await rows(
      store.connection,
      `SELECT count(*) AS n FROM observation WHERE unit IN (SELECT id FROM org_unit WHERE id = 'VGR' OR parent = 'VGR'
         OR parent IN (SELECT id FROM org_unit WHERE parent = 'VGR') OR parent IN (SELECT id FROM org_unit WHERE parent IN (SELECT id FROM org_unit WHERE parent = 'VGR')))`,
    );
    expect(Number(vgr.n)).toBe(Number(demo.n));
    expect(Number(demo.n)).toBeGreaterThan(0);
    // the totals without breakdown: one row per place, indicator and period
    const [totals] = await rows(
      store.connection,
      `SELECT count(*) AS n, count(DISTINCT (place, indicator, period)) AS keys FROM observation_rollup_total`,
    );
    expect(Number(totals.n)).toBeGreaterThan(0);
    expect(Number(totals.keys)).toBe(Number(totals.n));
    // every unit with rows at or below it is a place, and '' (everything)
    const places = (await rows(store.connection, `SELECT DISTINCT place FROM observation_rollup ORDER BY 1`)).map((r) => r.place);
    expect(places).toEqual(expect.arrayContaining(['', 'R', 'A', 'U1', 'U2', 'VGR']));
  });

  it('indicator_series: the same answer from the rollup as from the rows, for every source, place, grain and breakdown', async () => {
    const sample = await sampleIndicators();
    expect(new Set(sample.map((s) => s.grain))).toEqual(new Set(['day', 'week', 'month', 'quarter', 'year']));
    const sets: Record<string, string>[] = [];
    for (const s of sample) {
      const places: { unit: string; children?: string }[] = [{ unit: '' }];
      if (s.unit) {
        const [leaf] = await rows(store.connection, `SELECT id, parent FROM org_unit WHERE id = $u`, { u: s.unit });
        places.push({ unit: String(leaf.id) }, { unit: String(leaf.parent) });
        sets.push({ indicator: s.indicator, unit: String(leaf.parent), children: 'false', grain: 'year' });
      }
      for (const place of places)
        for (const grain of ['month', 'year'])
          for (const breakdown of ['none', 'sex', 'age', 'municipality']) sets.push({ indicator: s.indicator, ...place, grain, breakdown });
      // a window of whole years, of months, and (daily data) of days; and one municipality
      const year = s.first.slice(0, 4);
      sets.push({ indicator: s.indicator, unit: s.unit, from: year, to: String(Number(year) + 1), grain: 'year' });
      sets.push({ indicator: s.indicator, unit: '', from: `${year}-03`, to: `${year}-09`, breakdown: 'sex' });
      if (s.grain === 'day') sets.push({ indicator: s.indicator, from: `${year}-03-15`, to: `${year}-04-10`, grain: 'month' });
      if (s.municipality) sets.push({ indicator: s.indicator, municipality: s.municipality, grain: 'year' });
    }
    expect(sets.length).toBeGreaterThan(150);
    const { differences, withValues } = await compare('indicator_series', sets);
    expect(differences).toEqual([]);
    // a third of the questions or more have values to compare (yearly data asked by month has none, nor a unit
    // without the indicator, nor a breakdown the source does not publish)
    expect(withValues).toBeGreaterThan(sets.length / 3);
  }, 120_000);

  it('baseline: the same answer from the rollup as from the rows, for every unit at every level', async () => {
    const units = (await rows(store.connection, `SELECT id FROM org_unit ORDER BY id`)).map((r) => String(r.id));
    const indicators = (await rows(store.connection, `SELECT DISTINCT indicator FROM observation WHERE unit <> '' ORDER BY 1`)).map((r) =>
      String(r.indicator),
    );
    const sets: Record<string, string>[] = [];
    for (const indicator of indicators)
      for (const unit of units.filter((u, i) => i % 7 === 0 || ROOTS.includes(u)))
        sets.push({ indicator, unit }, { indicator, unit, go_live: '2023-06-15', window_months: '9' });
    const { differences, withValues } = await compare('baseline', sets);
    expect(differences).toEqual([]);
    expect(withValues).toBeGreaterThan(15);
    const answered = await ask(store.connection, 'baseline', { indicator: 'UP', unit: 'A' }, true);
    expect(answered.rows[0].n).toBeGreaterThan(0);
  }, 60_000);

  it('followup: the same answer from the rollup as from the rows, for each program, level, breakdown and window', async () => {
    const programs = (await rows(store.connection, `SELECT id FROM program ORDER BY id`)).map((r) => String(r.id));
    const sets: Record<string, string>[] = [];
    for (const program of programs) {
      for (const breakdown of ['none', 'sex', 'age', 'municipality']) sets.push({ program, breakdown });
      sets.push({ program, level: 'enhet' }, { program, unit: 'A', breakdown: 'sex' }, { program, years: '3', baseline_months: '6' });
    }
    const { differences, withValues } = await compare('followup', sets);
    expect(differences).toEqual([]);
    expect(withValues).toBeGreaterThan(sets.length / 3);
    const dala = await ask(store.connection, 'followup', { program: 'DALA' }, true);
    expect(dala.rows.some((r) => r.place_kind === 'geography' && r.value !== null)).toBe(true);
  }, 60_000);

  it('is what the queries read when it is fresh: a changed rollup row changes the answer (rolled back after)', async () => {
    // without breakdown the rollup's totals answer, with one the rollup itself
    for (const [table, breakdown] of [
      ['observation_rollup_total', 'none'],
      ['observation_rollup', 'sex'],
    ]) {
      const params = { indicator: 'UP', unit: 'A', grain: 'year', breakdown };
      const before = await ask(store.connection, 'indicator_series', params, true);
      await store.connection.run('BEGIN TRANSACTION');
      try {
        await store.connection.run(`UPDATE ${table} SET numerator_sum = numerator_sum + 1 WHERE place = 'A' AND indicator = 'UP'`);
        const tampered = await ask(store.connection, 'indicator_series', params, true);
        const rowsAnswer = await ask(store.connection, 'indicator_series', params, false);
        expect(tampered.rows, table).not.toEqual(before.rows);
        expect(rowsAnswer.rows).toEqual(before.rows);
      } finally {
        await store.connection.run('ROLLBACK');
      }
    }
  });

  it('keeps the follow-up’s entries as the rows give them, and the follow-up reads the kept ones when fresh (rolled back after)', async () => {
    const c = store.connection;
    // Kept (from the org units and indicator shapes kept with the rollup) and from the rows: the same entries.
    const entries = async (source: string) =>
      (
        await c.runAndReadAll(`SELECT * EXCLUDE (ancestors), array_to_string(ancestors, '/') AS ancestors FROM ${source} ORDER BY ALL`)
      ).getRowObjectsJson();
    const kept = await entries('followup_entry_kept');
    expect(kept.length).toBeGreaterThan(0);
    expect(new Set(kept.map((e) => e.program)).size).toBeGreaterThan(1);
    expect(kept).toEqual(await entries('followup_entry_rows'));

    const params = { program: 'VARD', level: 'enhet' };
    const before = await ask(c, 'followup', params, true);
    const unit = String(before.rows.find((r) => r.place_kind === 'unit')!.place);
    const indicator = String(before.rows[0].indicator);
    expect(before.rows.some((r) => String(r.go_live) === '2001-01-01')).toBe(false);
    expect(before.rows.some((r) => r.grain === 'day')).toBe(false);
    await c.run('BEGIN TRANSACTION');
    try {
      await c.run(`UPDATE followup_entry_kept SET go_live = DATE '2001-01-01' WHERE place = $unit`, { unit });
      await c.run(`UPDATE followup_entry_kept SET grain = 'day' WHERE indicator = $indicator`, { indicator });
      const tampered = await ask(c, 'followup', params, true);
      const rowsAnswer = await ask(c, 'followup', params, false);
      const atUnit = tampered.rows.filter((r) => r.place === unit);
      const ofIndicator = tampered.rows.filter((r) => r.indicator === indicator);
      expect(atUnit.length).toBeGreaterThan(0);
      expect(ofIndicator.length).toBeGreaterThan(0);
      expect(atUnit.every((r) => String(r.go_live) === '2001-01-01')).toBe(true);
      expect(ofIndicator.every((r) => r.grain === 'day')).toBe(true);
      expect(rowsAnswer.rows).toEqual(before.rows);
    } finally {
      await c.run('ROLLBACK');
    }
  });

  it('keeps the follow-up’s pooled years for the question most asked, and only that question reads them (rolled back after)', async () => {
    const c = store.connection;
    // Kept and pooled from the rows now: the same years, for every program and place.
    const years = async (source: string) => (await c.runAndReadAll(`SELECT * FROM ${source} ORDER BY ALL`)).getRowObjectsJson();
    const kept = await years('followup_year_kept');
    expect(kept.length).toBeGreaterThan(0);
    expect(new Set(kept.map((y) => y.program)).size).toBeGreaterThan(1);
    expect(new Set(kept.map((y) => y.k))).toContain(0);
    expect(kept).toEqual(await years(`followup_years(false, NULL, NULL, NULL, 'none', 10, 0)`));

    const asked = { program: 'VARD', level: 'enhet' };
    const before = await ask(c, 'followup', asked, true);
    const cell = before.rows.find((r) => r.value !== null && Number(r.year) > 0)!;
    const sameCell = (r: Record<string, unknown>) => r.indicator === cell.indicator && r.place === cell.place && r.year === cell.year;
    const withBreakdown = { ...asked, breakdown: 'sex' };
    const withBaseline = { ...asked, baseline_months: '6' };
    const others = [await ask(c, 'followup', withBreakdown, true), await ask(c, 'followup', withBaseline, true)];
    await c.run('BEGIN TRANSACTION');
    try {
      await c.run(`UPDATE followup_year_kept SET value = value + 1000 WHERE indicator = $indicator AND place = $place AND k = $k`, {
        indicator: String(cell.indicator),
        place: String(cell.place),
        k: Number(cell.year),
      });
      const tampered = await ask(c, 'followup', asked, true);
      expect(tampered.rows.find(sameCell)!.value).toBeCloseTo(Number(cell.value) + 1000, 9);
      expect(tampered.rows.filter((r) => !sameCell(r))).toEqual(before.rows.filter((r) => !sameCell(r)));
      // the rows, a breakdown and another baseline length pool the parts, as before
      expect((await ask(c, 'followup', asked, false)).rows).toEqual(before.rows);
      expect((await ask(c, 'followup', withBreakdown, true)).rows).toEqual(others[0].rows);
      expect((await ask(c, 'followup', withBaseline, true)).rows).toEqual(others[1].rows);
    } finally {
      await c.run('ROLLBACK');
    }
  });

  /** A store of its own with the follow-up plan's and the mixed publication's files loaded. */
  async function loadedStore(name: string, prepare: (c: DuckDBConnection) => Promise<void>) {
    const instance = await DuckDBInstance.create(join(store.dir, `${name}.duckdb`));
    const c = await instance.connect();
    await prepare(c);
    for (const [dir, files] of [
      ['followup', ['program.csv', 'organisation.csv', 'effektmal.csv', 'nyttor.csv', 'indikatorer.csv', 'utfall-enheter.csv']],
      ['mixed', MIXED_FILES],
    ] as const)
      for (const file of files) expect((await loadFile(c, join(FIXTURES, dir, file))).status, file).toBe('loaded');
    return { c, close: () => (c.closeSync(), instance.closeSync()) };
  }
  const kept = async (c: DuckDBConnection, table: string) =>
    Number((await c.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0][0]);

  // A store as it stood before migration 016, which took the macros out of the migrations: its rollup marked built
  // after the last load, as the code of that time left it. The migration makes it stale (it records no macro
  // definitions), so the rows answer, and the rebuild keeps the tables again and answers as the rows do.
  it.each<{ kept: string; params: Record<string, string> }>([
    { kept: 'followup_entry_kept', params: { program: 'VARD', level: 'enhet' } },
    { kept: 'followup_year_kept', params: { program: 'VARD' } },
    { kept: 'observation_rollup_total', params: { program: 'BLAND', breakdown: 'sex' } },
  ])('a rollup built before migration 016 is stale after it, and the rebuild keeps $kept', async ({ kept: table, params }) => {
    const { c, close } = await loadedStore(`before-16-${table}`, async (c) => {
      expect((await migrate(c, { without: [16] })).some((f) => f.startsWith('016'))).toBe(false);
    });
    try {
      await c.run('UPDATE observation_rollup_state SET built_after = (SELECT max(load_id) FROM load_log)');
      expect(await migrate(c)).toEqual(['016_macros_out_of_migrations.sql']);
      await installMacros(c);
      expect(await rollupIsFresh(c)).toBe(false);
      const fromRows = await ask(c, 'followup', params, false);
      expect(fromRows.rows.some((r) => r.value !== null)).toBe(true);
      expect((await ask(c, 'followup', params, true)).rows).toEqual(fromRows.rows);
      expect((await refreshRollup(c, { minRows: 0 })).rebuilt).toBe(true);
      expect(await rollupIsFresh(c)).toBe(true);
      expect(await kept(c, table)).toBeGreaterThan(0);
      expect((await ask(c, 'followup', params, true)).rows).toEqual(fromRows.rows);
    } finally {
      close();
    }
  });

  // Macros now change in their files, not in migrations: a rollup built under other definitions of them (here a pooled
  // value that doubles proportions) holds what those computed. Opened with today's definitions it is stale, so the rows
  // answer; the rebuild keeps the tables again and answers as the rows do.
  it.each<{ kept: string; params: Record<string, string> }>([
    { kept: 'followup_year_kept', params: { program: 'VARD' } },
    { kept: 'observation_rollup_total', params: { program: 'BLAND', breakdown: 'sex' } },
  ])('a rollup built under other macro definitions is not read, and the rebuild keeps $kept', async ({ kept: table, params }) => {
    const other = join(store.dir, `other-macros-${table}`);
    mkdirSync(other);
    for (const file of macroFiles()) {
      const sql = file.sql.replace('THEN CAST(sum(numerator_sum) AS DOUBLE) /', 'THEN 2 * CAST(sum(numerator_sum) AS DOUBLE) /');
      writeFileSync(join(other, file.name), sql);
    }
    expect(macrosHash(macroFiles(other))).not.toBe(macrosHash(macroFiles()));
    const { c, close } = await loadedStore(`other-macros-${table}`, async (c) => {
      await migrate(c);
      await installMacros(c, other);
    });
    try {
      expect((await refreshRollup(c, { minRows: 0 })).rebuilt).toBe(true);
      expect(await rollupIsFresh(c)).toBe(true);
      const underOther = await ask(c, 'followup', params, true);
      // today's definitions, as the next open creates them
      await installMacros(c);
      expect(await rollupIsFresh(c)).toBe(false);
      const fromRows = await ask(c, 'followup', params, false);
      expect(fromRows.rows.some((r) => r.value !== null)).toBe(true);
      expect(underOther.rows).not.toEqual(fromRows.rows);
      expect(await kept(c, table)).toBeGreaterThan(0);
      expect((await ask(c, 'followup', params, true)).rows).toEqual(fromRows.rows);
      expect((await refreshRollup(c, { minRows: 0 })).rebuilt).toBe(true);
      expect(await rollupIsFresh(c)).toBe(true);
      expect((await ask(c, 'followup', params, true)).rows).toEqual(fromRows.rows);
    } finally {
      close();
    }
  });

  it("the service's freshness is asked again after each commit through the gate, and only then", async () => {
    const c = store.connection;
    const gate = new CommitGate();
    const fresh = freshnessPerCommit(gate);
    expect(await fresh(c)).toBe(true);
    await c.run('UPDATE observation_rollup_state SET built_after = built_after - 1');
    try {
      // not through the gate: remembered (in the service every commit goes through it)
      expect(await rollupIsFresh(c)).toBe(false);
      expect(await fresh(c)).toBe(true);
      await gate.exclusive(async () => undefined);
      expect(await fresh(c)).toBe(false);
    } finally {
      await c.run('UPDATE observation_rollup_state SET built_after = built_after + 1');
    }
    await gate.exclusive(async () => undefined);
    expect(await fresh(c)).toBe(true);
  });
});

it('is built for stores of two million rows or more unless NYTTA_ROLLUP_MIN_ROWS says otherwise', () => {
  expect(rollupMinRows({})).toBe(2_000_000);
  expect(rollupMinRows({ NYTTA_ROLLUP_MIN_ROWS: '0' })).toBe(0);
  expect(() => rollupMinRows({ NYTTA_ROLLUP_MIN_ROWS: 'många' })).toThrow(/NYTTA_ROLLUP_MIN_ROWS ska vara ett antal rader/);
});

describe('the rollup in the service', () => {
  let service: Awaited<ReturnType<typeof namedCallersService>>;
  const FOLLOWUP = join(FIXTURES, 'followup');
  const csv = readFileSync(join(FOLLOWUP, 'utfall-enheter.csv'), 'utf8');

  beforeAll(async () => {
    service = await namedCallersService({ NYTTA_ROLLUP_MIN_ROWS: '0' });
    for (const name of ['program.csv', 'organisation.csv', 'effektmal.csv', 'nyttor.csv', 'indikatorer.csv', 'utfall-enheter.csv'])
      expect(await send(name, readFileSync(join(FOLLOWUP, name), 'utf8'))).toBe(200);
  }, 60_000);
  afterAll(() => service?.store.close());

  const send = async (name: string, content: string) => (await sendExport(service.app, NAMED.controller, name, content)).status;
  const get = async (path: string) => {
    const res = await service.app.request(path, { headers: { authorization: `Bearer ${NAMED.reader}` } });
    expect(res.status, path).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const health = async () => healthResponse.parse(await (await service.app.request('/api/v1/health')).json());
  const yearly = async (asOf?: string) =>
    (await get(`/api/v1/queries/indicator_series?indicator=UP&unit=A&grain=year${asOf ? `&asOf=${asOf}` : ''}`)).rows as {
      period: string;
      value: number;
    }[];

  /** Σ täljare / Σ nämnare of unit A's two units per year, read from the CSV text itself. */
  function pooledFromCsv(text: string): Map<string, number> {
    const sums = new Map<string, [number, number]>();
    for (const line of text.trim().split('\n').slice(1)) {
      const [, period, , , numerator, denominator] = line.split(';');
      const s = sums.get(period.slice(0, 4)) ?? [0, 0];
      sums.set(period.slice(0, 4), [s[0] + Number(numerator), s[1] + Number(denominator)]);
    }
    return new Map([...sums].map(([year, [n, d]]) => [year, n / d]));
  }

  it('is rebuilt after each load, says so in health, and answers as the file does', async () => {
    await service.deps.writes.settle();
    const h = await health();
    const { loads } = loadsResponse.parse(await get('/api/v1/loads'));
    expect(h.rollup).toMatchObject({ fresh: true, builtAfter: Math.max(...loads.map((l) => l.id)) });
    expect(h.rollup.rows).toBeGreaterThan(0);
    const expected = pooledFromCsv(csv);
    const answer = await yearly();
    expect(answer.map((r) => r.period)).toEqual([...expected.keys()].sort());
    for (const r of answer) expect(r.value).toBeCloseTo(expected.get(r.period)!, 12);
    // the answer cache reports itself beside it: the series asked once more is found kept
    await yearly();
    const { answers } = await health();
    expect(answers.maxBytes).toBeGreaterThan(0);
    expect(answers.entries).toBeGreaterThan(0);
    expect(answers.hits).toBeGreaterThanOrEqual(1);
    expect(answers.hitRate).toBeCloseTo(answers.hits / (answers.hits + answers.misses), 12);
  });

  it('a correction: stale until rebuilt, the same answers either way; asOf the first load reads the rows as they were; an undo brings them back', async () => {
    const { loads: before } = loadsResponse.parse(await get('/api/v1/loads'));
    const first = Math.max(...before.map((l) => l.id));
    const original = await yearly();
    // every 2024 numerator halved (rounded down), in a file of its own
    const corrected = csv
      .trim()
      .split('\n')
      .map((line, i) => {
        if (i === 0 || !line.split(';')[1].startsWith('2024')) return line;
        const cells = line.split(';');
        cells[4] = String(Math.floor(Number(cells[4]) / 2));
        return cells.join(';');
      })
      .join('\n');
    expect(await send('utfall-enheter-rättad.csv', `${corrected}\n`)).toBe(200);
    // Until the rebuild has run the rollup is stale and the rows answer; after it, the rollup: the same numbers.
    const staleOrFresh = await yearly();
    await service.deps.writes.settle();
    expect((await health()).rollup.fresh).toBe(true);
    const rebuilt = await yearly();
    expect(rebuilt).toEqual(staleOrFresh);
    const expected = pooledFromCsv(corrected);
    for (const r of rebuilt) expect(r.value).toBeCloseTo(expected.get(r.period)!, 12);
    expect(rebuilt.find((r) => r.period === '2024')!.value).toBeLessThan(original.find((r) => r.period === '2024')!.value);
    // asOf reads the rows as they stood, never the rollup of now
    expect(await yearly(String(first))).toEqual(original);

    const { loads } = loadsResponse.parse(await get('/api/v1/loads'));
    const undo = await service.app.request(`/api/v1/loads/${loads[0].id}/undo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${NAMED.controller}` },
    });
    expect(undo.status).toBe(200);
    await service.deps.writes.settle();
    const h = await health();
    expect(h.rollup.fresh).toBe(true);
    expect(h.rollup.builtAfter).toBeGreaterThan(loads[0].id);
    expect(await yearly()).toEqual(original);
  });
});
