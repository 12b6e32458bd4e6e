/**
 * @module business-case-sheet – the nyttokalkyl as controllers know it from Inera's model: years as columns, items as
 * rows by post, class and stakeholder with low and high, and live formulas hanging off one input cell for the discount
 * rate, so a controller can change the rate and see NPV, payback and the break-even benefit follow.
 */
import { absolute, rowFixed } from './a1.js';
import { caseColumns, caseYears, type CaseColumns, type CaseFigures, type SheetCaseLine, type StoreKeyFigure } from './case-figures.js';
import { auditBlocks } from './business-case-audit.js';
import { approvedCaseBlocks } from './approved-version.js';
import { SheetLayout, type BlockWriter, type Field } from './layout.js';
import { caseComparison, earlier, type ComparedCase } from './version-compare.js';
import { FORMAT, type Cell, type ChartSpec, type Provenance, type SheetPlan } from './plan.js';

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

const NOT_WITHIN = 'inte inom perioden';

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

/** The plan's lines of one post, one row per item (category, class, stakeholder), in Swedish order. */
function items(lines: readonly SheetCaseLine[], post: 'cost' | 'benefit', years: readonly number[]) {
  const groups = new Map<string, SheetCaseLine[]>();
  for (const l of lines.filter((x) => x.post === post && x.kind === 'plan')) {
    const key = JSON.stringify([l.category, l.benefitClass ?? '', l.stakeholder ?? '']);
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'sv'))
    .map(([key, group]) => {
      const [category, cls, stakeholder] = JSON.parse(key) as string[];
      const sumOf = (pick: (l: SheetCaseLine) => number | null) =>
        group.every((l) => pick(l) !== null) ? group.reduce((s, l) => s + pick(l)!, 0) : null;
      return {
        category,
        cls: CLASS_NAMES[cls] ?? cls,
        stakeholder,
        low: sumOf((l) => l.low),
        high: sumOf((l) => l.high),
        perYear: years.map((y) => group.filter((l) => l.year === y).reduce((s, l) => s + l.amount, 0)),
      };
    });
}

/**
 * The table: items and sums per post, then per year the net, its running sum, the discount factor, the discounted net
 * and its running sum, the payback helpers and the benefits at expected value. Each row the key figures read is named.
 */
