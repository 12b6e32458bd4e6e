/**
 * @module service-call – how the add-in's code asks the Nytta service: a path in, the answer parsed with its contract
 * out. Whatever goes wrong becomes a `ServiceError` whose message is for the user. The task pane and `nytta …
 * --server` call over `fetch` (http-service.ts); the service and `nytta` on a store ask in process instead.
 */
import type { z } from 'zod';
import { problemSchema, Refusal } from '../../pipeline/contracts/index.js';

/**
 * A call that did not give the answer asked for; the message is for the user, `status` is the HTTP status (0: no
 * answer). A refusal as the service's own answers throw it, so every caller of a `NyttaService` reads both alike.
 */
export class ServiceError extends Refusal {
  constructor(message: string, status: number) {
    super(message, status);
    this.name = 'ServiceError';
  }
}

/** Calls the service: a path with its query string, and the contract its answer must meet. */
export type ServiceCall = <T extends z.ZodType>(path: string, contract: T) => Promise<z.output<T>>;

/** The answer's body parsed with its contract; an answer that does not meet it is named, not passed on half-read. */
export function parseAnswer<T extends z.ZodType>(path: string, contract: T, body: unknown): z.output<T> {
  const parsed = contract.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ServiceError(
    `Tjänstens svar på ${path.split('?')[0]} följer inte avtalet (${issue.path.join('.') || 'svaret'}: ${issue.message}).`,
    200,
  );
}

/** The Swedish detail of a problem body, or a plain sentence when the body is none. */
export function problemDetail(path: string, status: number, body: unknown): string {
  const problem = problemSchema.safeParse(body);
  return problem.success ? problem.data.detail : `Tjänsten svarade ${status} på ${path.split('?')[0]}`;
}

/** A `ServiceCall` over any fetch-like function: the service's own app in process, or the network. */
export function serviceCall(
  request: (path: string, init?: RequestInit) => Response | Promise<Response>,
  headers: Record<string, string> = {},
): ServiceCall {
  return async (path, contract) => {
    const res = await request(path, { headers: { accept: 'application/json', ...headers } });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new ServiceError(problemDetail(path, res.status, body), res.status);
    return parseAnswer(path, contract, body);
  };
}

/** A query string of the parameters that have a value. */
export function queryString(params: Record<string, string | undefined>): string {
  return new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();
}

/** Every call asked as of one load (`asOf`, an id or a moment): a workbook built as the store stood then. */
export function callAsOf(call: ServiceCall, asOf: string | undefined): ServiceCall {
  if (!asOf) return call;
  return (path, contract) => {
    const [route, query = ''] = path.split('?');
    // Who asks is no version of the store: /api/v1/me takes no asOf (and refuses parameters it does not take).
    if (route === '/api/v1/me') return call(path, contract);
    const params = new URLSearchParams(query);
    // An asOf already in the path is a deliberate other version (compareAsOf) and stays.
    if (!params.has('asOf')) params.set('asOf', asOf);
    return call(`${route}?${params}`, contract);
  };
}
