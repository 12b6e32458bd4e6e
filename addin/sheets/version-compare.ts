/**
 * @module version-compare – the figures now beside an earlier version of the store (`compareAsOf`): the business case's
 * key figures and yearly costs and benefits, and the follow-up's targets. Differences are formulas, so they follow a
 * hand edit of either column as any cell would.
 */
import type { BusinessCaseResponse, FollowupResponse } from '../../pipeline/contracts/index.js';
import { blockAt, type BlockWriter } from './layout.js';
import { FORMAT, type Block, type Cell } from './plan.js';

/** What a comparison reads of a business-case answer: a full answer fits. */
export type ComparedCase = Pick<BusinessCaseResponse, 'npv' | 'bcr' | 'payback' | 'discountedPayback'> & {
  years: Pick<BusinessCaseResponse['years'][number], 'year' | 'costs' | 'benefits'>[];
};

const NOT_WITHIN = 'inte inom perioden';

/** Now minus then, as a formula, where both are numbers. */
const difference = (now: string, then: string): Cell => ({
  formula: `IF(AND(ISNUMBER(${now}),ISNUMBER(${then})),${now}-${then},"")`,
});

/** How a comparison names its block and its columns: an earlier version (`compareAsOf`) or the approved one. */
export interface ComparisonLabels {
  id: string;
  /** The first cell of the block's header. */
  heading: string;
  /** The column of the other version's figures: "Då", "Fastställd". */
  then: string;
}

export const earlier = (id: string, heading: string): ComparisonLabels => ({ id, heading, then: 'Då' });

/** NPV, BCR and payback now and then, then the yearly costs and benefits now and then, each with the difference. */
export const caseComparison =
  (now: ComparedCase, then: ComparedCase, labels: ComparisonLabels): BlockWriter =>
  (b) => {
    const figures: [string, number | null, number | null, string][] = [
      ['Nettonuvärde (kr)', now.npv, then.npv, FORMAT.sek],
      ['Nyttokostnadskvot', now.bcr, then.bcr, FORMAT.decimal],
      ['Återbetalningstid (år)', now.payback, then.payback, FORMAT.years],
      ['Återbetalningstid, diskonterad (år)', now.discountedPayback, then.discountedPayback, FORMAT.years],
    ];
    b.add([labels.heading, 'Nu', labels.then, 'Skillnad', null, null, null], { style: 'header' });
    for (const [name, a, c, format] of figures) {
      const row = b.add((r) => [name, a ?? NOT_WITHIN, c ?? NOT_WITHIN, difference(b.at(r, 1), b.at(r, 2)), null, null, null]);
      for (const col of [1, 2, 3]) b.format(row, col, format);
    }
    const thenWord = labels.then.toLowerCase();
    b.add(['År', 'Kostnader nu', `Kostnader ${thenWord}`, 'Skillnad', 'Nyttor nu', `Nyttor ${thenWord}`, 'Skillnad'], { style: 'header' });
    const years = [...new Set([...now.years, ...then.years].map((y) => y.year))].sort((x, y) => x - y);
    for (const year of years) {
      const a = now.years.find((y) => y.year === year);
      const c = then.years.find((y) => y.year === year);
      const row = b.add((r) => [
        year,
        a?.costs ?? 0,
        c?.costs ?? 0,
        difference(b.at(r, 1), b.at(r, 2)),
        a?.benefits ?? 0,
        c?.benefits ?? 0,
        difference(b.at(r, 4), b.at(r, 5)),
      ]);
      b.format(row, 0, FORMAT.year);
      for (const col of [1, 2, 3, 4, 5, 6]) b.format(row, col, FORMAT.sek);
    }
  };

type TargetIndicator = Pick<FollowupResponse['indicators'][number], 'indicator' | 'unit'> &
  Partial<Pick<FollowupResponse['indicators'][number], 'geography'>> & {
    years: Pick<FollowupResponse['indicators'][number]['years'][number], 'calendarYear' | 'target'>[];
  };

/** Every target now or then, per indicator, unit and year, with the difference; the unchanged ones too, for the record. */
export const targetComparison =
  (now: readonly TargetIndicator[], then: readonly TargetIndicator[], labels: ComparisonLabels): BlockWriter =>
  (b) => {
    const targets = (list: readonly TargetIndicator[]) =>
      new Map(
        list.flatMap((i) =>
          i.years
            .filter((y) => y.target !== null)
            .map((y) => [`${i.indicator}\u0000${i.unit ?? i.geography ?? ''}\u0000${y.calendarYear}`, y.target]),
        ),
      );
    const a = targets(now);
    const c = targets(then);
    const keys = [...new Set([...a.keys(), ...c.keys()])].sort((x, y) => x.localeCompare(y, 'sv', { numeric: true }));
    b.add([labels.heading, 'Enhet', 'År', 'Mål nu', `Mål ${labels.then.toLowerCase()}`, 'Skillnad'], { style: 'header' });
    b.addEach(keys, (key, r) => {
      const [indicator, unit, year] = key.split('\u0000');
      return [indicator, unit, Number(year), a.get(key) ?? null, c.get(key) ?? null, difference(b.at(r, 3), b.at(r, 4))];
    });
    if (keys.length === 0) b.add(['Inga målvärden', null, null, null, null, null]);
    return { formats: [null, null, FORMAT.year, FORMAT.decimal, FORMAT.decimal, FORMAT.decimal] };
  };

/** The targets compared, as one block at `row`, apart from a sheet. */
export function targetComparisonBlock(
  now: readonly TargetIndicator[],
  then: readonly TargetIndicator[],
  label: string,
  row: number,
  labels: ComparisonLabels = earlier('jamforelse_mal', `Målvärden jämfört med ${label}`),
): Block {
  return blockAt(row, labels.id, targetComparison(now, then, labels));
}
