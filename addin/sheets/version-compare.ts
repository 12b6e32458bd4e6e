/**
 * @module version-compare – the figures now beside an earlier version of the store (`compareAsOf`): the business case's
 * key figures and yearly costs and benefits, and the follow-up's targets. Differences are formulas, so they follow a
 * hand edit of either column as any cell would.
 */
import type { BusinessCaseResponse, FollowupResponse } from '../../pipeline/contracts/index.js';
import { a1 } from './a1.js';
import { FORMAT, type Block, type Cell } from './plan.js';

/** What a comparison reads of a business-case answer: a full answer fits. */
export type ComparedCase = Pick<BusinessCaseResponse, 'npv' | 'bcr' | 'payback' | 'discountedPayback'> & {
  years: Pick<BusinessCaseResponse['years'][number], 'year' | 'costs' | 'benefits'>[];
};

const NOT_WITHIN = 'inte inom perioden';
const difference = (row: number, now: number, then: number): Cell => ({
  formula: `IF(AND(ISNUMBER(${a1(row, now)}),ISNUMBER(${a1(row, then)})),${a1(row, now)}-${a1(row, then)},"")`,
});

/** How a comparison names its block and its columns: an earlier version (`compareAsOf`) or the approved one. */
export interface ComparisonLabels {
  id: string;
  /** The first cell of the block's header. */
  heading: string;
  /** The column of the other version's figures: "Då", "Fastställd". */
  then: string;
}

const earlier = (id: string, heading: string): ComparisonLabels => ({ id, heading, then: 'Då' });

/** NPV, BCR and payback now and then, then the yearly costs and benefits now and then, each with the difference. */
export function caseComparisonBlock(
  now: ComparedCase,
  then: ComparedCase,
  label: string,
  row: number,
  labels: ComparisonLabels = earlier('jamforelse', `Jämfört med ${label}`),
): Block {
  const figures: [string, number | null, number | null, string][] = [
    ['Nettonuvärde (kr)', now.npv, then.npv, FORMAT.sek],
    ['Nyttokostnadskvot', now.bcr, then.bcr, FORMAT.decimal],
    ['Återbetalningstid (år)', now.payback, then.payback, FORMAT.years],
    ['Återbetalningstid, diskonterad (år)', now.discountedPayback, then.discountedPayback, FORMAT.years],
  ];
  const cells: Cell[][] = [[labels.heading, 'Nu', labels.then, 'Skillnad', null, null, null]];
  const cellFormats: NonNullable<Block['cellFormats']> = [];
  for (const [name, a, b, format] of figures) {
    const r = row + cells.length;
    cells.push([name, a ?? NOT_WITHIN, b ?? NOT_WITHIN, difference(r, 1, 2), null, null, null]);
    for (const col of [1, 2, 3]) cellFormats.push({ row: cells.length - 1, col, format });
  }
  const header = cells.length;
  const thenWord = labels.then.toLowerCase();
  cells.push(['År', 'Kostnader nu', `Kostnader ${thenWord}`, 'Skillnad', 'Nyttor nu', `Nyttor ${thenWord}`, 'Skillnad']);
  const years = [...new Set([...now.years, ...then.years].map((y) => y.year))].sort((x, y) => x - y);
  for (const year of years) {
    const r = row + cells.length;
    const a = now.years.find((y) => y.year === year);
    const b = then.years.find((y) => y.year === year);
    cells.push([year, a?.costs ?? 0, b?.costs ?? 0, difference(r, 1, 2), a?.benefits ?? 0, b?.benefits ?? 0, difference(r, 4, 5)]);
    cellFormats.push({ row: cells.length - 1, col: 0, format: FORMAT.year });
    for (const col of [1, 2, 3, 4, 5, 6]) cellFormats.push({ row: cells.length - 1, col, format: FORMAT.sek });
  }
  return {
    id: labels.id,
    row,
    col: 0,
    cells,
    rowStyles: cells.map((_, i) => (i === 0 || i === header ? 'header' : null)),
    cellFormats,
  };
}

type TargetIndicator = Pick<FollowupResponse['indicators'][number], 'indicator' | 'unit'> &
  Partial<Pick<FollowupResponse['indicators'][number], 'geography'>> & {
    years: Pick<FollowupResponse['indicators'][number]['years'][number], 'calendarYear' | 'target'>[];
  };

/** Every target now or then, per indicator, unit and year, with the difference; the unchanged ones too, for the record. */
export function targetComparisonBlock(
  now: readonly TargetIndicator[],
  then: readonly TargetIndicator[],
  label: string,
  row: number,
  labels: ComparisonLabels = earlier('jamforelse_mal', `Målvärden jämfört med ${label}`),
): Block {
  const targets = (list: readonly TargetIndicator[]) =>
    new Map(
      list.flatMap((i) =>
        i.years
          .filter((y) => y.target !== null)
          .map((y) => [`${i.indicator}\u0000${i.unit ?? i.geography ?? ''}\u0000${y.calendarYear}`, y.target]),
      ),
    );
  const a = targets(now);
  const b = targets(then);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x.localeCompare(y, 'sv', { numeric: true }));
  const cells: Cell[][] = [[labels.heading, 'Enhet', 'År', 'Mål nu', `Mål ${labels.then.toLowerCase()}`, 'Skillnad']];
  for (const key of keys) {
    const [indicator, unit, year] = key.split('\u0000');
    const r = row + cells.length;
    cells.push([indicator, unit, Number(year), a.get(key) ?? null, b.get(key) ?? null, difference(r, 3, 4)]);
  }
  if (keys.length === 0) cells.push(['Inga målvärden', null, null, null, null, null]);
  return {
    id: labels.id,
    row,
    col: 0,
    cells,
    rowStyles: ['header'],
    formats: [null, null, FORMAT.year, FORMAT.decimal, FORMAT.decimal, FORMAT.decimal],
  };
}
