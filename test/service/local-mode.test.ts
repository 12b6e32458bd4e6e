/**
 * The default start (`npm start`, no tokens: every caller is admin) as a web page on another site would try it, over a
 * real socket: simple cross-site writes (a multipart upload, a text/plain undo), DNS rebinding (a foreign Host), and a
 * write without the client header. And a caller whose role may not write, sending a large chunked body: refused before
 * the body is read.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_HEADER } from '../../pipeline/contracts/index.js';
import { serviceClient } from '../../addin/taskpane/service-client.js';
import { auth, startTestService, TOKENS, type TestService } from '../helpers/service.js';
import { tempDir, writeFixture } from '../helpers/store.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');
const FIGURES = 'nyckeltal;varde;enhet\ninvesteringsbudget;3;mnkr\n';

let local: TestService;
let signedIn: TestService;
beforeAll(async () => {
  // No tokens, no issuer: local mode, as `npm start` runs.
  local = await startTestService({ env: {}, rows: 2000 });
  signedIn = await startTestService({ rows: 2000 });
}, 120_000);
afterAll(async () => {
  await local?.close();
  await signedIn?.close();
});

/** A request as any client may send it, Host header included (fetch will not set one). */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<{ status: number; detail?: string }> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        let detail: string | undefined;
        try {
          detail = (JSON.parse(text) as { detail?: string }).detail;
        } catch {
          detail = undefined;
        }
        resolve({ status: res.statusCode ?? 0, detail });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A multipart form with the file, as a page's <form enctype="multipart/form-data"> posts it. */
function multipart(name: string, content: string): { body: Buffer; type: string } {
  const boundary = '----nyttatest';
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  );
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

const EVIL = 'https://evil.example';

describe('local mode, as another site would drive it', () => {
  it('a cross-site multipart upload and a text/plain undo (simple requests, no preflight) are 403s with a Swedish detail', async () => {
    const form = multipart('budget.csv', FIGURES);
    const upload = await send(local.base, 'POST', '/api/v1/ingest', { origin: EVIL, 'content-type': form.type }, form.body);
    expect(upload).toEqual({
      status: 403,
      detail: `I lokalt läge tar tjänsten bara emot ändringar från sin egen sida, inte från ${EVIL}.`,
    });
    const undo = await send(local.base, 'POST', '/api/v1/loads/1/undo', { origin: EVIL, 'content-type': 'text/plain' }, 'x');
    expect(undo.status).toBe(403);
    // Even carrying the header (which a page cannot, without a preflight the service refuses), a foreign Origin is refused.
    const withHeader = await send(local.base, 'POST', '/api/v1/loads/1/undo', { origin: EVIL, [CLIENT_HEADER]: 'x' });
    expect(withHeader.status).toBe(403);
    const loads = await (await fetch(`${local.base}/api/v1/loads`)).json();
    expect(
      (loads as { loads: { undoneBy: number | null; kind: string }[] }).loads.every((l) => l.undoneBy === null && l.kind !== 'ångra'),
    ).toBe(true);
  });

  it('a write without the client header is a 403 naming it, from its own origin or none', async () => {
    for (const origin of [undefined, local.base]) {
      const res = await send(local.base, 'POST', '/api/v1/loads/1/undo', origin ? { origin } : {});
      expect(res.status, origin).toBe(403);
      expect(res.detail, origin).toBe(
        `I lokalt läge kräver en ändring rubriken ${CLIENT_HEADER}, som Nyttas aktivitetsfönster och "nytta … --server" skickar och som en annan webbplats inte kan skicka.`,
      );
    }
  });

  it('a foreign Host (DNS rebinding) is a 421 for reads and writes alike; its own names are answered', async () => {
    const port = new URL(local.base).port;
    for (const [method, path] of [
      ['GET', '/api/v1/loads'],
      ['GET', '/api/v1/health'],
      ['GET', '/addin/taskpane.html'],
      ['POST', '/api/v1/loads/1/undo'],
    ]) {
      const res = await send(local.base, method, path, { host: `rebind.evil.example:${port}`, [CLIENT_HEADER]: 'x' });
      expect(res.status, `${method} ${path}`).toBe(421);
      expect(res.detail).toBe(
        'Tjänsten i lokalt läge svarar bara på sina egna värdnamn (localhost, 127.0.0.1, ::1), inte på "rebind.evil.example".',
      );
    }
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`])
      expect((await send(local.base, 'GET', '/api/v1/health', { host })).status, host).toBe(200);
  });

  it('the task pane and nytta --server send the header, and their writes go through', async () => {
    const sent: Headers[] = [];
    const pane = serviceClient(
      local.base,
      '',
      (key) => key,
      (input, init) => {
        sent.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    );
    const report = await pane.upload(new File([FIGURES], 'budget-fönstret.csv'));
    expect(report.status).toBe('loaded');
    expect(sent.every((h) => h.get(CLIENT_HEADER) === 'taskpane')).toBe(true);

    const file = writeFixture(tempDir(), 'budget-cli.csv', FIGURES.replace('3', '4'));
    // Asynchronously: the service answering it runs in this process.
    const cli = await promisify(execFile)(process.execPath, [BIN, 'ingest', '--server', local.base, file], { encoding: 'utf8' });
    expect(cli.stdout).toContain('budget-cli.csv: inläst');
  });

  it('signed-in mode keeps its own rules: a token decides, whatever the Origin, and no Host is refused', async () => {
    const port = new URL(signedIn.base).port;
    const res = await send(signedIn.base, 'GET', '/api/v1/loads', { ...auth('reader'), origin: EVIL, host: `nytta.region.se:${port}` });
    expect(res.status).toBe(200);
    const none = await send(signedIn.base, 'POST', '/api/v1/loads/1/undo', { origin: EVIL });
    expect(none.status).toBe(401);
  });
});

describe('the role before the body', () => {
  it('a reader streaming a large chunked body to /api/v1/ingest/table is refused before the service reads it', async () => {
    const total = 96 * 2 ** 20;
    const chunk = new Uint8Array(256 * 1024).fill(0x20);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${signedIn.base}/api/v1/ingest/table`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKENS.reader}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toBe('Rollen reader räcker inte: det här kräver controller.');
    // What the client had handed over when the answer came: the socket's buffers at most, not the 96 MiB body.
    expect(pulled).toBeLessThan(16 * 2 ** 20);
    await body.cancel().catch(() => undefined);
  });
});
