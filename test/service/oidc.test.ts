/**
 * Sign-in with the region's accounts, end to end through `nytta serve`: a local issuer made in the test (keys generated
 * here, discovery and JWKS served on loopback), tokens for each role, and forged, expired, wrong-audience, wrong-issuer,
 * not-yet-valid and role-less ones. Static tokens keep working beside it; local mode is off with an issuer configured.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadsResponse, meResponse } from '../../pipeline/contracts/index.js';
import { oidcVerifier } from '../../pipeline/service/oidc.js';
import { startIssuer, type TestIssuer, type TokenOptions } from '../helpers/issuer.js';
import { tempDir } from '../helpers/store.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');
const AUDIENCE = 'api://nytta-test';
const STATIC = 'static-reader-token-0123456789';

let idp: TestIssuer;
let issuer = '';
let service: ChildProcess;
let base = '';
let output = '';
const token = (claims: Record<string, unknown>, options?: TokenOptions) => idp.token(claims, options);
const newKey = (kid: string, publish?: boolean) => idp.newKey(kid, publish);

beforeAll(async () => {
  idp = await startIssuer(AUDIENCE);
  issuer = idp.url;

  const home = tempDir();
  const db = join(home, 'nytta.duckdb');
  // The issuer and audience come from the environment; the file only shortens the wait before a key set is fetched again.
  const configFile = join(home, 'nytta.json');
  writeFileSync(configFile, JSON.stringify({ oidc: { jwksCooldownSeconds: 0 } }));
  expect(spawnSync(process.execPath, [BIN, 'demo', '--db', db, '--rows', '2000'], { encoding: 'utf8' }).status).toBe(0);
  service = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], {
    env: {
      ...process.env,
      HOME: home,
      NYTTA_TOKENS: `${STATIC}:reader:Statisk läsare`,
      NYTTA_OIDC_ISSUER: issuer,
      NYTTA_OIDC_AUDIENCE: AUDIENCE,
      NYTTA_OIDC_JWKS_URL: '',
      NYTTA_CONFIG: configFile,
      NYTTA_TLS_CERT: '',
      NYTTA_TLS_KEY: '',
    },
  });
  service.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  service.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000);
    service.stdout!.on('data', () => {
      const m = /Nytta lyssnar på (https?:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
}, 120_000);
afterAll(() => {
  service?.kill();
  idp?.close();
});

const call = async (path: string, bearer?: string, init: RequestInit = {}) => {
  const res = await fetch(`${base}${path}`, { ...init, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown> & { detail?: string } };
};

describe('OpenID Connect through nytta serve', () => {
  it('local mode is off with an issuer configured, on loopback too', async () => {
    expect(output).not.toContain('LOKALT LÄGE');
    const none = await call('/api/v1/loads');
    expect(none.status).toBe(401);
  });

  it('a token for each role: the role and the name from the token, and what each may do', async () => {
    for (const [claim, role] of [
      ['Nytta.Reader', 'reader'],
      ['Nytta.Analyst', 'analyst'],
      ['Nytta.Controller', 'controller'],
      ['Nytta.Admin', 'admin'],
    ]) {
      const me = await call('/api/v1/me', await token({ roles: [claim], name: `Test ${role}` }));
      expect(me.status).toBe(200);
      expect(meResponse.parse(me.body)).toEqual({ name: `Test ${role}`, role, signedInVia: 'oidc' });
    }
    // The highest of several roles wins.
    const both = await call(
      '/api/v1/me',
      await token({ roles: ['Nytta.Reader', 'Nytta.Controller'], preferred_username: 'karin@region.se' }),
    );
    expect(meResponse.parse(both.body)).toEqual({ name: 'karin@region.se', role: 'controller', signedInVia: 'oidc' });

    const reader = await token({ roles: ['Nytta.Reader'], name: 'Rita Läsare' });
    expect((await call('/api/v1/loads', reader)).status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob(['nyckeltal;varde;enhet\ninvesteringsbudget;3;mnkr\n']), 'budget.csv');
    const refused = await call('/api/v1/ingest', reader, { method: 'POST', body: form });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Rollen reader räcker inte: det här kräver controller.');

    // A load records who made it: the name from the token.
    const controller = await token({ roles: ['Nytta.Controller'], name: 'Karin Controller' });
    const loaded = await call('/api/v1/ingest', controller, { method: 'POST', body: form });
    expect(loaded.status, loaded.text).toBe(200);
    const { loads } = loadsResponse.parse((await call('/api/v1/loads', reader)).body);
    expect(loads[0]).toMatchObject({ file: 'budget.csv', loadedBy: 'Karin Controller' });
  });

  it('refuses forged, expired, wrong-audience, wrong-issuer, not-yet-valid and unsigned tokens with a 401 that never echoes them', async () => {
    const forger = await newKey('k1', false); // the same key id, another key
    const now = Math.floor(Date.now() / 1000);
    const cases: [string, string, string][] = [
      ['forged', await token({ roles: ['Nytta.Admin'] }, { signer: forger }), 'Tokens signatur stämmer inte.'],
      ['expired', await token({ roles: ['Nytta.Reader'] }, { exp: now - 3600 }), 'Inloggningen har gått ut: logga in igen.'],
      [
        'audience',
        await token({ roles: ['Nytta.Reader'] }, { aud: 'api://annan-app' }),
        'Token är inte utfärdad för Nytta (fel audience).',
      ],
      ['issuer', await token({ roles: ['Nytta.Reader'] }, { iss: 'https://login.example/annan' }), 'Token kommer från fel utfärdare.'],
      ['not yet', await token({ roles: ['Nytta.Reader'] }, { nbf: now + 3600 }), 'Token gäller inte än (nbf).'],
    ];
    // An unsigned token (alg none) with a valid-looking payload.
    const [, payload] = (await token({ roles: ['Nytta.Admin'] })).split('.');
    cases.push([
      'unsigned',
      `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`,
      'Token är signerad med en algoritm som inte tillåts.',
    ]);
    for (const [what, jwt, detail] of cases) {
      const res = await call('/api/v1/loads', jwt);
      expect(res.status, what).toBe(401);
      expect(res.body.detail, what).toBe(detail);
      expect(res.text.includes(jwt.split('.')[2] || jwt.split('.')[1]), what).toBe(false);
    }
  });

  it('a valid token without a role for Nytta is a 403 saying which claim and values it needs', async () => {
    const res = await call('/api/v1/loads', await token({ roles: ['Annan.App'], name: 'Utan Roll' }));
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe(
      'Inloggningen (Utan Roll) har ingen roll för Nytta: anspråket "roles" ska innehålla Nytta.Reader, Nytta.Analyst, Nytta.Controller, Nytta.Admin.',
    );
  });

  it('a key the issuer publishes later (rotation) is fetched on its unknown key id', async () => {
    const rotated = await newKey('k2');
    const res = await call('/api/v1/me', await token({ roles: ['Nytta.Reader'], name: 'Efter rotation' }, { signer: rotated }));
    expect(res.status, res.text).toBe(200);
    expect(res.body.name).toBe('Efter rotation');
  });

  it('static tokens keep working beside the issuer', async () => {
    const me = await call('/api/v1/me', STATIC);
    expect(meResponse.parse(me.body)).toEqual({ name: 'Statisk läsare', role: 'reader', signedInVia: 'token' });
  });
});

describe('roles from groups', () => {
  it('with rolesClaim "groups" and a map of group ids, a member of the mapped group gets its role', async () => {
    const verify = oidcVerifier({
      issuer,
      audience: AUDIENCE,
      jwksUrl: `${issuer}/keys`,
      rolesClaim: 'groups',
      roleMap: { '6b1c0f3e-grupp-analytiker': 'analyst' },
      algorithms: ['RS256'],
      clockToleranceSeconds: 60,
      maxTokenLifetimeSeconds: 86_400,
      jwksCooldownSeconds: 30,
      scopes: [],
    });
    expect(await verify(await token({ groups: ['annan-grupp', '6b1c0f3e-grupp-analytiker'], upn: 'ada@region.se' }))).toEqual({
      role: 'analyst',
      name: 'ada@region.se',
    });
    await expect(verify(await token({ groups: ['annan-grupp'] }))).rejects.toThrow(
      'anspråket "groups" ska innehålla 6b1c0f3e-grupp-analytiker',
    );
  });
});
