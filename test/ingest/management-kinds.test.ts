/**
 * The kinds that manage benefits over time: status assessments (nyttostatus), lessons learnt (lardomar) and the share
 * of a business-case line a program claims (tillskrivning). Each is recognised by its header, refuses bad rows naming
 * row and column in Swedish with the store unchanged, and keeps history: a corrected file replaces, asOf reads the
 * earlier rows, an undo brings them back. Expectations are written by hand from the files below.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatError, loadFile } from '../../pipeline/ingest/load-file.js';
import { showStoreAsOf } from '../../pipeline/store/history.js';
import { undoLoad } from '../../pipeline/store/undo.js';
import { fingerprint, rows, tempStore, writeFixture } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => {
  store = await tempStore();
  const benefits = await load('nyttor.csv', 'program;id;nytta;nyttoägare\nKOM;N1;Färre avvikelser;Eva Ek\nKOM;N2;Kortare ledtider;\n');
  expect(benefits.status).toBe('loaded');
});
afterAll(() => store?.close());

const load = (name: string, text: string, kind?: string) => loadFile(store.connection, writeFixture(store.dir, name, text), { kind });
const STATUS_HEADER = 'program;nytta;period;status;tillförsikt;kommentar;bedömd_av;bedömd';

describe('nyttostatus', () => {
  it('is recognised by its header; periods in canonical form with their first and last day, as people write them', async () => {
    const report = await load(
      'status.csv',
      `${STATUS_HEADER}\nKOM;N1;2026-T2;grön;hög;Går enligt plan;Eva Ek;2026-08-20\nKOM;N1;2026t1;Gul;medel;;Eva Ek;2026-04-22\n` +
        'KOM;N2;2026K1;röd;låg;Ingen mätning än;Per Pil;\nKOM;N2;2026M03;gul;;;;\nKOM;N2;2025;grön;;;;\n',
    );
    expect([report.kind, report.status, report.rowsAccepted]).toEqual(['nyttostatus', 'loaded', 5]);
    expect(
      await rows(
        store.connection,
        `SELECT benefit, period, grain, CAST(period_start AS VARCHAR) AS s, CAST(period_end AS VARCHAR) AS e, status, confidence,
           CAST(assessed AS VARCHAR) AS assessed FROM benefit_status ORDER BY benefit, period_start, period_end`,
      ),
    ).toEqual([
      {
        benefit: 'N1',
        period: '2026-T1',
        grain: 'tertial',
        s: '2026-01-01',
        e: '2026-04-30',
        status: 'gul',
        confidence: 'medel',
        assessed: '2026-04-22',
      },
      {
        benefit: 'N1',
        period: '2026-T2',
        grain: 'tertial',
        s: '2026-05-01',
        e: '2026-08-31',
        status: 'grön',
        confidence: 'hög',
        assessed: '2026-08-20',
      },
      { benefit: 'N2', period: '2025', grain: 'year', s: '2025-01-01', e: '2025-12-31', status: 'grön', confidence: null, assessed: null },
      {
        benefit: 'N2',
        period: '2026-Q1',
        grain: 'quarter',
        s: '2026-01-01',
        e: '2026-03-31',
        status: 'röd',
        confidence: 'låg',
        assessed: null,
      },
      {
        benefit: 'N2',
        period: '2026-03',
        grain: 'month',
        s: '2026-03-01',
        e: '2026-03-31',
        status: 'gul',
        confidence: null,
        assessed: null,
      },
    ]);
  });

  it('refuses a file with an unknown benefit, a period, status or confidence it does not know, or the same period twice, whole', async () => {
    const before = await fingerprint(store.connection);
    const report = await load(
      'status-fel.csv',
      `${STATUS_HEADER}\nKOM;N9;2026-T4;blå;kanske;;;2026-13-01\nKOM;N1;2026-T3;grön;hög;;;\nKOM;N1;2026 t3;gul;;;;\nKOM;N2;;gul;;;;\n`,
    );
    expect(report.status).toBe('refused');
    expect(report.errors.map((e) => formatError('status-fel.csv', e))).toEqual([
      'status-fel.csv, rad 2, kolumn bedomd: "2026-13-01" är inget giltigt datum (ÅÅÅÅ-MM-DD)',
      'status-fel.csv, rad 2, kolumn nytta: "N9" okänd nytta för programmet (läs in nyttorna först)',
      'status-fel.csv, rad 2, kolumn period: "2026-T4" är ingen bedömningsperiod (använd 2026, 2026-T2, 2026-Q1 eller 2026-03)',
      'status-fel.csv, rad 2, kolumn status: "blå" är inte ett tillåtet värde (grön, gul eller röd)',
      'status-fel.csv, rad 2, kolumn tillforsikt: "kanske" är inte ett tillåtet värde (hög, medel eller låg)',
      'status-fel.csv, rad 4, kolumn period: "2026 t3" samma nytta och period finns redan på rad 3',
      'status-fel.csv, rad 5, kolumn period: värde saknas i obligatorisk kolumn',
    ]);
    expect(await fingerprint(store.connection)).toEqual(before);
  });

  it('keeps history: a corrected assessment replaces the period, asOf reads the earlier one, an undo brings it back', async () => {
    const first = (await rows(store.connection, "SELECT max(load_id) AS id FROM benefit_status WHERE period = '2026-T2'"))[0].id;
    const corrected = await load('status-2.csv', `${STATUS_HEADER}\nKOM;N1;2026-T2;gul;medel;Ledtiderna ökar igen;Eva Ek;2026-08-28\n`);
    expect([corrected.status, corrected.rowsReplaced]).toEqual(['loaded', 1]);
    const judged = async () =>
      (await rows(store.connection, "SELECT status, comment FROM benefit_status WHERE benefit = 'N1' AND period = '2026-T2'"))[0];
    expect(await judged()).toEqual({ status: 'gul', comment: 'Ledtiderna ökar igen' });

    const reader = await store.instance.connect();
    try {
      await showStoreAsOf(reader, Number(first));
      const then = (await reader.runAndReadAll("SELECT status FROM benefit_status WHERE benefit = 'N1' AND period = '2026-T2'")).getRows();
      expect(then).toEqual([['grön']]);
    } finally {
      reader.closeSync();
    }
    await undoLoad(store.connection, corrected.loadId!);
    expect(await judged()).toEqual({ status: 'grön', comment: 'Går enligt plan' });
  });
});

describe('lardomar', () => {
  it('is recognised by its header; spridd_till is a list; the same program and id twice is refused naming the first row', async () => {
    const header = 'program;id;datum;område;lärdom;åtgärd;ansvarig;spridd_till';
    const bad = await load(
      'lardomar-fel.csv',
      `${header}\nKOM;L1;2026-03-01;Styrning;A;;;\nKOM;L1;2026-04-01;Styrning;B;;;\nKOM;L2;1 mars;;;;;\n`,
    );
    expect(bad.errors.map((e) => formatError('lardomar-fel.csv', e))).toEqual([
      'lardomar-fel.csv, rad 3, kolumn id: "L1" samma program och lärdoms-id finns redan på rad 2',
      'lardomar-fel.csv, rad 4, kolumn datum: "1 mars" är inget giltigt datum (ÅÅÅÅ-MM-DD)',
      'lardomar-fel.csv, rad 4, kolumn lardom: värde saknas i obligatorisk kolumn',
    ]);
    const good = await load(
      'lardomar.csv',
      `${header}\nKOM;L1;2026-03-01;Styrning;Utse nyttoägare innan driftstart;Mall för nyttoprofil;Eva Ek;"FVIS, Koncernledning"\nNY;L1;;Införande;Utbilda superanvändare tidigt;;;\n`,
    );
    expect([good.kind, good.status]).toEqual(['lardomar', 'loaded']);
    expect(
      await rows(store.connection, 'SELECT program, id, CAST(date AS VARCHAR) AS date, spread_to FROM lesson ORDER BY program, id'),
    ).toEqual([
      { program: 'KOM', id: 'L1', date: '2026-03-01', spread_to: ['FVIS', 'Koncernledning'] },
      { program: 'NY', id: 'L1', date: null, spread_to: null },
    ]);
    // A program named only here is created, as other kinds do.
    expect(await rows(store.connection, "SELECT id FROM program WHERE id = 'NY'")).toEqual([{ id: 'NY' }]);
  });
});

describe('nyttokalkyl: tillskrivning', () => {
  it('a share as 0–1 or percent, 1 when left out; more than the whole is refused', async () => {
    const header = 'program;scenario;år;post;kategori;plan_utfall;belopp_kr;intressent;tillskrivning';
    const bad = await load(
      'kalkyl-fel.csv',
      `${header}\nKOM;bas;2027;nytta;tid;plan;100;Vård;150\nKOM;bas;2027;nytta;tid;plan;100;Vård;hälften\n`,
    );
    expect(bad.errors.map((e) => formatError('kalkyl-fel.csv', e))).toEqual([
      'kalkyl-fel.csv, rad 2, kolumn tillskrivning: "150" är ingen andel (0–1 eller 0–100 %)',
      'kalkyl-fel.csv, rad 3, kolumn tillskrivning: "hälften" är ingen andel (0–1 eller 0–100 %)',
    ]);
    const good = await load(
      'kalkyl.csv',
      `${header}\nKOM;bas;2026;nytta;tid;plan;100;Vård;0,5\nKOM;bas;2027;nytta;tid;plan;100;Vård;40 %\nKOM;bas;2027;kostnad;drift;plan;10;;\n`,
    );
    expect(good.status).toBe('loaded');
    expect(await rows(store.connection, 'SELECT year, post, amount_sek, attribution FROM business_case_line ORDER BY year, post')).toEqual([
      { year: 2026, post: 'benefit', amount_sek: 100, attribution: 0.5 },
      { year: 2027, post: 'benefit', amount_sek: 100, attribution: 0.4 },
      { year: 2027, post: 'cost', amount_sek: 10, attribution: 1 },
    ]);
  });
});
