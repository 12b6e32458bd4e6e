/** @module remote – the CLI talking to a running service (`--server URL`), which owns the store while it runs. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../errors.js';
import type { LoadReport } from '../ingest/load-file.js';
import { CLIENT_HEADER, undoResponse, type UndoResponse } from '../contracts/index.js';

export interface Remote {
  url: string;
  token?: string;
}

/** The token when there is one, and the client header a service in local mode asks of every write. */
function headers(remote: Remote, extra: Record<string, string> = {}): Record<string, string> {
  return { [CLIENT_HEADER]: 'cli', ...(remote.token ? { authorization: `Bearer ${remote.token}` } : {}), ...extra };
}

async function call(remote: Remote, path: string, init: RequestInit): Promise<Response> {
  const base = remote.url.replace(/\/+$/, '');
  try {
    return await fetch(`${base}${path}`, init);
  } catch (error) {
    throw new UserError(
      `Tjänsten på ${base} svarar inte (${(error as Error).cause ?? (error as Error).message}). Är den startad (npm start)?`,
      'server_unreachable',
    );
  }
}

/** A problem+json answer as a UserError with its Swedish detail. */
async function failure(res: Response): Promise<UserError> {
  const text = await res.text();
  try {
    const problem = JSON.parse(text) as { detail?: string; messages?: string[] };
    return new UserError(`Tjänsten svarade ${res.status}: ${problem.detail ?? text}`, `http_${res.status}`, problem.messages ?? []);
  } catch {
    return new UserError(`Tjänsten svarade ${res.status}: ${text.slice(0, 200)}`, `http_${res.status}`);
  }
}

export async function remoteQuery(remote: Remote, name: string, params: Record<string, string>, arrow: boolean): Promise<Response> {
  const res = await call(remote, `/api/v1/queries/${encodeURIComponent(name)}?${new URLSearchParams(params)}`, {
    headers: headers(remote, arrow ? { accept: 'application/vnd.apache.arrow.stream' } : {}),
  });
  if (!res.ok) throw await failure(res);
  return res;
}

export interface RemoteIngestOptions {
  kind?: string;
  sheet?: string;
  dryRun?: boolean;
  createIndicators?: boolean;
  mapPath?: string;
}

/** Hands a file to the service's writer. A refused file comes back as a report, like a local load. */
export async function remoteIngest(remote: Remote, path: string, options: RemoteIngestOptions): Promise<LoadReport> {
  const form = new FormData();
  form.set('file', new Blob([readFileSync(path)]), basename(path));
  if (options.kind) form.set('kind', options.kind);
  if (options.sheet) form.set('sheet', options.sheet);
  if (options.dryRun) form.set('dryRun', 'true');
  if (options.createIndicators) form.set('createIndicators', 'true');
  if (options.mapPath) form.set('map', readFileSync(options.mapPath, 'utf8'));
  const res = await call(remote, '/api/v1/ingest', { method: 'POST', headers: headers(remote), body: form });
  if (res.status === 422) return ((await res.json()) as { report: LoadReport }).report;
  if (!res.ok) throw await failure(res);
  return (await res.json()) as LoadReport;
}

/** Asks the service to withdraw a load (`POST /api/v1/loads/{id}/undo`); a refusal comes back as its Swedish detail. */
export async function remoteUndo(remote: Remote, id: number): Promise<UndoResponse> {
  const res = await call(remote, `/api/v1/loads/${id}/undo`, { method: 'POST', headers: headers(remote) });
  if (!res.ok) throw await failure(res);
  return undoResponse.parse(await res.json());
}
