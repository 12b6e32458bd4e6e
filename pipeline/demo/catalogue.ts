/** @module catalogue – the demo region's fixed parts: administrations, units, go-live waves, municipalities, indicators. */

/** The 49 municipalities of Västra Götaland, so geography breakdowns look like the real region. */
export const MUNICIPALITIES = [
  'Ale', 'Alingsås', 'Bengtsfors', 'Bollebygd', 'Borås', 'Dals-Ed', 'Essunga', 'Falköping', 'Färgelanda', 'Grästorp',
  'Gullspång', 'Göteborg', 'Götene', 'Herrljunga', 'Hjo', 'Härryda', 'Karlsborg', 'Kungälv', 'Lerum', 'Lidköping',
  'Lilla Edet', 'Lysekil', 'Mariestad', 'Mark', 'Mellerud', 'Munkedal', 'Mölndal', 'Orust', 'Partille', 'Skara',
  'Skövde', 'Sotenäs', 'Stenungsund', 'Strömstad', 'Svenljunga', 'Tanum', 'Tibro', 'Tidaholm', 'Tjörn', 'Tranemo',
  'Trollhättan', 'Töreboda', 'Uddevalla', 'Ulricehamn', 'Vara', 'Vårgårda', 'Vänersborg', 'Åmål', 'Öckerö',
] as const;

/** Administrations with their go-live wave (driftstart). */
export const ADMINISTRATIONS = [
  { id: 'SKAS', name: 'Skaraborgs Sjukhus', goLive: '2024-11-09' },
  { id: 'SAS', name: 'Södra Älvsborgs Sjukhus', goLive: '2025-05-17' },
  { id: 'NU', name: 'NU-sjukvården', goLive: '2025-10-11' },
  { id: 'SU', name: 'Sahlgrenska Universitetssjukhuset', goLive: '2026-04-18' },
  { id: 'NH', name: 'Närhälsan', goLive: '2026-10-10' },
] as const;

export const DEPARTMENTS = ['Akutmottagning', 'Medicin', 'Kirurgi'] as const;
export const UNITS_PER_DEPARTMENT = 3;
export const AGE_GROUPS = ['0-17', '18-44', '45-64', '65-79', '80+'] as const;
export const SEXES = ['K', 'M'] as const;

export interface DemoIndicator {
  id: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  benefits: string;
  /** proportion: numerator/denominator; measure: a value with n. */
  type: 'proportion' | 'measure';
  base: number;
  /** Relative improvement at full effect (sign follows direction). */
  effect: number;
  /** Monthly volume per unit and breakdown cell, before noise. */
  volume: number;
}

export const INDICATORS: readonly DemoIndicator[] = [
  { id: 'IND01', name: 'Andel patienter med digital tillgång till journalen', unit: 'andel', direction: 'higher', benefits: '1.1,1.2', type: 'proportion', base: 0.42, effect: 0.5, volume: 60 },
  { id: 'IND02', name: 'Andel bokningar gjorda av patienten själv', unit: 'andel', direction: 'higher', benefits: '1.2,1.3', type: 'proportion', base: 0.18, effect: 0.8, volume: 40 },
  { id: 'IND03', name: 'Andel läkemedelslistor med genomförd avstämning', unit: 'andel', direction: 'higher', benefits: '2.1,3.1', type: 'proportion', base: 0.55, effect: 0.3, volume: 35 },
  { id: 'IND04', name: 'Dokumentationstid per vårdtillfälle', unit: 'minuter', direction: 'lower', benefits: '2.2,2.3', type: 'measure', base: 38, effect: 0.2, volume: 45 },
  { id: 'IND05', name: 'Andel remisser besvarade inom 14 dagar', unit: 'andel', direction: 'higher', benefits: '3.1,3.2', type: 'proportion', base: 0.71, effect: 0.15, volume: 30 },
  { id: 'IND06', name: 'Oplanerade återinskrivningar inom 30 dagar, 65 år och äldre', unit: 'andel', direction: 'lower', benefits: '3.2,3.3', type: 'proportion', base: 0.16, effect: 0.15, volume: 20 },
  { id: 'IND07', name: 'Vårdrelaterade infektioner', unit: 'andel', direction: 'lower', benefits: '2.1', type: 'proportion', base: 0.09, effect: 0.1, volume: 25 },
  { id: 'IND08', name: 'Trycksår hos inneliggande patienter', unit: 'andel', direction: 'lower', benefits: '2.1', type: 'proportion', base: 0.12, effect: 0.1, volume: 25 },
  { id: 'IND09', name: 'Väntetid till läkare på akutmottagning', unit: 'minuter', direction: 'lower', benefits: '2.2', type: 'measure', base: 95, effect: 0.1, volume: 80 },
  { id: 'IND10', name: 'Andel journaluppgifter delade med kommunen i tid', unit: 'andel', direction: 'higher', benefits: '3.1,3.3', type: 'proportion', base: 0.48, effect: 0.4, volume: 30 },
  { id: 'IND11', name: 'Andel strukturerat dokumenterade diagnoser', unit: 'andel', direction: 'higher', benefits: '4.1,4.2', type: 'proportion', base: 0.62, effect: 0.3, volume: 50 },
  { id: 'IND12', name: 'Ledtid från provtagning till svar', unit: 'timmar', direction: 'lower', benefits: '2.2,4.2', type: 'measure', base: 26, effect: 0.25, volume: 70 },
  { id: 'IND13', name: 'Andel medarbetare nöjda med vårdinformationsstödet', unit: 'andel', direction: 'higher', benefits: '2.3', type: 'proportion', base: 0.35, effect: 0.6, volume: 15 },
  { id: 'IND14', name: 'Sjukfrånvaro bland medarbetare', unit: 'andel', direction: 'lower', benefits: '2.3', type: 'proportion', base: 0.065, effect: 0.05, volume: 40 },
  { id: 'IND15', name: 'Andel vårdtillfällen med komplett uppföljningsdata', unit: 'andel', direction: 'higher', benefits: '4.1,4.3', type: 'proportion', base: 0.58, effect: 0.35, volume: 55 },
  { id: 'IND16', name: 'Forskningsuttag ur journaldata per år', unit: 'antal', direction: 'higher', benefits: '5.1,5.3', type: 'measure', base: 12, effect: 0.5, volume: 10 },
];

export const FIRST_MONTH = '2019-01-01';
export const MONTHS = 13 * 12; // 2019-01 … 2031-12
export const PROGRAM = 'FVIS';
