/** @module service-client – calls to the Nytta service from the task pane, with what went wrong said plainly. */
import type { ServiceCall } from '../../pipeline/workbooks/build-plans.js';
import type { Translate } from './i18n.js';

/** A failed call; the message is for the user. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export interface Health {
  status: string;
  version: string;
  loads: number;
  observations: number;
  localMode: boolean;
}

export interface ServiceClient {
  call: ServiceCall;
  health(): Promise<Health>;
}

export function serviceClient(baseUrl: string, token: string, t: Translate, fetcher: typeof fetch = (...args) => fetch(...args)): ServiceClient {
  const base = baseUrl.trim().replace(/\/+$/, '');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token.trim()) headers.authorization = `Bearer ${token.trim()}`;
  const call = async (path: string): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetcher(`${base}${path}`, { headers });
    } catch {
      throw new ServiceError(t('unreachable', { url: base }), 0);
    }
    let body: { detail?: string } | null = null;
    try {
      body = (await res.json()) as { detail?: string };
    } catch {
      throw new ServiceError(t('notNytta', { url: base }), res.status);
    }
    if (res.status === 401) throw new ServiceError(t('unauthorized'), 401);
    if (res.status === 403) throw new ServiceError(t('forbidden', { detail: body?.detail ?? '' }), 403);
    if (!res.ok) throw new ServiceError(body?.detail ?? `HTTP ${res.status}`, res.status);
    return body;
  };
  return {
    call,
    async health() {
      const health = (await call('/api/v1/health')) as Health;
      if (health?.status !== 'ok' || typeof health.version !== 'string') throw new ServiceError(t('notNytta', { url: base }), 200);
      // Health is public; a catalogue call proves the token too.
      await call('/api/v1/queries/catalogue_programs');
      return health;
    },
  };
}
