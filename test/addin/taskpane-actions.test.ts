/**
 * The task pane's *Att göra* and *Fastställ en version* in headless Chromium, against the real service on loopback with
 * its clock fixed at 2026-04-10 and the hand-worked region of test/helpers/benefits-fixture.ts (office.js replaced by
 * the recording stand-in for Excel): a person opens Att göra, chooses a program, sees what is due with the most overdue
 * first, filters by owner; a controller approves the business case, and the Nyttokalkyl job then writes the approved
 * version beside today's.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalsResponse } from '../../pipeline/contracts/index.js';
import type { LoadReport } from '../../pipeline/ingest/load-file.js';
import { fixedToday } from '../../pipeline/service/clock.js';
import { buildService } from '../../pipeline/service/start.js';
import { loadBenefitsFixture, TODAY } from '../helpers/benefits-fixture.js';
import { chromiumAvailable, connectPane, launch, taskPanePage } from '../helpers/browser.js';
import { tempStore } from '../helpers/store.js';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'taskpane');
const READER = 'reader-token-0123456789';
const CONTROLLER = 'controller-token-0123456789';

/** The Att göra table as the pane shows it: what, owner, due, days late (and whether shown late), and the kind (the row's title). */
const actionRows = (page: Page) =>
  page.$$eval('#actions-table tbody tr', (rows) =>
    rows.map((r) => [
      ...[...r.querySelectorAll('td')].map((td) => td.textContent + (td.className === 'late' ? ' (sen)' : '')),
      (r as HTMLElement).title,
    ]),
  );

