/** The service's log: pino JSON lines, each carrying the request id and, once the token is read, the caller. */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService } from '../../pipeline/service/start.js';
import { tempStore } from '../helpers/store.js';

type Line = { level: number; msg: string; requestId?: string; caller?: string; status?: number; path?: string; err?: { message: string } };

const lines: Line[] = [];
let store: Awaited<ReturnType<typeof tempStore>>;
let app: Awaited<ReturnType<typeof buildService>>['app'];
const TOKEN = 'reader-token-0123456789';

beforeAll(async () => {
  store = await tempStore();
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Line) });
  // No answers kept: a test below breaks the store behind the service's back, which in use only a load can change.
  const env = { NYTTA_TOKENS: `${TOKEN}:reader:Anna Analys`, NYTTA_CACHE_MIB: '0' };
  ({ app } = await buildService(store, { host: '127.0.0.1', port: 3000, env, logger }));
});
afterAll(() => store?.close());

const linesOf = (requestId: string | null) => lines.filter((l) => l.requestId === requestId);

describe('log lines', () => {
  it('a request logs one line with its id, the caller by name, path and status', async () => {
    const res = await app.request('/api/v1/queries/catalogue_programs', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const mine = linesOf(res.headers.get('x-request-id'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      msg: 'request',
      caller: 'Anna Analys',
      path: '/api/v1/queries/catalogue_programs',
      status: 200,
      level: 30,
    });
  });

  it('a request without a token is logged with its id and no caller', async () => {
    const res = await app.request('/api/v1/queries/catalogue_programs');
    expect(res.status).toBe(401);
    const [line] = linesOf(res.headers.get('x-request-id'));
    expect(line).toMatchObject({ msg: 'request', status: 401 });
    expect(line.caller).toBeUndefined();
  });

  it('an unexpected error is logged with the request id and caller; the answer is a plain 500 without the cause', async () => {
    await store.connection.run('DROP TABLE program');
    const res = await app.request('/api/v1/queries/catalogue_programs', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toBe('Ett oväntat fel inträffade i tjänsten. Se tjänstens logg.');
    const mine = linesOf(res.headers.get('x-request-id'));
    const error = mine.find((l) => l.msg === 'unexpected error');
    expect(error).toMatchObject({ level: 50, caller: 'Anna Analys' });
    expect(error?.err?.message).toMatch(/program/);
    expect(mine.find((l) => l.msg === 'request')).toMatchObject({ status: 500, caller: 'Anna Analys' });
  });
});
