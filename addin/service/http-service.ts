/**
 * @module http-service – the Nytta service asked over HTTP: each question's path and contracts from the questions'
 * table, its answer parsed with its contract, anything else a `ServiceError` for the user. The task pane asks through
 * it, and so does `nytta … --server`.
 */
import {
  meResponse,
  namedQueryAnswer,
  QUESTIONS,
  type AnswerOf,
  type NyttaService,
  type QuestionName,
  type QuestionParams,
} from '../../pipeline/contracts/index.js';
import { callAsOf, queryString, type ServiceCall } from './service-call.js';

/** A `NyttaService` over `call` (fetch, with the caller's token). */
export function httpService(call: ServiceCall): NyttaService {
  const ask =
    <Q extends QuestionName>(question: Q) =>
    (params: QuestionParams<Q>): Promise<AnswerOf<Q>> => {
      const { path, response } = QUESTIONS[question];
      const query = queryString(params);
      // The question's own contract: TypeScript does not narrow QUESTIONS[Q] by a generic Q.
      return call(query ? `${path}?${query}` : path, response) as Promise<AnswerOf<Q>>;
    };
  return {
    businessCase: ask('businessCase'),
    followup: ask('followup'),
    riskMatrix: ask('riskMatrix'),
    baseline: ask('baseline'),
    productionLoss: ask('productionLoss'),
    keyFigures: ask('keyFigures'),
    loads: ask('loads'),
    portfolio: ask('portfolio'),
    benefitStatus: ask('benefitStatus'),
    approvals: ask('approvals'),
    actions: ask('actions'),
    lessons: ask('lessons'),
    query(name, params) {
      const query = queryString(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === undefined ? undefined : String(v)])));
      return call(`/api/v1/queries/${name}${query ? `?${query}` : ''}`, namedQueryAnswer(name));
    },
    me: () => call('/api/v1/me', meResponse),
    asOf: (asOf) => httpService(callAsOf(call, asOf)),
  };
}
