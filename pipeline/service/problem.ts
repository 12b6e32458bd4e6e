/** @module problem – RFC 9457 problem details with a Swedish `detail`; never a stack trace. */
export function problem(status: number, title: string, detail: string, instance?: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, instance }), {
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
  413: 'För stor fil',
  422: 'Filen avvisades',
  500: 'Internt fel',
  504: 'Tidsgränsen nåddes',
};
