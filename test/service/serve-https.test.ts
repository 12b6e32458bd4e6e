/**
 * `nytta serve` as a user starts it: over HTTPS when the Office developer certificate is in ~/.office-addin-dev-certs
 * (here made with openssl in a temporary home), otherwise over HTTP with advice on how to get HTTPS. Either way the task
 * pane, its icons and the manifest come from the service itself, framable by Excel on the web.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/store.js';
import { toolAvailable } from '../helpers/tools.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGTERM')));

/** Starts `nytta serve` on a small demo store with `home` as HOME; resolves with its URL once it listens. */
async function serve(home: string): Promise<{ url: string; output: () => string }> {
  const db = join(home, 'nytta.duckdb');
  expect(spawnSync(process.execPath, [BIN, 'demo', '--db', db, '--rows', '2000'], { encoding: 'utf8' }).status).toBe(0);
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], {
    env: { ...process.env, HOME: home, NYTTA_TOKENS: '', NYTTA_TLS_CERT: '', NYTTA_TLS_KEY: '' },
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
    child.stdout.on('data', () => {
      // Both lines of the start message: where it listens, and where the add-in is.
      const m = /Nytta lyssnar på (https?:\/\/127\.0\.0\.1:\d+)[^]*Excel-tillägget: .*manifest\.xml.*\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return { url, output: () => out };
}

/** GET over HTTPS trusting the test's self-signed certificate. */
function httpsGet(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { rejectUnauthorized: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

describe('nytta serve', () => {
  it.runIf(toolAvailable('openssl', ['version'], 'openssl'))(
    'serves HTTPS with the Office developer certificate, the task pane framable and the API beside it',
    async () => {
      const home = tempDir();
      const certs = join(home, '.office-addin-dev-certs');
      mkdirSync(certs);
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-keyout',
          join(certs, 'localhost.key'),
          '-out',
          join(certs, 'localhost.crt'),
        ],
        { stdio: 'pipe' },
      );
      const { url, output } = await serve(home);
      expect(url).toMatch(/^https:\/\//);
      expect(output()).toContain(`certifikat: ${join(certs, 'localhost.crt')}`);
      const pane = await httpsGet(`${url}/addin/taskpane.html`);
      expect(pane.status).toBe(200);
      expect(pane.body).toContain('<script src="office-js/office.js"></script>');
      expect(pane.headers['x-frame-options']).toBeUndefined();
      const health = await httpsGet(`${url}/api/v1/health`);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', localMode: true });
      expect(health.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect((await httpsGet(`${url}/manifest.xml`)).body).toContain(
        '<SourceLocation DefaultValue="https://localhost:3000/addin/taskpane.html"/>',
      );
    },
    120_000,
  );

  it('without a certificate serves HTTP on loopback and says how to get HTTPS', async () => {
    const { url, output } = await serve(tempDir());
    expect(url).toMatch(/^http:\/\//);
    expect(output()).toContain(
      'Inget utvecklarcertifikat hittades, så tjänsten svarar över HTTP på loopback. Excel laddar bara tillägg över HTTPS: kör `npx office-addin-dev-certs install`',
    );
    const res = await fetch(`${url}/addin/office-js/office.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Office');
  }, 120_000);
});
