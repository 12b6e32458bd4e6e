/** @module catalogue – the small reference kinds: indicators, organisation, targets, effect goals, benefits, key figures. */
import { retire, sameKeyStaged } from '../../store/history.js';
import { type KindSpec } from './spec.js';

const duplicateId = (column: string, label: string) =>
  `WITH d AS (SELECT ${column} AS k, min(line) AS first_line FROM stg_typed GROUP BY ALL HAVING count(*) > 1)
   SELECT s.line, '${column}', s.${column}, '${label} finns redan på rad ' || d.first_line FROM stg_typed s JOIN d ON s.${column} = d.k WHERE s.line > d.first_line`;

export const splitList = (column: string) =>
  `CASE WHEN ${column} IS NOT NULL THEN list_filter(list_transform(string_split(${column}, ','), x -> trim(x)), x -> x <> '') END`;

export const indicators: KindSpec = {
  kind: 'indikatorer',
  label: 'indikatorer',
  signature: ['id', 'namn', 'riktning'],
  columns: [
    { name: 'id', type: 'text', required: true },
    { name: 'namn', type: 'text', required: true },
    { name: 'enhet', type: 'text' },
    {
      name: 'riktning',
      type: {
        enum: {
          hogre_battre: 'higher',
          lagre_battre: 'lower',
          'hogre battre': 'higher',
          'lagre battre': 'lower',
          hogre: 'higher',
          lagre: 'lower',
          higher: 'higher',
          lower: 'lower',
        },
        allowed: 'högre_bättre eller lägre_bättre',
      },
    },
    { name: 'frekvens', type: 'text' },
    { name: 'nyttor', type: 'text' },
    { name: 'kalla', type: 'text' },
    { name: 'min_antal', type: 'integer' },
  ],
  checks: () => [
    `SELECT line, 'min_antal', NULL, 'min_antal måste vara minst 1' FROM stg_typed WHERE min_antal < 1`,
    duplicateId('id', 'samma indikator-id'),
  ],
  // Never a guessed direction: the follow-up says "riktning saknas" for these until a file gives one.
  warnings: [
    `SELECT 'Indikatorer utan riktning (högre_bättre eller lägre_bättre): ' || string_agg(id, ', ' ORDER BY line)
            || '. De läses in; uppföljningen visar status "riktning saknas" för dem.'
     FROM stg_typed WHERE riktning IS NULL AND NOT riktning__bad HAVING count(*) > 0`,
  ],
  write: () => [
    ...retire('indicator', sameKeyStaged({ id: 's.id' })),
    `INSERT INTO indicator (id, name, unit, direction, frequency, benefits, source, min_count, load_id)
     SELECT id, namn, enhet, riktning, frekvens, ${splitList('nyttor')}, kalla, coalesce(min_antal, 5), $load_id FROM stg_typed`,
  ],
};

export const organisation: KindSpec = {
  kind: 'organisation',
  label: 'organisation',
  signature: ['id', 'namn', 'niva'],
  columns: [
    { name: 'id', type: 'text', required: true },
    { name: 'namn', type: 'text', required: true },
    { name: 'overordnad', type: 'text' },
    {
      name: 'niva',
      type: {
        enum: { region: 'region', forvaltning: 'forvaltning', verksamhet: 'verksamhet', enhet: 'enhet' },
        allowed: 'region, förvaltning, verksamhet eller enhet',
      },
      required: true,
    },
    { name: 'driftstart', type: 'date' },
  ],
  checks: () => [
    `SELECT line, 'overordnad', overordnad, 'okänd överordnad enhet' FROM stg_typed
     WHERE overordnad IS NOT NULL AND overordnad NOT IN (SELECT id FROM stg_typed WHERE id IS NOT NULL) AND overordnad NOT IN (SELECT id FROM org_unit)`,
    `SELECT line, 'overordnad', overordnad, 'en enhet kan inte vara sin egen överordnade' FROM stg_typed WHERE overordnad = id`,
    duplicateId('id', 'samma enhets-id'),
  ],
  write: () => [
    ...retire('org_unit', sameKeyStaged({ id: 's.id' })),
    `INSERT INTO org_unit (id, name, parent, level, go_live, load_id)
     SELECT id, namn, overordnad, niva, driftstart, $load_id FROM stg_typed`,
  ],
};

