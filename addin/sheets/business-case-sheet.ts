/**
 * @module business-case-sheet – the nyttokalkyl as controllers know it from Inera's model: years as columns, items as
 * rows by post, class and stakeholder with low and high, and live formulas hanging off one input cell for the discount
 * rate, so a controller can change the rate and see NPV, payback and the break-even benefit follow.
 */
import type { CaseFigures, SheetCaseLine, StoreKeyFigure } from './case-figures.js';
import { auditBlocks } from './business-case-audit.js';
import { approvedCaseBlocks } from './approved-version.js';
import { caseComparisonBlock, type ComparedCase } from './version-compare.js';
import { a1 } from './a1.js';
import { FORMAT, nextFreeRow, provenanceBlock, type Block, type Cell, type Provenance, type SheetPlan, type Style } from './plan.js';

const CLASS_NAMES: Record<string, string> = {
  finansiell: 'finansiell',
  omfordelning: 'omfördelning',
  kvalitet: 'kvalitet',
  miljo: 'miljö',
};

/** Where the key cells are, for the adapters' tests and for anyone reading the sheet with code. */
export interface CaseCells {
  rate: string;
  npv: string;
  bcr: string;
  payback: string;
  discountedPayback: string;
  paybackYear: string;
  discountedPaybackYear: string;
  irr: string;
  breakEven: string;
}

export type { CaseFigures, SheetCaseLine } from './case-figures.js';

/** The lines the program claims only a share of (tillskrivning): their amounts above are that share. */
function attributionNotes(lines: CaseFigures['lines']): string[] {
  const shared = new Map<string, number>();
  for (const l of lines.filter((x) => x.attribution !== undefined && x.attribution < 1))
    shared.set(`${l.category}${l.stakeholder ? ` (${l.stakeholder})` : ''}`, l.attribution!);
  if (!shared.size) return [];
  const list = [...shared].map(([item, share]) => `${item} ${String(Math.round(share * 1000) / 10).replace('.', ',')} %`).join(', ');
  return [`Tillskrivning: programmet räknar bara sin andel av ${list}; beloppen ovan är den andelen.`];
}

/** Today's figures as a comparison reads them. */
const nowFigures = (f: CaseFigures): ComparedCase => ({
  npv: f.npv,
  bcr: f.bcr ?? null,
  payback: f.payback ?? null,
  discountedPayback: f.discountedPayback ?? null,
  years: f.years ?? [],
});

