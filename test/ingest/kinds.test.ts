import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { formatError } from '../../pipeline/ingest/load-file.js';
import { count, rows, tempStore, writeFixture } from '../helpers/store.js';

describe('reference kinds', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => {
    store = await tempStore();
  });
  afterEach(() => store.close());
  const load = (name: string, text: string, kind?: string) => loadFile(store.connection, writeFixture(store.dir, name, text), { kind });

  it('organisation: levels folded (förvaltning → forvaltning), go-live dates, parents in the same file in any order', async () => {
    const report = await load(
      'org.csv',
      'id;namn;överordnad;nivå;driftstart\nE1;Enhet 1;V1;enhet;2025-05-17\nV1;Medicin;F1;verksamhet;\nF1;SÄS;R;Förvaltning;2025-05-17\nR;Regionen;;region;\n',
    );
    expect(report.status).toBe('loaded');
    expect(
      await rows(
        store.connection,
        "SELECT id, level, CAST(go_live AS VARCHAR) AS go_live FROM org_unit WHERE id IN ('E1', 'F1') ORDER BY id",
      ),
    ).toEqual([
      { id: 'E1', level: 'enhet', go_live: '2025-05-17' },
      { id: 'F1', level: 'forvaltning', go_live: '2025-05-17' },
    ]);
  });

  it('organisation: an unknown parent, a bad level and a bad date are each named', async () => {
    const report = await load('org-bad.csv', 'id;namn;överordnad;nivå;driftstart\nE1;Enhet;X9;enhet;2025-13-01\nE2;Enhet 2;;avdelning;\n');
    expect(report.errors.map((e) => formatError('org-bad.csv', e))).toEqual([
      'org-bad.csv, rad 2, kolumn driftstart: "2025-13-01" är inget giltigt datum (ÅÅÅÅ-MM-DD)',
      'org-bad.csv, rad 2, kolumn overordnad: "X9" okänd överordnad enhet',
      'org-bad.csv, rad 3, kolumn niva: "avdelning" är inte ett tillåtet värde (region, förvaltning, verksamhet eller enhet)',
    ]);
  });

  it('indicators: direction, benefit list, minimum count defaulting to 5', async () => {
    await load(
      'ind.csv',
      'id;namn;enhet;riktning;frekvens;nyttor;källa;min_antal\nA;Alfa;andel;högre_bättre;månad;"1.1, 2.3";SoS;10\nB;Beta;dagar;lagre_battre;år;;;\n',
    );
    expect(await rows(store.connection, 'SELECT id, direction, benefits, min_count FROM indicator ORDER BY id')).toEqual([
      { id: 'A', direction: 'higher', benefits: ['1.1', '2.3'], min_count: 10 },
      { id: 'B', direction: 'lower', benefits: null, min_count: 5 },
    ]);
  });

  it('targets: refer to known indicators and units', async () => {
    await load('ind.csv', 'id;namn;riktning\nA;Alfa;högre_bättre\n');
    const bad = await load('mal.csv', 'indikator;enhet;år;målvärde\nA;;2027;0,8\nZ;;2027;1\n');
    expect(bad.errors.map((e) => e.reason)).toEqual(['okänd indikator']);
    const good = await load('mal2.csv', 'indikator;enhet;år;målvärde\nA;;2027;0,8\nA;;2028;0,85\n');
    expect(good.status).toBe('loaded');
    expect(await rows(store.connection, 'SELECT year, value FROM target ORDER BY year')).toEqual([
      { year: 2027, value: 0.8 },
      { year: 2028, value: 0.85 },
    ]);
  });

  it('business case: tkr and mnkr stored in SEK, probability as share or percent, low/high in the same unit', async () => {
    const tkr =
      'program;scenario;år;post;kategori;aktör;plan_utfall;belopp_tkr;sannolikhet;nyttotyp;intressent;låg;hög\n' +
      'P;bas;2025;kostnad;investering;region;plan;1 500;;;;1 200;2 000\nP;bas;2026;nytta;frigjord tid;region;plan;800;60 %;omfördelning;Förvaltningarna;400;900\n';
    expect((await load('kalkyl.csv', tkr)).status).toBe('loaded');
    const mnkr =
      'program;scenario;år;post;kategori;aktör;plan_utfall;belopp_mnkr;sannolikhet\nP;alt;2025;nytta;licenser;region;utfall;2,5;0,9\n';
    expect((await load('kalkyl2.csv', mnkr)).status).toBe('loaded');
    expect(
      await rows(
        store.connection,
        'SELECT scenario, post, kind, amount_sek, probability, benefit_class, low_sek, high_sek FROM business_case_line ORDER BY scenario, year',
      ),
    ).toEqual([
      {
        scenario: 'alt',
        post: 'benefit',
        kind: 'outcome',
        amount_sek: 2_500_000,
        probability: 0.9,
        benefit_class: null,
        low_sek: null,
        high_sek: null,
      },
      {
        scenario: 'bas',
        post: 'cost',
        kind: 'plan',
        amount_sek: 1_500_000,
        probability: 1,
        benefit_class: null,
        low_sek: 1_200_000,
        high_sek: 2_000_000,
      },
      {
        scenario: 'bas',
        post: 'benefit',
        kind: 'plan',
        amount_sek: 800_000,
        probability: 0.6,
        benefit_class: 'omfordelning',
        low_sek: 400_000,
        high_sek: 900_000,
      },
    ]);
  });

  it('business case: a probability over 100 % and an unknown post are refused', async () => {
    const report = await load(
      'kalkyl-bad.csv',
      'program;scenario;år;post;kategori;plan_utfall;belopp_kr;sannolikhet\nP;bas;2025;intäkt;x;plan;10;\nP;bas;2025;nytta;x;plan;10;150 %\n',
    );
    expect(report.errors.map((e) => `${e.line} ${e.column} ${e.reason}`)).toEqual([
      '2 post är inte ett tillåtet värde (kostnad eller nytta)',
      '3 sannolikhet är ingen sannolikhet (0–1 eller 0–100 %)',
    ]);
  });

  it('risks: a 5 × 5 scale accepts 5, the default 3 × 3 rejects 4', async () => {
    const five = await load('risk5.csv', 'program;id;riskomrade;risk;sannolikhet;konsekvens;skala;bedomd\nP;R1;IT;Text;5;4;5;2024-01-10\n');
    expect(five.status).toBe('loaded');
    const three = await load('risk3.csv', 'id;riskomrade;risk;sannolikhet;konsekvens;bedomd\nR1;IT;Text;4;1;2024-01-10\n');
    expect(three.errors.map((e) => formatError('risk3.csv', e))).toEqual([
      'risk3.csv, rad 2, kolumn sannolikhet: "4" sannolikheten ligger utanför skalan 1–3',
    ]);
    expect(await count(store.connection, 'SELECT count(*) FROM risk_assessment')).toBe(1);
  });

  it('--kind overrides detection, and an unknown kind lists the valid ones', async () => {
    const message = await load('x.csv', 'a;b\n1;2\n', 'budget').catch((e: Error) => e.message);
    expect(message).toBe(
      'Okänd filtyp "budget". Giltiga: program, organisation, effektmal, nyttor, milstolpar, indikatorer, malvarden, utfall, nyttokalkyl, risker, nyckeltal, nyttostatus, lardomar.',
    );
  });
});
