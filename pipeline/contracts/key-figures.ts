/** @module key-figures – `GET /api/v1/key-figures`: the store's key figures (nyckeltal), with their value in SEK where it is money. */
import { z } from 'zod';

export const keyFigureQuery = z.object({ name: z.string().max(200).optional() }).strict();

export const keyFigureListResponse = z.object({
  keyFigures: z.array(
    z.object({
      name: z.string(),
      value: z.number().nullable(),
      unit: z.string().nullable(),
      period: z.string(),
      source: z.string().nullable(),
      note: z.string().nullable(),
      /** The value in SEK when the unit is money (`mnkr`, `tkr`, `kr`, per year or not). */
      valueSek: z.number().nullable(),
      /** Whether the business case's operating-cost test reads it as the yearly rise in operating costs. */
      operatingCostRise: z.boolean(),
    }),
  ),
});
export type KeyFigureListResponse = z.infer<typeof keyFigureListResponse>;
