/** @module generate – writes the demo region as real export files (`;`, decimal comma), generated in SQL so 10 M rows take seconds. */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quotedString } from '../store/sql.js';
import {
  ADMINISTRATIONS,
  AGE_GROUPS,
  DEPARTMENTS,
  FIRST_MONTH,
  INDICATORS,
  MONTHS,
  MUNICIPALITIES,
  PROGRAM,
  SEXES,
  UNITS_PER_DEPARTMENT,
} from './catalogue.js';

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

export interface DemoOptions {
  rows: number;
  seed: number;
}

interface Unit {
  id: string;
  name: string;
  parent: string;
  level: 'region' | 'forvaltning' | 'verksamhet' | 'enhet';
  goLive: string;
}

export function demoUnits(): Unit[] {
  const units: Unit[] = [{ id: 'VGR', name: 'Demoregionen', parent: '', level: 'region', goLive: '' }];
  for (const a of ADMINISTRATIONS) {
    units.push({ id: a.id, name: a.name, parent: 'VGR', level: 'forvaltning', goLive: a.goLive });
    DEPARTMENTS.forEach((department, d) => {
      const dep = `${a.id}-V${d + 1}`;
      units.push({ id: dep, name: `${department}, ${a.name}`, parent: a.id, level: 'verksamhet', goLive: a.goLive });
      for (let u = 1; u <= UNITS_PER_DEPARTMENT; u++) {
        units.push({ id: `${dep}-E${u}`, name: `${department} enhet ${u}, ${a.id}`, parent: dep, level: 'enhet', goLive: a.goLive });
      }
    });
  }
  return units;
}

const csv = (rows: (string | number)[][]): string => rows.map((r) => r.join(';')).join('\n') + '\n';
const comma = (n: number): string => String(Math.round(n * 10000) / 10000).replace('.', ',');

/** Writes every demo export into `dir` and returns the file paths in load order. */
export async function writeDemoFiles(dir: string, options: DemoOptions): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const units = demoUnits();
  const files: string[] = [];
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    files.push(join(dir, name));
  };

  write(
    'organisation.csv',
    csv([['id', 'namn', 'överordnad', 'nivå', 'driftstart'], ...units.map((u) => [u.id, u.name, u.parent, u.level, u.goLive])]),
  );
  for (const seedFile of ['effektmal-fvis.csv', 'verksamhetsnyttor-fvis.csv', 'ekonomi-fvm.csv']) {
    write(seedFile, readFileSync(join(DATA_DIR, seedFile), 'utf8'));
  }
  write(
    'indikatorer.csv',
    csv([
      ['id', 'namn', 'enhet', 'riktning', 'frekvens', 'nyttor', 'källa', 'min_antal'],
      ...INDICATORS.map((i) => [
        i.id,
        i.name,
        i.unit,
        i.direction === 'higher' ? 'högre_bättre' : 'lägre_bättre',
        'månad',
        `"${i.benefits}"`,
        'Demodata (genererad)',
        5,
      ]),
    ]),
  );
  write('malvarden.csv', csv([['indikator', 'enhet', 'år', 'målvärde'], ...targetRows()]));
  write('nyttokalkyl.csv', csv(businessCaseRows()));
  writeRiskFiles(dir, files);
  write('nyttostatus.csv', csv(STATUS_ROWS));
  write('lardomar.csv', csv(LESSON_ROWS));

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await writeObservations(connection, join(dir, 'utfall.csv'), units, options);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  files.push(join(dir, 'utfall.csv'));
  return files;
}

function targetRows(): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const indicator of INDICATORS) {
    const sign = indicator.direction === 'higher' ? 1 : -1;
    for (const a of ADMINISTRATIONS) {
      for (let year = 2025; year <= 2031; year++) {
        const ramp = Math.min(1, (year - 2024) / 5);
        const value = indicator.base * (1 + sign * indicator.effect * ramp);
        rows.push([indicator.id, a.id, year, comma(indicator.type === 'proportion' ? Math.min(0.99, value) : value)]);
      }
    }
  }
  return rows;
}

