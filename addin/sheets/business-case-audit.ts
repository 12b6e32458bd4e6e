/**
 * @module business-case-audit – the Nyttokalkyl sheet's blocks for the audit's questions: each actor's costs, benefits
 * and net per year with live present values on the rate cell (their NPVs add up to the case's), each stakeholder's
 * part, outcome so far plus forecast beside the plan, the operating-cost test with live formulas, the production loss
 * modelled and measured, and what a delay costs.
 */
import { absolute } from './a1.js';
import { caseYears, type CaseColumns, type CaseFigures, type StoreKeyFigure } from './case-figures.js';
import { Columns, type SheetLayout } from './layout.js';
import { FORMAT, type Cell } from './plan.js';

const NONE = '(ej angiven)';
const SOURCE_TEXT = { outcome: 'utfall', forecast: 'prognos', plan: 'plan' } as const;

/** A table of present values per actor or stakeholder. */
type PresentValue = 'namn' | 'kostnader' | 'nyttor' | 'netto' | 'kvot' | 'förväntat';
const PRESENT_VALUES = new Columns<PresentValue>(['namn', 'kostnader', 'nyttor', 'netto', 'kvot', 'förväntat']);
const PRESENT_VALUE_HEADER = [
  'Nuvärde kostnader (kr)',
  'Nuvärde nyttor (kr)',
  'Nettonuvärde (kr)',
  'Nyttokostnadskvot',
  'Nettonuvärde, förväntat (kr)',
];
const PRESENT_VALUE_FORMATS = PRESENT_VALUES.row({
  kostnader: FORMAT.sek,
  nyttor: FORMAT.sek,
  netto: FORMAT.sek,
  kvot: FORMAT.decimal,
  förväntat: FORMAT.sek,
});

/**
 * Per actor: costs, benefits and net per year in the main table's year columns; then each actor's present values, live
 * on the rate cell, whose sum is the case's NPV.
 */
function actorBlocks(sheet: SheetLayout, actors: NonNullable<CaseFigures['actors']>, years: readonly number[], cols: CaseColumns): void {
  const yearCols = cols.each('år');
  const { first, last } = cols.span('år');
  const rate = absolute(sheet.cell('kalkylränta'));
  const before = (name: string, post: string | null): Cell[] => [name, post, ...Array.from({ length: first - 2 }, () => null)];
  const rows: { name: string; costs: number; benefits: number; expected: number }[] = [];
  sheet.block('aktorer', (b) => {
    b.add([...before('Per aktör (plan)', 'Post'), ...years], { style: 'header' });
    for (const a of actors) {
      const name = a.name || NONE;
      const byYear = (pick: 'costs' | 'benefits') => years.map((y) => a.years.find((x) => x.year === y)?.[pick] ?? 0);
      const costs = b.add([...before(name, 'Kostnader'), ...byYear('costs')]);
      const benefits = b.add([...before(name, 'Nyttor'), ...byYear('benefits')]);
      b.add([...before(name, 'Netto'), ...yearCols.map((c) => ({ formula: `${b.at(benefits, c)}-${b.at(costs, c)}` }))]);
      rows.push({ name, costs, benefits, expected: a.expected.npv });
    }
    return { formats: cols.row({ år: FORMAT.sek }) };
  });
  sheet.block('aktorer_summa', (b) => {
    const pv = (row: number) => (first < last ? `${b.at(row, first)}+NPV(${rate},${b.across(row, first + 1, last)})` : b.at(row, first));
    const c = (name: PresentValue) => PRESENT_VALUES.of(name);
    b.add(['Aktör', ...PRESENT_VALUE_HEADER], { style: 'header' });
    const actorRows = b.addEach(rows, (x, r) => [
      x.name,
      { formula: pv(x.costs) },
      { formula: pv(x.benefits) },
      { formula: `${b.at(r, c('nyttor'))}-${b.at(r, c('kostnader'))}` },
      { formula: `IF(${b.at(r, c('kostnader'))}=0,"saknas",${b.at(r, c('nyttor'))}/${b.at(r, c('kostnader'))})` },
      x.expected,
    ]);
    const sum = (col: number): Cell => ({ formula: `SUM(${b.at(actorRows[0], col)}:${b.at(actorRows[actorRows.length - 1], col)})` });
    b.add(
      PRESENT_VALUES.row<Cell>({
        namn: 'Summa (= kalkylens nettonuvärde)',
        kostnader: sum(c('kostnader')),
        nyttor: sum(c('nyttor')),
        netto: sum(c('netto')),
        förväntat: sum(c('förväntat')),
      }),
      { style: 'total' },
    );
    return { formats: PRESENT_VALUE_FORMATS };
  });
}

/** Outcome so far and forecast for the rest, beside the plan's NPV. */
function outcomeBlock(sheet: SheetLayout, figures: CaseFigures, of: NonNullable<CaseFigures['outcomeAndForecast']>): void {
  sheet.block('prognos', (b) => {
    b.add(['Utfall hittills och prognos för resten', 'Underlag', 'Kostnader', 'Nyttor'], { style: 'header' });
    b.addEach(of.years, (y) => [y.year, SOURCE_TEXT[y.source], y.costs, y.benefits]);
    const plan = b.add(['Nettonuvärde, plan (kr)', null, null, figures.npv]);
    const outcome = b.add(['Nettonuvärde, utfall hittills + prognos (kr)', null, null, of.npv]);
    b.add(['Skillnad mot planen (kr)', null, null, { formula: `${b.at(outcome, 3)}-${b.at(plan, 3)}` }]);
    return { formats: [FORMAT.year, null, FORMAT.sek, FORMAT.sek] };
  });
}

