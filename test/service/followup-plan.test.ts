/**
 * The follow-up on a region's plan: a national series at its geography (Region Dalarna's real Kolada extract, which
 * publishes T, K and M), every org level with go-live inherited, totals never pooled with their parts, baselines by
 * the series' grain, no guessed direction, and the effect chain complete (a benefit nothing measures, milestones).
 * Every expectation is computed here from the fixture files themselves (test/fixtures/followup/PROVENANCE.md).
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followupResponse, type FollowupResponse } from '../../pipeline/contracts/index.js';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { readMapping } from '../../pipeline/ingest/mapping.js';
import { buildService } from '../../pipeline/service/start.js';
import { libreOfficeAvailable, recalculateXlsx } from '../helpers/libreoffice.js';
import { FIXTURES, MAPPINGS, tempStore } from '../helpers/store.js';

const DIR = join(FIXTURES, 'followup');
const KOLADA = join(FIXTURES, 'real', 'kolada-dalarna', 'deltagande.csv');
const KPI = 'Invånare 16-84 år med lågt socialt deltagande, andel (%)';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: Awaited<ReturnType<typeof buildService>>['app'];
const warnings: string[] = [];

beforeAll(async () => {
  store = await tempStore();
  for (const name of ['program.csv', 'organisation.csv', 'effektmal.csv', 'nyttor.csv', 'indikatorer.csv', 'milstolpar.csv']) {
    const report = await loadFile(store.connection, join(DIR, name));
    expect(report.status, `${name}: ${JSON.stringify(report.errors)}`).toBe('loaded');
    warnings.push(...report.warnings);
  }
  for (const name of ['utfall-enheter.csv', 'utfall-mått.csv'])
    expect((await loadFile(store.connection, join(DIR, name))).status).toBe('loaded');
  const kolada = await loadFile(store.connection, KOLADA, { mapping: readMapping(join(MAPPINGS, 'kolada-rkolada.json')) });
  expect(kolada.status, JSON.stringify(kolada.errors)).toBe('loaded');
  ({ app } = await buildService(store, { host: '127.0.0.1', port: 0, env: {} }));
}, 60_000);
afterAll(() => store?.close());

async function followup(query: string): Promise<FollowupResponse> {
  const res = await app.request(`/api/v1/followup?${query}`);
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return followupResponse.parse(body);
}

/** The extract's rows: year → gender → value, read from the file itself. */
function published(): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  for (const line of readFileSync(KOLADA, 'utf8').trim().split('\n').slice(1)) {
    const [, year, gender, value] = splitQuoted(line);
    if (!out.has(Number(year))) out.set(Number(year), new Map());
    out.get(Number(year))!.set(gender, Number(value));
  }
  return out;
}
function splitQuoted(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2]);
}

