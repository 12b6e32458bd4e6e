/** Headless Chromium (Debian's, driven by playwright-core) for the task-pane tests; the recording stand-in as office.js. */
import { build } from 'esbuild';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { toolAvailable } from './tools.js';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumAvailable = () => toolAvailable(CHROMIUM, ['--version'], 'chromium');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

let standIn: Promise<string> | null = null;
/** The stand-in bundled for the browser. */
export function standInScript(): Promise<string> {
  standIn ??= build({
    entryPoints: [join(import.meta.dirname, 'office-standin-browser.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  return standIn;
}

/** A page that may reach loopback only, and (unless `realOffice`) gets the stand-in for office.js. */
export async function taskPanePage(browser: Browser, options: { realOffice?: boolean; displayLanguage?: string } = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 360, height: 900 } });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return ['127.0.0.1', 'localhost'].includes(url.hostname) ? route.continue() : route.abort();
  });
  if (!options.realOffice) {
    const script = await standInScript();
    await page.route('**/office-js/office.js', (route) => route.fulfill({ contentType: 'text/javascript', body: script }));
  }
  if (options.displayLanguage)
    await page.addInitScript(
      (lang) => ((window as unknown as Record<string, unknown>).__nyttaDisplayLanguage = lang),
      options.displayLanguage,
    );
  // Every message the status line shows, in order, so a test can see the progress a person saw.
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as Record<string, unknown>).__statusLog = log;
    document.addEventListener('DOMContentLoaded', () => {
      const status = document.getElementById('status');
      if (status)
        new MutationObserver(() => log.push(status.textContent ?? '')).observe(status, {
          childList: true,
          characterData: true,
          subtree: true,
        });
    });
  });
  return page;
}

/**
 * Opens the task pane and connects with `token`: the pane's own first attempt (without a token) ends first, or under load
 * it could overwrite the token field or its refusal be taken for the click's outcome. Resolves once connected with the
 * choices filled, or refused.
 */
export async function connectPane(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/addin/taskpane.html`);
  await page.waitForFunction(() => {
    const status = document.getElementById('connection-status')!;
    return document.body.dataset.ready !== undefined && (status.className === 'ok' || status.className === 'error');
  });
  await page.fill('#token', token);
  // The click sets the status to "working" at once, so what the wait below sees is this attempt's outcome.
  await page.click('#test-connection');
  await page.waitForFunction(() => {
    const status = document.getElementById('connection-status')!;
    return status.className === 'error' || (status.className === 'ok' && document.getElementById('program')!.childElementCount > 0);
  });
}
