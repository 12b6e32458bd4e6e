/**
 * Places that publish only parts beside places that publish totals (issue #29). The rule is per place and period: for
 * each unit (or municipality, for rows without unit) and period, its T row where it has one, else the sum of its parts,
 * never both. Asked of the service twice, once pooling the rows and once from the rollup (built on this small store as
 * NYTTA_ROLLUP_MIN_ROWS=0 would), at every level, with and without breakdown, in the series, the baseline with its
 * control chart, the follow-up and its workbook.
 *
 * Every expected figure is worked out by hand below from test/fixtures/mixed/ (PROVENANCE.md there), as Σ numerator /
 * Σ denominator of the rows the rule picks:
 *
 * BL (yearly share), no breakdown:
 *   B1 (T, K, M):           2023 T 55/120         2025 T 64/118         2026 T 70/120
 *   B2 (K, M only):         2023 12+10 / 40+30    2025 15+14 / 40+32    2026 1+1 / 2+2 = 2/4 (a small cell: n 4)
 *                           = 22/70               = 29/72
 *   B3 (K, M; T in 2025):   2023 21+14 / 50+40    2025 T 45/94          2026 26+20 / 50+40
 *                           = 35/90                                     = 46/90
 *   BA = B1 + B2:           2023 77/190           2025 93/190           2026 72/124
 *   BB = B3:                2023 35/90            2025 45/94            2026 46/90
 *   BR = BA + BB:           2023 112/280          2025 138/284          2026 118/214
 *   Kommun X (T, K, M):     2023 T 19/42          2025 T 21/42          2026 T 23/42
 *   Kommun Y (K, M; T 2026):2023 5+4 / 10+10      2025 6+5 / 10+10      2026 T 14/21
 *                           = 9/20                = 11/20
 *   every row ('' unit):    2023 55+22+35+19+9 / 120+70+90+42+20 = 140/342
 *                           2025 64+29+45+21+11 / 118+72+94+42+20 = 170/346
 *                           2026 70+2+46+23+14 / 120+4+90+42+21 = 155/277
 * BL by sex (the K and M rows of every place that publishes them):
 *   BA K: 2023 30+12 / 60+40 = 42/100   2025 36+15 / 60+40 = 51/100   2026 40+1 / 62+2 = 41/64
 *   BA M: 2023 20+10 / 50+30 = 30/80    2025 24+14 / 50+32 = 38/82    2026 27+1 / 52+2 = 28/54
 *   BR K: BA K + B3 K: 2023 63/150, 2025 76/150, 2026 67/114; BR M: 2023 44/120, 2025 56/122, 2026 48/94
 * BL by age: only Kommun X publishes age groups, in 2025 (T 16-64 12/25, T 65+ 9/17).
 * BM (monthly share, 2024-01 … 2024-03):
 *   B1 T: 21/42, 21/41, 22/43 → 64/126;  B2 K+M: 9/20, 11/20, 10/20 → 30/60;
 *   B3: 2024-01 K+M 8+6 / 16+14 = 14/30, 2024-02 T 17/32, 2024-03 K+M 10+6 / 16+14 = 16/30 → 47/92 in the year
 *   baselines (12 months before go-live): BA (2024-05-01) 64+30 / 126+60 = 94/186; BB (2024-09-01) 47/92;
 *   BR (no go-live: the program's, 2024-09-01) 94+47 / 186+92 = 141/278.
 *
 * BV (monthly visits at B3, a volume): 2024-01 K+M 30+20 = 50, 2024-02 T 55, 2024-03 K+M 28+25 = 53; the production
 *   loss's weekly volume over the 12 months before B3's go-live (2024-09-01) is (50 + 55 + 53) / 52.18 = 158 / 52.18.
 *
 * The old rule took the totals wherever the indicator's sources publish any (B1 publishes T), so B2 had no value at all
 * and BA's 2025 was B1's 64/118: this file fails with it (checked by putting it back in the migration).
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineResponse, followupResponse, healthResponse, queryAnswer, type FollowupResponse } from '../../pipeline/contracts/index.js';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { buildService } from '../../pipeline/service/start.js';
import { refreshRollup } from '../../pipeline/store/rollup.js';
import { FIXTURES, MIXED_FILES, tempStore } from '../helpers/store.js';

const DIR = join(FIXTURES, 'mixed');

describe.each([{ path: 'rows' }, { path: 'rollup' }])('mixed publication, pooled from the $path', ({ path }) => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  let app: Awaited<ReturnType<typeof buildService>>['app'];

  beforeAll(async () => {
    store = await tempStore();
    for (const name of MIXED_FILES) {
      const report = await loadFile(store.connection, join(DIR, name));
      expect(report.status, `${name}: ${JSON.stringify(report.errors)}`).toBe('loaded');
    }
    if (path === 'rollup') expect((await refreshRollup(store.connection, { minRows: 0 })).rebuilt).toBe(true);
    ({ app } = await buildService(store, { host: '127.0.0.1', port: 0, env: {} }));
  }, 60_000);
  afterAll(() => store?.close());

  const get = async (url: string) => {
    const res = await app.request(url);
    const body = await res.json();
    expect(res.status, `${url}: ${JSON.stringify(body)}`).toBe(200);
    return body;
  };
  const series = async (params: string) => queryAnswer.parse(await get(`/api/v1/queries/indicator_series?${params}`)).rows;
  const followup = async (params: string): Promise<FollowupResponse> =>
    followupResponse.parse(await get(`/api/v1/followup?program=BLAND&years=2&${params}`));
  const entry = (data: FollowupResponse, indicator: string, place: string) =>
    data.indicators.find((i) => i.indicator === indicator && (i.unit === place || i.geography === place))!;
  /** [baseline, year 1, year 2] of an entry, or of one of its parts. */
  const figures = (e: { baseline: number | null; years: { outcome: number | null }[] }) => [e.baseline, ...e.years.map((y) => y.outcome)];
  const close = (actual: (number | null | undefined)[], expected: (number | null)[]) => {
    expect(actual.length).toBe(expected.length);
    actual.forEach((a, i) => (expected[i] === null ? expect(a).toBeNull() : expect(a).toBeCloseTo(expected[i]!, 12)));
  };

  it(`is read from the ${path}`, async () => {
    const health = healthResponse.parse(await get('/api/v1/health'));
    expect(health.rollup.fresh).toBe(path === 'rollup');
  });

  it('indicator_series without breakdown: each place its total where it has one, else its parts', async () => {
    const yearly = async (unit: string) => (await series(`indicator=BL&unit=${unit}&grain=year`)).map((r) => [r.period, r.value]);
    const expected: Record<string, [number, number | null, number | null]> = {
      B1: [55 / 120, 64 / 118, 70 / 120],
      B2: [22 / 70, 29 / 72, null], // 2026: n 4, suppressed
      B3: [35 / 90, 45 / 94, 46 / 90],
      BA: [77 / 190, 93 / 190, 72 / 124],
      BB: [35 / 90, 45 / 94, 46 / 90],
      BR: [112 / 280, 138 / 284, 118 / 214],
      '': [140 / 342, 170 / 346, 155 / 277],
    };
    for (const [unit, values] of Object.entries(expected)) {
      const rows = await yearly(unit);
      expect(
        rows.map((r) => r[0]),
        unit,
      ).toEqual(['2023', '2025', '2026']);
      close(
        rows.map((r) => r[1] as number | null),
        values,
      );
    }
    // A unit asked without the units below it: its own rows (B3 has none under it, so the same).
    close(
      (await series('indicator=BL&unit=B3&children=false&grain=year')).map((r) => r.value as number | null),
      expected.B3,
    );
    // A municipality's rows without unit: Kommun Y's parts until it publishes a total.
    close(
      (await series(`indicator=BL&municipality=${encodeURIComponent('Kommun Y')}&grain=year`)).map((r) => r.value as number | null),
      [9 / 20, 11 / 20, 14 / 21],
    );
  });

  it('indicator_series per period: a total in one month and parts in the others make one year', async () => {
    close(
      (await series('indicator=BM&unit=B3')).map((r) => r.value as number | null),
      [14 / 30, 17 / 32, 16 / 30],
    );
    const year = await series('indicator=BM&unit=BB&grain=year');
    expect(year.map((r) => [r.period, r.n])).toEqual([['2024', 92]]);
    close([year[0].value as number], [47 / 92]);
  });

  it('indicator_series by sex: the parts of every place that publishes them; small parts suppressed with their sibling', async () => {
    const bySex = async (unit: string) => await series(`indicator=BL&unit=${unit}&grain=year&breakdown=sex`);
    const ba = await bySex('BA');
    expect(ba.map((r) => [r.period, r.sex])).toEqual([
      ['2023', 'K'],
      ['2023', 'M'],
      ['2025', 'K'],
      ['2025', 'M'],
      ['2026', 'K'],
      ['2026', 'M'],
    ]);
    close(
      ba.map((r) => r.value as number | null),
      [42 / 100, 30 / 80, 51 / 100, 38 / 82, 41 / 64, 28 / 54],
    );
    close(
      (await bySex('BR')).map((r) => r.value as number | null),
      [63 / 150, 44 / 120, 76 / 150, 56 / 122, 67 / 114, 48 / 94],
    );
    // B2's 2026 parts count 2 each: both hidden (a value and its count), never 0, status U.
    const b2 = (await bySex('B2')).filter((r) => r.period === '2026');
    expect(b2.map((r) => [r.sex, r.value, r.n, r.status])).toEqual([
      ['K', null, null, 'U'],
      ['M', null, null, 'U'],
    ]);
    // By age: only Kommun X publishes age groups, as totals of sex, in 2025.
    const byAge = await series('indicator=BL&grain=year&breakdown=age');
    expect(byAge.map((r) => [r.period, r.age_group])).toEqual([
      ['2025', '16-64'],
      ['2025', '65+'],
    ]);
    close(
      byAge.map((r) => r.value as number | null),
      [12 / 25, 9 / 17],
    );
  });

  it('the baseline and its control chart: each month its total where it has one, else its parts', async () => {
    const base = async (unit: string) => baselineResponse.parse(await get(`/api/v1/baseline?indicator=BM&unit=${unit}`));
    const ba = await base('BA');
    expect(ba.baseline.value).toBeCloseTo(94 / 186, 12);
    expect(ba.baseline.n).toBe(186);
    const bb = await base('BB');
    expect(bb.baseline.value).toBeCloseTo(47 / 92, 12);
    // The chart's points are the months as the rule pools them: the SPC and ITS inputs.
    expect(bb.spc.rows.map((r) => r.label)).toEqual(['2024-01', '2024-02', '2024-03']);
    close(
      bb.spc.rows.map((r) => r.y),
      [14 / 30, 17 / 32, 16 / 30],
    );
  });

  it('the baseline inherits go-live as the follow-up does (own, nearest ancestor’s, the program’s) and says where it came from', async () => {
    const base = async (query: string) => baselineResponse.parse(await get(`/api/v1/baseline?indicator=BM&${query}`));
    // B1 has no go-live of its own: BA's (2024-05-01), so the window 2023-05 … 2024-04 holds B1's T rows 64/126.
    const b1 = await base('unit=B1');
    expect([b1.baseline.go_live, b1.goLiveSource, b1.goLiveFrom]).toEqual(['2024-05-01', 'ancestor', 'BA']);
    expect(b1.baseline.value).toBeCloseTo(64 / 126, 12);
    // B3 has its own; BR (the region) none and no ancestor: the program's, which BM's benefit belongs to (BLAND,
    // 2024-09-01), and the same baseline as the follow-up's 141/278.
    const b3 = await base('unit=B3');
    expect([b3.baseline.go_live, b3.goLiveSource, b3.goLiveFrom]).toEqual(['2024-09-01', 'unit', 'B3']);
    const br = await base('unit=BR');
    expect([br.baseline.go_live, br.goLiveSource, br.goLiveFrom]).toEqual(['2024-09-01', 'program', 'BLAND']);
    expect(br.baseline.value).toBeCloseTo(141 / 278, 12);
    const named = await base('unit=BR&program=BLAND');
    expect([named.goLiveSource, named.goLiveFrom]).toEqual(['program', 'BLAND']);
    const given = await base('unit=BR&goLive=2024-03-01');
    expect([given.baseline.go_live, given.goLiveSource, given.goLiveFrom]).toEqual(['2024-03-01', 'parameter', null]);
    // The Baslinje sheet says it too.
    const res = await app.request('/api/v1/workbooks/baslinje?indicator=BM&unit=B1');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const texts: unknown[] = [];
    wb.getWorksheet('Baslinje')!.eachRow((row) => texts.push(...(row.values as unknown[])));
    expect(texts).toContain('ärvd från BA (enheten har ingen egen)');
  });

  it('the production loss: a unit’s volume per month, its total where it has one, else its parts', async () => {
    const rows = queryAnswer.parse(await get('/api/v1/queries/production_loss?indicator=BV')).rows;
    expect(rows.map((r) => r.unit)).toEqual(['B3']);
    expect(rows[0].weekly_volume).toBeCloseTo(158 / 52.18, 12);
  });

  it('the follow-up at the administrations, the region and the geographies', async () => {
    const data = await followup('');
    close(figures(entry(data, 'BL', 'BA')), [77 / 190, 93 / 190, 72 / 124]);
    close(figures(entry(data, 'BL', 'BB')), [35 / 90, 45 / 94, 46 / 90]);
    close(figures(entry(data, 'BL', 'BR')), [112 / 280, 138 / 284, 118 / 214]);
    close(figures(entry(data, 'BL', 'Kommun X')), [19 / 42, 21 / 42, 23 / 42]);
    close(figures(entry(data, 'BL', 'Kommun Y')), [9 / 20, 11 / 20, 14 / 21]);
    // BM's baselines, by month.
    expect(entry(data, 'BM', 'BA').baseline).toBeCloseTo(94 / 186, 12);
    expect(entry(data, 'BM', 'BB').baseline).toBeCloseTo(47 / 92, 12);
    expect(entry(data, 'BM', 'BR').baseline).toBeCloseTo(141 / 278, 12);
    // Every entry is measured: none is left out for publishing parts only.
    expect(entry(data, 'BL', 'BA').years.map((y) => y.status)).not.toContain('not_measured');
  });

  it('the follow-up of every unit: a small cell is suppressed, and its sibling with it', async () => {
    const data = await followup('level=enhet');
    expect(new Set(data.indicators.map((i) => i.unit))).toEqual(new Set(['B1', 'B2', 'B3']));
    // B2's 2026 counts 4; B1 is its only sibling under BA, so B1's 2026 goes too (BA − B1 would give B2).
    close(figures(entry(data, 'BL', 'B1')), [55 / 120, 64 / 118, null]);
    close(figures(entry(data, 'BL', 'B2')), [22 / 70, 29 / 72, null]);
    close(figures(entry(data, 'BL', 'B3')), [35 / 90, 45 / 94, 46 / 90]);
    expect(entry(data, 'BL', 'B2').years[1].status).toBe('not_measured');
  });

  it('the follow-up with a breakdown: the parts under each entry, the entry itself unchanged', async () => {
    const bySex = await followup('breakdown=sex');
    const ba = entry(bySex, 'BL', 'BA');
    close(figures(ba), [77 / 190, 93 / 190, 72 / 124]);
    expect(ba.parts.map((p) => p.part)).toEqual(['K', 'M']);
    close(figures(ba.parts[0]), [42 / 100, 51 / 100, 41 / 64]);
    close(figures(ba.parts[1]), [30 / 80, 38 / 82, 28 / 54]);
    const br = entry(bySex, 'BL', 'BR');
    close(figures(br.parts[0]), [63 / 150, 76 / 150, 67 / 114]);
    close(figures(br.parts[1]), [44 / 120, 56 / 122, 48 / 94]);
    close(figures(entry(bySex, 'BL', 'Kommun Y').parts[0]), [5 / 10, 6 / 10, 7 / 10]);
    const byAge = await followup('breakdown=age');
    const x = entry(byAge, 'BL', 'Kommun X');
    close(figures(x), [19 / 42, 21 / 42, 23 / 42]);
    expect(x.parts.map((p) => p.part)).toEqual(['16-64', '65+']);
    close(figures(x.parts[0]), [null, 12 / 25, null]);
    close(figures(x.parts[1]), [null, 9 / 17, null]);
    // By municipality: the geographies are municipalities themselves; units publish no municipalities.
    const byMunicipality = await followup('breakdown=municipality');
    close(figures(entry(byMunicipality, 'BL', 'BA')), [77 / 190, 93 / 190, 72 / 124]);
    expect(entry(byMunicipality, 'BL', 'BA').parts).toEqual([]);
  });

  it('the follow-up workbook carries the same figures', async () => {
    const res = await app.request('/api/v1/workbooks/uppfoljning?program=BLAND&years=2');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('Uppföljning 5 år')!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => {
      const cells = row.values as unknown[];
      if (cells.includes('BL') || cells.includes('Andel per år')) values.push(cells);
    });
    const ba = values.find((cells) => cells.includes('Förvaltning BA'));
    expect(ba, JSON.stringify(values).slice(0, 600)).toBeDefined();
    const numbers = ba!.filter((v): v is number => typeof v === 'number');
    for (const expected of [77 / 190, 93 / 190, 72 / 124]) expect(numbers.some((n) => Math.abs(n - expected) < 1e-12)).toBe(true);
  });
});
