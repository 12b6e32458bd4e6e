/**
 * Sign-in as an attacker would try it: a token that never expires, one valid for longer than the service allows, and
 * role names that an object inherits (`constructor`, `__proto__`, `toString`). Tokens come from the test's own issuer
 * and go through the service in process, so the answers are the ones a caller would get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService } from '../../pipeline/service/start.js';
import { startIssuer, type TestIssuer } from '../helpers/issuer.js';
import { tempStore } from '../helpers/store.js';

const AUDIENCE = 'api://nytta-hardening';
let idp: TestIssuer;
let store: Awaited<ReturnType<typeof tempStore>>;
let app: Awaited<ReturnType<typeof buildService>>['app'];

beforeAll(async () => {
  idp = await startIssuer(AUDIENCE);
  store = await tempStore();
  ({ app } = await buildService(store, {
    host: '127.0.0.1',
    port: 0,
    env: { NYTTA_OIDC_ISSUER: idp.url, NYTTA_OIDC_AUDIENCE: AUDIENCE, NYTTA_OIDC_JWKS_URL: `${idp.url}/keys` },
  }));
});
afterAll(() => {
  store?.close();
  idp?.close();
});

const call = async (path: string, jwt: string) => {
  const res = await app.request(path, { headers: { authorization: `Bearer ${jwt}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('tokens that live too long', () => {
  it('a token without exp is refused: it would never expire', async () => {
    const res = await call('/api/v1/me', await idp.token({ roles: ['Nytta.Admin'], name: 'Evig' }, { exp: null }));
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Token saknar utgångstid (exp): Nytta tar bara emot inloggningar som går ut.');
  });

  it('a token valid for longer than the maximum lifetime (default 24 h) is refused, one within it is taken', async () => {
    const now = Math.floor(Date.now() / 1000);
    const year = await idp.token({ roles: ['Nytta.Reader'], name: 'Ett år' }, { exp: now + 365 * 86400 });
    const res = await call('/api/v1/me', year);
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Token gäller längre än Nytta tillåter (högst 86400 sekunder): be om en ny inloggning.');
    // Issued long ago with a long life: its lifetime counts from iat, not from now.
    const old = await idp.token({ roles: ['Nytta.Reader'] }, { iat: now - 3 * 86400, exp: now + 600 });
    expect((await call('/api/v1/me', old)).status).toBe(401);
    const hour = await idp.token({ roles: ['Nytta.Reader'], name: 'En timme' }, { exp: now + 3600 });
    expect(await call('/api/v1/me', hour)).toEqual({ status: 200, body: { name: 'En timme', role: 'reader', signedInVia: 'oidc' } });
  });
});

describe('role names an object inherits', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'roles: ["%s"] is no role: 403 naming the roles Nytta knows, never a function in the answer',
    async (claim) => {
      const jwt = await idp.token({ roles: [claim], name: 'Angripare' });
      for (const path of ['/api/v1/me', '/api/v1/loads']) {
        const res = await call(path, jwt);
        expect(res.status, path).toBe(403);
        expect(res.body.detail, path).toBe(
          'Inloggningen (Angripare) har ingen roll för Nytta: anspråket "roles" ska innehålla Nytta.Reader, Nytta.Analyst, Nytta.Controller, Nytta.Admin.',
        );
      }
    },
  );

  it('an inherited name beside a real role does not raise it', async () => {
    const jwt = await idp.token({ roles: ['Nytta.Reader', 'constructor', '__proto__'], name: 'Läsare' });
    expect(await call('/api/v1/me', jwt)).toEqual({ status: 200, body: { name: 'Läsare', role: 'reader', signedInVia: 'oidc' } });
  });
});
