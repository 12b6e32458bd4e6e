/** @module app – the Hono application: one error handler, Swedish problem details, the health endpoint. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface AppOptions {
  connection: DuckDBConnection;
  version?: string;
}

/** RFC 9457 problem details with a Swedish `detail`; never a stack trace. */
export function problem(status: number, title: string, detail: string, instance?: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, instance }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });
}

export function createApp({ connection, version = '0.1.0' }: AppOptions): Hono {
  const app = new Hono();
  app.use(requestId());
  app.use(secureHeaders());

  app.get('/api/v1/health', async (c) => {
    const loads = Number((await connection.runAndReadAll("SELECT count(*) FROM load_log WHERE status = 'loaded'")).getRows()[0][0]);
    const observations = Number((await connection.runAndReadAll('SELECT count(*) FROM observation')).getRows()[0][0]);
    return c.json({ status: 'ok', version, loads, observations });
  });

  app.notFound((c) => problem(404, 'Hittades inte', `Det finns ingen resurs på ${c.req.path}.`, c.req.path));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return problem(error.status, 'Fel i anropet', error.message, c.req.path);
    console.error(JSON.stringify({ level: 'error', requestId: c.get('requestId'), path: c.req.path, message: error.message }));
    return problem(500, 'Internt fel', 'Ett oväntat fel inträffade i tjänsten. Se tjänstens logg.', c.req.path);
  });
  return app;
}