const caseTable =
  (figures: CaseFigures, years: readonly number[], cols: CaseColumns): BlockWriter =>
  (t) => {
    const yearCols = cols.each('år');
    const { first, last } = cols.span('år');
    const yearsOf = (row: number) => t.across(row, first, last);
    const label = (text: string): Cell[] => [text, ...Array.from({ length: first - 1 }, () => null)];
    const header = t.add(['Post', 'Kategori', 'Nyttotyp', 'Intressent', 'Låg (summa)', 'Hög (summa)', ...years, 'Summa'], {
      name: 'kalkylår',
      style: 'header',
    });
    t.style(header, cols.of('summa'), 'header');
    const itemRows = (post: 'cost' | 'benefit') =>
      t.addEach(items(figures.lines, post, years), (x, row) => [
        post === 'cost' ? 'Kostnad' : 'Nytta',
        x.category,
        x.cls,
        x.stakeholder,
        x.low,
        x.high,
        ...x.perYear,
        { formula: `SUM(${yearsOf(row)})` },
      ]);
    const sum = (text: string, name: string, rows: number[]) =>
      t.add(
        (row) => [
          ...label(text),
          ...yearCols.map((c): Cell => (rows.length ? { formula: `SUM(${t.at(rows[0], c)}:${t.at(rows[rows.length - 1], c)})` } : 0)),
          { formula: `SUM(${yearsOf(row)})` },
        ],
        { name, style: 'total' },
      );
    const perYear = (
      text: string,
      name: string,
      formula: (c: number, row: number, i: number) => string,
      style: 'total' | 'muted' | null = null,
    ) => t.add((row) => [...label(text), ...yearCols.map((c, i) => ({ formula: formula(c, row, i) })), null], { name, style });
    const running = (of: number) => (c: number, row: number, i: number) => (i === 0 ? t.at(of, c) : `${t.at(row, c - 1)}+${t.at(of, c)}`);

    const costs = sum('Summa kostnader', 'kostnader', itemRows('cost'));
    const benefits = sum('Summa nyttor', 'nyttor', itemRows('benefit'));
    const net = perYear('Netto (nyttor − kostnader)', 'netto', (c) => `${t.at(benefits, c)}-${t.at(costs, c)}`, 'total');
    const cum = perYear('Ackumulerat netto', 'ackumulerat netto', running(net));
    const year = (c: number) => rowFixed(t.at(header, c));
    const rate = absolute(t.sheet.cell('kalkylränta'));
    const startYear = absolute(t.sheet.cell('första år'));
    const df = perYear('Diskonteringsfaktor', 'diskonteringsfaktor', (c) => `1/(1+${rate})^(${year(c)}-${startYear})`);
    const disc = perYear('Diskonterat netto', 'diskonterat netto', (c) => `${t.at(net, c)}*${t.at(df, c)}`);
    const cumDisc = perYear('Ackumulerat diskonterat netto', 'ackumulerat diskonterat netto', running(disc));
    // Payback, in years from the start of the first year with each year's net spread over it: in the year t the running
    // sum turns, t + what was missing / that year's net (−100, 60, 60 → 2 + 40/60), as the calendar columns read.
    const payback = (cumRow: number, netRow: number) => (c: number, _row: number, i: number) =>
      i === 0
        ? `IF(${t.at(cumRow, c)}>=0,0,"")`
        : `IF(AND(${t.at(cumRow, c - 1)}<0,${t.at(cumRow, c)}>=0),${year(c)}-${startYear}-${t.at(cumRow, c - 1)}/${t.at(netRow, c)},"")`;
    const helper = perYear('Återbetalning (hjälprad)', 'återbetalning', payback(cum, net), 'muted');
    const helperDisc = perYear('Återbetalning diskonterad (hjälprad)', 'återbetalning diskonterad', payback(cumDisc, disc), 'muted');
    // Benefits at expected value, for the operating-cost test: amount × probability, summed per year.
    t.add(
      (row) => [
        ...label('Nyttor till förväntat värde (× sannolikhet)'),
        ...years.map((y) =>
          figures.lines
            .filter((l) => l.post === 'benefit' && l.kind === 'plan' && l.year === y)
            .reduce((sum, l) => sum + l.amount * (l.probability ?? 1), 0),
        ),
        { formula: `SUM(${yearsOf(row)})` },
      ],
      { name: 'förväntade nyttor', style: 'muted' },
    );
    // The factor row reads with decimals; the helper rows hold years.
    for (const c of yearCols) {
      t.format(df, c, FORMAT.factor);
      t.format(helper, c, FORMAT.years);
      t.format(helperDisc, c, FORMAT.years);
    }
    return { formats: cols.row({ låg: FORMAT.sek, hög: FORMAT.sek, år: FORMAT.sek, summa: FORMAT.sek }) };
  };