describe.runIf(chromiumAvailable())('Att göra and approvals in the task pane', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let reports: Record<string, LoadReport>;
  let app: Awaited<ReturnType<typeof buildService>>['app'];

  beforeAll(async () => {
    store = await tempStore();
    reports = await loadBenefitsFixture(store.connection, store.dir);
    ({ app } = await buildService(store, {
      host: '127.0.0.1',
      port: 3000,
      env: {
        NYTTA_TOKENS: `${READER}:reader:Rita Läsare,${CONTROLLER}:controller:Karin Controller`,
        NYTTA_CORS_ORIGIN: 'https://localhost:3000',
      },
      today: fixedToday(TODAY),
    }));
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launch();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    server?.close();
    store?.close();
  });

  const connect = async (page: Page, token: string) => {
    await connectPane(page, base, token);
    expect(await page.getAttribute('#connection-status', 'class')).toBe('ok');
  };

  /** Waits for the Att göra status line to settle after an action, and returns it. */
  async function settled(page: Page, action: () => Promise<unknown>) {
    await page.evaluate(() => (document.getElementById('actions-status')!.className = 'pending'));
    await action();
    await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('actions-status')!.className));
    return page.textContent('#actions-status');
  }

  it("Att göra: KOM's items, the most overdue first, late days in red; filtered by owner", async () => {
    const page = await taskPanePage(browser);
    await connect(page, READER);
    expect(await page.$$eval('#actions-program option', (o) => o.map((x) => x.textContent))).toEqual([
      'Alla program',
      'KOM – Kommunsamverkan',
      'VIS – Vårdinformationsstöd',
    ]);
    // Opening the panel asks for every program's items.
    const all = await settled(page, () => page.click('#actions-panel summary'));
    expect(all).toBe('7 att göra per 2026-04-10.');

    expect(await settled(page, () => page.selectOption('#actions-program', 'KOM'))).toBe('5 att göra per 2026-04-10.');
    expect(await actionRows(page)).toEqual([
      ['Milstolpe M1: Rollmodell beslutad (nytta K2)', 'Per Pil', '2026-02-15', '54 (sen)', 'Milstolpe'],
      [
        'Utfall saknas för IND01 Avvikelser per 1000 vårddagar: 2026-02–2026-03 (månad, 2 perioder)',
        'Eva Ek',
        '2026-02-28',
        '41 (sen)',
        'Mätning',
      ],
      ['Riskåtgärd R1: Extra resurser', 'IT-chefen', '2026-03-31', '10 (sen)', 'Riskåtgärd'],
      ['Statusbedömning saknas för nytta K2 Kortare ledtider, period 2026-T1', 'Karin Controller', '2026-04-30', '0', 'Statusbedömning'],
      ['Nytta K2 Kortare ledtider saknar nyttoägare', 'Karin Controller', '', '', 'Nyttoägare'],
    ]);
    expect(await page.$$eval('#actions-owner option', (o) => o.map((x) => x.textContent))).toEqual([
      'Alla',
      'Eva Ek',
      'IT-chefen',
      'Karin Controller',
      'Per Pil',
    ]);
    expect(await settled(page, () => page.selectOption('#actions-owner', 'Karin Controller'))).toBe('2 att göra per 2026-04-10.');
    expect((await actionRows(page)).map((r) => r[1])).toEqual(['Karin Controller', 'Karin Controller']);
    // Every owner is still offered while one is chosen.
    expect(await page.$$eval('#actions-owner option', (o) => o.length)).toBe(5);
    await page.screenshot({ path: join(ARTIFACTS, 'att-gora.png'), fullPage: true });
    await page.close();
  });

  it('Fastställ: a controller approves KOM:s business case; the list says so; Nyttokalkyl then writes the approved version', async () => {
    const page = await taskPanePage(browser);
    await connect(page, CONTROLLER);
    await page.click('#approve-panel summary');
    await page.waitForFunction(() => document.getElementById('approvals-list')!.childElementCount > 0);
    expect(await page.textContent('#approvals-list')).toBe('Inget fastställt för programmet än.');
    const version = String(reports['kalkyl-kom.csv'].loadId);
    await page.selectOption('#approve-program', 'KOM');
    await page.selectOption('#approve-subject', 'nyttokalkyl');
    await page.selectOption('#approve-version', version);
    await page.fill('#approve-comment', 'Styrgruppen 2026-04-08');
    await page.click('#approve');
    await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('approve-status')!.className));
    expect(await page.textContent('#approve-status')).toBe(`Nyttokalkylen för KOM fastställd: version efter inläsning ${version}.`);
    expect(await page.textContent('#approvals-list li')).toMatch(
      new RegExp(`^Nyttokalkylen: version ${version}, fastställd \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} av Karin Controller$`),
    );
    // Recorded by the service, in the controller's name.
    const { approvals } = approvalsResponse.parse(
      await (await app.request('/api/v1/approvals?program=KOM', { headers: { authorization: `Bearer ${READER}` } })).json(),
    );
    expect(approvals.map((a) => [a.subject, a.version, a.approvedBy, a.comment])).toEqual([
      ['nyttokalkyl', Number(version), 'Karin Controller', 'Styrgruppen 2026-04-08'],
    ]);

    // The Nyttokalkyl job writes the approved version beside today's figures.
    await page.selectOption('#job', 'nyttokalkyl');
    await page.selectOption('#program', 'KOM');
    await page.click('#write');
    await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('status')!.className));
    expect(await page.getAttribute('#status', 'class'), (await page.textContent('#status')) ?? '').toBe('ok');
    const texts = await page.evaluate(() => {
      const sheets = (window as unknown as { __excel: { state: { sheets: Map<string, { cells: Map<string, { value: unknown }> }> } } })
        .__excel.state.sheets;
      return [...sheets.get('Nyttokalkyl')!.cells.values()].map((c) => c.value).filter((v) => typeof v === 'string') as string[];
    });
    expect(texts).toContain('Jämfört med den fastställda versionen');
    expect(
      texts.some((t) => t.startsWith(`Nyttokalkylen fastställd `) && t.includes(`version efter inläsning ${version} (kalkyl-kom.csv)`)),
    ).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'faststall.png'), fullPage: true });
    await page.close();
  });

  it('a reader who tries to approve is told the token is not enough, and nothing is recorded', async () => {
    const page = await taskPanePage(browser);
    await connect(page, READER);
    await page.click('#approve-panel summary');
    await page.selectOption('#approve-program', 'VIS');
    await page.click('#approve');
    await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('approve-status')!.className));
    expect(await page.getAttribute('#approve-status', 'class')).toBe('error');
    expect(await page.textContent('#approve-status')).toMatch(/^Det gick inte: Token räcker inte för det här \(403\)/);
    const { approvals } = approvalsResponse.parse(
      await (await app.request('/api/v1/approvals?program=VIS', { headers: { authorization: `Bearer ${READER}` } })).json(),
    );
    expect(approvals).toEqual([]);
    await page.close();
  });
});
