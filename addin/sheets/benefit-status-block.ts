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

/** The block's columns and their headers; the first names the current period. */
const HEADERS = {
  nytta: '',
  namn: 'Nytta',
  period: 'Period',
  bedömd: 'Bedömd status',
  tillförsikt: 'Tillförsikt',
  kommentar: 'Kommentar',
  bedömdAv: 'Bedömd av',
  datum: 'Bedömd',
  trend: 'Trend',
  mätt: 'Mätt status',
  mättÅr: 'Mätt år',
  skiljer: 'Bedömning och mätning skiljer sig',
  dennaPeriod: 'Bedömd denna period',
} as const;
const COLUMNS = new Columns(Object.keys(HEADERS) as (keyof typeof HEADERS)[]);

/** The block's rows: a benefit each, the judged status coloured, and where judgement and measurement disagree marked. */
export const benefitStatus =
  (data: BenefitStatusData): BlockWriter =>
  (b) => {
    const header: Cell[] = Object.values({ ...HEADERS, nytta: `Nyttornas status (aktuell period ${data.currentPeriod.id})` });
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
    const column = (name: keyof typeof HEADERS) => b.column(COLUMNS.of(name));
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