/** The key figures, each a formula on the table's named rows, so they follow the rate cell and any edited amount. */
function keyFigures(sheet: SheetLayout, cols: CaseColumns): Field[] {
  const { first, last } = cols.span('år');
  const rate = absolute(sheet.cell('kalkylränta'));
  const years = (name: string) => sheet.range(name, { first, last });
  const pv = (name: string) => ({ formula: `${sheet.at(name, first)}+NPV(${rate},${sheet.range(name, { first: first + 1, last })})` });
  const payback = (helper: string) => ({ formula: `IF(COUNT(${years(helper)})=0,"${NOT_WITHIN}",MIN(${years(helper)}))` });
  // The calendar year it happens in: the year of the helper's value (2.67 → the third year, 3.0 → the third too).
  const paybackYear = (helper: string) => ({
    formula: `IF(COUNT(${years(helper)})=0,"${NOT_WITHIN}",${absolute(sheet.cell('första år'))}+MAX(0,ROUNDUP(MIN(${years(helper)}),0)-1))`,
  });
  const from = absolute(sheet.cell('nytta från'));
  return [
    { name: 'nettonuvärde', label: 'Nettonuvärde (kr)', value: pv('netto'), style: 'key' },
    { name: 'nuvärde kostnader', label: 'Nuvärde kostnader (kr)', value: pv('kostnader') },
    { name: 'nuvärde nyttor', label: 'Nuvärde nyttor (kr)', value: pv('nyttor') },
    {
      name: 'nyttokostnadskvot',
      label: 'Nyttokostnadskvot',
      value: (s) => ({
        formula: `IF(${s.cell('nuvärde kostnader')}=0,"saknas",${s.cell('nuvärde nyttor')}/${s.cell('nuvärde kostnader')})`,
      }),
      format: FORMAT.decimal,
    },
    { name: 'återbetalningstid', label: 'Återbetalningstid (år)', format: FORMAT.years, value: payback('återbetalning') },
    {
      name: 'återbetalningstid diskonterad',
      label: 'Återbetalningstid, diskonterad (år)',
      format: FORMAT.years,
      value: payback('återbetalning diskonterad'),
    },
    { name: 'återbetalningsår', label: 'Återbetalning sker år', value: paybackYear('återbetalning'), format: FORMAT.year },
    {
      name: 'återbetalningsår diskonterat',
      label: 'Återbetalning, diskonterad, sker år',
      value: paybackYear('återbetalning diskonterad'),
      format: FORMAT.year,
    },
    { name: 'internränta', label: 'Internränta', value: { formula: `IFERROR(IRR(${years('netto')}),"saknas")` }, format: FORMAT.percent },
    {
      name: 'nollresultat',
      label: 'Nytta per år för nollresultat (kr)',
      style: 'key',
      value: (s) => ({
        formula: `(${s.cell('nuvärde kostnader')}-SUMPRODUCT((${years('kalkylår')}<${from})*${years('nyttor')}*${years('diskonteringsfaktor')}))/SUMPRODUCT((${years('kalkylår')}>=${from})*${years('diskonteringsfaktor')})`,
      }),
    },
  ];
}

/** What the service computed at expected value (benefits × probability), at the rate the sheet was written with. */
const expectedFigures = (e: CaseFigures['expected']): Field[] => [
  { label: 'Nettonuvärde (kr)', value: e.npv },
  { label: 'Nyttokostnadskvot', value: e.bcr, format: FORMAT.decimal },
  { label: 'Återbetalningstid (år)', value: e.payback ?? NOT_WITHIN, format: FORMAT.years },
  { label: 'Återbetalningstid, diskonterad (år)', value: e.discountedPayback ?? NOT_WITHIN, format: FORMAT.years },
  { label: 'Återbetalning sker år', value: e.paybackYear ?? NOT_WITHIN, format: FORMAT.year },
  { label: 'Nytta per år för nollresultat (kr)', value: e.breakEvenAnnualBenefit },
];

/** The NPV with every item at its low or high, costs and benefits ±10 %, the switching value and optimism bias. */
const sensitivity = (s: CaseFigures['sensitivity']): Field[] => [
  { label: 'Alla poster på låg nytta och hög kostnad', value: s.npvLow },
  { label: 'Alla poster på hög nytta och låg kostnad', value: s.npvHigh },
  { label: 'Kostnader +10 %', value: s.costsUp },
  { label: 'Kostnader −10 %', value: s.costsDown },
  { label: 'Nyttor +10 %', value: s.benefitsUp },
  { label: 'Nyttor −10 %', value: s.benefitsDown },
  { label: 'Nyttorna får ändras (brytpunkt)', value: s.switchingValue, valueStyle: 'key', format: FORMAT.percent },
  { label: 'Med optimismpåslag på kostnaderna', value: s.npvWithOptimismBias },
];

const scenarios =
  (list: CaseFigures['scenarios']): BlockWriter =>
  (b) => {
    b.add(['Scenario', 'Nettonuvärde (kr)', 'Nyttokostnadskvot', 'Återbetalningstid (år)', 'Nettonuvärde, förväntat (kr)'], {
      style: 'header',
    });
    b.addEach(list, (x) => [x.scenario, x.npv, x.bcr, x.payback ?? NOT_WITHIN, x.expectedNpv]);
    return { formats: [null, FORMAT.sek, FORMAT.decimal, FORMAT.years, FORMAT.sek] };
  };

const planAgainstOutcome =
  (list: CaseFigures['planAgainstOutcome']): BlockWriter =>
  (b) => {
    b.add(['År', 'Kostnader, plan', 'Kostnader, utfall', 'Nyttor, plan', 'Nyttor, utfall', 'Kostnader, prognos', 'Nyttor, prognos'], {
      style: 'header',
    });
    b.addEach(list, (x) => [
      x.year,
      x.planCosts,
      x.outcomeCosts,
      x.planBenefits,
      x.outcomeBenefits,
      x.forecastCosts ?? null,
      x.forecastBenefits ?? null,
    ]);
    return { formats: [FORMAT.year, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.sek, FORMAT.sek] };
  };

