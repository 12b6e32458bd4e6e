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
  /** Answers kept per store version: how many, their size against the budget, and how often a question found one. */
  answers: z.object({
    entries: z.number().int(),
    bytes: z.number().int(),
    maxBytes: z.number().int(),
    hits: z.number().int(),
    misses: z.number().int(),
    /** Answers found kept (304s and shared computations included) over all questions asked, 0–1; null before the first. */
    hitRate: z.number().nullable(),
  }),
  /** Reader connections kept between requests: idle now, opened and reused since the service started. */
  readers: z.object({ idle: z.number().int(), opened: z.number().int(), reused: z.number().int() }),
  /** Costly questions (follow-ups, workbooks, the portfolio): computing now, waiting in line, and the bounds of both. */
  costly: z.object({ running: z.number().int(), waiting: z.number().int(), slots: z.number().int(), queue: z.number().int() }),
  /** The observation rollup: whether it answers for the store as it stands, after which load it was built, its size. */
  rollup: z.object({
    fresh: z.boolean(),
    builtAfter: z.number().int().nullable(),
    rows: z.number().int(),
    buildMs: z.number().int().nullable(),
  }),
});
export type HealthResponse = z.infer<typeof healthResponse>;

/** `GET /api/v1/me`: who the service takes the caller for, and how they signed in. */
export const meResponse = z.object({
  name: z.string(),
  role: z.enum(['reader', 'analyst', 'controller', 'admin']),
  signedInVia: z.enum(['oidc', 'token', 'local']),
});
export type MeResponse = z.infer<typeof meResponse>;
