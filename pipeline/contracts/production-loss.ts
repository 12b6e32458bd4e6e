/** @module production-loss – `GET /api/v1/production-loss`: the modelled loss of care production around each unit's go-live. */
import { z } from 'zod';
import { numberParam, requiredText } from './common.js';

export const productionLossQuery = z
  .object({
    volumeIndicator: requiredText('volumeIndicator'),
    unit: z.string().max(200).optional(),
    costPerContact: numberParam('costPerContact').pipe(z.number().min(0, 'parametern "costPerContact" ska vara minst 0')).default(2000),
    peak: numberParam('peak')
      .pipe(z.number().gt(0, 'parametern "peak" ska vara större än 0').max(1, 'parametern "peak" anges som andel, t.ex. 0.25 för 25 %'))
      .default(0.25),
  })
  .strict();

const loss = { lostContacts: z.number(), lostSek: z.number() };

export const productionLossResponse = z.object({
  volumeIndicator: z.string(),
  costPerContact: z.number(),
  curve: z.object({ weeksBefore: z.number(), weeksAfter: z.number(), peakWeeks: z.number(), peak: z.number() }),
  byAdministration: z.array(z.object({ administration: z.string(), ...loss })),
  byWave: z.array(z.object({ goLive: z.string(), units: z.array(z.string()), ...loss })),
  byYear: z.array(z.object({ year: z.number().int(), lostSek: z.number() })),
  lostSek: z.number(),
});
export type ProductionLossResponse = z.infer<typeof productionLossResponse>;