export function businessCaseSheet(
  figures: CaseFigures,
  provenance: Provenance,
  storeFigures: readonly StoreKeyFigure[] = [],
  /** compareAsOf: the figures now beside an earlier version's. */
  compare?: { label: string; now: ComparedCase; then: ComparedCase },
): { plan: SheetPlan; cells: CaseCells } {
  const lines = figures.lines;
  const years = Array.from({ length: figures.endYear - figures.startYear + 1 }, (_, i) => figures.startYear + i);
  const firstYearCol = 6; // A Post, B Kategori, C Nyttotyp, D Intressent, E Låg, F Hög
  const lastYearCol = firstYearCol + years.length - 1;
  const sumCol = lastYearCol + 1;
  const col = (c: number) => a1(0, c).replace(/\d+$/, '');
  const yearRange = (row: number) => `${a1(row, firstYearCol)}:${a1(row, lastYearCol)}`;
  const absolute = (range: string) => range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  const restRange = (row: number) => `${a1(row, firstYearCol + 1)}:${a1(row, lastYearCol)}`;

  // Inputs: B3 rate, B4 first year, B5 the year the break-even benefit starts.
  const inputs: Block = {
    id: 'indata',
    row: 2,
    col: 0,
    cells: [
      ['Kalkylränta', figures.rate],
      ['Första år (år 0)', figures.startYear],
      ['Nytta för nollresultat från år', figures.fromYear],
    ],
    cellStyles: [
      { row: 0, col: 1, style: 'input' },
      { row: 2, col: 1, style: 'input' },
    ],
    cellFormats: [{ row: 0, col: 1, format: FORMAT.percent }],
  };
  const RATE = '$B$3';
  const FIRST = '$B$4';
  const FROM = '$B$5';

  const headerRow = 6;
  const rows: Cell[][] = [['Post', 'Kategori', 'Nyttotyp', 'Intressent', 'Låg (summa)', 'Hög (summa)', ...years, 'Summa']];
  const styles: (string | null)[] = ['header'];
  const add = (cells: Cell[], style: string | null = null) => {
    rows.push(cells);
    styles.push(style);
    return headerRow + rows.length - 1;
  };
  const itemRows = (post: 'cost' | 'benefit') => {
    const items = new Map<string, SheetCaseLine[]>();
    for (const l of lines.filter((x) => x.post === post && x.kind === 'plan')) {
      const key = JSON.stringify([l.category, l.benefitClass ?? '', l.stakeholder ?? '']);
      items.set(key, [...(items.get(key) ?? []), l]);
    }
    const sorted = [...items.entries()].sort(([a], [b]) => a.localeCompare(b, 'sv'));
    return sorted.map(([key, group]) => {
      const [category, cls, stakeholder] = JSON.parse(key) as string[];
      const perYear = years.map((y) => group.filter((l) => l.year === y).reduce((s, l) => s + l.amount, 0));
      const sumOf = (pick: (l: SheetCaseLine) => number | null) =>
        group.every((l) => pick(l) !== null) ? group.reduce((s, l) => s + pick(l)!, 0) : null;
      const r = headerRow + rows.length;
      return add([
        post === 'cost' ? 'Kostnad' : 'Nytta',
        category,
        CLASS_NAMES[cls] ?? cls,
        stakeholder,
        sumOf((l) => l.low),
        sumOf((l) => l.high),
        ...perYear,
        { formula: `SUM(${yearRange(r)})` },
      ]);
    });
  };
  const sumRow = (label: string, items: number[]) => {
    const r = headerRow + rows.length;
    const cells: Cell[] = [label, null, null, null, null, null];
    for (let c = firstYearCol; c <= lastYearCol; c++) {
      cells.push(items.length ? { formula: `SUM(${a1(items[0], c)}:${a1(items[items.length - 1], c)})` } : 0);
    }
    cells.push({ formula: `SUM(${yearRange(r)})` });
    return add(cells, 'total');
  };
  const perYear = (label: string, formula: (c: number, i: number) => string, style: string | null = null) =>
    add([label, null, null, null, null, null, ...years.map((_, i) => ({ formula: formula(firstYearCol + i, i) })), null], style);

  const costItems = itemRows('cost');
  const costs = sumRow('Summa kostnader', costItems);
  const benefitItems = itemRows('benefit');
  const benefits = sumRow('Summa nyttor', benefitItems);
  const net = perYear('Netto (nyttor − kostnader)', (c) => `${a1(benefits, c)}-${a1(costs, c)}`, 'total');
  const cum = perYear('Ackumulerat netto', (c, i) => (i === 0 ? a1(net, c) : `${a1(headerRow + rows.length, c - 1)}+${a1(net, c)}`));
  const yearCell = (c: number) => `${col(c)}$${headerRow + 1}`;
  const df = perYear('Diskonteringsfaktor', (c) => `1/(1+${RATE})^(${yearCell(c)}-${FIRST})`);
  const disc = perYear('Diskonterat netto', (c) => `${a1(net, c)}*${a1(df, c)}`);
  const cumDisc = perYear('Ackumulerat diskonterat netto', (c, i) =>
    i === 0 ? a1(disc, c) : `${a1(headerRow + rows.length, c - 1)}+${a1(disc, c)}`,
  );
  // Payback, in years from the start of the first year with each year's net spread over it: in the year t the running
  // sum turns, t + what was missing / that year's net (−100, 60, 60 → 2 + 40/60), as the calendar columns read.
  const payback = (cumRow: number, netRow: number) => (c: number, i: number) =>
    i === 0
      ? `IF(${a1(cumRow, c)}>=0,0,"")`
      : `IF(AND(${a1(cumRow, c - 1)}<0,${a1(cumRow, c)}>=0),${yearCell(c)}-${FIRST}-${a1(cumRow, c - 1)}/${a1(netRow, c)},"")`;
  // The calendar year it happens in: the year of the helper's value (2.67 → the third year, 3.0 → the third too).
  const paybackYear = (helperRow: number) =>
    `IF(COUNT(${yearRange(helperRow)})=0,"inte inom perioden",${FIRST}+MAX(0,ROUNDUP(MIN(${yearRange(helperRow)}),0)-1))`;
  const helper = perYear('Återbetalning (hjälprad)', payback(cum, net), 'muted');
  const helperDisc = perYear('Återbetalning diskonterad (hjälprad)', payback(cumDisc, disc), 'muted');
  // Benefits at expected value, for the operating-cost test below: amount × probability, summed per year.
  const expectedBenefits = add(
    [
      'Nyttor till förväntat värde (× sannolikhet)',
      null,
      null,
      null,
      null,
      null,
      ...years.map((y) =>
        lines
          .filter((l) => l.post === 'benefit' && l.kind === 'plan' && l.year === y)
          .reduce((sum, l) => sum + l.amount * (l.probability ?? 1), 0),
      ),
      { formula: `SUM(${yearRange(headerRow + rows.length)})` },
    ],
    'muted',
  );

  const table: Block = {
    id: 'kalkyl',
    row: headerRow,
    col: 0,
    cells: rows,
    formats: [null, null, null, null, FORMAT.sek, FORMAT.sek, ...years.map(() => FORMAT.sek), FORMAT.sek],
    rowStyles: styles as Block['rowStyles'],
    cellStyles: [{ row: 0, col: sumCol, style: 'header' }],
    // The factor row reads with decimals; the helper rows hold years.
    cellFormats: years.flatMap((_, i) => [
      { row: df - headerRow, col: firstYearCol + i, format: FORMAT.factor },
      { row: helper - headerRow, col: firstYearCol + i, format: FORMAT.years },
      { row: helperDisc - headerRow, col: firstYearCol + i, format: FORMAT.years },
    ]),
  };

  const pv = (row: number) => `${a1(row, firstYearCol)}+NPV(${RATE},${restRange(row)})`;
  // Each key figure is a named row; formulas refer to the rows by name, so a row added here moves them all alike.
  const keyRow = headerRow + rows.length + 1;
  const keyFigures: {
    name: keyof CaseCells | 'heading' | 'pvCosts' | 'pvBenefits';
    label: string;
    value: (at: Record<string, string>) => Cell;
    format?: string;
    style?: Style;
  }[] = [
    { name: 'heading', label: 'Nyckeltal (plan, till fullt värde)', value: () => null, style: 'header' },
    { name: 'npv', label: 'Nettonuvärde (kr)', value: () => ({ formula: pv(net) }), style: 'key' },
    { name: 'pvCosts', label: 'Nuvärde kostnader (kr)', value: () => ({ formula: pv(costs) }) },
    { name: 'pvBenefits', label: 'Nuvärde nyttor (kr)', value: () => ({ formula: pv(benefits) }) },
    {
      name: 'bcr',
      label: 'Nyttokostnadskvot',
      value: (at) => ({ formula: `IF(${at.pvCosts}=0,"saknas",${at.pvBenefits}/${at.pvCosts})` }),
      format: FORMAT.decimal,
    },
    {
      name: 'payback',
      label: 'Återbetalningstid (år)',
      format: FORMAT.years,
      value: () => ({ formula: `IF(COUNT(${yearRange(helper)})=0,"inte inom perioden",MIN(${yearRange(helper)}))` }),
    },
    {
      name: 'discountedPayback',
      label: 'Återbetalningstid, diskonterad (år)',
      format: FORMAT.years,
      value: () => ({ formula: `IF(COUNT(${yearRange(helperDisc)})=0,"inte inom perioden",MIN(${yearRange(helperDisc)}))` }),
    },
    { name: 'paybackYear', label: 'Återbetalning sker år', value: () => ({ formula: paybackYear(helper) }), format: FORMAT.year },
    {
      name: 'discountedPaybackYear',
      label: 'Återbetalning, diskonterad, sker år',
      value: () => ({ formula: paybackYear(helperDisc) }),
      format: FORMAT.year,
    },
    { name: 'irr', label: 'Internränta', value: () => ({ formula: `IFERROR(IRR(${yearRange(net)}),"saknas")` }), format: FORMAT.percent },
    {
      name: 'breakEven',
      label: 'Nytta per år för nollresultat (kr)',
      style: 'key',
      value: (at) => ({
        formula: `(${at.pvCosts}-SUMPRODUCT((${yearRange(headerRow)}<${FROM})*${yearRange(benefits)}*${yearRange(df)}))/SUMPRODUCT((${yearRange(headerRow)}>=${FROM})*${yearRange(df)})`,
      }),
    },
  ];
  const at = Object.fromEntries(keyFigures.map((k, i) => [k.name, a1(keyRow + i, 1)]));
  const key: Block = {
    id: 'nyckeltal',
    row: keyRow,
    col: 0,
    cells: keyFigures.map((k) => [k.label, k.value(at)]),
    rowStyles: keyFigures.map((k) => k.style ?? null),
    formats: [null, FORMAT.sek],
    cellFormats: keyFigures.flatMap((k, i) => (k.format ? [{ row: i, col: 1, format: k.format }] : [])),
  };
  const cells: CaseCells = {
    rate: 'B3',
    npv: at.npv,
    bcr: at.bcr,
    payback: at.payback,
    discountedPayback: at.discountedPayback,
    paybackYear: at.paybackYear,
    discountedPaybackYear: at.discountedPaybackYear,
    irr: at.irr,
    breakEven: at.breakEven,
  };

  const blocks: Block[] = [
    { id: 'rubrik', row: 0, col: 0, cells: [[`Nyttokalkyl ${figures.program} – scenario ${figures.scenario}`]], rowStyles: ['title'] },
    inputs,
    table,
    key,
  ];
  const e = figures.expected;
  blocks.push({
    id: 'forvantat',
    row: nextFreeRow(blocks),
    col: 0,
    cells: [
      ['Till förväntat värde (nyttor × sannolikhet), från tjänsten vid kalkylräntan ovan när arket skrevs', null],
      ['Nettonuvärde (kr)', e.npv],
      ['Nyttokostnadskvot', e.bcr],
      ['Återbetalningstid (år)', e.payback ?? 'inte inom perioden'],
      ['Återbetalningstid, diskonterad (år)', e.discountedPayback ?? 'inte inom perioden'],
      ['Återbetalning sker år', e.paybackYear ?? 'inte inom perioden'],
      ['Nytta per år för nollresultat (kr)', e.breakEvenAnnualBenefit],
    ],
    rowStyles: ['header', null, null, null, null, null, null],
    formats: [null, FORMAT.sek],
    cellFormats: [
      { row: 2, col: 1, format: FORMAT.decimal },
      { row: 3, col: 1, format: FORMAT.years },
      { row: 4, col: 1, format: FORMAT.years },
      { row: 5, col: 1, format: FORMAT.year },
    ],
  });
  const s = figures.sensitivity;
  blocks.push({
    id: 'kanslighet',
    row: nextFreeRow(blocks),
    col: 0,
    cells: [
      ['Känslighet (nettonuvärde, kr)', null],
      ['Alla poster på låg nytta och hög kostnad', s.npvLow],
      ['Alla poster på hög nytta och låg kostnad', s.npvHigh],
      ['Kostnader +10 %', s.costsUp],
      ['Kostnader −10 %', s.costsDown],
      ['Nyttor +10 %', s.benefitsUp],
      ['Nyttor −10 %', s.benefitsDown],
      ['Nyttorna får ändras (brytpunkt)', s.switchingValue],
      ['Med optimismpåslag på kostnaderna', s.npvWithOptimismBias],
    ],
    rowStyles: ['header', null, null, null, null, null, null, null, null],
    formats: [null, FORMAT.sek],
    cellStyles: [{ row: 7, col: 1, style: 'key' }],
    cellFormats: [{ row: 7, col: 1, format: FORMAT.percent }],
  });
  blocks.push({
    id: 'scenarier',
    row: nextFreeRow(blocks),
    col: 0,
    cells: [
      ['Scenario', 'Nettonuvärde (kr)', 'Nyttokostnadskvot', 'Återbetalningstid (år)', 'Nettonuvärde, förväntat (kr)'],
      ...figures.scenarios.map((x): Cell[] => [x.scenario, x.npv, x.bcr, x.payback ?? 'inte inom perioden', x.expectedNpv]),
    ],
    rowStyles: ['header'],
    formats: [null, FORMAT.sek, FORMAT.decimal, FORMAT.years, FORMAT.sek],
  });
  blocks.push({
    id: 'planutfall',
    row: nextFreeRow(blocks),
    col: 0,
    cells: [
      ['År', 'Kostnader, plan', 'Kostnader, utfall', 'Nyttor, plan', 'Nyttor, utfall', 'Kostnader, prognos', 'Nyttor, prognos'],
      ...figures.planAgainstOutcome.map((x): Cell[] => [
        x.year,
        x.planCosts,
        x.outcomeCosts,
        x.planBenefits,
        x.outcomeBenefits,
        x.forecastCosts ?? null,
        x.forecastBenefits ?? null,
      ]),
    ],
    rowStyles: ['header'],
    formats: [FORMAT.year, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.sek],
  });
  blocks.push(
    ...auditBlocks(
      figures,
      {
        firstYearCol,
        years,
        rate: RATE,
        from: FROM,
        breakEvenCell: at.breakEven,
        expectedRange: absolute(yearRange(expectedBenefits)),
        dfRange: absolute(yearRange(df)),
        yearRange: absolute(yearRange(headerRow)),
      },
      nextFreeRow(blocks),
      storeFigures,
    ),
  );
  if (figures.approved)
    for (const block of approvedCaseBlocks(compare?.now ?? nowFigures(figures), figures.approved, nextFreeRow(blocks))) blocks.push(block);
  if (compare) blocks.push(caseComparisonBlock(compare.now, compare.then, compare.label, nextFreeRow(blocks)));
  blocks.push(provenanceBlock(provenance, nextFreeRow(blocks)));
  return {
    plan: {
      name: 'Nyttokalkyl',
      code: 'NK',
      blocks,
      charts: [
        {
          // Costs and benefits per year as columns, the cumulative net as a line: where it crosses zero, the case pays back.
          title: `Kostnader, nyttor och ackumulerat netto – ${figures.scenario}`,
          type: 'combo',
          xTitle: 'År',
          yTitle: 'Kronor',
          yFormat: FORMAT.sek,
          at: a1(keyRow, 6),
          categories: yearRange(headerRow),
          series: [
            { name: 'Kostnader', values: yearRange(costs), kind: 'column' },
            { name: 'Nyttor', values: yearRange(benefits), kind: 'column' },
            { name: 'Ackumulerat netto', values: yearRange(cum) },
          ],
        },
      ],
      columnWidths: [34, 26, 14, 18, 14, 14, ...years.map(() => 14), 16],
      provenance,
      notes: attributionNotes(lines),
    },
    cells,
  };
}