/** The FVIS business case in mnkr: investment, operation, decommissioning against three benefit classes; three scenarios. */
function businessCaseRows(): (string | number)[][] {
  const header = [
    'program',
    'scenario',
    'år',
    'post',
    'kategori',
    'aktör',
    'plan_utfall',
    'belopp_mnkr',
    'sannolikhet',
    'nyttotyp',
    'intressent',
    'låg',
    'hög',
    'källa',
  ];
  const lines: { year: number; post: string; category: string; amount: number; p: number; cls: string; who: string }[] = [];
  [
    [2022, 120],
    [2023, 180],
    [2024, 150],
    [2025, 60],
  ].forEach(([y, a]) =>
    lines.push({ year: y, post: 'kostnad', category: 'investering', amount: a, p: 1, cls: '', who: 'Regionstyrelsen' }),
  );
  for (let y = 2025; y <= 2031; y++)
    lines.push({ year: y, post: 'kostnad', category: 'drift och förvaltning', amount: 35, p: 1, cls: '', who: 'Koncernkontoret' });
  lines.push({ year: 2026, post: 'kostnad', category: 'avveckling', amount: 15, p: 1, cls: '', who: 'Koncernkontoret' });
  [
    [2024, 20],
    [2025, 25],
    [2026, 10],
  ].forEach(([y, a]) => lines.push({ year: y, post: 'kostnad', category: 'utbildning', amount: a, p: 1, cls: '', who: 'Förvaltningarna' }));
  for (let y = 2026; y <= 2031; y++)
    lines.push({
      year: y,
      post: 'nytta',
      category: 'licenser för avvecklade system',
      amount: 30,
      p: 0.9,
      cls: 'finansiell',
      who: 'Koncernkontoret',
    });
  [
    [2025, 10],
    [2026, 40],
    [2027, 70],
    [2028, 90],
    [2029, 100],
    [2030, 100],
    [2031, 100],
  ].forEach(([y, a]) =>
    lines.push({
      year: y,
      post: 'nytta',
      category: 'frigjord tid för vårdpersonal',
      amount: a,
      p: 0.6,
      cls: 'omfordelning',
      who: 'Förvaltningarna',
    }),
  );
  for (let y = 2026; y <= 2031; y++)
    lines.push({ year: y, post: 'nytta', category: 'färre vårdskador', amount: 15, p: 0.5, cls: 'kvalitet', who: 'Patienter' });
  const scenarios = [
    { name: 'bas', cost: 1, benefit: 1 },
    { name: 'optimistisk', cost: 0.9, benefit: 1.2 },
    { name: 'pessimistisk', cost: 1.3, benefit: 0.7 },
  ];
  const rows: (string | number)[][] = [header];
  for (const s of scenarios) {
    for (const l of lines) {
      const amount = l.amount * (l.post === 'kostnad' ? s.cost : s.benefit);
      rows.push([
        PROGRAM,
        s.name,
        l.year,
        l.post,
        l.category,
        'region',
        'plan',
        comma(amount),
        comma(l.p),
        l.cls,
        l.who,
        comma(amount * 0.8),
        comma(amount * 1.25),
        'Demodata (genererad)',
      ]);
    }
  }
  // Outcomes so far for the base scenario: costs overrun, benefits late.
  for (const l of lines.filter((x) => x.year <= 2025)) {
    const amount = l.amount * (l.post === 'kostnad' ? 1.15 : 0.6);
    rows.push([
      PROGRAM,
      'bas',
      l.year,
      l.post,
      l.category,
      'region',
      'utfall',
      comma(amount),
      1,
      l.cls,
      l.who,
      '',
      '',
      'Demodata (genererad)',
    ]);
  }
  return rows;
}

/**
 * Status assessments of FVIS's benefits by tertial, as the benefit owners judge them around the go-live waves: the
 * first wave's benefits yellow turning green, documentation time red after the larger administrations' switch, and
 * 2.2 judged green while its indicators still lag (the disagreement a steering group should see).
 */
const STATUS_ROWS: (string | number)[][] = [
  ['program', 'nytta', 'period', 'status', 'tillförsikt', 'kommentar', 'bedömd_av', 'bedömd'],
  [
    'FVIS',
    '1',
    '2025-T3',
    'gul',
    'medel',
    '"Invånartjänsterna är i drift på två av fem förvaltningar"',
    '"Nyttoägare invånartjänster"',
    '2025-12-12',
  ],
  [
    'FVIS',
    '1',
    '2026-T1',
    'grön',
    'medel',
    '"Andelen med digital tillgång ökar enligt plan"',
    '"Nyttoägare invånartjänster"',
    '2026-04-20',
  ],
  [
    'FVIS',
    '2',
    '2025-T3',
    'gul',
    'låg',
    '"Dokumentationstiden har inte sjunkit efter första vågen"',
    '"Hälso- och sjukvårdsdirektören"',
    '2025-12-12',
  ],
  [
    'FVIS',
    '2',
    '2026-T1',
    'röd',
    'medel',
    '"Produktionsbortfallet vid SU:s driftstart blev större än planerat"',
    '"Hälso- och sjukvårdsdirektören"',
    '2026-04-20',
  ],
  ['FVIS', '2.2', '2026-T1', 'grön', 'hög', '"Arbetssätten är införda på SKAS och SAS"', '"Verksamhetschef akutmottagning"', '2026-04-20'],
  [
    'FVIS',
    '3',
    '2026-T1',
    'gul',
    'medel',
    '"Remissflödet mellan förvaltningarna väntar på NH:s driftstart"',
    '"Nyttoägare samverkan"',
    '2026-04-20',
  ],
  [
    'FVIS',
    '4',
    '2026-T1',
    'grön',
    'hög',
    '"Strukturerad dokumentation används i alla vågor hittills"',
    '"Chief medical information officer"',
    '2026-04-20',
  ],
  ['FVIS', '5', '2026-T1', 'gul', 'låg', '"Forskningsuttagen har inte kommit i gång"', '"Forskningsdirektören"', '2026-04-20'],
];

