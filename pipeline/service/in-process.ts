/**
 * @module in-process – the Nytta service asked in process: the portfolio's own questions, the workbook route's and
 * `nytta workbook` on a store. Each question is its route's own definition answered directly (no HTTP, no JSON between),
 * with what a request for it would have: the caller's role checked, its parameters validated with the same Swedish
 * refusals, the store read as of the caller's load (asOf), the request's time limit and cancellation (they reach every
 * reader it opens), suppression (the named queries'), and the answer kept per store version under the same key as the
 * same question over HTTP.
 */
import type { z } from 'zod';
import {
  describeIssues,
  namedQueryAnswer,
  QUESTIONS,
  Refusal,
  schemaKeys,
  type AnswerOf,
  type NyttaService,
  type QuestionName,
  type QuestionOf,
  type QuestionParams,
} from '../contracts/index.js';
import type { Role } from '../named-queries/header.js';
import { resolveAsOf } from '../store/as-of.js';
import { requireRole, type AuthVariables } from './auth.js';
import { readingAsOf, runQuery, withReader, type ServiceDeps, type TypedAnswer } from './context.js';
import { QUESTION_ROUTES } from './question-routes.js';

/** Who asks: as sign-in took them (a request's caller), or the command line's own (local mode's). */
export interface Caller {
  name: string;
  role: Role;
  signedInVia: AuthVariables['signedInVia'];
}

/** Parameters with a value, as a query string of them carries them (an empty one is none). */
const given = (params: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );

/** The parameters validated as a request's query string is (`validQuery`): the same refusal, naming what is taken. */
function validated<S extends z.ZodType>(schema: S, params: Record<string, string>, what: string): z.output<S> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new Refusal(describeIssues(parsed.error, { what, names: [...schemaKeys(schema), 'asOf'] }), 400);
  return parsed.data;
}

/** The service in process for `caller`; with `asOf`, every answer as the store stood right after that load. */
export function inProcessService(deps: ServiceDeps, caller: Caller, asOf?: () => Promise<number>): NyttaService {
  // Within the request's own asOf unless this service names another (compareAsOf).
  const scoped = async <T>(work: () => Promise<T>): Promise<T> => (asOf ? readingAsOf(await asOf(), work) : work());

  const ask = <Q extends QuestionName>(question: Q, params: QuestionParams<Q>): Promise<AnswerOf<Q>> => {
    const route = QUESTION_ROUTES[question];
    const { path, request, response } = QUESTIONS[question];
    requireRole(caller.role, route.role);
    const text = given(params);
    const q = validated(request, text, path);
    // TypeScript does not tie QUESTIONS[Q] to QUESTION_ROUTES[Q] through one Q: both are the same question's, by the
    // table's type (question-routes.ts), so the parsed parameters and the answer are that question's.
    return scoped(() =>
      deps.answers.through(
        { role: caller.role, path, params: text },
        (json) => response.parse(json) as AnswerOf<Q>,
        () => route.answer(deps, q as QuestionOf<Q>, service),
      ),
    );
  };

  const service: NyttaService = {
    businessCase: (p) => ask('businessCase', p),
    followup: (p) => ask('followup', p),
    riskMatrix: (p) => ask('riskMatrix', p),
    baseline: (p) => ask('baseline', p),
    productionLoss: (p) => ask('productionLoss', p),
    keyFigures: (p) => ask('keyFigures', p),
    loads: (p) => ask('loads', p),
    portfolio: (p) => ask('portfolio', p),
    benefitStatus: (p) => ask('benefitStatus', p),
    approvals: (p) => ask('approvals', p),
    actions: (p) => ask('actions', p),
    lessons: (p) => ask('lessons', p),
    async query(name, params) {
      const query = deps.queries.get(name);
      if (!query) throw new Refusal(`Det finns ingen fråga som heter "${name.slice(0, 80)}". Se /api/v1/queries.`, 404);
      requireRole(caller.role, query.role);
      const text = given(params);
      const path = `/api/v1/queries/${name}`;
      const parsed = validated(query.schema, text, path);
      // Typed by its header as `answer` types it (context.ts): checked against DuckDB at start, NOT NULL on every run.
      const run = async () => (await runQuery(deps, query, parsed)) as TypedAnswer<typeof name>;
      return scoped(() =>
        deps.answers.through({ role: caller.role, path, params: text }, (json) => namedQueryAnswer(name).parse(json), run),
      );
    },
    me: async () => ({ name: caller.name, role: caller.role, signedInVia: caller.signedInVia }),
    asOf(raw) {
      let resolved: Promise<number> | undefined;
      // Resolved once, when first asked, on the store as the caller reads it (so an unknown load is a 400 as in a request).
      return inProcessService(deps, caller, () => (resolved ??= withReader(deps, (connection) => resolveAsOf(connection, raw))));
    },
  };
  return service;
}
