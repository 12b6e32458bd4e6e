/** @module business-case – nyttokalkyl lines; amounts in kr, tkr or mnkr, always stored in SEK. */
import { retire, sameKeyStaged } from '../../store/history.js';
import { programInsert } from './catalogue.js';
import { type KindSpec } from './spec.js';

const FACTOR = `CASE WHEN belopp_kr IS NOT NULL THEN 1 WHEN belopp_tkr IS NOT NULL THEN 1e3 ELSE 1e6 END`;

export const businessCase: KindSpec = {
  kind: 'nyttokalkyl',
  label: 'nyttokalkyl',
  signature: ['program', 'scenario', 'post', 'plan_utfall'],
  columns: [
    { name: 'program', type: 'text', required: true },
    { name: 'scenario', type: 'text', required: true },
    { name: 'ar', type: 'integer', required: true },
    { name: 'post', type: { enum: { kostnad: 'cost', nytta: 'benefit' }, allowed: 'kostnad eller nytta' }, required: true },
    { name: 'kategori', type: 'text', required: true },
    { name: 'aktor', type: 'text' },
    {
      name: 'plan_utfall',
      type: { enum: { plan: 'plan', utfall: 'outcome', prognos: 'forecast' }, allowed: 'plan, utfall eller prognos' },
      required: true,
    },
    { name: 'belopp_kr', type: 'number' },
    { name: 'belopp_tkr', type: 'number' },
    { name: 'belopp_mnkr', type: 'number' },
    { name: 'sannolikhet', type: 'probability' },
    {
      name: 'nyttotyp',
      type: {
        enum: { finansiell: 'finansiell', omfordelning: 'omfordelning', kvalitet: 'kvalitet', miljo: 'miljo' },
        allowed: 'finansiell, omfördelning, kvalitet eller miljö',
      },
    },
    { name: 'intressent', type: 'text' },
    { name: 'lag', type: 'number' },
    { name: 'hog', type: 'number' },
    { name: 'kalla', type: 'text' },
    // The share of the line this program claims (0–1 or percent); another program may claim the rest.
    { name: 'tillskrivning', type: 'share' },
  ],
  requireOneOf: [['belopp_kr'], ['belopp_tkr'], ['belopp_mnkr']],
  checks: () => [
    `SELECT line, 'belopp', NULL, 'beloppet saknas'
     FROM stg_typed WHERE coalesce(belopp_kr, belopp_tkr, belopp_mnkr) IS NULL AND NOT (belopp_kr__bad OR belopp_tkr__bad OR belopp_mnkr__bad)`,
    `SELECT line, 'belopp', NULL, 'beloppet är negativt (ange kostnader och nyttor som positiva belopp, post avgör tecknet)'
     FROM stg_typed WHERE coalesce(belopp_kr, belopp_tkr, belopp_mnkr) < 0`,
    `SELECT line, 'lag', NULL, 'lågt värde är större än förväntat belopp' FROM stg_typed WHERE lag > coalesce(belopp_kr, belopp_tkr, belopp_mnkr)`,
    `SELECT line, 'hog', NULL, 'högt värde är mindre än förväntat belopp' FROM stg_typed WHERE hog < coalesce(belopp_kr, belopp_tkr, belopp_mnkr)`,
  ],
  write: () => [
    // A new business-case file replaces the program's scenario (plan, outcome or forecast) as a whole.
    ...retire('business_case_line', sameKeyStaged({ program: 's.program', scenario: 's.scenario', kind: 's.plan_utfall' })),
    programInsert,
    `INSERT INTO business_case_line (program, scenario, year, post, category, actor, kind, amount_sek, probability, benefit_class, stakeholder, low_sek, high_sek, source, load_id, attribution)
     SELECT program, scenario, ar, post, kategori, coalesce(aktor, ''), plan_utfall, coalesce(belopp_kr, belopp_tkr, belopp_mnkr) * ${FACTOR},
            coalesce(sannolikhet, 1), nyttotyp, intressent, lag * ${FACTOR}, hog * ${FACTOR}, kalla, $load_id, coalesce(tillskrivning, 1)
     FROM stg_typed`,
  ],
};
