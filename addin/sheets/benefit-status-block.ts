/**
 * @module benefit-status-block – *Nyttornas status*: each benefit's judged status (grön, gul, röd) and confidence for the
 * latest period, its trend, beside the status its indicators measure; a judgement the measurement disagrees with
 * marked, and a benefit not assessed for the current period said so.
 */
import type { BenefitStatusResponse } from '../../pipeline/contracts/index.js';
import { Columns, type BlockWriter } from './layout.js';
import type { Cell } from './plan.js';

const MEASURED_TEXT = { reached: 'uppnått', on_track: 'på väg', at_risk: 'risk', not_measured: 'ej mätt' } as const;

/** What the block reads of `GET /api/v1/benefit-status`: a full answer fits. */
export type BenefitStatusData = Pick<BenefitStatusResponse, 'currentPeriod' | 'benefits'>;

const COLUMNS = new Columns([
  'nytta',
  'namn',
  'period',
  'bedömd',
  'tillförsikt',
  'kommentar',
  'bedömdAv',
  'datum',
  'trend',
  'mätt',
  'mättÅr',
  'skiljer',
  'dennaPeriod',
] as const);

/** The block's rows: a benefit each, the judged status coloured, and where judgement and measurement disagree marked. */
export const benefitStatus =
  (data: BenefitStatusData): BlockWriter =>
  (b) => {
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
    b.add(header, { style: 'header' });
    b.addEach(data.benefits, (x) => [
      x.id,
      x.name,
      x.latest?.period ?? null,
      x.latest?.status ?? 'ej bedömd',
      x.latest?.confidence ?? null,
      x.latest?.comment ?? null,
      x.latest?.assessedBy ?? null,
      x.latest?.assessed ?? null,
      x.trend.map((a) => `${a.period} ${a.status}`).join(', ') || null,
      MEASURED_TEXT[x.measured.status],
      x.measured.year,
      x.disagrees ? 'ja' : 'nej',
      x.assessedThisPeriod ? 'ja' : 'nej',
    ]);
    if (!data.benefits.length) b.add(['Inga nyttor', ...header.slice(1).map(() => null)]);
    const column = (name: Parameters<typeof COLUMNS.of>[0]) => b.column(COLUMNS.of(name));
    return {
      conditionalFormats: [
        { range: column('bedömd'), text: 'grön', style: 'green' },
        { range: column('bedömd'), text: 'gul', style: 'yellow' },
        { range: column('bedömd'), text: 'röd', style: 'red' },
        { range: column('mätt'), text: 'risk', style: 'red' },
        { range: column('skiljer'), text: 'ja', style: 'red' },
        { range: column('dennaPeriod'), text: 'nej', style: 'yellow' },
      ],
    };
  };
