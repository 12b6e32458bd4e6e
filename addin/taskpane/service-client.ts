/** @module service-client – calls to the Nytta service from the task pane, with what went wrong said plainly. */
import {
  approvalSchema,
  CLIENT_HEADER,
  healthResponse,
  ingestResponse,
  meResponse,
  programsAnswer,
  refusedResponse,
  type Approval,
  type ApprovalRequest,
  type HealthResponse,
  type IngestResponse,
  type MeResponse,
  type TableSendRequest,
} from '../../pipeline/contracts/index.js';
import { parseAnswer, problemDetail, ServiceError, type ServiceCall } from '../service/service-call.js';
import type { Translate } from './i18n.js';

export { ServiceError } from '../service/service-call.js';

export interface ServiceClient {
  call: ServiceCall;
  health(): Promise<HealthResponse>;
  /** Who the service takes the caller for: name, role, and how they signed in. */
  me(): Promise<MeResponse>;
  /** Sends a file to `POST /api/v1/ingest`: the report, loaded or refused (then with its Swedish errors). */
  upload(file: File): Promise<IngestResponse>;
  /** Sends a table from the workbook to `POST /api/v1/ingest/table`: the report, loaded, checked or refused. */
  sendTable(table: TableSendRequest): Promise<IngestResponse>;
  /** Approves a version (`POST /api/v1/approvals`, controller): the approval recorded. */
  approve(request: ApprovalRequest): Promise<Approval>;
}

export function serviceClient(
  baseUrl: string,
  token: string,
  t: Translate,
  fetcher: typeof fetch = (...args) => fetch(...args),
): ServiceClient {
  const base = baseUrl.trim().replace(/\/+$/, '');
  // The client header on every call: in local mode the service takes a write only with it (a foreign page cannot send it).
  const headers: Record<string, string> = { accept: 'application/json', [CLIENT_HEADER]: 'taskpane' };
  if (token.trim()) headers.authorization = `Bearer ${token.trim()}`;
  /** The body of an answer, or the Swedish reason it is none: unreachable, not Nytta, a refused token or role, a problem. */
  const send = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> => {
    let res: Response;
    try {
      res = await fetcher(`${base}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
    } catch {
      throw new ServiceError(t('unreachable', { url: base }), 0);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new ServiceError(t('notNytta', { url: base }), res.status);
    }
    if (res.status === 401) throw new ServiceError(t('unauthorized'), 401);
    if (res.status === 403) throw new ServiceError(t('forbidden', { detail: problemDetail(path, 403, body) }), 403);
    // A refused file is an answer too: the report with its errors, nothing loaded.
    if (!res.ok && res.status !== 422) throw new ServiceError(problemDetail(path, res.status, body), res.status);
    return { status: res.status, body };
  };
  const call: ServiceCall = async (path, contract) => {
    const { status, body } = await send(path);
    if (status === 422) throw new ServiceError(problemDetail(path, status, body), status);
    return parseAnswer(path, contract, body);
  };
  return {
    call,
    async health() {
      let health: HealthResponse;
      try {
        health = await call('/api/v1/health', healthResponse);
      } catch (error) {
        // An answer that is not Nytta's health says so, whatever else answered.
        if (error instanceof ServiceError && error.status === 200) throw new ServiceError(t('notNytta', { url: base }), 200);
        throw error;
      }
      // Health is public; a catalogue call proves the token too.
      await call('/api/v1/queries/catalogue_programs', programsAnswer);
      return health;
    },
    me: () => call('/api/v1/me', meResponse),
    async upload(file) {
      const form = new FormData();
      form.append('file', file, file.name);
      const { status, body } = await send('/api/v1/ingest', { method: 'POST', body: form });
      return status === 422 ? refusedResponse.parse(body).report : parseAnswer('/api/v1/ingest', ingestResponse, body);
    },
    async sendTable(table) {
      const path = '/api/v1/ingest/table';
      const { status, body } = await send(path, {
        method: 'POST',
        body: JSON.stringify(table),
        headers: { 'content-type': 'application/json' },
      });
      return status === 422 ? refusedResponse.parse(body).report : parseAnswer(path, ingestResponse, body);
    },
    async approve(request) {
      const path = '/api/v1/approvals';
      const { body } = await send(path, { method: 'POST', body: JSON.stringify(request), headers: { 'content-type': 'application/json' } });
      return parseAnswer(path, approvalSchema, body);
    },
  };
}
