import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { readMapping } from '../../pipeline/ingest/mapping.js';
import { count, FIXTURES, MAPPINGS, rows, tempStore } from '../helpers/store.js';

const REAL = join(FIXTURES, 'real');
const load = (store: { connection: Parameters<typeof loadFile>[0] }, file: string, mapping: string) =>
  loadFile(store.connection, join(REAL, file), { mapping: readMapping(join(MAPPINGS, `${mapping}.json`)) });

// Counts below are those in each folder's PROVENANCE.md, which were checked by reading the files independently.
describe('public exports through the shipped mappings', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  beforeAll(async () => {
    store = await tempStore();
  });
  afterAll(() => store.close());

  it("Socialstyrelsen's En god vård? list (Windows-1252): 11 554 county + 610 national rows, education rows left out", async () => {
    const report = await load(store, 'sos-en-god-vard/Datalista-En-god-vard.csv', 'socialstyrelsen-en-god-vard');
    expect(report).toMatchObject({ status: 'loaded', rowsRead: 11_554 + 610, rowsAccepted: 12_164 });
    const sos = "load_id = (SELECT max(load_id) FROM load_log WHERE file_name = 'Datalista-En-god-vard.csv')";
    expect(await count(store.connection, `SELECT count(DISTINCT indicator) FROM observation WHERE ${sos}`)).toBe(52);
    // 55 rows carry no value; at most they are missing, never 0.
    const missing = await count(store.connection, `SELECT count(*) FROM observation WHERE ${sos} AND value IS NULL`);
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThanOrEqual(55);
    // "2015-2017" and "2018 (varen)" get their end year; 'Man' (Män folded) is M.
    const [row] = await rows(
      store.connection,
      `SELECT sex, period FROM observation WHERE ${sos} AND indicator = '35' AND municipality = 'Blekinge' AND period = '2017' AND sex = 'T'`,
    );
    expect(row).toEqual({ sex: 'T', period: '2017' });
    expect(await count(store.connection, `SELECT count(*) FROM observation WHERE ${sos} AND sex = 'M'`)).toBeGreaterThan(3000);
    const [ind] = await rows(store.connection, "SELECT name FROM indicator WHERE id = '35'");
    expect(ind.name).toBe('Landstingens halso- och sjukvardskostnad (strukturjusterad)');
  });

  it('Kolada flat CSV: 13 603 rows, 76 KPIs, VGR (618 rows) has N79179 = 88.2 for 2018', async () => {
    const report = await load(store, 'kolada-hos-halland/kolada-hos-regioner-flat.csv', 'kolada-platt');
    expect(report).toMatchObject({ status: 'loaded', rowsAccepted: 13_603 });
    expect(await count(store.connection, `SELECT count(DISTINCT indicator) FROM observation WHERE load_id = ${report.loadId}`)).toBe(76);
    expect(
      await count(
        store.connection,
        `SELECT count(*) FROM observation WHERE load_id = ${report.loadId} AND municipality = 'Västra Götalandsregionen'`,
      ),
    ).toBe(618);
    const [vgr] = await rows(
      store.connection,
      "SELECT value FROM observation WHERE indicator = 'N79179' AND municipality = 'Västra Götalandsregionen' AND period = '2018'",
    );
    expect(vgr.value).toBe(88.2);
  });

  it('the nested Kolada report JSONs give the same 13 603 values as the flat CSV made from them', async () => {
    const files = ['kostnader', 'kunskapsbaserad', 'saker-vard', 'sjukdomsforekomst', 'syn-pa-varden', 'tillganglighet'];
    let total = 0;
    for (const name of files) {
      const report = await load(store, `kolada-hos-halland/ar-skr-${name}.json`, 'kolada-rapport-json');
      expect(report.status).toBe('loaded');
      total += report.rowsAccepted;
    }
    expect(total).toBe(13_603);
    const [vgr] = await rows(
      store.connection,
      "SELECT value FROM observation WHERE indicator = 'n79179' AND municipality = 'Västra Götalandsregionen' AND period = '2018'",
    );
    expect(vgr.value).toBe(88.2);
    const halland = await count(
      store.connection,
      "SELECT count(*) FROM observation WHERE indicator = 'n79179' AND municipality = 'Halland'",
    );
    expect(halland).toBeGreaterThan(0);
  });

  it('rKolada extracts in three layouts: long with gender, long without, and the title as value header (wide)', async () => {
    expect((await load(store, 'kolada-dalarna/deltagande.csv', 'kolada-rkolada')).rowsAccepted).toBe(42);
    const utsatthet = await load(store, 'kolada-dalarna/utsatthet.csv', 'kolada-rkolada-utan-kon');
    expect(utsatthet.rowsAccepted).toBe(315);
    expect(await count(store.connection, `SELECT count(DISTINCT municipality) FROM observation WHERE load_id = ${utsatthet.loadId}`)).toBe(
      21,
    );
    const tillit = await load(store, 'kolada-dalarna/tillit.csv', 'kolada-rkolada-bred');
    expect(tillit.rowsAccepted).toBe(42);
    const [first] = await rows(
      store.connection,
      `SELECT indicator, sex, value FROM observation WHERE load_id = ${tillit.loadId} AND period = '2007' AND sex = 'K'`,
    );
    expect(first).toEqual({ indicator: 'Invånare 16-84 år med avsaknad av tillit till andra, andel (%)', sex: 'K', value: 30 });
  });

  it('the public-health survey workbook: two sheets of one file are two loads', async () => {
    const kommun = await load(store, 'hlv-dalarna/HLV_Dalarna_2014_2018_2021.xlsx', 'folkhalsoenkaten-hlv');
    expect(kommun).toMatchObject({ status: 'loaded', rowsAccepted: 2_852 });
    const alder = await load(store, 'hlv-dalarna/HLV_Dalarna_2014_2018_2021.xlsx', 'folkhalsoenkaten-hlv-alder');
    expect(alder).toMatchObject({ status: 'loaded', rowsAccepted: 9_933 });
    expect(await rows(store.connection, `SELECT DISTINCT age_group FROM observation WHERE load_id = ${alder.loadId} ORDER BY 1`)).toEqual(
      ['16-29 år', '30-44 år', '45-64 år', '65-84 år'].map((age_group) => ({ age_group })),
    );
    const [avesta] = await rows(
      store.connection,
      `SELECT value FROM observation WHERE load_id = ${kommun.loadId} AND municipality = 'Avesta' AND period = '2014' AND sex = 'K' AND indicator = 'Allmänt hälsotillstånd - Bra eller mycket bra hälsa'`,
    );
    expect(avesta.value).toBe(62);
  });

  it('the FoHM workbook: 1 003 days × 21 regions from the wide sheet, 3 108 weeks × 3 measures from the weekly one', async () => {
    const daily = await load(store, 'fohm-covid19/Folkhalsomyndigheten_Covid19.xlsx', 'fohm-covid19-per-dag-region');
    expect(daily).toMatchObject({ status: 'loaded', rowsAccepted: 1_003 * 21 });
    const [first] = await rows(
      store.connection,
      `SELECT min(period) AS first, max(period) AS last FROM observation WHERE load_id = ${daily.loadId}`,
    );
    expect(first).toEqual({ first: '2020-02-04', last: '2022-11-02' });
    const weekly = await load(store, 'fohm-covid19/Folkhalsomyndigheten_Covid19.xlsx', 'fohm-covid19-vecka-region');
    expect(weekly).toMatchObject({ status: 'loaded', rowsAccepted: 3_108 * 3 });
    expect(await rows(store.connection, `SELECT DISTINCT grain FROM observation WHERE load_id = ${weekly.loadId}`)).toEqual([
      { grain: 'week' },
    ]);
  });
});