/** Lessons learnt from FVM and FVIS, after the 2025 network's findings (weak learning between programs, recommendation 6). */
const LESSON_ROWS: (string | number)[][] = [
  ['program', 'id', 'datum', 'område', 'lärdom', 'åtgärd', 'ansvarig', 'spridd_till'],
  [
    'FVM',
    'L1',
    '2021-06-29',
    'Styrning',
    '"Behovet av förändringsledning underskattades: verksamheterna kände inte beslutsvägarna före driftstart"',
    '"Förändringsledare per förvaltning; beslutsvägarna beskrivs före nästa våg"',
    '"Förändringsdirektören"',
    '"FVIS, Koncernledning HoS"',
  ],
  [
    'FVM',
    'L2',
    '2022-06-28',
    'Nyttorealisering',
    '"Nyttorna följdes inte upp efter driftstart eftersom ansvaret inte var utpekat i linjen"',
    '"Nyttoägare per förvaltning, uppföljning i tertialrapporten"',
    '"Förändringsdirektören"',
    'FVIS',
  ],
  [
    'FVIS',
    'L1',
    '2025-05-30',
    'Införande',
    '"Produktionsbortfallet kring driftstart blev större och längre än planerat i första vågen"',
    '"Produktionen planeras ned 12 veckor före till 16 veckor efter driftstart i följande vågor"',
    'Programledningen',
    '"SAS, NU, SU, NH"',
  ],
  [
    'FVIS',
    'L2',
    '2025-12-12',
    'Mätning',
    '"Baslinjen måste vara mätt ett år före driftstart för att jämförelsen ska hålla"',
    '"Baslinje per indikator fastställs i planeringsfasen"',
    'Nyttoansvarig',
    '"Samordnande grupp för utveckling"',
  ],
  [
    'FVIS',
    'L3',
    '2026-04-20',
    'Lärande',
    '"Erfarenheter från tidigare införanden tas inte systematiskt tillvara"',
    '"Lärdomar registreras efter varje våg och gås igenom i samordnande gruppen"',
    'Programledningen',
    '"Koncernledning HoS, FVM"',
  ],
];

/** The seed register (June 2021) and a deterministic reassessment a year later, both for program FVM. */
function writeRiskFiles(dir: string, files: string[]): void {
  const seed = readFileSync(join(DATA_DIR, 'riskanalys-fvm-2021.csv'), 'utf8').trimEnd().split('\n');
  const withProgram = seed.map((line, i) => (i === 0 ? `program;${line}` : `FVM;${line}`));
  writeFileSync(join(dir, 'riskanalys-fvm-2021.csv'), withProgram.join('\n') + '\n');
  files.push(join(dir, 'riskanalys-fvm-2021.csv'));
  // A year on: every fourth risk lowered a step, every seventh raised, R03 closed, one new risk.
  const later = withProgram.map((line, i) => {
    if (i === 0) return line;
    const cells = line.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, ''));
    const p = Number(cells[4]);
    const next = i % 4 === 0 ? Math.max(1, p - 1) : i % 7 === 0 ? Math.min(3, p + 1) : p;
    cells[4] = String(next);
    cells[6] = '';
    cells[10] = '2022-06-28';
    return cells.join(';');
  });
  const rows = later.filter((line) => !line.startsWith('FVM;R03;'));
  rows.push(
    'FVM;R32;Arbetssätt;"Risken är att nyttorna inte följs upp efter driftstart eftersom ansvaret inte är utpekat i linjen.";2;3;;"Utse nyttoägare per förvaltning.";"Förändringsdirektören";2022-12-31;2022-06-28',
  );
  writeFileSync(join(dir, 'riskanalys-fvm-2022.csv'), rows.join('\n') + '\n');
  files.push(join(dir, 'riskanalys-fvm-2022.csv'));
}