export const targets: KindSpec = {
  kind: 'malvarden',
  label: 'målvärden',
  signature: ['indikator', 'ar', 'malvarde'],
  columns: [
    { name: 'indikator', type: 'text', required: true },
    { name: 'enhet', type: 'text' },
    { name: 'ar', type: 'integer', required: true },
    { name: 'malvarde', type: 'number', required: true },
  ],
  checks: () => [
    `SELECT line, 'indikator', indikator, 'okänd indikator' FROM stg_typed WHERE indikator NOT IN (SELECT id FROM indicator)`,
    `SELECT line, 'enhet', enhet, 'okänd enhet' FROM stg_typed WHERE enhet IS NOT NULL AND enhet NOT IN (SELECT id FROM org_unit)`,
    `WITH d AS (SELECT indikator, coalesce(enhet, '') AS e, ar, min(line) AS first_line FROM stg_typed GROUP BY ALL HAVING count(*) > 1)
     SELECT s.line, 'ar', NULL, 'samma indikator, enhet och år finns redan på rad ' || d.first_line
     FROM stg_typed s JOIN d ON s.indikator = d.indikator AND coalesce(s.enhet, '') = d.e AND s.ar = d.ar WHERE s.line > d.first_line`,
  ],
  write: () => [
    ...retire('target', sameKeyStaged({ indicator: 's.indikator', unit: "coalesce(s.enhet, '')", year: 's.ar' })),
    `INSERT INTO target (indicator, unit, year, value, load_id)
     SELECT indikator, coalesce(enhet, ''), ar, malvarde, $load_id FROM stg_typed`,
  ],
};

/**
 * Programs named in another kind's file are created when new, with only an id. They belong to no load (load 0), so an
 * undo of the file that named one first never takes it from the files that name it since; a program file replaces them.
 */
export const programInsert = `INSERT OR IGNORE INTO program (id, name, load_id) SELECT DISTINCT program, program, 0 FROM stg_typed WHERE program IS NOT NULL`;

const DATE_OR_NULL = (column: string) => `CASE WHEN ${column} IS NOT NULL THEN ${column} END`;

/** A program's phase, from idea to closed. */
export const PHASE = {
  enum: {
    ide: 'idé',
    forstudie: 'förstudie',
    planering: 'planering',
    genomforande: 'genomförande',
    inforande: 'införande',
    forvaltning: 'förvaltning',
    avslutad: 'avslutad',
  },
  allowed: 'idé, förstudie, planering, genomförande, införande, förvaltning eller avslutad',
} as const;

export const programs: KindSpec = {
  kind: 'program',
  label: 'program',
  signature: ['id', 'namn', 'driftstart'],
  alsoSignatures: [
    ['id', 'namn', 'fas'],
    ['id', 'namn', 'geografi'],
  ],
  columns: [
    { name: 'id', type: 'text', required: true },
    { name: 'namn', type: 'text', required: true },
    { name: 'driftstart', type: 'date' },
    { name: 'geografi', type: 'text' },
    { name: 'beskrivning', type: 'text' },
    { name: 'fas', type: PHASE },
    { name: 'agare', type: 'text' },
    { name: 'startdatum', type: 'date' },
    { name: 'slutdatum', type: 'date' },
    { name: 'budget_kr', type: 'number' },
    {
      name: 'status',
      type: { enum: { gron: 'grön', gul: 'gul', rod: 'röd', green: 'grön', yellow: 'gul', red: 'röd' }, allowed: 'grön, gul eller röd' },
    },
    { name: 'kommentar', type: 'text' },
  ],
  checks: () => [
    duplicateId('id', 'samma program-id'),
    `SELECT line, 'slutdatum', NULL, 'slutdatum är före startdatum' FROM stg_typed WHERE slutdatum < startdatum`,
    `SELECT line, 'budget_kr', NULL, 'budgeten är negativ' FROM stg_typed WHERE budget_kr < 0`,
  ],
  write: () => [
    ...retire('program', sameKeyStaged({ id: 's.id' })),
    `INSERT INTO program BY NAME
     SELECT id, namn AS name, $load_id AS load_id, ${DATE_OR_NULL('driftstart')} AS go_live, ${splitList('geografi')} AS geographies,
       beskrivning AS description, fas AS phase, agare AS owner, startdatum AS start_date, slutdatum AS end_date, budget_kr AS budget_sek,
       status, kommentar AS comment
     FROM stg_typed`,
  ],
};

export const milestones: KindSpec = {
  kind: 'milstolpar',
  label: 'milstolpar',
  signature: ['milstolpe', 'planerad'],
  columns: [
    { name: 'program', type: 'text', required: true },
    { name: 'nytta', type: 'text', required: true },
    { name: 'id', type: 'text', required: true },
    { name: 'milstolpe', type: 'text', required: true },
    { name: 'ansvarig', type: 'text' },
    { name: 'planerad', type: 'date', required: true },
    { name: 'klar', type: 'date' },
  ],
  checks: () => [
    `SELECT line, 'nytta', nytta, 'okänd nytta för programmet (läs in nyttorna först)' FROM stg_typed s
     WHERE nytta IS NOT NULL AND NOT EXISTS (SELECT 1 FROM benefit b WHERE b.program = s.program AND b.id = s.nytta)`,
    duplicateId('id', 'samma milstolps-id'),
  ],
  write: () => [
    programInsert,
    ...retire('milestone', sameKeyStaged({ program: 's.program', id: 's.id' })),
    `INSERT INTO milestone (program, benefit, id, name, owner, planned, done, load_id)
     SELECT program, nytta, id, milstolpe, ansvarig, planerad, klar, $load_id FROM stg_typed`,
  ],
};

