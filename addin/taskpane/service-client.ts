/** @module service-client – calls to the Nytta service from the task pane, with what went wrong said plainly. */
import {
  healthResponse,
  ingestResponse,
  meResponse,
  programsAnswer,
  refusedResponse,
  type HealthResponse,
  type IngestResponse,
  type MeResponse,
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
}

export function serviceClient(
  baseUrl: string,
  token: string,
  t: Translate,
  fetcher: typeof fetch = (...args) => fetch(...args),
): ServiceClient {
  const base = baseUrl.trim().replace(/\/+$/, '');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token.trim()) headers.authorization = `Bearer ${token.trim()}`;
  const call: ServiceCall = async (path, contract) => {
    let res: Response;
    try {
      res = await fetcher(`${base}${path}`, { headers });
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
    if (!res.ok) throw new ServiceError(problemDetail(path, res.status, body), res.status);
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
      let res: Response;
      try {
        res = await fetcher(`${base}/api/v1/ingest`, { method: 'POST', headers, body: form });
      } catch {
        throw new ServiceError(t('unreachable', { url: base }), 0);
      }
      const body: unknown = await res.json().catch(() => null);
      // A refused file is an answer too: the report with its errors, nothing loaded.
      if (res.status === 422) return refusedResponse.parse(body).report;
      if (res.status === 401) throw new ServiceError(t('unauthorized'), 401);
      if (res.status === 403) throw new ServiceError(t('forbidden', { detail: problemDetail('/api/v1/ingest', 403, body) }), 403);
      if (!res.ok) throw new ServiceError(problemDetail('/api/v1/ingest', res.status, body), res.status);
      return parseAnswer('/api/v1/ingest', ingestResponse, body);
    },
  };
}
