/**
 * Native charts in the .xlsx files: read back from the package's own XML (not through the code that wrote it), checked
 * against what the plans say, opened by LibreOffice, and kept across a refresh when they are the user's.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlans } from '../../addin/service/build-plans.js';
import { httpService } from '../../addin/service/http-service.js';
import { serviceCall } from '../../addin/service/service-call.js';
import type { SheetPlan } from '../../addin/sheets/plan.js';
import { writeWorkbook } from '../../addin/xlsx/render-workbook.js';
import { libreOfficeAvailable, recalculateXlsx } from '../helpers/libreoffice.js';
import { auth, startTestService, type TestService } from '../helpers/service.js';
import { toolAvailable } from '../helpers/tools.js';

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

let s: TestService;
let plans: SheetPlan[];
let path: string;
beforeAll(async () => {
  s = await startTestService();
  const call = serviceCall((p, init) => s.app.request(p, init), auth('reader'));
  plans = await buildPlans(httpService(call), 'alla', { program: 'FVIS', indicator: 'IND01,IND04' });
  path = join(s.store.dir, 'charts.xlsx');
  await writeWorkbook(path, plans);
}, 120_000);
afterAll(() => s?.close());

const xml = (text: string) => new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
const all = (node: Document | Element, ns: string, name: string) => Array.from(node.getElementsByTagNameNS(ns, name)) as Element[];
const text = (node: Element | undefined) => node?.textContent ?? '';

/** Resolves a relationship target against the folder of the part that holds it. */
function resolve(part: string, target: string): string {
  const out = part.split('/').slice(0, -1);
  for (const step of target.split('/')) {
    if (step === '..') out.pop();
    else out.push(step);
  }
  return out.join('/');
}

async function relsOf(zip: JSZip, part: string): Promise<Map<string, string>> {
  const at = part.lastIndexOf('/');
  const file = zip.file(`${part.slice(0, at)}/_rels/${part.slice(at + 1)}.rels`);
  if (!file) return new Map();
  return new Map(
    all(xml(await file.async('string')), PKG, 'Relationship').map((r) => [r.getAttribute('Id')!, resolve(part, r.getAttribute('Target')!)]),
  );
}

interface ReadChart {
  name: string;
  part: string;
  doc: Document;
}

/** The charts on each sheet, as the package holds them: sheet → drawing → graphic frames → chart parts. */
async function chartsBySheet(file: string): Promise<Map<string, ReadChart[]>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = xml(await zip.file('xl/workbook.xml')!.async('string'));
  const workbookRels = await relsOf(zip, 'xl/workbook.xml');
  const out = new Map<string, ReadChart[]>();
  for (const sheet of all(workbook, 'http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'sheet')) {
    const sheetPart = workbookRels.get(sheet.getAttributeNS(R, 'id')!)!;
    const charts: ReadChart[] = [];
    for (const drawingPart of (await relsOf(zip, sheetPart)).values()) {
      if (!drawingPart.includes('/drawings/')) continue;
      const drawing = xml(await zip.file(drawingPart)!.async('string'));
      const rels = await relsOf(zip, drawingPart);
      for (const frame of all(drawing, XDR, 'graphicFrame')) {
        const chart = all(frame, C, 'chart')[0];
        if (!chart) continue;
        const part = rels.get(chart.getAttributeNS(R, 'id')!)!;
        charts.push({ name: all(frame, XDR, 'cNvPr')[0].getAttribute('name')!, part, doc: xml(await zip.file(part)!.async('string')) });
      }
    }
    out.set(sheet.getAttribute('name')!, charts);
  }
  return out;
}