export const effectGoals: KindSpec = {
  kind: 'effektmal',
  label: 'effektmål',
  signature: ['id', 'effektmal'],
  columns: [
    { name: 'program', type: 'text', required: true },
    { name: 'id', type: 'text', required: true },
    { name: 'malgrupp', type: 'text' },
    { name: 'effektmal', type: 'text', required: true },
  ],
  checks: () => [duplicateId('id', 'samma effektmål-id')],
  write: () => [
    programInsert,
    ...retire('effect_goal', sameKeyStaged({ program: 's.program', id: 's.id' })),
    `INSERT INTO effect_goal (program, id, target_group, text, load_id) SELECT program, id, malgrupp, effektmal, $load_id FROM stg_typed`,
  ],
};

const YES_NO = {
  enum: { ja: 'true', nej: 'false', j: 'true', n: 'false', '1': 'true', '0': 'false', true: 'true', false: 'false', x: 'true' },
  allowed: 'ja eller nej',
};

export const benefits: KindSpec = {
  kind: 'nyttor',
  label: 'verksamhetsnyttor',
  signature: ['id', 'nytta'],
  columns: [
    { name: 'program', type: 'text', required: true },
    { name: 'id', type: 'text', required: true },
    { name: 'overordnad', type: 'text' },
    { name: 'niva', type: 'integer' },
    { name: 'nytta', type: 'text', required: true },
    { name: 'effektmal', type: 'text' },
    { name: 'nyttoagare', type: 'text' },
    { name: 'realiseringsansvarig', type: 'text' },
    { name: 'motnytta', type: YES_NO },
    { name: 'matmetod', type: 'text' },
    { name: 'frekvens', type: 'text' },
    { name: 'baslinje', type: 'number' },
    { name: 'baslinjedatum', type: 'date' },
    { name: 'malvarde', type: 'number' },
    { name: 'maldatum', type: 'date' },
  ],
  checks: () => [
    `SELECT line, 'niva', NULL, 'nivån måste vara 1, 2 eller 3' FROM stg_typed WHERE niva NOT BETWEEN 1 AND 3`,
    `SELECT line, 'overordnad', overordnad, 'okänd överordnad nytta' FROM stg_typed s
     WHERE overordnad IS NOT NULL AND overordnad NOT IN (SELECT id FROM stg_typed) AND NOT EXISTS (SELECT 1 FROM benefit b WHERE b.program = s.program AND b.id = s.overordnad)`,
    `SELECT line, 'effektmal', goal, 'okänt effektmål för programmet (läs in effektmålen först)' FROM (SELECT line, program, unnest(${splitList('effektmal')}) AS goal FROM stg_typed) s
     WHERE NOT EXISTS (SELECT 1 FROM effect_goal e WHERE e.program = s.program AND e.id = s.goal)`,
    duplicateId('id', 'samma nytto-id'),
  ],
  write: () => [
    programInsert,
    ...retire('benefit', sameKeyStaged({ program: 's.program', id: 's.id' })),
    `INSERT INTO benefit (program, id, parent, level, name, effect_goals, owner, realised_by, dis_benefit, method, frequency, baseline, baseline_date, target, target_date, load_id)
     SELECT program, id, overordnad, niva, nytta, ${splitList('effektmal')}, nyttoagare, realiseringsansvarig, coalesce(motnytta = 'true', false),
            matmetod, frekvens, baslinje, baslinjedatum, malvarde, maldatum, $load_id FROM stg_typed`,
  ],
};

export const keyFigures: KindSpec = {
  kind: 'nyckeltal',
  label: 'nyckeltal',
  signature: ['nyckeltal', 'varde'],
  columns: [
    { name: 'nyckeltal', type: 'text', required: true },
    { name: 'varde', type: 'number', required: true },
    { name: 'enhet', type: 'text' },
    { name: 'period', type: 'text' },
    { name: 'kalla', type: 'text' },
    { name: 'anmarkning', type: 'text' },
  ],
  checks: () => [
    `WITH d AS (SELECT nyckeltal, coalesce(period, '') AS p, min(line) AS first_line FROM stg_typed GROUP BY ALL HAVING count(*) > 1)
     SELECT s.line, 'nyckeltal', s.nyckeltal, 'samma nyckeltal och period finns redan på rad ' || d.first_line
     FROM stg_typed s JOIN d ON s.nyckeltal = d.nyckeltal AND coalesce(s.period, '') = d.p WHERE s.line > d.first_line`,
  ],
  write: () => [
    ...retire('key_figure', sameKeyStaged({ name: 's.nyckeltal', period: "coalesce(s.period, '')" })),
    `INSERT INTO key_figure (name, value, unit, period, source, note, load_id)
     SELECT nyckeltal, varde, enhet, coalesce(period, ''), kalla, anmarkning, $load_id FROM stg_typed`,
  ],
};