async function writeObservations(connection: DuckDBConnection, path: string, units: Unit[], options: DemoOptions): Promise<void> {
  const leaves = units.filter((u) => u.level === 'enhet');
  // Lookups are list literals, not joins: a pure projection over range() keeps the rows in order without a sort.
  const list = (values: (string | number | boolean)[]) =>
    `[${values.map((v) => (typeof v === 'string' ? quotedString(v) : String(v))).join(', ')}]`;
  const at = (values: (string | number | boolean)[], index: string) => `${list(values)}[${index} + 1]`;
  const nInd = INDICATORS.length;
  const nUnit = leaves.length;
  const perLayer = nInd * nUnit * MONTHS * SEXES.length * AGE_GROUPS.length;
  // A layer is one more municipality for every unit's rows: one layer is the default size.
  const layers = Math.max(1, Math.ceil(Number(options.rows) / perLayer));
  const u = (k: number) => `((hash(i, ${Number(options.seed)}, ${k}) % 1000003) / 1000003.0)`;
  const goLive = (index: string) =>
    `CAST(${at(
      leaves.map((l) => l.goLive),
      index,
    )} AS DATE)`;
  await connection.run(`COPY (
    WITH g0 AS (
      -- Rows come as real exports do: by indicator, then unit, then month (sex, age group and the further
      -- municipalities of larger exports innermost), so the store is clustered the way queries filter and DuckDB's
      -- zone maps can skip what a query does not ask for. Beyond one layer the last indicator may end early.
      SELECT i, i % ${layers} AS layer, i // ${layers} AS j FROM range(${Number(options.rows)}) t(i)),
    g AS (
      SELECT i, layer, (j // ${AGE_GROUPS.length * SEXES.length * MONTHS * nUnit}) % ${nInd} AS ind,
             (j // ${AGE_GROUPS.length * SEXES.length * MONTHS}) % ${nUnit} AS un, (j // ${AGE_GROUPS.length * SEXES.length}) % ${MONTHS} AS m,
             (j // ${AGE_GROUPS.length}) % ${SEXES.length} AS s, j % ${AGE_GROUPS.length} AS a
      FROM g0),
    x AS (
      SELECT g.*,
             ${at(
               INDICATORS.map((d) => d.id),
               'ind',
             )} AS indicator,
             ${at(
               INDICATORS.map((d) => d.type === 'proportion'),
               'ind',
             )} AS proportion,
             ${at(
               INDICATORS.map((d) => d.base),
               'ind',
             )} AS base,
             ${at(
               INDICATORS.map((d) => (d.direction === 'higher' ? 1 : -1) * d.effect),
               'ind',
             )} AS effect,
             ${at(
               INDICATORS.map((d) => d.volume),
               'ind',
             )} AS volume,
             ${at(
               leaves.map((l) => l.id),
               'un',
             )} AS unit,
             (un * 11) % ${MUNICIPALITIES.length} AS home,
             0.6 + ((un * 7) % 10) / 10 AS size,
             DATE ${quotedString(FIRST_MONTH)} + to_months(CAST(m AS INTEGER)) AS month,
             datediff('month', ${goLive('un')}, DATE ${quotedString(FIRST_MONTH)} + to_months(CAST(m AS INTEGER))) AS since
      FROM g),
    y AS (
      SELECT *,
        -- dip around go-live (worst at the switch), then effect building up over two years
        CASE WHEN since < -3 THEN 0 WHEN since <= 3 THEN -0.5 * (1 - abs(since) / 4.0) ELSE least(1, (since - 3) / 24.0) END AS phase,
        greatest(0, round(volume * size * [0.04, 0.3, 0.3, 0.22, 0.14][a + 1] * 5 * (0.7 + 0.6 * ${u(1)}))) AS den
      FROM x),
    z AS (
      SELECT *, base * (1 + effect * phase) * (1 + 0.04 * sin(2 * pi() * month(month) / 12)) * (1 + (a - 2) * 0.03) AS level,
             (${u(2)} + ${u(3)} + ${u(4)} - 1.5) * 2 AS noise
      FROM y)
    SELECT indicator AS indikator, strftime(month, '%Y-%m') AS period, unit AS enhet,
           -- 5 is coprime with 49, so each layer of rows lands in a different municipality for every unit.
           ${at([...MUNICIPALITIES], `((home + layer * 5) % ${MUNICIPALITIES.length})`)} AS kommun,
           ${at([...SEXES], 's')} AS "kön", ${at([...AGE_GROUPS], 'a')} AS "åldersgrupp",
           CASE WHEN proportion THEN CAST(least(den, greatest(0, round(den * least(0.999, level) + sqrt(den * least(0.999, level) * (1 - least(0.999, level))) * noise))) AS BIGINT) END AS "täljare",
           CASE WHEN proportion THEN CAST(den AS BIGINT) END AS "nämnare",
           CASE WHEN NOT proportion AND den > 0 THEN replace(CAST(round(level * (1 + 0.1 * noise), 2) AS VARCHAR), '.', ',') END AS "värde",
           CASE WHEN NOT proportion THEN CAST(den AS BIGINT) END AS antal,
           CASE WHEN NOT proportion AND den = 0 THEN '..' END AS status
    FROM z
  ) TO ${quotedString(path)} (FORMAT csv, DELIMITER ';', HEADER true)`);
}
