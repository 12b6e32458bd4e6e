/** The add-in's files from the service: the pane, its bundle, icons, the manifest and Office.js's whole dist folder. */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeJsDist, OFFICE_JS_CDN } from '../../pipeline/service/routes/addin.js';
import { buildService } from '../../pipeline/service/start.js';
import { tempStore } from '../helpers/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
beforeAll(async () => {
  store = await tempStore();
});
afterAll(() => store?.close());

const app = async (env: NodeJS.ProcessEnv = {}) => (await buildService(store, { host: '127.0.0.1', port: 3000, env })).app;

describe('serving the add-in', () => {
  it("serves the functions' metadata, pages, icons and manifest to Excel on the web's origin; the API keeps its strict CORS", async () => {
    const a = await app();
    const excelOnTheWeb = { origin: 'https://excel.officeapps.live.com' };
    for (const path of ['/addin/functions.json', '/addin/taskpane.html', '/addin/assets/icon-32.png', '/manifest.xml']) {
      const res = await a.request(path, { headers: excelOnTheWeb });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
    }
    const metadata = (await (await a.request('/addin/functions.json', { headers: excelOnTheWeb })).json()) as {
      functions: { id: string }[];
    };
    expect(metadata.functions.map((f) => f.id)).toContain('SERIE');
    const api = await a.request('/api/v1/health', { headers: excelOnTheWeb });
    expect(api.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("loads office.js from the service by default and from Microsoft's CDN with NYTTA_OFFICE_JS=cdn", async () => {
    const local = await (await (await app()).request('/addin/taskpane.html')).text();
    expect(local).toContain('<script src="office-js/office.js"></script>');
    const cdn = await (await (await app({ NYTTA_OFFICE_JS: 'cdn' })).request('/addin/taskpane.html')).text();
    expect(cdn).toContain(`<script src="${OFFICE_JS_CDN}"></script>`);
    await expect(app({ NYTTA_OFFICE_JS: 'web' })).rejects.toThrow('NYTTA_OFFICE_JS ska vara local eller cdn, inte "web".');
  });

  it('serves every file of the office-js dist folder office.js may ask for, and nothing outside it', async () => {
    const a = await app();
    const files = readdirSync(officeJsDist()).filter((f) => f.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['office.js', 'o15apptofilemappingtable.js']));
    for (const f of files.slice(0, 40)) expect((await a.request(`/addin/office-js/${f}`)).status, f).toBe(200);
    const nested = readdirSync(officeJsDist(), { recursive: true, encoding: 'utf8' }).find((f) => f.includes('/') && f.endsWith('.js'))!;
    expect((await a.request(`/addin/office-js/${nested}`)).status).toBe(200);
    for (const escape of [
      '/addin/office-js/..%2F..%2Fpackage.json',
      '/addin/office-js/%2E%2E/%2E%2E/package.json',
      '/addin/office-js/..%5C..%5Cpackage.json',
    ]) {
      expect((await a.request(escape)).status, escape).toBe(404);
    }
  });

  it('bundles the task pane for the browser, serves the icons and the manifest', async () => {
    const a = await app();
    const js = await a.request('/addin/taskpane.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const code = await js.text();
    // One script for the browser: no module syntax, no node built-ins.
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/require\(["']node:/);
    expect(code).toContain('Skriv till arbetsboken');
    for (const size of [16, 32, 64, 80])
      expect((await a.request(`/addin/assets/icon-${size}.png`)).headers.get('content-type')).toBe('image/png');
    expect((await a.request('/addin/assets/draw-icons.ts')).status).toBe(404);
    expect(await (await a.request('/manifest.xml')).text()).toContain('xsi:type="TaskPaneApp"');
  });
});
