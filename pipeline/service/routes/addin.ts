/**
 * @module addin – the Excel add-in from the service itself, so the task pane and the API share one origin (no CORS):
 * the task pane (HTML, CSS, and its script bundled from `addin/taskpane/` by esbuild on first request), its icons, the
 * manifest, the custom functions' metadata, and Office.js from the `@microsoft/office-js` package, its whole `dist`
 * folder (office.js loads companion files from beside itself; with one missing, `Office.onReady` never resolves).
 * `NYTTA_OFFICE_JS=cdn` points the task pane at Microsoft's CDN instead, which store publication requires.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Env } from '../context.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ADDIN = join(ROOT, 'addin');
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.txt': 'text/plain; charset=utf-8',
};

/** The `dist` folder of the installed @microsoft/office-js package. */
export function officeJsDist(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@microsoft/office-js/package.json')), 'dist');
}

let bundle: Promise<string> | null = null;

/** The task pane's script: one IIFE for the browser, built once per process. */
export function taskpaneBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [join(ADDIN, 'taskpane', 'main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  bundle.catch(() => (bundle = null));
  return bundle;
}

/** A file under `root` named by an untrusted relative path, or null when the path leaves `root` or is not a file. */
function fileUnder(root: string, relative: string): string | null {
  const path = normalize(join(root, relative));
  if (!path.startsWith(root + sep)) return null;
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

const file = (path: string, cache = 'no-cache') =>
  new Response(readFileSync(path), {
    headers: { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': cache },
  });

export function addinRoutes(options: { officeJs: 'local' | 'cdn' }): Hono<Env> {
  const app = new Hono<Env>();
  // Excel on the web fetches the custom functions' metadata, the pages and the icons from its own origin: they are
  // public files and may be read from any origin. The API keeps its strict CORS (app.ts).
  app.use('/addin/*', async (c, next) => {
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
  });
  app.use('/manifest.xml', async (c, next) => {
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
  });
  const dist = officeJsDist();
  app.get('/addin/taskpane.html', (c) => {
    const html = readFileSync(join(ADDIN, 'taskpane', 'taskpane.html'), 'utf8').replace(
      '{{OFFICE_JS}}',
      options.officeJs === 'cdn' ? OFFICE_JS_CDN : 'office-js/office.js',
    );
    return c.html(html);
  });
  app.get('/addin/taskpane.js', async (c) =>
    c.body(await taskpaneBundle(), 200, { 'content-type': TYPES['.js'], 'cache-control': 'no-cache' }),
  );
  app.get('/addin/taskpane.css', () => file(join(ADDIN, 'taskpane', 'taskpane.css')));
  // The custom functions' metadata, generated from addin/functions/functions.ts (npm run functions-metadata).
  app.get('/addin/functions.json', () => file(join(ADDIN, 'functions', 'functions.json')));
  app.get('/addin/assets/:name{icon-(16|32|64|80)\\.png}', (c) => file(join(ADDIN, 'assets', c.req.param('name')), 'max-age=86400'));
  app.get('/addin/office-js/*', (c) => {
    const path = fileUnder(dist, decodeURIComponent(c.req.path.slice('/addin/office-js/'.length)));
    return path ? file(path, 'max-age=86400') : c.notFound();
  });
  app.get('/addin', (c) => c.redirect('/addin/taskpane.html'));
  app.get('/manifest.xml', () => file(join(ROOT, 'manifest.xml')));
  return app;
}
