/**
 * @module business-case-audit – the Nyttokalkyl sheet's blocks for the audit's questions: each actor's costs, benefits
 * and net per year with live present values on the rate cell (their NPVs add up to the case's), each stakeholder's
 * part, outcome so far plus forecast beside the plan, the operating-cost test with live formulas, the production loss
 * modelled and measured, and what a delay costs.
 */
import type { CaseFigures, StoreKeyFigure } from './case-figures.js';
import { a1 } from './a1.js';
import { FORMAT, type Block, type Cell } from './plan.js';

export interface AuditContext {
  /** The main table's first year column, and its years. */
  firstYearCol: number;
  years: readonly number[];
  /** The rate input cell, absolute (`$B$3`), and the first year of benefits for break-even (`$B$5`). */
  rate: string;
  from: string;
  /** The key figures' break-even cell, and the main table's rows this block's formulas read. */
  breakEvenCell: string;
  expectedRange: string;
  dfRange: string;
  yearRange: string;
}

const NONE = '(ej angiven)';
const SOURCE_TEXT = { outcome: 'utfall', forecast: 'prognos', plan: 'plan' } as const;

/** The audit's blocks, placed one after the other from `startRow`. */
export function auditBlocks(
  figures: CaseFigures,
  ctx: AuditContext,
  startRow: number,
  keyFigures: readonly StoreKeyFigure[] = [],
): Block[] {
  const out: Block[] = [];
  let row = startRow;
  const place = (block: Omit<Block, 'row'>) => {
    out.push({ ...block, row } as Block);
    row += block.cells.length + 1;
  };
  const yearCols = ctx.years.map((_, i) => ctx.firstYearCol + i);
  const rest = (r: number) => `${a1(r, yearCols[0] + 1)}:${a1(r, yearCols[yearCols.length - 1])}`;
  const pv = (r: number) => (yearCols.length > 1 ? `${a1(r, yearCols[0])}+NPV(${ctx.rate},${rest(r)})` : a1(r, yearCols[0]));

  const actors = figures.actors ?? [];
  if (actors.length) {
    // Per actor: costs, benefits and net per year in the main table's year columns.
    const top = row;
    const cells: Cell[][] = [['Per aktör (plan)', 'Post', null, null, null, null, ...ctx.years]];
    const rowsOf: { name: string; costs: number; benefits: number; net: number }[] = [];
    for (const a of actors) {
      const at = top + cells.length;
      const byYear = (pick: 'costs' | 'benefits') => ctx.years.map((y) => a.years.find((x) => x.year === y)?.[pick] ?? 0);
      cells.push([a.name || NONE, 'Kostnader', null, null, null, null, ...byYear('costs')]);
      cells.push([a.name || NONE, 'Nyttor', null, null, null, null, ...byYear('benefits')]);
      cells.push([a.name || NONE, 'Netto', null, null, null, null, ...yearCols.map((c) => ({ formula: `${a1(at + 1, c)}-${a1(at, c)}` }))]);
      rowsOf.push({ name: a.name || NONE, costs: at, benefits: at + 1, net: at + 2 });
    }
    place({
      id: 'aktorer',
      col: 0,
      cells,
      rowStyles: ['header'],
      formats: [null, null, null, null, null, null, ...ctx.years.map(() => FORMAT.sek)],
    });
    // The summary: present values live on the rate cell; the expected NPV from the service.
    const summaryTop = row;
    const summary: Cell[][] = [
      ['Aktör', 'Nuvärde kostnader (kr)', 'Nuvärde nyttor (kr)', 'Nettonuvärde (kr)', 'Nyttokostnadskvot', 'Nettonuvärde, förväntat (kr)'],
    ];
    rowsOf.forEach((r, i) => {
      const at = summaryTop + summary.length;
      summary.push([
        r.name,
        { formula: pv(r.costs) },
        { formula: pv(r.benefits) },
        { formula: `${a1(at, 2)}-${a1(at, 1)}` },
        { formula: `IF(${a1(at, 1)}=0,"saknas",${a1(at, 2)}/${a1(at, 1)})` },
        actors[i].expected.npv,
      ]);
    });
    const first = summaryTop + 1;
    const last = summaryTop + summary.length - 1;
    summary.push([
      'Summa (= kalkylens nettonuvärde)',
      ...[1, 2, 3].map((c): Cell => ({ formula: `SUM(${a1(first, c)}:${a1(last, c)})` })),
      null,
      { formula: `SUM(${a1(first, 5)}:${a1(last, 5)})` },
    ]);
    place({
      id: 'aktorer_summa',
      col: 0,
      cells: summary,
      rowStyles: ['header', ...rowsOf.map(() => null), 'total'],
      formats: [null, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.decimal, FORMAT.sek],
    });
  }

  const stakeholders = figures.stakeholders ?? [];
  if (stakeholders.length) {
    place({
      id: 'intressenter',
      col: 0,
      cells: [
        [
          'Intressent (vem värdet tillfaller)',
          'Nuvärde kostnader (kr)',
          'Nuvärde nyttor (kr)',
          'Nettonuvärde (kr)',
          'Nyttokostnadskvot',
          'Nettonuvärde, förväntat (kr)',
        ],
        ...stakeholders.map((x): Cell[] => [x.name || NONE, x.pvCosts, x.pvBenefits, x.npv, x.bcr, x.expected.npv]),
      ],
      rowStyles: ['header'],
      formats: [null, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.decimal, FORMAT.sek],
    });
  }

  const of = figures.outcomeAndForecast;
  if (of && of.years.some((y) => y.source !== 'plan')) {
    const top = row;
    const cells: Cell[][] = [['Utfall hittills och prognos för resten', 'Underlag', 'Kostnader', 'Nyttor']];
    for (const y of of.years) cells.push([y.year, SOURCE_TEXT[y.source], y.costs, y.benefits]);
    cells.push(['Nettonuvärde, plan (kr)', null, null, figures.npv]);
    cells.push(['Nettonuvärde, utfall hittills + prognos (kr)', null, null, of.npv]);
    const last = top + cells.length - 1;
    cells.push(['Skillnad mot planen (kr)', null, null, { formula: `${a1(last, 3)}-${a1(last - 1, 3)}` }]);
    place({ id: 'prognos', col: 0, cells, rowStyles: ['header'], formats: [FORMAT.year, null, FORMAT.sek, FORMAT.sek] });
  }

  const tests = figures.operatingCostTest ?? [];
  if (tests.length) {
    // The audit's question with live formulas: the expected benefit per year (the same annuity as the break-even) and
    // how far it exceeds, or falls short of, the yearly rise in operating costs.
    const top = row;
    const expected = `SUMPRODUCT((${ctx.yearRange}>=${ctx.from})*${ctx.expectedRange}*${ctx.dfRange})/SUMPRODUCT((${ctx.yearRange}>=${ctx.from})*${ctx.dfRange})`;
    const cells: Cell[][] = [
      [
        'Ökade driftkostnader mot nyttan',
        'Ökning per år (kr)',
        'Nytta per år för nollresultat (kr)',
        'Förväntad nytta per år (kr)',
        'Över (+) eller under (−) ökningen (kr)',
        'Nyckeltal',
      ],
    ];
    for (const t of tests) {
      const at = top + cells.length;
      cells.push([
        t.note ? `${t.figure} (${t.note})` : t.figure,
        t.yearlyRise,
        { formula: ctx.breakEvenCell },
        { formula: expected },
        { formula: `${a1(at, 3)}-${a1(at, 1)}` },
        t.period,
      ]);
    }
    place({
      id: 'driftkostnad',
      col: 0,
      cells,
      rowStyles: ['header'],
      formats: [null, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.sek, null],
    });
  }

  const loss = figures.productionLoss;
  if (loss) {
    const measured = new Map(loss.measured.map((m) => [m.administration, m]));
    place({
      id: 'bortfall',
      col: 0,
      cells: [
        [
          loss.included ? 'Produktionsbortfall (modellerat, ingår i kalkylen)' : 'Produktionsbortfall (modellerat, ingår inte i kalkylen)',
          'Förlorade kontakter, modell',
          'Produktionsbortfall, modell (kr)',
          'Förlorade kontakter, uppmätt',
          'Produktionsbortfall, uppmätt (kr)',
        ],
        ...loss.byAdministration.map((x): Cell[] => [
          x.administration,
          x.lostContacts,
          x.lostSek,
          measured.get(x.administration)?.lostContacts ?? null,
          measured.get(x.administration)?.lostSek ?? null,
        ]),
        [
          `Topp ${Math.round(loss.curve.peak * 100)} %, ${loss.curve.weeksBefore} veckor före till ${loss.curve.weeksAfter} veckor efter driftstart, ${loss.costPerContact} kr per kontakt`,
        ],
      ],
      rowStyles: ['header'],
      formats: [null, FORMAT.integer, FORMAT.sek, FORMAT.integer, FORMAT.sek],
    });
    place({
      id: 'bortfall_vagor',
      col: 0,
      cells: [
        ['Driftstartsvåg', 'Enheter', 'Förlorade kontakter', 'Produktionsbortfall (kr)'],
        ...loss.byWave.map((w): Cell[] => [w.goLive, w.units.length, w.lostContacts, w.lostSek]),
      ],
      rowStyles: ['header'],
      formats: [null, FORMAT.integer, FORMAT.integer, FORMAT.sek],
    });
  }

  if (figures.delay) {
    place({
      id: 'forskjutning',
      col: 0,
      cells: [
        [`Nyttorna förskjutna ${figures.delay.months} månader (kostnaderna löper på)`, null],
        ['Nettonuvärde utan förskjutning (kr)', figures.delay.npvWithoutDelay],
        ['Nettonuvärde med förskjutning (kr)', figures.npv],
        ['Förskjutningen kostar (kr)', figures.delay.npvChange],
      ],
      rowStyles: ['header', null, null, 'key'],
      formats: [null, FORMAT.sek],
    });
  }
  if (keyFigures.length) {
    place({
      id: 'nyckeltal_lager',
      col: 0,
      cells: [
        ['Nyckeltal i lagret', 'Värde', 'Enhet', 'Period', 'Källa', 'Anmärkning'],
        ...keyFigures.map((k): Cell[] => [k.name, k.value, k.unit, k.period, k.source, k.note]),
      ],
      rowStyles: ['header'],
      formats: [null, FORMAT.decimal],
    });
  }
  return out;
}