describe('a national series at the program geography', () => {
  it('equals the published totals year by year, never pooled with the parts; the baseline is the last full year before go-live', async () => {
    const data = await followup('program=DALA');
    const entry = data.indicators.find((i) => i.indicator === KPI && i.geography === 'Region Dalarna')!;
    expect(entry).toBeDefined();
    expect(entry.unit).toBeNull();
    const t = published();
    // Go-live 2016-05-01 (the program's): baseline 2015, years 1–5 = 2017–2021 (2017 and 2019 are not published).
    expect(entry.goLive).toBe('2016-05-01');
    expect(entry.baselinePeriod).toBe('2015');
    expect(entry.baseline).toBe(t.get(2015)!.get('T'));
    expect(entry.years.map((y) => [y.calendarYear, y.outcome])).toEqual(
      [2017, 2018, 2019, 2020, 2021].map((y) => [y, t.get(y)?.get('T') ?? null]),
    );
    // In 2020 the published K and M are 21 and 22 beside T 22: pooling all three would give 21.67, not 22.
    const pooled2020 = [...t.get(2020)!.values()].reduce((a, b) => a + b, 0) / 3;
    expect(pooled2020).not.toBeCloseTo(t.get(2020)!.get('T')!, 6);
    expect(entry.years.find((y) => y.calendarYear === 2020)!.outcome).toBe(t.get(2020)!.get('T'));
    // Lower is better: each measured year is judged, the missing ones are not measured.
    expect(entry.years.filter((y) => y.outcome === null).map((y) => y.status)).toEqual(['not_measured', 'not_measured']);
    expect(entry.years.filter((y) => y.outcome !== null).every((y) => y.status !== 'not_measured' && y.status !== 'no_direction')).toBe(
      true,
    );
    expect(entry).toMatchObject({ source: 'Kolada', frequency: 'år', measure: 'procent' });
    // Riket is listed too, and has no rows in this extract.
    expect(data.indicators.find((i) => i.geography === 'Riket')!.years.every((y) => y.outcome === null)).toBe(true);
  });

  it('by sex: the parts K and M as published, under the entry', async () => {
    const data = await followup('program=DALA&breakdown=sex');
    const entry = data.indicators.find((i) => i.indicator === KPI && i.geography === 'Region Dalarna')!;
    const t = published();
    expect(entry.parts.map((p) => p.part)).toEqual(['K', 'M']);
    for (const part of entry.parts) {
      expect(part.baseline).toBe(t.get(2015)!.get(part.part));
      expect(part.years.map((y) => y.outcome)).toEqual([2017, 2018, 2019, 2020, 2021].map((y) => t.get(y)?.get(part.part) ?? null));
    }
    // The entry's own value stays the published total.
    expect(entry.baseline).toBe(t.get(2015)!.get('T'));
  });
});

