/**
 * A hand-worked region for managing benefits over time, on the fixed day 2026-04-10: two programs (KOM live 2024-09-01,
 * VIS live 2026-03-01) sharing indicator IND01 at the region; KOM's benefit K1 judged green for 2026-T1 while IND01 is
 * measured at risk; an overdue risk action, a late milestone and a monthly indicator whose outcomes stop in January;
 * business cases whose benefit lines overlap, KOM's at tillskrivning 0,5. Every expected figure is worked by hand below.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadFile, type LoadReport } from '../../pipeline/ingest/load-file.js';

export const TODAY = '2026-04-10';

const months = (from: string, to: string) => {
  const out: string[] = [];
  for (
    let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7));
    `${y}-${String(m).padStart(2, '0')}` <= to;
    m === 12 ? (y++, (m = 1)) : m++
  )
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  return out;
};

/** IND01 per month at the region: 10 in the baseline year before go-live (2023-09–2024-08), 11 around go-live, 12 since 2025. */
const ind01 = months('2023-09', '2026-01').map((p) => `IND01;${p};R;${p <= '2024-08' ? 10 : p <= '2024-12' ? 11 : 12};100`);

export const FILES: [string, string][] = [
  ['organisation.csv', 'id;namn;överordnad;nivå;driftstart\nR;Regionen;;region;\n'],
  [
    'program.csv',
    'id;namn;driftstart;ägare;fas\nKOM;Kommunsamverkan;2024-09-01;Karin Controller;införande\nVIS;Vårdinformationsstöd;2026-03-01;Vera Vis;genomförande\n',
  ],
  [
    'nyttor.csv',
    'program;id;nytta;nyttoägare\nKOM;K1;Färre avvikelser;Eva Ek\nKOM;K2;Kortare ledtider;\nVIS;V1;Säkrare läkemedelshantering;Vera Vis\n',
  ],
  [
    'indikatorer.csv',
    'id;namn;enhet;riktning;frekvens;nyttor\nIND01;Avvikelser per 1000 vårddagar;antal;lägre_bättre;månad;"K1,V1"\nIND02;Ledtid för remiss;dagar;lägre_bättre;år;K2\n',
  ],
  ['malvarden.csv', 'indikator;enhet;år;målvärde\nIND01;;2025;9\nIND01;;2029;6\n'],
  [
    'utfall.csv',
    ['indikator;period;enhet;värde;antal', ...ind01, 'IND02;2023;R;30;100', 'IND02;2024;R;28;100', 'IND02;2025;R;27;100', ''].join('\n'),
  ],
  [
    'milstolpar.csv',
    'program;nytta;id;milstolpe;ansvarig;planerad;klar\nKOM;K2;M1;Rollmodell beslutad;Per Pil;2026-02-15;\nKOM;K2;M0;Förstudie klar;Per Pil;2025-06-01;2025-05-20\n',
  ],
  [
    'risker.csv',
    'program;id;riskområde;risk;sannolikhet;konsekvens;åtgärd;ansvar;klart;status;bedömd\n' +
      'KOM;R1;Teknik;Integrationen försenas;3;2;Extra resurser;IT-chefen;2026-03-31;pågår;2026-01-15\n' +
      'KOM;R2;Teknik;Prestanda räcker inte;2;2;Lasttest;IT-chefen;2026-05-31;ej påbörjad;2026-01-15\n' +
      'KOM;R3;Verksamhet;Utbildningen hinns inte;2;3;Fler utbildare;HR;2026-02-01;klar;2026-01-15\n',
  ],
  [
    'nyttostatus.csv',
    'program;nytta;period;status;tillförsikt;kommentar;bedömd_av;bedömd\n' +
      'KOM;K1;2025-T3;gul;medel;Utfallen dröjer;Eva Ek;2025-12-15\n' +
      'KOM;K1;2026-T1;grön;hög;Rutinerna är på plats;Eva Ek;2026-04-02\n' +
      'KOM;K2;2025-T3;gul;låg;;Karin Controller;2025-12-15\n',
  ],
  [
    'lardomar.csv',
    'program;id;datum;område;lärdom;åtgärd;ansvarig;spridd_till\n' +
      'KOM;L1;2026-03-01;Styrning;Utse nyttoägare innan driftstart;Mall för nyttoprofil;Eva Ek;"VIS, Koncernledning"\n' +
      'VIS;L1;2026-03-20;Införande;Utbilda superanvändare tidigt;Plan per förvaltning;Vera Vis;KOM\n',
  ],
  // KOM claims half of the freed time, 100 a year (tillskrivning 0,5); VIS claims 80 of the same in 2027.
  [
    'kalkyl-kom.csv',
    'program;scenario;år;post;kategori;plan_utfall;belopp_kr;intressent;tillskrivning\n' +
      'KOM;bas;2026;kostnad;drift;plan;100;;\nKOM;bas;2027;nytta;Frigjord tid;plan;100;Vårdpersonal;0,5\nKOM;bas;2028;nytta;Frigjord tid;plan;100;Vårdpersonal;0,5\n',
  ],
  [
    'kalkyl-vis.csv',
    'program;scenario;år;post;kategori;plan_utfall;belopp_kr;intressent\nVIS;bas;2026;kostnad;drift;plan;50;\nVIS;bas;2027;nytta;frigjord tid;plan;80;vårdpersonal\n',
  ],
];

/** KOM revised after its approval: the cost rises to 120 and a benefit of 60 is added in 2029. */
export const KOM_REVISED =
  'program;scenario;år;post;kategori;plan_utfall;belopp_kr;intressent;tillskrivning\n' +
  'KOM;bas;2026;kostnad;drift;plan;120;;\nKOM;bas;2027;nytta;Frigjord tid;plan;100;Vårdpersonal;0,5\n' +
  'KOM;bas;2028;nytta;Frigjord tid;plan;100;Vårdpersonal;0,5\nKOM;bas;2029;nytta;Licenser;plan;60;Koncernkontoret;\n';

/** By hand at 3 % from 2026 (year 0 undiscounted): 100 × 0,5 = 50 of benefit in 2027 and 2028. */
export const HAND = {
  komNpv: -100 + 50 / 1.03 + 50 / 1.03 ** 2,
  komRevisedNpv: -120 + 50 / 1.03 + 50 / 1.03 ** 2 + 60 / 1.03 ** 3,
  visNpv: -50 + 80 / 1.03,
  // 2027: KOM counts 50, VIS 80: 130 together, but the largest whole claimed is 100, so 30 is counted twice.
  doubleCounted: 30,
  doubleCountedPv: 30 / 1.03,
};

/** Writes the files into `dir` and loads them in order; the reports by file name. */
export async function loadBenefitsFixture(connection: DuckDBConnection, dir: string): Promise<Record<string, LoadReport>> {
  const reports: Record<string, LoadReport> = {};
  for (const [name, content] of FILES) {
    writeFileSync(join(dir, name), content);
    reports[name] = await loadFile(connection, join(dir, name));
    if (reports[name].status !== 'loaded') throw new Error(`${name}: ${JSON.stringify(reports[name].errors)}`);
  }
  return reports;
}
