/**
 * @module define-route – each route declared once: its method, path, who may call it, what it takes and answers, its
 * summary and operationId, the 4xx answers it can give, and its handler. The app is mounted from these definitions and
 * the OpenAPI document generated from them (openapi.ts), so neither can list a route the other lacks (a test compares
 * them). A question (`questionRoute`) also answers in process from the same definition (in-process.ts).
 *
 * Not `@hono/zod-openapi`: its validator would replace the one refusal every entry point shares (`describeIssues`: the
 * unknown parameter named with those taken, in Swedish, asOf resolved before the route), answers go out as JSON or
 * Arrow through the answer cache (`respond`), and the document would come from a second JSON Schema converter beside
 * zod's own, which the named queries' parameters and the existing document use.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ColumnSpec, Role } from '../named-queries/header.js';
import { QUESTIONS, type AnswerOf, type NyttaService, type QuestionName, type QuestionOf } from '../contracts/index.js';
import type { Env, ServiceDeps } from './context.js';

/** Who may call a route: anyone (before sign-in), any signed-in caller, or a role and those above it. */
export type Access = 'public' | 'signed-in' | Role;

/** The 4xx answers a route can give beyond sign-in's 401 and 403 (every route under sign-in gives those). */
export type ErrorStatus = 400 | 404 | 406 | 409 | 413 | 422;

/** A success answer in the document: its contract, or content of another kind (an .xlsx, a page). */
export interface OkAnswer {
  status: 200 | 201;
  description: string;
  schema?: z.ZodType;
  /** Also as an Apache Arrow stream (`Accept: application/vnd.apache.arrow.stream`). */
  arrow?: boolean;
  /** Content other than JSON, by media type. */
  content?: Record<string, unknown>;
}

export interface RouteDefinition {
  method: 'get' | 'post';
  /** The path as OpenAPI writes it: `/api/v1/loads/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  /** More than the summary says (a named query's columns). */
  description?: string;
  access: Access;
  /** The query string's contract: its parameters in the document. */
  query?: z.ZodObject;
  /** Takes `asOf` (every reading question does; resolved before the route). */
  asOf?: boolean;
  /** Parameters not in `query`: those in the path, or a named query's (from its header), as OpenAPI parameter objects. */
  parameters?: Record<string, unknown>[];
  /** The body it takes, by media type, as OpenAPI content. */
  body?: Record<string, unknown>;
  ok: OkAnswer;
  errors: readonly ErrorStatus[];
  /** Answers of those statuses with a body of their own (a refused file's 422), instead of a plain problem. */
  errorBodies?: Partial<Record<ErrorStatus, { description: string; schema: z.ZodType }>>;
  handle(c: Context<Env>, deps: ServiceDeps, service: () => NyttaService): Response | Promise<Response>;
}

/** A question's route: answered over HTTP by its definition's handler, and in process by the same `answer`. */
export interface QuestionRoute<Q extends QuestionName = QuestionName> {
  question: Q;
  operationId: string;
  summary: string;
  role: Role;
  errors: readonly ErrorStatus[];
  answer(deps: ServiceDeps, q: QuestionOf<Q>, service: NyttaService): Promise<AnswerOf<Q>>;
  /** Its table, for the Arrow form; without one, asking for Arrow is a 406. */
  table?: (body: AnswerOf<Q>) => { columns: readonly ColumnSpec[]; rows: readonly object[] };
  /** JSON whatever the caller asks for (a list, a log). */
  jsonAlways?: boolean;
}

/** A question's route from its entry in the questions' table (path, parameters, answer) and what only the service knows. */
export const questionRoute = <Q extends QuestionName>(route: QuestionRoute<Q>): QuestionRoute<Q> => route;

/** The path and contracts of a question's route. */
export const questionOf = (route: QuestionRoute) => QUESTIONS[route.question];