/** Costs and benefits per year as columns, the cumulative net as a line: where it crosses zero, the case pays back. */
function caseChart(sheet: SheetLayout, figures: CaseFigures, cols: CaseColumns): ChartSpec {
  const years = cols.span('år');
  return {
    title: `Kostnader, nyttor och ackumulerat netto – ${figures.scenario}`,
    type: 'combo',
    xTitle: 'År',
    yTitle: 'Kronor',
    yFormat: FORMAT.sek,
    // Beside the key figures, over the year columns.
    at: sheet.at('nyckeltal', years.first),
    categories: sheet.range('kalkylår', years),
    series: [
      { name: 'Kostnader', values: sheet.range('kostnader', years), kind: 'column' },
      { name: 'Nyttor', values: sheet.range('nyttor', years), kind: 'column' },
      { name: 'Ackumulerat netto', values: sheet.range('ackumulerat netto', years) },
    ],
  };
}

const caseCells = (sheet: SheetLayout): CaseCells => ({
  rate: sheet.cell('kalkylränta'),
  npv: sheet.cell('nettonuvärde'),
  bcr: sheet.cell('nyttokostnadskvot'),
  payback: sheet.cell('återbetalningstid'),
  discountedPayback: sheet.cell('återbetalningstid diskonterad'),
  paybackYear: sheet.cell('återbetalningsår'),
  discountedPaybackYear: sheet.cell('återbetalningsår diskonterat'),
  irr: sheet.cell('internränta'),
  breakEven: sheet.cell('nollresultat'),
});

export function businessCaseSheet(
  figures: CaseFigures,
  provenance: Provenance,
  storeFigures: readonly StoreKeyFigure[] = [],
  /** compareAsOf: the figures now beside an earlier version's. */
  compare?: { label: string; now: ComparedCase; then: ComparedCase },
): { plan: SheetPlan; cells: CaseCells } {
  const years = caseYears(figures);
  const cols = caseColumns(years);
  const money = { formats: [null, FORMAT.sek] };
  const sheet = new SheetLayout();
  sheet.title(`Nyttokalkyl ${figures.program} – scenario ${figures.scenario}`);
  sheet.fields('indata', null, [
    { name: 'kalkylränta', label: 'Kalkylränta', value: figures.rate, valueStyle: 'input', format: FORMAT.percent },
    { name: 'första år', label: 'Första år (år 0)', value: figures.startYear },
    { name: 'nytta från', label: 'Nytta för nollresultat från år', value: figures.fromYear, valueStyle: 'input' },
  ]);
  sheet.block('kalkyl', caseTable(figures, years, cols));
  sheet.fields('nyckeltal', ['Nyckeltal (plan, till fullt värde)', null], keyFigures(sheet, cols), money);
  const expectedHeading = 'Till förväntat värde (nyttor × sannolikhet), från tjänsten vid kalkylräntan ovan när arket skrevs';
  sheet.fields('forvantat', [expectedHeading, null], expectedFigures(figures.expected), money);
  sheet.fields('kanslighet', ['Känslighet (nettonuvärde, kr)', null], sensitivity(figures.sensitivity), money);
  sheet.block('scenarier', scenarios(figures.scenarios));
  sheet.block('planutfall', planAgainstOutcome(figures.planAgainstOutcome));
  auditBlocks(sheet, figures, cols, storeFigures);
  if (figures.approved) approvedCaseBlocks(sheet, compare?.now ?? nowFigures(figures), figures.approved);
  if (compare) sheet.block('jamforelse', caseComparison(compare.now, compare.then, earlier('jamforelse', `Jämfört med ${compare.label}`)));
  sheet.chart(caseChart(sheet, figures, cols));
  const plan = sheet.plan({
    name: 'Nyttokalkyl',
    code: 'NK',
    columnWidths: cols.full({ post: 34, kategori: 26, nyttotyp: 14, intressent: 18, låg: 14, hög: 14, år: 14, summa: 16 }),
    provenance,
    notes: attributionNotes(figures.lines),
  });
  return { plan, cells: caseCells(sheet) };
}
