/**
 * The task pane in headless Chromium against the real service on loopback, with office.js replaced by the recording
 * stand-in for Excel: a person's flow for each of the five jobs (choose, press, see progress, see the result written),
 * "Kontrollera", a wrong token, a stopped service, English for a non-Swedish Office, and the real office.js outside
 * Office (served whole from the package, so Office.onReady resolves). A screenshot of the pane is kept as an artifact.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, connectPane, launch, taskPanePage } from '../helpers/browser.js';
import { startIssuer } from '../helpers/issuer.js';
import { startTestService, TOKENS, type TestService } from '../helpers/service.js';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'taskpane');

/** What the stand-in's workbook holds, read in the page. */
const workbook = (page: Page) =>
  page.evaluate(() => {
    const s = (
      window as unknown as {
        __excel: {
          state: {
            sheets: Map<string, { cells: Map<string, { value: unknown }>; charts: { name: string; series: { name: string }[] }[] }>;
            tables: Map<string, unknown>;
            syncs: unknown[];
          };
        };
      }
    ).__excel.state;
    return {
      sheets: [...s.sheets.keys()],
      tables: [...s.tables.keys()],
      charts: Object.fromEntries([...s.sheets].map(([name, sheet]) => [name, sheet.charts.map((c) => c.series.map((x) => x.name))])),
      cell: Object.fromEntries(
        [...s.sheets].map(([name, sheet]) => [
          name,
          Object.fromEntries(
            [...sheet.cells].filter(([k]) => /^\d+,[0-3]$/.test(k) && Number(k.split(',')[0]) < 8).map(([k, v]) => [k, v.value]),
          ),
        ]),
      ),
      texts: Object.fromEntries(
        [...s.sheets].map(([name, sheet]) => [name, [...sheet.cells.values()].map((v) => v.value).filter((v) => typeof v === 'string')]),
      ),
      syncs: s.syncs.length,
    };
  });

/** Connects with a reader's token unless another is given. */
const connect = (page: Page, base: string, token: string = TOKENS.reader) => connectPane(page, base, token);

async function press(page: Page) {
  await page.evaluate(() => ((window as unknown as { __statusLog: string[] }).__statusLog.length = 0));
  await page.click('#write');
  await page.waitForFunction(() => {
    const status = document.getElementById('status')!;
    return status.className === 'ok' || status.className === 'error';
  });
  return {
    status: await page.textContent('#status'),
    kind: await page.getAttribute('#status', 'class'),
    seen: await page.evaluate(() => (window as unknown as { __statusLog: string[] }).__statusLog.slice()),
  };
}

