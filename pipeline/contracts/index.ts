/**
 * @module contracts – the one contract between the service and the add-in: zod schemas of every request and response.
 * The routes validate requests with them, the add-in parses answers with them, and the OpenAPI document is generated
 * from them. It is the only part of `pipeline/` that `addin/` imports, so it imports nothing but zod.
 */
export * from './actions.js';
export * from './approvals.js';
export * from './baseline.js';
export * from './benefit-status.js';
export * from './business-case.js';
export * from './catalogue.js';
export * from './common.js';
export * from './defaults.js';
export * from './followup.js';
export * from './health.js';
export * from './key-figures.js';
export * from './lessons.js';
export * from './loads.js';
export * from './named-query.js';
export * from './portfolio.js';
export * from './production-loss.js';
export * from './query-rows.js';
export * from './questions.js';
export * from './refusal.js';
export * from './risk-matrix.js';
export * from './write-back.js';
