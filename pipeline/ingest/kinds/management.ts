/** @module management – the kinds that manage benefits over time: status assessments (nyttostatus) and lessons learnt (lardomar). */
import { retire, sameKeyStaged } from '../../store/history.js';
import { programInsert, splitList } from './catalogue.js';
import { type KindSpec } from './spec.js';

/** The period as written, folded: upper case, no spaces (`2026 t2` → `2026T2`). */
const folded = (column: string) => `upper(replace(trim(${column}), ' ', ''))`;

/** A status period in canonical form (2026, 2026-T2, 2026-Q1, 2026-03), or NULL: the same forms as `model/periods.ts` reads. */
export const statusPeriod = (column: string) => {
  const p = folded(column);
  return `CASE
    WHEN regexp_full_match(${p}, '\\d{4}') THEN ${p}
    WHEN regexp_full_match(${p}, '\\d{4}-?T[1-3]') THEN left(${p}, 4) || '-T' || right(${p}, 1)
    WHEN regexp_full_match(${p}, '\\d{4}-?[QK][1-4]') THEN left(${p}, 4) || '-Q' || right(${p}, 1)
    WHEN regexp_full_match(${p}, '\\d{4}[-M](0[1-9]|1[0-2])') THEN left(${p}, 4) || '-' || right(${p}, 2)
  END`;
};

// Of a canonical period `c`: its grain, first month and length in months.
const GRAIN = `CASE WHEN length(c) = 4 THEN 'year' WHEN c LIKE '%-T%' THEN 'tertial' WHEN c LIKE '%-Q%' THEN 'quarter' ELSE 'month' END`;
const FIRST_MONTH = `CASE WHEN length(c) = 4 THEN 1 WHEN c LIKE '%-T%' THEN CAST(right(c, 1) AS INTEGER) * 4 - 3
  WHEN c LIKE '%-Q%' THEN CAST(right(c, 1) AS INTEGER) * 3 - 2 ELSE CAST(right(c, 2) AS INTEGER) END`;
const MONTHS = `CASE WHEN length(c) = 4 THEN 12 WHEN c LIKE '%-T%' THEN 4 WHEN c LIKE '%-Q%' THEN 3 ELSE 1 END`;
const START = `make_date(CAST(left(c, 4) AS INTEGER), ${FIRST_MONTH}, 1)`;

const STATUS = {
  enum: { gron: 'grön', gul: 'gul', rod: 'röd', green: 'grön', yellow: 'gul', red: 'röd' },
  allowed: 'grön, gul eller röd',
};
const CONFIDENCE = {
  enum: { hog: 'hög', medel: 'medel', lag: 'låg', high: 'hög', medium: 'medel', low: 'låg' },
  allowed: 'hög, medel eller låg',
};

export const benefitStatus: KindSpec = {
  kind: 'nyttostatus',
  label: 'statusbedömningar',
  signature: ['nytta', 'period', 'status'],
  alsoSignatures: [['nytta', 'tillforsikt']],
  columns: [
    { name: 'program', type: 'text', required: true },
    { name: 'nytta', type: 'text', required: true },
    { name: 'period', type: 'text', required: true },
    { name: 'status', type: STATUS, required: true },
    { name: 'tillforsikt', type: CONFIDENCE },
    { name: 'kommentar', type: 'text' },
    { name: 'bedomd_av', type: 'text' },
    { name: 'bedomd', type: 'date' },
  ],
  checks: () => [
    `SELECT line, 'period', period, 'är ingen bedömningsperiod (använd 2026, 2026-T2, 2026-Q1 eller 2026-03)'
     FROM stg_typed WHERE period IS NOT NULL AND ${statusPeriod('period')} IS NULL`,
    `SELECT line, 'nytta', nytta, 'okänd nytta för programmet (läs in nyttorna först)' FROM stg_typed s
     WHERE nytta IS NOT NULL AND program IS NOT NULL AND NOT EXISTS (SELECT 1 FROM benefit b WHERE b.program = s.program AND b.id = s.nytta)`,
    `WITH k AS (SELECT line, program, nytta, ${statusPeriod('period')} AS c FROM stg_typed),
          d AS (SELECT program, nytta, c, min(line) AS first_line FROM k WHERE c IS NOT NULL GROUP BY ALL HAVING count(*) > 1)
     SELECT k.line, 'period', NULL, 'samma nytta och period finns redan på rad ' || d.first_line
     FROM k JOIN d ON k.program = d.program AND k.nytta = d.nytta AND k.c = d.c WHERE k.line > d.first_line`,
  ],
  write: () => [
    ...retire('benefit_status', sameKeyStaged({ program: 's.program', benefit: 's.nytta', period: statusPeriod('s.period') })),
    `INSERT INTO benefit_status (program, benefit, period, grain, period_start, period_end, status, confidence, comment, assessed_by, assessed, load_id)
     SELECT program, nytta, c, ${GRAIN}, ${START}, CAST(${START} + to_months(${MONTHS}) - INTERVAL 1 DAY AS DATE), status, tillforsikt,
       kommentar, bedomd_av, bedomd, $load_id
     FROM (SELECT *, ${statusPeriod('period')} AS c FROM stg_typed)`,
  ],
};

export const lessons: KindSpec = {
  kind: 'lardomar',
  label: 'lärdomar',
  signature: ['id', 'lardom'],
  columns: [
    { name: 'program', type: 'text', required: true },
    { name: 'id', type: 'text', required: true },
    { name: 'datum', type: 'date' },
    { name: 'omrade', type: 'text' },
    { name: 'lardom', type: 'text', required: true },
    { name: 'atgard', type: 'text' },
    { name: 'ansvarig', type: 'text' },
    { name: 'spridd_till', type: 'text' },
  ],
  checks: () => [
    `WITH d AS (SELECT program, id, min(line) AS first_line FROM stg_typed WHERE program IS NOT NULL AND id IS NOT NULL GROUP BY ALL HAVING count(*) > 1)
     SELECT s.line, 'id', s.id, 'samma program och lärdoms-id finns redan på rad ' || d.first_line
     FROM stg_typed s JOIN d ON s.program = d.program AND s.id = d.id WHERE s.line > d.first_line`,
  ],
  write: () => [
    programInsert,
    ...retire('lesson', sameKeyStaged({ program: 's.program', id: 's.id' })),
    `INSERT INTO lesson (program, id, date, area, lesson, action, owner, spread_to, load_id)
     SELECT program, id, datum, omrade, lardom, atgard, ansvarig, ${splitList('spridd_till')}, $load_id FROM stg_typed`,
  ],
};
