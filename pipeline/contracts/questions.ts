/**
 * @module questions – the service's questions, each its address, the parameters it takes and the answer it gives: one
 * table both sides read. The service declares its routes from it and answers them in process from the same
 * definitions; the add-in asks them over HTTP and parses the answers with them (a `NyttaService` either way).
 */
import type { z } from 'zod';
import { actionsQuery, actionsResponse } from './actions.js';
import { approvalsQuery, approvalsResponse } from './approvals.js';
import { baselineQuery, baselineResponse } from './baseline.js';
import { benefitStatusQuery, benefitStatusResponse } from './benefit-status.js';
import { businessCaseQuery, businessCaseResponse } from './business-case.js';
import { followupQuery, followupResponse } from './followup.js';
import type { MeResponse } from './health.js';
import { keyFigureListResponse, keyFigureQuery } from './key-figures.js';
import { lessonsQuery, lessonsResponse } from './lessons.js';
import { loadsQuery, loadsResponse } from './loads.js';
import type { QueryAnswerOf, QueryName } from './named-query.js';
import { portfolioQuery, portfolioResponse } from './portfolio.js';
import { productionLossQuery, productionLossResponse } from './production-loss.js';
import type { QueryParams } from './query-rows.js';
import { riskMatrixQuery, riskMatrixResponse } from './risk-matrix.js';

export const QUESTIONS = {
  businessCase: { path: '/api/v1/business-case', request: businessCaseQuery, response: businessCaseResponse },
  followup: { path: '/api/v1/followup', request: followupQuery, response: followupResponse },
  riskMatrix: { path: '/api/v1/risk-matrix', request: riskMatrixQuery, response: riskMatrixResponse },
  baseline: { path: '/api/v1/baseline', request: baselineQuery, response: baselineResponse },
  productionLoss: { path: '/api/v1/production-loss', request: productionLossQuery, response: productionLossResponse },
  keyFigures: { path: '/api/v1/key-figures', request: keyFigureQuery, response: keyFigureListResponse },
  loads: { path: '/api/v1/loads', request: loadsQuery, response: loadsResponse },
  portfolio: { path: '/api/v1/portfolio', request: portfolioQuery, response: portfolioResponse },
  benefitStatus: { path: '/api/v1/benefit-status', request: benefitStatusQuery, response: benefitStatusResponse },
  approvals: { path: '/api/v1/approvals', request: approvalsQuery, response: approvalsResponse },
  actions: { path: '/api/v1/actions', request: actionsQuery, response: actionsResponse },
  lessons: { path: '/api/v1/lessons', request: lessonsQuery, response: lessonsResponse },
} as const;

export type QuestionName = keyof typeof QUESTIONS;
/** Parameters as text, whatever values the contract then takes from it: the service checks them, not the caller. */
type AsText<T> = { [K in keyof T]: undefined extends T[K] ? string | undefined : string };
/** A question's parameters as a caller gives them (the text of a query string); the service validates them. */
export type QuestionParams<Q extends QuestionName> = AsText<z.input<(typeof QUESTIONS)[Q]['request']>>;
/** A question's parameters once validated. */
export type QuestionOf<Q extends QuestionName> = z.output<(typeof QUESTIONS)[Q]['request']>;
export type AnswerOf<Q extends QuestionName> = z.output<(typeof QUESTIONS)[Q]['response']>;

/**
 * The Nytta service as its callers see it: a typed method per question, the named queries, who is asking, and the
 * same service as of an earlier load. The task pane and `nytta … --server` ask it over HTTP (addin/service); the
 * service itself and the command line on a store ask it in process (pipeline/service), with the caller's role, asOf,
 * limits, suppression and kept answers as over HTTP. A refused question throws a `Refusal` with its status and message.
 */
export type NyttaService = { [Q in QuestionName]: (params: QuestionParams<Q>) => Promise<AnswerOf<Q>> } & {
  query<N extends QueryName>(name: N, params: QueryParams[N]): Promise<QueryAnswerOf<N>>;
  me(): Promise<MeResponse>;
  /** The service as the store stood right after load `asOf` (an id, or a moment). */
  asOf(asOf: string): NyttaService;
};
