/** @module health – `GET /api/v1/health`: whether the service is up, and what the store holds. */
import { z } from 'zod';

export const healthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  loads: z.number().int(),
  observations: z.number().int(),
  localMode: z.boolean(),
});
export type HealthResponse = z.infer<typeof healthResponse>;