/**
 * The audit's question with live formulas: the expected benefit per year (the same annuity as the break-even) and how
 * far it exceeds, or falls short of, the yearly rise in operating costs.
 */
function operatingCostBlock(sheet: SheetLayout, tests: NonNullable<CaseFigures['operatingCostTest']>, cols: CaseColumns): void {
  const years = cols.span('år');
  const row = (name: string) => absolute(sheet.range(name, years));
  const from = absolute(sheet.cell('nytta från'));
  const expected = `SUMPRODUCT((${row('kalkylår')}>=${from})*${row('förväntade nyttor')}*${row('diskonteringsfaktor')})/SUMPRODUCT((${row('kalkylår')}>=${from})*${row('diskonteringsfaktor')})`;
  sheet.block('driftkostnad', (b) => {
    b.add(
      [
        'Ökade driftkostnader mot nyttan',
        'Ökning per år (kr)',
        'Nytta per år för nollresultat (kr)',
        'Förväntad nytta per år (kr)',
        'Över (+) eller under (−) ökningen (kr)',
        'Nyckeltal',
      ],
      { style: 'header' },
    );
    b.addEach(tests, (t, r) => [
      t.note ? `${t.figure} (${t.note})` : t.figure,
      t.yearlyRise,
      { formula: sheet.cell('nollresultat') },
      { formula: expected },
      { formula: `${b.at(r, 3)}-${b.at(r, 1)}` },
      t.period,
    ]);
    return { formats: [null, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.sek, null] };
  });
}

/** The production loss modelled per administration, beside what was measured, and per go-live wave. */
function productionLossBlocks(sheet: SheetLayout, loss: NonNullable<CaseFigures['productionLoss']>): void {
  const measured = new Map(loss.measured.map((m) => [m.administration, m]));
  sheet.block('bortfall', (b) => {
    b.add(
      [
        loss.included ? 'Produktionsbortfall (modellerat, ingår i kalkylen)' : 'Produktionsbortfall (modellerat, ingår inte i kalkylen)',
        'Förlorade kontakter, modell',
        'Produktionsbortfall, modell (kr)',
        'Förlorade kontakter, uppmätt',
        'Produktionsbortfall, uppmätt (kr)',
      ],
      { style: 'header' },
    );
    b.addEach(loss.byAdministration, (x) => [
      x.administration,
      x.lostContacts,
      x.lostSek,
      measured.get(x.administration)?.lostContacts ?? null,
      measured.get(x.administration)?.lostSek ?? null,
    ]);
    b.add([
      `Topp ${Math.round(loss.curve.peak * 100)} %, ${loss.curve.weeksBefore} veckor före till ${loss.curve.weeksAfter} veckor efter driftstart, ${loss.costPerContact} kr per kontakt`,
    ]);
    return { formats: [null, FORMAT.integer, FORMAT.sek, FORMAT.integer, FORMAT.sek] };
  });
  sheet.block('bortfall_vagor', (b) => {
    b.add(['Driftstartsvåg', 'Enheter', 'Förlorade kontakter', 'Produktionsbortfall (kr)'], { style: 'header' });
    b.addEach(loss.byWave, (w) => [w.goLive, w.units.length, w.lostContacts, w.lostSek]);
    return { formats: [null, FORMAT.integer, FORMAT.integer, FORMAT.sek] };
  });
}

/** The audit's blocks, each under the last, reading the main table's rows and key figures by name. */
export function auditBlocks(sheet: SheetLayout, figures: CaseFigures, cols: CaseColumns, keyFigures: readonly StoreKeyFigure[] = []): void {
  if (figures.actors?.length) actorBlocks(sheet, figures.actors, caseYears(figures), cols);
  const stakeholders = figures.stakeholders ?? [];
  if (stakeholders.length)
    sheet.block('intressenter', (b) => {
      b.add(['Intressent (vem värdet tillfaller)', ...PRESENT_VALUE_HEADER], { style: 'header' });
      b.addEach(stakeholders, (x) => [x.name || NONE, x.pvCosts, x.pvBenefits, x.npv, x.bcr, x.expected.npv]);
      return { formats: PRESENT_VALUE_FORMATS };
    });
  const of = figures.outcomeAndForecast;
  if (of && of.years.some((y) => y.source !== 'plan')) outcomeBlock(sheet, figures, of);
  if (figures.operatingCostTest?.length) operatingCostBlock(sheet, figures.operatingCostTest, cols);
  if (figures.productionLoss) productionLossBlocks(sheet, figures.productionLoss);
  if (figures.delay)
    sheet.fields(
      'forskjutning',
      [`Nyttorna förskjutna ${figures.delay.months} månader (kostnaderna löper på)`, null],
      [
        { label: 'Nettonuvärde utan förskjutning (kr)', value: figures.delay.npvWithoutDelay },
        { label: 'Nettonuvärde med förskjutning (kr)', value: figures.npv },
        { label: 'Förskjutningen kostar (kr)', value: figures.delay.npvChange, style: 'key' },
      ],
      { formats: [null, FORMAT.sek] },
    );
  if (keyFigures.length)
    sheet.block('nyckeltal_lager', (b) => {
      b.add(['Nyckeltal i lagret', 'Värde', 'Enhet', 'Period', 'Källa', 'Anmärkning'], { style: 'header' });
      b.addEach(keyFigures, (k) => [k.name, k.value, k.unit, k.period, k.source, k.note]);
      return { formats: [null, FORMAT.decimal] };
    });
}
