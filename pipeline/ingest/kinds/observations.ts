/** @module observations – utfall: indicator outcomes in long format, the big table. */
import { SEX, type KindSpec } from './spec.js';

const KEY = ['indikator', 'period', "coalesce(enhet, '')", "coalesce(kommun, '')", "coalesce(kon, 'T')", "coalesce(aldersgrupp, '')"];
const TOKEN = 'varde__token IS NOT NULL';
const STAGED_KEYS = `SELECT DISTINCT ${KEY.map((k, i) => `${k} AS k${i}`).join(', ')} FROM stg_typed`;
const SAME_KEY =
  'o.indicator = s.k0 AND o.period = s.k1 AND o.unit = s.k2 AND o.municipality = s.k3 AND o.sex = s.k4 AND o.age_group = s.k5';
/** A number as a person wrote it: 5, not 5.0. */
const shown = (column: string) => `regexp_replace(CAST(${column} AS VARCHAR), '\\.0$', '')`;

export const observations: KindSpec = {
  kind: 'utfall',
  label: 'utfall (observationer)',
  signature: ['indikator', 'period'],
  columns: [
    { name: 'indikator', type: 'text', required: true },
    { name: 'period', type: 'period', required: true },
    { name: 'enhet', type: 'text' },
    { name: 'kommun', type: 'text' },
    { name: 'kon', type: SEX },
    { name: 'aldersgrupp', type: 'text' },
    { name: 'taljare', type: 'number' },
    { name: 'namnare', type: 'number' },
    { name: 'varde', type: 'measure' },
    // Some sources publish averaged counts ("119817.5"); n is rounded, it only gates disclosure.
    { name: 'antal', type: 'number' },
    { name: 'status', type: 'text' },
    { name: 'indikatornamn', type: 'text' },
  ],
  requireOneOf: [['varde'], ['taljare', 'namnare']],
  checks: (options) => [
    ...(options.createIndicators
      ? []
      : [
          `SELECT line, 'indikator', indikator, 'okänd indikator (läs in den i en indikatorfil först)' FROM stg_typed WHERE indikator IS NOT NULL AND indikator NOT IN (SELECT id FROM indicator)`,
        ]),
    `SELECT line, 'enhet', enhet, 'okänd enhet (läs in den i en organisationsfil först)' FROM stg_typed WHERE enhet IS NOT NULL AND enhet NOT IN (SELECT id FROM org_unit)`,
    `SELECT line, 'namnare', NULL, 'nämnaren är negativ' FROM stg_typed WHERE namnare < 0`,
    `SELECT line, 'taljare', NULL, 'täljaren är negativ' FROM stg_typed WHERE taljare < 0`,
    `SELECT line, 'taljare', NULL, 'täljaren är större än nämnaren (' || ${shown('namnare')} || ')' FROM stg_typed WHERE taljare > namnare`,
    `SELECT line, 'antal', NULL, 'antal är negativt' FROM stg_typed WHERE antal < 0`,
    `WITH dup AS (SELECT ${KEY.join(', ')}, min(line) AS first_line FROM stg_typed GROUP BY ALL HAVING count(*) > 1)
     SELECT s.line, 'period', NULL, 'samma nyckel (indikator, period, enhet, kommun, kön, åldersgrupp) finns redan på rad ' || dup.first_line
     FROM stg_typed s JOIN dup ON s.indikator = dup.indikator AND s.period = dup.period
       AND coalesce(s.enhet, '') = dup."coalesce(enhet, '')" AND coalesce(s.kommun, '') = dup."coalesce(kommun, '')"
       AND coalesce(s.kon, 'T') = dup."coalesce(kon, 'T')" AND coalesce(s.aldersgrupp, '') = dup."coalesce(aldersgrupp, '')"
     WHERE s.line > dup.first_line`,
  ],
  // A corrected export replaces the rows with the same key; a first load of an indicator skips the anti-join.
  replace: {
    check: 'SELECT EXISTS (SELECT 1 FROM observation WHERE indicator IN (SELECT DISTINCT indikator FROM stg_typed))',
    // The replaced rows move to history first (see store/history.ts), then leave the table.
    statements: [
      `INSERT INTO observation_history BY NAME SELECT o.*, $load_id AS replaced_by FROM observation o JOIN (${STAGED_KEYS}) s ON ${SAME_KEY}`,
      `DELETE FROM observation o USING (${STAGED_KEYS}) s WHERE ${SAME_KEY}`,
    ],
  },
  write: (options) => [
    ...(options.createIndicators
      ? [
          `INSERT INTO indicator (id, name, load_id)
           SELECT indikator, coalesce(any_value(indikatornamn), indikator), $load_id FROM stg_typed
           WHERE indikator NOT IN (SELECT id FROM indicator) GROUP BY indikator`,
        ]
      : []),
    `INSERT INTO observation
     SELECT indikator, period, nytta_period_start(period), nytta_grain(period), ${KEY.slice(2).join(', ')},
       taljare, namnare,
       CASE WHEN ${TOKEN} THEN NULL WHEN varde IS NOT NULL THEN varde WHEN namnare > 0 THEN taljare / namnare END,
       CAST(round(coalesce(antal, namnare)) AS BIGINT),
       CASE WHEN ${TOKEN} THEN coalesce(status, varde__token)
            WHEN varde IS NULL AND NOT (namnare > 0 AND taljare IS NOT NULL) THEN coalesce(status, '..')
            ELSE status END,
       $load_id
     FROM stg_typed`,
  ],
};
