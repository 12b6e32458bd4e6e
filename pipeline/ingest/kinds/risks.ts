/** @module risks – the risk register: one assessment per risk and date, on a 3×3, 4×4 or 5×5 scale. */
import { retire, sameKeyStaged } from '../../store/history.js';
import { programInsert, splitList } from './catalogue.js';
import { type KindSpec } from './spec.js';

const SCALE = 'coalesce(skala, 3)';

export const risks: KindSpec = {
  kind: 'risker',
  label: 'risker',
  signature: ['id', 'sannolikhet', 'konsekvens'],
  columns: [
    { name: 'program', type: 'text' },
    { name: 'id', type: 'text', required: true },
    { name: 'riskomrade', type: 'text' },
    { name: 'risk', type: 'text', required: true },
    { name: 'sannolikhet', type: 'integer', required: true },
    { name: 'konsekvens', type: 'integer', required: true },
    { name: 'riskvarde_angivet', type: 'integer' },
    { name: 'atgard', type: 'text' },
    { name: 'ansvar', type: 'text' },
    { name: 'klart', type: 'text' },
    { name: 'bedomd', type: 'date' },
    { name: 'skala', type: 'integer' },
    {
      name: 'status',
      type: {
        enum: { 'ej paborjad': 'ej påbörjad', ej_paborjad: 'ej påbörjad', pagar: 'pågår', klar: 'klar', 'inte paborjad': 'ej påbörjad' },
        allowed: 'ej påbörjad, pågår eller klar',
      },
    },
    { name: 'nyttor', type: 'text' },
    { name: 'effektmal', type: 'text' },
  ],
  checks: () => [
    `SELECT line, 'nyttor', b, 'okänd nytta för programmet (läs in nyttorna först)' FROM (SELECT line, program, unnest(${splitList('nyttor')}) AS b FROM stg_typed) s
     WHERE NOT EXISTS (SELECT 1 FROM benefit x WHERE x.program = coalesce(s.program, '') AND x.id = s.b)`,
    `SELECT line, 'effektmal', g, 'okänt effektmål för programmet (läs in effektmålen först)' FROM (SELECT line, program, unnest(${splitList('effektmal')}) AS g FROM stg_typed) s
     WHERE NOT EXISTS (SELECT 1 FROM effect_goal x WHERE x.program = coalesce(s.program, '') AND x.id = s.g)`,
    `SELECT line, 'skala', NULL, 'skalan måste vara 3, 4 eller 5' FROM stg_typed WHERE skala NOT IN (3, 4, 5)`,
    `SELECT line, 'sannolikhet', NULL, 'sannolikheten ligger utanför skalan 1–' || ${SCALE} FROM stg_typed WHERE sannolikhet NOT BETWEEN 1 AND ${SCALE}`,
    `SELECT line, 'konsekvens', NULL, 'konsekvensen ligger utanför skalan 1–' || ${SCALE} FROM stg_typed WHERE konsekvens NOT BETWEEN 1 AND ${SCALE}`,
    `WITH d AS (SELECT coalesce(program, '') AS p, id, coalesce(bedomd, current_date) AS b, min(line) AS first_line FROM stg_typed GROUP BY ALL HAVING count(*) > 1)
     SELECT s.line, 'id', s.id, 'samma risk och bedömningsdatum finns redan på rad ' || d.first_line
     FROM stg_typed s JOIN d ON coalesce(s.program, '') = d.p AND s.id = d.id AND coalesce(s.bedomd, current_date) = d.b WHERE s.line > d.first_line`,
  ],
  warnings: [
    // `klart` may be free text ("Q3", "löpande"): kept as written, but only a date can pass and make the action overdue.
    `SELECT 'Klart är inget datum (ÅÅÅÅ-MM-DD) för ' || string_agg(id || ' (rad ' || line || ': "' || klart || '")', ', ' ORDER BY line)
            || '; texten sparas men åtgärden kan inte bli försenad.'
     FROM stg_typed WHERE klart IS NOT NULL AND nytta_date(klart) IS NULL HAVING count(*) > 0`,
    `SELECT 'Risk ' || id || ' (rad ' || line || '): angivet riskvärde ' || riskvarde_angivet || ' stämmer inte med sannolikhet × konsekvens = '
            || sannolikhet || ' × ' || konsekvens || ' = ' || (sannolikhet * konsekvens) || '. Raden läses in; riskvärdet räknas som ' || (sannolikhet * konsekvens) || '.'
     FROM stg_typed WHERE riskvarde_angivet <> sannolikhet * konsekvens ORDER BY line`,
  ],
  write: () => [
    programInsert,
    ...retire('risk', sameKeyStaged({ program: "coalesce(s.program, '')", id: 's.id' })),
    `INSERT OR REPLACE INTO risk (program, id, area, text, load_id, benefits, effect_goals)
     SELECT coalesce(program, ''), id, riskomrade, risk, $load_id, ${splitList('nyttor')}, ${splitList('effektmal')} FROM stg_typed`,
    ...retire(
      'risk_assessment',
      sameKeyStaged({ program: "coalesce(s.program, '')", risk_id: 's.id', assessed: 'coalesce(s.bedomd, current_date)' }),
    ),
    `INSERT OR REPLACE INTO risk_assessment (program, risk_id, assessed, scale, probability, consequence, stated_value, mitigation, owner, due, load_id,
       action_status, due_date)
     SELECT coalesce(program, ''), id, coalesce(bedomd, current_date), ${SCALE}, sannolikhet, konsekvens, riskvarde_angivet, atgard, ansvar, klart, $load_id,
       status, nytta_date(klart) FROM stg_typed`,
  ],
};
