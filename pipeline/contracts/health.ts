/** @module health – `GET /api/v1/health`: whether the service is up, and what the store holds. */
import { z } from 'zod';

export const healthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  loads: z.number().int(),
  observations: z.number().int(),
  localMode: z.boolean(),
  /** How the task pane signs in with nested app authentication: the add-in's app, the issuer's authority, the scopes. */
  signIn: z.object({ clientId: z.string(), authority: z.string(), scopes: z.array(z.string()) }).nullable(),
});
export type HealthResponse = z.infer<typeof healthResponse>;

/** `GET /api/v1/me`: who the service takes the caller for, and how they signed in. */
export const meResponse = z.object({
  name: z.string(),
  role: z.enum(['reader', 'analyst', 'controller', 'admin']),
  signedInVia: z.enum(['oidc', 'token', 'local']),
});
export type MeResponse = z.infer<typeof meResponse>;