/** Σ numerator / Σ denominator over the file's UP rows of `units` whose period is in [from, to). */
function pooledUp(units: string[], from: string, to: string): number {
  let num = 0;
  let den = 0;
  for (const line of readFileSync(join(DIR, 'utfall-enheter.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [indicator, period, unit, , n, d] = line.split(';');
    if (indicator !== 'UP' || !units.includes(unit) || `${period}-01` < from || `${period}-01` >= to) continue;
    num += Number(n);
    den += Number(d);
  }
  return num / den;
}

describe('every org level', () => {
  it('the region, the administration and each unit are Σ numerator / Σ denominator of their parts, go-live inherited', async () => {
    const all = await followup('program=VARD');
    const up = (data: FollowupResponse, unit: string) => data.indicators.find((i) => i.indicator === 'UP' && i.unit === unit)!;
    // Default: the administration and the region (the top of the tree); the region has no go-live, so the program's.
    expect(new Set(all.indicators.filter((i) => i.indicator === 'UP').map((i) => i.unit))).toEqual(new Set(['A', 'R']));
    const region = up(all, 'R');
    expect(region.goLive).toBe('2024-09-01');
    expect(region.baselinePeriod).toBe('2023-09–2024-08');
    expect(region.baseline).toBeCloseTo(pooledUp(['U1', 'U2'], '2023-09-01', '2024-09-01'), 12);
    const admin = up(all, 'A');
    expect(admin.goLive).toBe('2024-05-01');
    expect(admin.baseline).toBeCloseTo(pooledUp(['U1', 'U2'], '2023-05-01', '2024-05-01'), 12);
    expect(admin.years[0]).toMatchObject({ calendarYear: 2025 });
    expect(admin.years[0].outcome).toBeCloseTo(pooledUp(['U1', 'U2'], '2025-01-01', '2026-01-01'), 12);

    // unit=A: A and everything below it; the units inherit A's go-live.
    const below = await followup('program=VARD&unit=A');
    expect(new Set(below.indicators.filter((i) => i.indicator === 'UP').map((i) => i.unit))).toEqual(new Set(['A', 'U1', 'U2']));
    for (const unit of ['U1', 'U2']) {
      const entry = up(below, unit);
      expect(entry.goLive).toBe('2024-05-01');
      expect(entry.baseline).toBeCloseTo(pooledUp([unit], '2023-05-01', '2024-05-01'), 12);
      expect(entry.years[1].outcome).toBeCloseTo(pooledUp([unit], '2026-01-01', '2027-01-01'), 12);
    }
    // level=enhet: every unit of that level, and nothing else.
    const units = await followup('program=VARD&level=enhet');
    expect(new Set(units.indicators.map((i) => i.unit))).toEqual(new Set(['U1', 'U2']));
    // years=7: seven years, the last ones not measured.
    const seven = await followup('program=VARD&unit=A&years=7');
    expect(up(seven, 'A').years.map((y) => y.calendarYear)).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031]);
  });

  it('baselines by grain: four quarters before the go-live quarter, the last full year before the go-live year; baselineMonths overrides', async () => {
    const data = await followup('program=VARD&unit=A');
    const at = (indicator: string) => data.indicators.find((i) => i.indicator === indicator && i.unit === 'A')!;
    const rows = readFileSync(join(DIR, 'utfall-mått.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(';'));
    const weighted = (indicator: string, periods: string[]) => {
      const picked = rows.filter((r) => r[0] === indicator && periods.includes(r[1]));
      return picked.reduce((s, r) => s + Number(r[3]) * Number(r[4]), 0) / picked.reduce((s, r) => s + Number(r[4]), 0);
    };
    // Go-live 2024-05-01 falls in 2024-Q2: the baseline is 2023-Q2 to 2024-Q1.
    expect(at('KV').baselinePeriod).toBe('2023-Q2–2024-Q1');
    expect(at('KV').baseline).toBeCloseTo(weighted('KV', ['2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1']), 9);
    expect(at('AR').baselinePeriod).toBe('2023');
    expect(at('AR').baseline).toBeCloseTo(weighted('AR', ['2023']), 9);
    const longer = await followup('program=VARD&unit=A&baselineMonths=24');
    const ar = longer.indicators.find((i) => i.indicator === 'AR' && i.unit === 'A')!;
    expect(ar.baselinePeriod).toBe('2022–2023');
    expect(ar.baseline).toBeCloseTo(weighted('AR', ['2022', '2023']), 9);
  });

  it('a bad level, breakdown or years is a 400 in Swedish', async () => {
    for (const [query, message] of [
      ['level=avdelning', 'parametern "level" ska vara region, forvaltning, verksamhet, enhet'],
      ['breakdown=lan', 'parametern "breakdown"'],
      ['years=11', 'parametern "years" får vara högst 10'],
    ]) {
      const res = await app.request(`/api/v1/followup?program=VARD&${query}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toContain(message);
    }
  });
});

describe('no guessed direction', () => {
  it('the load warns naming the indicator, and its measured years say riktning saknas', async () => {
    expect(warnings.join('\n')).toContain('Indikatorer utan riktning (högre_bättre eller lägre_bättre): NR.');
    const data = await followup('program=VARD&unit=A');
    const nr = data.indicators.find((i) => i.indicator === 'NR' && i.unit === 'A')!;
    expect(nr.direction).toBeNull();
    expect(nr.years.map((y) => y.status)).toEqual(['no_direction', 'no_direction', 'not_measured', 'not_measured', 'not_measured']);
  });
});

describe('no target', () => {
  it('a measured year without a target to judge it by is mål saknas, not risk, and the roll-ups do not count it as at risk', async () => {
    // The plan's files give no targets at all: UP is measured in 2025 and 2026 at A, with a direction.
    const data = await followup('program=VARD&unit=A');
    const up = data.indicators.find((i) => i.indicator === 'UP' && i.unit === 'A')!;
    expect(up.direction).toBe('higher');
    expect(up.years.slice(0, 2).map((y) => [y.outcome !== null, y.target, y.expected, y.status])).toEqual([
      [true, null, null, 'no_target'],
      [true, null, null, 'no_target'],
    ]);
    // N2 is measured only by indicators without targets (and its sub-benefit N4's milestones, one late): nothing of
    // it is at risk but the milestone.
    const n2 = data.benefits.find((b) => b.id === 'N2' && b.year === 1)!;
    expect(data.indicators.filter((i) => i.benefits.includes('N2')).every((i) => i.years[0].status !== 'at_risk')).toBe(true);
    expect(n2.measured).toBe(1);
    const e2 = data.effectGoals.find((g) => g.id === 'E2' && g.year === 1)!;
    expect(e2.measured).toBe(1);
  });

  it('the sheet says mål saknas, coloured apart from risk, and explains it in its legend', async () => {
    const res = await app.request('/api/v1/workbooks/uppfoljning?program=VARD&unit=A');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.getWorksheet('Uppföljning 5 år')!;
    const texts: string[] = [];
    sheet.eachRow((row) => (row.values as unknown[]).forEach((v) => typeof v === 'string' && texts.push(v)));
    expect(texts).toContain('mål saknas');
    expect(texts).toContain('mätt, men inget mål att bedöma året mot; räknas inte som risk');
    // Read back as Excel has it: a containsText rule is SEARCH("text", …) with its own fill.
    const rules = (
      sheet as unknown as {
        conditionalFormattings: { rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[];
      }
    ).conditionalFormattings.flatMap((c) => c.rules);
    const fill = (text: string) => rules.find((r) => r.formulae?.[0]?.includes(`SEARCH("${text}"`))?.style?.fill?.bgColor?.argb;
    expect(fill('mål saknas')).toBeDefined();
    expect(fill('mål saknas')).not.toBe(fill('risk'));
  });
});

describe('the effect chain', () => {
  it('a benefit nothing measures is not measured, not absent; milestones (one late) make a prerequisite at risk', async () => {
    const data = await followup('program=VARD&unit=A');
    const n3 = data.benefits.filter((b) => b.id === 'N3');
    expect(n3).toHaveLength(5);
    expect(n3.every((b) => b.indicators === 0 && b.status === 'not_measured')).toBe(true);
    const details = Object.fromEntries(data.benefitDetails.map((b) => [b.id, b]));
    expect(details.N3).toMatchObject({ level: 1, parent: 'N2', owner: 'Säkerhetschefen', realisedBy: 'IT', milestones: [] });
    // M2 was planned for 2025-01-31 and is not done: late; M1 is done. Years from the program's go-live (2024): 2025 on.
    expect(details.N4.milestones.map((m) => [m.id, m.status])).toEqual([
      ['M1', 'done'],
      ['M2', 'late'],
    ]);
    const n4 = data.benefits.filter((b) => b.id === 'N4');
    expect(n4.map((b) => [b.year, b.status])).toEqual([1, 2, 3, 4, 5].map((y) => [y, 'at_risk']));
    // N2 counts its own indicators and its sub-benefits' members (N4's milestones); E2 reaches them through N2.
    const n2 = data.benefits.find((b) => b.id === 'N2' && b.year === 1)!;
    const own = data.indicators.filter((i) => i.benefits.includes('N2')).length;
    expect(n2.indicators).toBe(own + 1);
    expect(data.effectGoals.find((g) => g.id === 'E2' && g.year === 1)!.indicators).toBe(own + 1);
  });
});

describe('the workbook', () => {
  it.runIf(libreOfficeAvailable())(
    'LibreOffice reads back the follow-up values: the Dalarna baseline and years as published, shown as percent points',
    async () => {
      const res = await app.request('/api/v1/workbooks/uppfoljning?program=DALA');
      expect(res.status).toBe(200);
      const path = join(store.dir, 'uppfoljning.xlsx');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path, Buffer.from(await res.arrayBuffer()));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(recalculateXlsx(path));
      const sheet = wb.getWorksheet('Uppföljning 5 år')!;
      const t = published();
      let found = 0;
      sheet.eachRow((row) => {
        if (row.getCell(3).value !== KPI || row.getCell(5).value !== 'Region Dalarna') return;
        found++;
        expect([row.getCell(7).value, row.getCell(8).value, row.getCell(9).value]).toEqual(['procent', 'Kolada', 'år']);
        expect(row.getCell(11).value).toBe('2015');
        expect(row.getCell(12).value).toBe(t.get(2015)!.get('T'));
        expect(row.getCell(14).value).toBe(t.get(2018)!.get('T'));
        expect(row.getCell(12).numFmt).toBe('0.0" %"');
      });
      expect(found).toBe(1);
    },
    120_000,
  );
});