/** `B5:B17` on sheet `Baslinje` as a chart formula writes it, by hand: `'Baslinje'!$B$5:$B$17`. */
const absolute = (sheet: string, range: string) => `'${sheet}'!${range.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;

describe('charts in the .xlsx files', () => {
  it("every sheet has the plan's charts, named as Nytta's, each series referring to the plan's ranges", async () => {
    const read = await chartsBySheet(path);
    let total = 0;
    for (const plan of plans) {
      const charts = read.get(plan.name) ?? [];
      expect(
        charts.map((c) => c.name),
        plan.name,
      ).toEqual(plan.charts.map((_, i) => `NYTTA_${plan.code}_diagram${i + 1}`));
      plan.charts.forEach((spec, i) => {
        const doc = charts[i].doc;
        const series = all(doc, C, 'ser');
        expect(series.map((x) => text(all(x, C, 'v')[0]))).toEqual(spec.series.map((x) => x.name));
        expect(series.map((x) => text(all(all(x, C, 'val')[0], C, 'f')[0]))).toEqual(spec.series.map((x) => absolute(plan.name, x.values)));
        for (const x of series) expect(text(all(all(x, C, 'cat')[0], C, 'f')[0])).toBe(absolute(plan.name, spec.categories));
        expect(text(all(all(doc, C, 'title')[0], 'http://schemas.openxmlformats.org/drawingml/2006/main', 't')[0])).toBe(spec.title);
        total++;
      });
    }
    // Indikatorserier (two series), Baslinje (the control chart) and Nyttokalkyl (the combination).
    expect(total).toBe(4);
  });

  it('the control chart marks the points outside its limits; the business case draws columns under its cumulative line', async () => {
    const read = await chartsBySheet(path);
    const [spc] = read.get('Baslinje')!;
    const markers = all(spc.doc, C, 'ser').map((x) => all(all(x, C, 'marker')[0], C, 'symbol')[0]?.getAttribute('val'));
    expect(markers).toEqual(['none', 'none', 'none', 'none', 'circle']);
    const [combo] = read.get('Nyttokalkyl')!;
    const bar = all(combo.doc, C, 'barChart')[0];
    const line = all(combo.doc, C, 'lineChart')[0];
    expect(all(bar, C, 'ser').map((x) => text(all(x, C, 'v')[0]))).toEqual(['Kostnader', 'Nyttor']);
    expect(all(line, C, 'ser').map((x) => text(all(x, C, 'v')[0]))).toEqual(['Ackumulerat netto']);
    // Both share one pair of axes, in Swedish.
    const titles = ['catAx', 'valAx'].map((ax) =>
      text(all(all(combo.doc, C, ax)[0], 'http://schemas.openxmlformats.org/drawingml/2006/main', 't')[0]),
    );
    expect(titles).toEqual(['År', 'Kronor']);
  });

  it.runIf(toolAvailable('xmllint', ['--version'], 'libxml2-utils'))('every chart and drawing part is well-formed XML', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path));
    const parts = Object.keys(zip.files).filter((p) => /^xl\/(charts|drawings)\/.*\.xml$/.test(p));
    expect(parts.length).toBeGreaterThanOrEqual(4 + 3);
    for (const part of parts) {
      const file = join(s.store.dir, part.replace(/\//g, '_'));
      writeFileSync(file, await zip.file(part)!.async('nodebuffer'));
      execFileSync('xmllint', ['--noout', '--nonet', file], { stdio: 'pipe' });
    }
  });

  it.runIf(libreOfficeAvailable())(
    'LibreOffice opens the file and keeps every chart (it drops parts it cannot read)',
    async () => {
      const saved = await chartsBySheet(recalculateXlsx(path));
      for (const plan of plans) expect(saved.get(plan.name)?.length ?? 0, plan.name).toBe(plan.charts.length);
    },
    120_000,
  );

  it("a refresh replaces Nytta's charts and keeps the user's own, with the parts it uses", async () => {
    const file = join(s.store.dir, 'user-chart.xlsx');
    copyFileSync(path, file);
    // The user makes a chart of their own: here, the first one renamed, given a style part of its own, as Excel adds.
    const zip = await JSZip.loadAsync(readFileSync(file));
    const before = (await chartsBySheet(file)).get('Indikatorserier')!;
    const drawingPart = Object.keys(zip.files).find((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p) && !p.includes('_rels'))!;
    const drawing = await zip.file(drawingPart)!.async('string');
    expect(drawing).toContain('name="NYTTA_IS_diagram1"');
    zip.file(drawingPart, drawing.replace('name="NYTTA_IS_diagram1"', 'name="Mitt diagram"'));
    const userPart = before[0].part;
    const style =
      '<?xml version="1.0" encoding="UTF-8"?><cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" id="201"/>';
    zip.file('xl/charts/style1.xml', style);
    zip.file(
      userPart.replace('charts/', 'charts/_rels/') + '.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/chartStyle" Target="style1.xml"/></Relationships>`,
    );
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file(
      '[Content_Types].xml',
      types.replace(
        '</Types>',
        '<Override PartName="/xl/charts/style1.xml" ContentType="application/vnd.ms-office.chartstyle+xml"/></Types>',
      ),
    );
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const userChart = await zip.file(userPart)!.async('string');

    for (let round = 0; round < 2; round++) await writeWorkbook(file, plans);

    const after = await chartsBySheet(file);
    const names = after.get('Indikatorserier')!.map((c) => c.name);
    expect(names.filter((n) => n === 'Mitt diagram')).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('NYTTA_')).sort()).toEqual(['NYTTA_IS_diagram1', 'NYTTA_IS_diagram2']);
    const kept = after.get('Indikatorserier')!.find((c) => c.name === 'Mitt diagram')!;
    const refreshed = await JSZip.loadAsync(readFileSync(file));
    expect(await refreshed.file(kept.part)!.async('string')).toBe(userChart);
    // Its style part came along, under the name its relationship now gives, with its content type.
    const keptRels = await relsOf(refreshed, kept.part);
    const stylePart = [...keptRels.values()][0];
    expect(await refreshed.file(stylePart)!.async('string')).toBe(style);
    expect(await refreshed.file('[Content_Types].xml')!.async('string')).toContain(`PartName="/${stylePart}"`);
    // The other sheets have their own charts, once each.
    for (const plan of plans.filter((p) => p.name !== 'Indikatorserier'))
      expect(after.get(plan.name)?.length ?? 0).toBe(plan.charts.length);
  });
});
