/**
 * @module benefit-status-block – *Nyttornas status*: each benefit's judged status (grön, gul, röd) and confidence for the
 * latest period, its trend, beside the status its indicators measure; a judgement the measurement disagrees with
 * marked, and a benefit not assessed for the current period said so.
 */
import type { BenefitStatusResponse } from '../../pipeline/contracts/index.js';
import { a1 } from './a1.js';
import { type Block, type Cell } from './plan.js';

const MEASURED_TEXT = { reached: 'uppnått', on_track: 'på väg', at_risk: 'risk', not_measured: 'ej mätt' } as const;

/** What the block reads of `GET /api/v1/benefit-status`: a full answer fits. */
export type BenefitStatusData = Pick<BenefitStatusResponse, 'currentPeriod' | 'benefits'>;

export function benefitStatusBlock(data: BenefitStatusData, row: number, id = 'nyttostatus'): Block {
  const header: Cell[] = [
    `Nyttornas status (aktuell period ${data.currentPeriod.id})`,
    'Nytta',
    'Period',
    'Bedömd status',
    'Tillförsikt',
    'Kommentar',
    'Bedömd av',
    'Bedömd',
    'Trend',
    'Mätt status',
    'Mätt år',
    'Bedömning och mätning skiljer sig',
    'Bedömd denna period',
  ];
  const cells: Cell[][] = [header];
  for (const b of data.benefits) {
    cells.push([
      b.id,
      b.name,
      b.latest?.period ?? null,
      b.latest?.status ?? 'ej bedömd',
      b.latest?.confidence ?? null,
      b.latest?.comment ?? null,
      b.latest?.assessedBy ?? null,
      b.latest?.assessed ?? null,
      b.trend.map((a) => `${a.period} ${a.status}`).join(', ') || null,
      MEASURED_TEXT[b.measured.status],
      b.measured.year,
      b.disagrees ? 'ja' : 'nej',
      b.assessedThisPeriod ? 'ja' : 'nej',
    ]);
  }
  if (!data.benefits.length) cells.push(['Inga nyttor', ...header.slice(1).map(() => null)]);
  // 1-based rows of the values under the header; the judged status is column D, the disagreement L, this period M.
  const first = row + 2;
  const last = row + cells.length;
  const col = (c: number, from = first, to = last) => `${a1(from - 1, c)}:${a1(to - 1, c)}`;
  return {
    id,
    row,
    col: 0,
    cells,
    rowStyles: ['header'],
    conditionalFormats: [
      { range: col(3), text: 'grön', style: 'green' },
      { range: col(3), text: 'gul', style: 'yellow' },
      { range: col(3), text: 'röd', style: 'red' },
      { range: col(9), text: 'risk', style: 'red' },
      { range: col(11), text: 'ja', style: 'red' },
      { range: col(12), text: 'nej', style: 'yellow' },
    ],
  };
}
