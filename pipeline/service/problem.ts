/** @module problem – RFC 9457 problem details with a Swedish `detail`; never a stack trace. */
import type { IngestResponse } from '../contracts/index.js';

export function problem(status: number, title: string, detail: string, instance?: string, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, instance, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });
}

export const TITLES: Record<number, string> = {
  400: 'Fel i anropet',
  401: 'Inte inloggad',
  403: 'Saknar behörighet',
  404: 'Hittades inte',
  406: 'Formatet finns inte',
  409: 'Går inte att genomföra',
  413: 'För stor fil',
  421: 'Fel värdnamn',
  422: 'Filen avvisades',
  500: 'Internt fel',
  502: 'Fel i tjänstens eget anrop',
  503: 'Tjänsten är upptagen',
  504: 'Tidsgränsen nåddes',
  507: 'Disken är full',
};

/** A file refused whole: the one error handler answers 422 with its Swedish errors; the store is unchanged. */
export class RefusedFile extends Error {
  constructor(readonly report: IngestResponse) {
    super(`${report.file} avvisades i sin helhet (${report.errorCount} fel); lagret är oförändrat.`);
    this.name = 'RefusedFile';
  }
}
