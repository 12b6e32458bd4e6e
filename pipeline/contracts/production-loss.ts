/** @module production-loss – `GET /api/v1/production-loss`: the modelled loss of care production around each unit's go-live. */
import { z } from 'zod';
import { numberParam, requiredText } from './common.js';

const weeks = (name: string) =>
  numberParam(name).pipe(
    z
      .number()
      .int(`parametern "${name}" ska vara ett helt antal veckor`)
      .min(1, `parametern "${name}" ska vara minst 1 vecka`)
      .max(104, `parametern "${name}" får vara högst 104 veckor`),
  );

/** The loss curve's parameters, shared by this endpoint and the business case; the defaults are the audit's (25 %, −12 to +16 weeks). */
export const lossCurveParams = {
  volumeIndicator: z.string().min(1).max(200).optional(),
  costPerContact: numberParam('costPerContact').pipe(z.number().min(0, 'parametern "costPerContact" ska vara minst 0')).optional(),
  peak: numberParam('peak')
    .pipe(z.number().gt(0, 'parametern "peak" ska vara större än 0').max(1, 'parametern "peak" anges som andel, t.ex. 0.25 för 25 %'))
    .optional(),
  weeksBefore: weeks('weeksBefore').optional(),
  weeksAfter: weeks('weeksAfter').optional(),
};

export const productionLossQuery = z
  .object({
    ...lossCurveParams,
    volumeIndicator: requiredText('volumeIndicator'),
    unit: z.string().max(200).optional(),
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
  /** The loss actually measured: per administration, the volume indicator's drop against its baseline in the same weeks. */
  measured: z.array(
    z.object({
      administration: z.string(),
      expectedContacts: z.number(),
      actualContacts: z.number(),
      lostContacts: z.number(),
      lostSek: z.number(),
    }),
  ),
});
export type ProductionLossResponse = z.infer<typeof productionLossResponse>;
export type LossCurve = z.infer<typeof productionLossResponse>['curve'];