describe.runIf(chromiumAvailable())('the task pane in Chromium', () => {
  let service: TestService;
  let browser: Browser;
  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestService(), launch()]);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('connects with a token and fills the choices from the service', async () => {
    const page = await taskPanePage(browser);
    await connect(page, service.base);
    expect(await page.textContent('#connection-status')).toMatch(
      /^Ansluten till Nytta \d+\.\d+\.\d+: \d+ inlästa filer, \d{1,3}(\s\d{3})* utfallsrader\. Inloggad som reader \(reader, token\)\.$/,
    );
    expect(await page.$$eval('#program option', (o) => o.map((x) => (x as HTMLOptionElement).value))).toContain('FVIS');
    expect(await page.$$eval('#indicators option', (o) => o.length)).toBeGreaterThan(3);
    expect(await page.textContent('#write')).toBe('Skriv till arbetsboken');
    await page.screenshot({ path: join(ARTIFACTS, 'taskpane.png'), fullPage: true });
    await page.close();
  });

  it('Indikatorserier: two indicators per year for a unit and its children, a table and a chart each', async () => {
    const page = await taskPanePage(browser);
    await connect(page, service.base);
    await page.selectOption('#job', 'indikatorer');
    const ids = await page.$$eval('#indicators option', (o) => o.slice(0, 2).map((x) => (x as HTMLOptionElement).value));
    await page.selectOption('#indicators', ids);
    await page.selectOption('#grain', 'year');
    const outcome = await press(page);
    expect(outcome.kind, outcome.status ?? '').toBe('ok');
    expect(outcome.seen[0]).toBe('Hämtar från tjänsten …');
    expect(outcome.seen).toContain('Skriver steg 1 av 1 …');
    expect(outcome.status).toMatch(/^Klart: Indikatorserier skrivet \(\d+ anrop till Excel\)\.$/);
    const wb = await workbook(page);
    expect(wb.sheets).toEqual(['Indikatorserier']);
    expect(wb.tables).toEqual(ids.map((id) => `Serie_${id}`));
    expect(wb.charts.Indikatorserier).toEqual([['Värde'], ['Värde']]);
    expect(wb.cell.Indikatorserier['0,0']).toBe('Indikatorserier');
    await page.screenshot({ path: join(ARTIFACTS, 'indikatorserier.png'), fullPage: true });

    // Again, by sex: the sheet is replaced (a larger layout), each series pivoted with a line per sex.
    await page.selectOption('#breakdown', 'sex');
    const again = await press(page);
    expect(again.kind, again.status ?? '').toBe('ok');
    const bySex = await workbook(page);
    expect(bySex.tables).toEqual(ids.map((id) => `Serie_${id}`));
    expect(bySex.charts.Indikatorserier).toEqual([
      ['K', 'M'],
      ['K', 'M'],
    ]);
    await page.close();
  });

  it('Baslinje, Nyttokalkyl (rate 3,5 %), Uppföljning per förvaltning, Risker and Portfölj, one after the other in one workbook', async () => {
    const page = await taskPanePage(browser);
    await connect(page, service.base);

    await page.selectOption('#job', 'baslinje');
    const unit = await page.$$eval('#unit option', (o) =>
      o
        .map((x) => (x as HTMLOptionElement).value)
        .find((v) => v && /\(\d{4}-\d{2}-\d{2}\)/.test(document.querySelector(`#unit option[value="${v}"]`)!.textContent!)),
    );
    await page.selectOption('#unit', unit!);
    let outcome = await press(page);
    expect(outcome.kind, outcome.status ?? '').toBe('ok');
    let wb = await workbook(page);
    expect(wb.charts.Baslinje).toEqual([['Värde', 'Centrallinje', 'Nedre gräns', 'Övre gräns', 'Utanför gränserna']]);

    await page.selectOption('#job', 'nyttokalkyl');
    await page.fill('#rate', '3,5');
    // The production loss with its parameters, in the NPV: the service computes it, the sheet shows it as a cost line.
    await page.selectOption('#volume-indicator', 'IND05');
    await page.fill('#peak', '50');
    await page.fill('#weeks-before', '8');
    await page.check('#include-loss');
    outcome = await press(page);
    expect(outcome.kind, outcome.status ?? '').toBe('ok');
    wb = await workbook(page);
    expect(wb.cell.Nyttokalkyl['2,1']).toBe(0.035);
    const texts = wb.texts.Nyttokalkyl as string[];
    expect(texts).toContain('produktionsbortfall (modellerat)');
    expect(texts).toContain('Produktionsbortfall (modellerat, ingår i kalkylen)');
    expect(texts.some((t) => t.startsWith('Topp 50 %, 8 veckor före till 16 veckor efter'))).toBe(true);
    expect(texts).toContain('Nyckeltal i lagret');

    await page.selectOption('#job', 'uppfoljning');
    await page.check('#per-administration');
    outcome = await press(page);
    expect(outcome.kind, outcome.status ?? '').toBe('ok');
    wb = await workbook(page);
    const perAdministration = wb.sheets.filter((s) => s.startsWith('Uppföljning '));
    expect(perAdministration.length).toBeGreaterThan(1);

    await page.selectOption('#job', 'risker');
    await page.selectOption('#scale', '5');
    outcome = await press(page);
    expect(outcome.kind, outcome.status ?? '').toBe('ok');
    wb = await workbook(page);
    expect(wb.sheets).toEqual(['Baslinje', 'Nyttokalkyl', ...perAdministration, 'Risker']);
    // FVIS has no risks of its own: its sheet says so, and shows no other program's (before issue #29 it showed FVM's).
    expect(wb.tables).not.toContain('Riskregister');
    expect(wb.cell.Risker['2,0']).toBe('Inga risker är registrerade för programmet FVIS.');

    // Portfölj: one row per program; FVIS, whose Nyttokalkyl this workbook has, links to it.
    await page.selectOption('#job', 'portfolj');
    outcome = await press(page);
    expect(outcome.kind, outcome.status ?? '').toBe('ok');
    wb = await workbook(page);
    expect(wb.sheets).toContain('Portfölj');
    expect(wb.tables).toContain('Portfolj');
    const programCells = Object.entries(wb.cell['Portfölj'])
      .filter(([at]) => at.endsWith(',0') && Number(at.split(',')[0]) >= 3)
      .map(([, v]) => String(v));
    expect(programCells).toContain(`=HYPERLINK("#'Nyttokalkyl'!A1","FVIS")`);
    expect(programCells).toContain('FVM');

    // Kontrollera re-runs what was written and finds the sheets matching the service.
    await page.click('#verify');
    await page.waitForFunction(() => /stämmer|skiljer/.test(document.getElementById('status')!.textContent ?? ''));
    expect(await page.textContent('#status')).toMatch(/^Bladen stämmer med tjänsten \([\d\s\u00a0\u202f]+ celler kontrollerade\)\.$/);
    await page.screenshot({ path: join(ARTIFACTS, 'portfolj.png'), fullPage: true });
    await page.close();
  });

  it('every placeholder is the default actually used: the Nyttokalkyl written with its fields empty', async () => {
    const page = await taskPanePage(browser);
    await connect(page, service.base);
    await page.selectOption('#job', 'nyttokalkyl');
    const placeholder = (id: string) => page.getAttribute(id, 'placeholder');
    const shown = {
      rate: await placeholder('#rate'),
      peak: await placeholder('#peak'),
      cost: await placeholder('#cost-per-contact'),
      before: await placeholder('#weeks-before'),
      after: await placeholder('#weeks-after'),
      delay: await placeholder('#delay-months'),
    };
    // The production loss in the case, every number left empty: the service applies its defaults.
    await page.selectOption('#volume-indicator', 'IND05');
    await page.check('#include-loss');
    for (const id of ['#rate', '#peak', '#cost-per-contact', '#weeks-before', '#weeks-after', '#delay-months']) await page.fill(id, '');
    const outcome = await press(page);
    expect(outcome.kind, outcome.status ?? '').toBe('ok');
    const wb = await workbook(page);
    // The rate cell holds what the service used, as a share; the placeholder shows it in percent, as the field is read.
    expect(Number(String(shown.rate).replace(',', '.')) / 100).toBe(wb.cell.Nyttokalkyl['2,1']);
    const texts = wb.texts.Nyttokalkyl as string[];
    expect(texts).toContain(
      `Topp ${shown.peak} %, ${shown.before} veckor före till ${shown.after} veckor efter driftstart, ${shown.cost} kr per kontakt`,
    );
    expect(shown.delay).toBe('0');
    expect(texts.some((t) => /förskjut/i.test(t))).toBe(false);
    // The indicator series' periods: empty means every period, and the field says so.
    await page.selectOption('#job', 'indikatorer');
    expect(await placeholder('#from')).toBe('alla perioder');
    expect(await placeholder('#to')).toBe('alla perioder');
    await page.close();
  });

  it("signs in with Office's single sign-on against the region's issuer, and says so where Office does not offer it", async () => {
    const idp = await startIssuer();
    const oidcService = await startTestService({
      rows: 2000,
      env: { NYTTA_OIDC_ISSUER: idp.url, NYTTA_OIDC_AUDIENCE: idp.audience, NYTTA_CORS_ORIGIN: 'https://localhost:3000' },
    });
    try {
      const page = await taskPanePage(browser);
      await page.goto(`${oidcService.base}/addin/taskpane.html`);
      // The pane tries the connection as it opens: without a token the service says 401.
      await page.waitForFunction(() => /401/.test(document.getElementById('connection-status')!.textContent ?? ''));
      // Office without single sign-on for this add-in answers 13000: the pane asks for a token instead.
      await page.click('#sign-in');
      await page.waitForFunction(() => /Enkel inloggning/.test(document.getElementById('connection-status')!.textContent ?? ''));
      expect(await page.textContent('#connection-status')).toBe(
        'Enkel inloggning finns inte här (kod 13000): klistra in en token i stället.',
      );
      // With it, Office's token is the caller's, and the connection test says who the service sees.
      const sso = await idp.token({ roles: ['Nytta.Controller'], name: 'Karin Controller' });
      await page.evaluate((t) => ((window as unknown as { __ssoToken: string }).__ssoToken = t), sso);
      await page.click('#sign-in');
      await page.waitForFunction(() => document.getElementById('connection-status')!.className === 'ok');
      expect(await page.textContent('#connection-status')).toMatch(
        / Inloggad som Karin Controller \(controller, regionens inloggning\)\.$/,
      );
      await page.close();
    } finally {
      await oidcService.close();
      idp.close();
    }
  });

  it('signs in with nested app authentication where the host brokers tokens, through MSAL and the host bridge', async () => {
    const idp = await startIssuer();
    const clientId = '11111111-nytta-tillagg';
    const oidcService = await startTestService({
      rows: 2000,
      env: {
        NYTTA_OIDC_ISSUER: idp.url,
        NYTTA_OIDC_AUDIENCE: idp.audience,
        NYTTA_OIDC_CLIENT_ID: clientId,
        NYTTA_CORS_ORIGIN: 'https://localhost:3000',
      },
    });
    try {
      const health = (await (await fetch(`${oidcService.base}/api/v1/health`)).json()) as { signIn: unknown };
      expect(health.signIn).toEqual({ clientId, authority: idp.url, scopes: [`${idp.audience}/.default`] });
      const page = await taskPanePage(browser);
      await page.goto(`${oidcService.base}/addin/taskpane.html`);
      await page.waitForFunction(() => /401/.test(document.getElementById('connection-status')!.textContent ?? ''));
      // A host that brokers tokens but has no one signed in, and no Office SSO either: the pane says both, keeps the token field.
      await page.evaluate(() => ((window as unknown as { __naa: object }).__naa = {}));
      await page.click('#sign-in');
      await page.waitForFunction(() => /Enkel inloggning/.test(document.getElementById('connection-status')!.textContent ?? ''));
      expect(await page.textContent('#connection-status')).toMatch(
        /^Enkel inloggning finns inte här \(NAA: .+; kod 13000\): klistra in en token i stället\.$/,
      );

      // Signed in to Office: MSAL gets the token from the host for the add-in's app and the service's scope.
      const accessToken = await idp.token({ roles: ['Nytta.Analyst'], name: 'Ada Analytiker' });
      const idToken = await idp.token(
        { name: 'Ada Analytiker', preferred_username: 'ada@region.se', oid: '00000000-sub', tid: '00000000-tid' },
        { aud: clientId },
      );
      await page.evaluate((host) => ((window as unknown as { __naa: object }).__naa = host), {
        accessToken,
        idToken,
        name: 'Ada Analytiker',
        username: 'ada@region.se',
      });
      await page.click('#sign-in');
      await page.waitForFunction(() => document.getElementById('connection-status')!.className === 'ok');
      expect(await page.textContent('#connection-status')).toMatch(/ Inloggad som Ada Analytiker \(analyst, regionens inloggning\)\.$/);
      expect(await page.inputValue('#token')).toBe(accessToken);
      const requests = (await page.evaluate(() => (window as unknown as { __naaRequests: unknown[] }).__naaRequests)) as {
        method: string;
        tokenParams?: { clientId: string; scope: string };
      }[];
      const asked = requests.filter((r) => r.method === 'GetToken').at(-1)!;
      expect(asked.tokenParams?.clientId).toBe(clientId);
      expect(asked.tokenParams?.scope.split(' ')).toContain(`${idp.audience}/.default`);
      await page.close();
    } finally {
      await oidcService.close();
      idp.close();
    }
  });

  it("lists the store's loads, and loads a file from the pane: a good one shows up as a load, a bad one lists its errors", async () => {
    const page = await taskPanePage(browser);
    await connect(page, service.base, TOKENS.controller);
    await page.click('#loads summary');
    const firstRow = () => page.$$eval('#loads-table tbody tr:first-child td', (cells) => cells.map((c) => c.textContent));
    expect((await firstRow()).length).toBe(4);

    await page.setInputFiles('#upload-file', {
      name: 'nyckeltal-fran-panelen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('nyckeltal;varde;enhet\ninvesteringsbudget;2 027;mnkr\n'),
    });
    await page.click('#upload');
    await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('upload-status')!.className));
    expect(await page.textContent('#upload-status')).toMatch(
      /^nyckeltal-fran-panelen\.csv: inläst som nyckeltal, 1 rader \(inläsning \d+\)\.$/,
    );
    expect(await firstRow()).toEqual([
      'nyckeltal-fran-panelen.csv',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      'controller',
      '1 / 1',
    ]);

    await page.setInputFiles('#upload-file', {
      name: 'fel.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('nyckeltal;varde;enhet\ninvesteringsbudget;tre;mnkr\n'),
    });
    await page.click('#upload');
    await page.waitForFunction(() => document.getElementById('upload-status')!.className === 'error');
    expect(await page.textContent('#upload-status')).toBe('fel.csv avvisades, inget lästes in (1 fel):');
    expect(await page.$$eval('#upload-errors li', (items) => items.map((i) => i.textContent))).toEqual([
      expect.stringContaining('fel.csv, rad 2, kolumn varde'),
    ]);
    expect((await firstRow())[0]).toBe('fel.csv (avvisad)');
    await page.screenshot({ path: join(ARTIFACTS, 'inlasningar.png'), fullPage: true });
    await page.close();
  });

  it('Skicka till Nytta: a new milestone table, its bad cells listed by address (a click selects the cell), then sent as a load', async () => {
    const page = await taskPanePage(browser);
    await connect(page, service.base, TOKENS.controller);
    const benefits = (await (
      await fetch(`${service.base}/api/v1/queries/catalogue_benefits`, { headers: { authorization: `Bearer ${TOKENS.reader}` } })
    ).json()) as { rows: { program: string; id: string }[] };
    const benefit = benefits.rows.find((b) => b.program === 'FVIS')!.id;
    const excel = (fn: string, ...args: unknown[]) =>
      page.evaluate(
        ([f, a]) => {
          const x = (window as unknown as { __excel: Record<string, (...v: unknown[]) => unknown> }).__excel;
          return x[f as string](...(a as unknown[]));
        },
        [fn, args] as const,
      );
    const state = () =>
      page.evaluate(() => {
        const s = (
          window as unknown as { __excel: { state: { selection: unknown; tables: Map<string, { sheet: string; address: string }> } } }
        ).__excel.state;
        return { selection: s.selection, tables: Object.fromEntries(s.tables) };
      });
    const statusOf = async () => {
      await page.waitForFunction(() => ['ok', 'error'].includes(document.getElementById('send-status')!.className));
      return page.textContent('#send-status');
    };
    const clearStatus = () => page.evaluate(() => (document.getElementById('send-status')!.className = ''));

    // Ny tabell för …: a headed table on a sheet of its own, the first cell to type in selected.
    await page.click('#send summary');
    await page.selectOption('#template-kind', 'milstolpar');
    await page.click('#new-table');
    expect(await statusOf()).toBe('Tabellen Nytta_milstolpar finns nu på bladet Skicka milstolpar: fyll i raderna och skicka.');
    expect((await state()).tables.Nytta_milstolpar).toEqual({ sheet: 'Skicka milstolpar', address: 'A1:G2', style: 'TableStyleMedium2' });
    expect((await state()).selection).toEqual({ sheet: 'Skicka milstolpar', address: 'A2' });
    expect((await workbook(page)).cell['Skicka milstolpar']).toMatchObject({
      '0,0': 'Program',
      '0,1': 'Nytta',
      '0,2': 'ID',
      '0,3': 'Milstolpe',
    });
    expect(await page.inputValue('#send-table')).toBe('Nytta_milstolpar');
    expect(await page.inputValue('#send-kind')).toBe('milstolpar');

    // Typed as a user would: the dates under the date columns become dates; "snart" stays text, an unknown benefit too.
    await excel('typeIntoTable', 'Nytta_milstolpar', [
      ['FVIS', benefit, 'M-1', 'Utbildning klar', 'Anna', '2027-03-31', ''],
      ['FVIS', 'N-okänd', 'M-2', 'Driftstart', 'Bo', 'snart', ''],
    ]);
    await clearStatus();
    await page.click('#send-table-button');
    expect(await statusOf()).toBe('Nytta_milstolpar avvisades, inget lästes in (2 fel). Klicka på en cell för att gå dit:');
    const links = await page.$$eval('#send-errors li', (items) =>
      items.map((i) => [i.querySelector('button')?.textContent, i.textContent]),
    );
    expect(links).toEqual([
      ["'Skicka milstolpar'!B3", expect.stringContaining('Nytta: "N-okänd" okänd nytta för programmet')],
      ["'Skicka milstolpar'!F3", expect.stringContaining('Planerad: "snart" är inget giltigt datum')],
    ]);
    await page.click('#send-errors li:nth-child(2) button');
    await page.waitForFunction(
      () => (window as unknown as { __excel: { state: { selection: { address: string } } } }).__excel.state.selection.address === 'F3',
    );
    expect((await state()).selection).toEqual({ sheet: 'Skicka milstolpar', address: 'F3' });
    await page.screenshot({ path: join(ARTIFACTS, 'skicka-till-nytta.png'), fullPage: true });

    // Corrected in the sheet, checked, then sent: a load named by workbook, sheet and table, by the one who sent it.
    await excel('typeIntoTable', 'Nytta_milstolpar', [
      ['FVIS', benefit, 'M-1', 'Utbildning klar', 'Anna', '2027-03-31', ''],
      ['FVIS', benefit, 'M-2', 'Driftstart', 'Bo', '2027-10-01', '2027-10-02'],
    ]);
    await clearStatus();
    await page.click('#send-check');
    expect(await statusOf()).toBe('Nytta_milstolpar: inga fel; 2 rader skulle läsas in som milstolpar.');
    await clearStatus();
    await page.click('#send-table-button');
    expect(await statusOf()).toMatch(/^Nytta_milstolpar: inläst som milstolpar, 2 rader \(inläsning \d+\)\.$/);
    expect(await page.$$eval('#send-errors li', (items) => items.length)).toBe(0);
    expect(await page.$$eval('#loads-table tbody tr:first-child td', (cells) => cells.map((c) => c.textContent))).toEqual([
      'Bok1.xlsx › Skicka milstolpar › Nytta_milstolpar',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/),
      'controller',
      '2 / 2',
    ]);
    const stored = (await (
      await fetch(`${service.base}/api/v1/queries/milestones?program=FVIS`, { headers: { authorization: `Bearer ${TOKENS.reader}` } })
    ).json()) as { rows: { id: string; planned: string; done: string | null }[] };
    expect(stored.rows.filter((r) => r.id.startsWith('M-')).map((r) => [r.id, r.planned, r.done])).toEqual([
      ['M-1', '2027-03-31', null],
      ['M-2', '2027-10-01', '2027-10-02'],
    ]);
    await page.close();
  });

  it('says what is wrong with a wrong token, a bad rate, and a service that has stopped', async () => {
    const page = await taskPanePage(browser);
    await connect(page, service.base, 'fel-token-0000');
    expect(await page.textContent('#connection-status')).toBe('Tjänsten godtar inte token (401). Kontrollera token under Anslutning.');
    expect(await page.getAttribute('#connection-status', 'class')).toBe('error');

    await connect(page, service.base);
    await page.selectOption('#job', 'nyttokalkyl');
    await page.fill('#rate', 'tre');
    const bad = await press(page);
    expect(bad.status).toBe('Kalkylräntan ska vara ett tal mellan 0 och 100, t.ex. 3,5.');
    await page.fill('#rate', '3');
    await page.fill('#delay-months', '2,5');
    expect((await press(page)).status).toBe('Förskjutningen ska vara ett helt antal månader, 0–120.');
    await page.fill('#delay-months', '');
    await page.check('#include-loss');
    expect((await press(page)).status).toBe('Välj en volymindikator för att räkna in produktionsbortfallet.');
    await page.uncheck('#include-loss');

    // A port nobody listens on any more.
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    await page.fill('#service-url', `http://127.0.0.1:${closed}`);
    await page.click('#test-connection');
    await page.waitForFunction(() => /svarar inte/.test(document.getElementById('connection-status')!.textContent ?? ''));
    expect(await page.textContent('#connection-status')).toBe(
      `Tjänsten svarar inte på http://127.0.0.1:${closed}. Är den startad (npm start) och stämmer adressen?`,
    );
    await page.fill('#rate', '3');
    const stopped = await press(page);
    expect(stopped.kind).toBe('error');
    expect(stopped.status).toBe(
      `Det gick inte: Tjänsten svarar inte på http://127.0.0.1:${closed}. Är den startad (npm start) och stämmer adressen?`,
    );
    expect((await workbook(page)).sheets).toEqual([]);
    await page.close();
  });

  it("hosts =NYTTA.SERIE in the same runtime: associated as the page loads, answering with the pane's connection", async () => {
    const page = await taskPanePage(browser);
    await connect(page, service.base);
    const matrix = await page.evaluate(async () => {
      const fns = (window as unknown as { __customFunctions: Record<string, (...args: string[]) => Promise<unknown[][]>> })
        .__customFunctions;
      return fns.SERIE('IND01', 'SKAS', '2020', '2021', 'år');
    });
    expect(matrix.map((r) => r[0])).toEqual(['Period', '2020', '2021']);
    await page.close();
  });

  it('speaks English when Office does not speak Swedish', async () => {
    const page = await taskPanePage(browser, { displayLanguage: 'en-GB' });
    await connect(page, service.base);
    expect(await page.textContent('#write')).toBe('Write to workbook');
    expect(await page.textContent('#connection-status')).toMatch(/^Connected to Nytta/);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.close();
  });

  it('with the real office.js served whole from the package, Office.onReady resolves outside Office and the pane says so', async () => {
    const page = await taskPanePage(browser, { realOffice: true });
    const missing: string[] = [];
    page.on('response', (r) => r.status() >= 400 && missing.push(r.url()));
    await page.goto(`${service.base}/addin/taskpane.html`);
    await page.waitForSelector('#host-notice:not([hidden])', { timeout: 20_000 });
    expect(await page.textContent('#host-notice')).toBe(
      'Nytta körs utanför Excel: öppna tillägget i Excel för att skriva till en arbetsbok.',
    );
    // Every file office.js asked for was there (the API's own 401 for a pane without a token is not a missing file).
    expect(missing.filter((u) => u.includes('/addin/'))).toEqual([]);
    await page.close();
  });
});
