/**
 * @module chart-package – native Excel charts in the .xlsx package ExcelJS wrote. ExcelJS cannot write charts and drops
 * them when it reads a file, so the package is finished here with JSZip (the zip library ExcelJS itself uses): each
 * sheet with charts gets a drawing part, one chart part per chart, their relationships and content types. On a
 * refresh, the user's own charts (any chart whose name is not `NYTTA_…`) are taken from the file before ExcelJS reads
 * it and put back with every part they use; Nytta's own are drawn anew from the plans.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { chartName, type SheetPlan } from '../sheets/plan.js';
import { chartAnchorXml, chartXml, NS } from './chart-xml.js';

const REL = {
  drawing: `${NS.r}/drawing`,
  chart: `${NS.r}/chart`,
};
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const TYPE = {
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
};
/** Worksheet children that come after `<drawing>` in CT_Worksheet's sequence: the drawing goes before the first of them. */
const AFTER_DRAWING = [
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];
const ANCHORS = ['twoCellAnchor', 'oneCellAnchor', 'absoluteAnchor'];
export const NYTTA_CHART = /^NYTTA_/;

/** A chart of the user's, lifted from a file before ExcelJS reads it: its anchor and every part it uses. */
export interface CarriedChart {
  sheet: string;
  name: string;
  /** The anchor element; its `c:chart` names the chart part by `rId`. */
  anchor: string;
  chartPath: string;
  /** The chart part and the parts it refers to (styles, colours), by path, with their content types. */
  parts: Map<string, { data: Uint8Array; contentType: string | null }>;
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
const serialize = (node: Document | Element) => new XMLSerializer().serializeToString(node as never);
const elements = (parent: Document | Element, ns: string, local: string) =>
  Array.from(parent.getElementsByTagNameNS(ns, local)) as Element[];

async function readXml(zip: JSZip, path: string): Promise<Document | null> {
  const file = zip.file(path);
  return file ? parse(await file.async('string')) : null;
}

/** The relationships part of a part: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsPath(part: string): string {
  const at = part.lastIndexOf('/');
  return `${part.slice(0, at)}/_rels/${part.slice(at + 1)}.rels`;
}

/** A relationship's target as a package path, relative to the part that holds it. */
export function resolveTarget(part: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const out = part.split('/').slice(0, -1);
  for (const step of target.split('/')) {
    if (step === '..') out.pop();
    else if (step !== '.') out.push(step);
  }
  return out.join('/');
}

/** A target for a relationship in `from` that points at `to`, both package paths. */
function relativeTarget(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

async function relationships(zip: JSZip, part: string): Promise<Relationship[]> {
  const doc = await readXml(zip, relsPath(part));
  if (!doc) return [];
  return elements(doc, PACKAGE_RELS, 'Relationship')
    .filter((r) => r.getAttribute('TargetMode') !== 'External')
    .map((r) => ({
      id: r.getAttribute('Id') ?? '',
      type: r.getAttribute('Type') ?? '',
      target: resolveTarget(part, r.getAttribute('Target') ?? ''),
    }));
}

/** Each sheet's name and the path of its part. */
export async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await readXml(zip, 'xl/workbook.xml');
  if (!workbook) return new Map();
  const rels = new Map((await relationships(zip, 'xl/workbook.xml')).map((r) => [r.id, r.target]));
  return new Map(
    elements(workbook, MAIN, 'sheet').map(
      (s) => [s.getAttribute('name') ?? '', rels.get(s.getAttributeNS(NS.r, 'id') ?? '') ?? ''] as const,
    ),
  );
}

function contentTypeOf(types: Document | null, path: string): string | null {
  if (!types) return null;
  const override = elements(types, CONTENT_TYPES, 'Override').find((o) => o.getAttribute('PartName') === `/${path}`);
  if (override) return override.getAttribute('ContentType');
  const ext = path.slice(path.lastIndexOf('.') + 1);
  return (
    elements(types, CONTENT_TYPES, 'Default')
      .find((d) => d.getAttribute('Extension') === ext)
      ?.getAttribute('ContentType') ?? null
  );
}

/** The chart element of an anchor (`c:chart` inside a graphic frame), and the frame's name. */
function chartOf(anchor: Element): { rId: string; name: string } | null {
  const chart = elements(anchor, NS.c, 'chart')[0];
  const props = elements(anchor, NS.xdr, 'cNvPr')[0];
  if (!chart || !props) return null;
  return { rId: chart.getAttributeNS(NS.r, 'id') ?? '', name: props.getAttribute('name') ?? '' };
}

/** A part and every part it refers to, recursively (a chart's style and colours), with their content types. */
async function collectParts(zip: JSZip, types: Document | null, part: string, into: CarriedChart['parts']): Promise<void> {
  if (into.has(part)) return;
  const file = zip.file(part);
  if (!file) return;
  into.set(part, { data: await file.async('uint8array'), contentType: contentTypeOf(types, part) });
  const rels = zip.file(relsPath(part));
  if (rels) into.set(relsPath(part), { data: await rels.async('uint8array'), contentType: null });
  for (const r of await relationships(zip, part)) await collectParts(zip, types, r.target, into);
}

/** The user's charts in an .xlsx (every chart not named `NYTTA_…`), to be put back after a refresh. */
export async function userCharts(xlsx: Uint8Array | Buffer): Promise<CarriedChart[]> {
  const zip = await JSZip.loadAsync(xlsx);
  const types = await readXml(zip, '[Content_Types].xml');
  const carried: CarriedChart[] = [];
  for (const [sheet, sheetPath] of await sheetParts(zip)) {
    for (const drawingRel of (await relationships(zip, sheetPath)).filter((r) => r.type === REL.drawing)) {
      const drawing = await readXml(zip, drawingRel.target);
      if (!drawing) continue;
      const rels = new Map((await relationships(zip, drawingRel.target)).map((r) => [r.id, r.target]));
      for (const anchor of ANCHORS.flatMap((a) => elements(drawing, NS.xdr, a))) {
        const chart = chartOf(anchor);
        const chartPath = chart && rels.get(chart.rId);
        if (!chart || !chartPath || NYTTA_CHART.test(chart.name)) continue;
        const parts: CarriedChart['parts'] = new Map();
        await collectParts(zip, types, chartPath, parts);
        carried.push({ sheet, name: chart.name, anchor: serialize(anchor), chartPath, parts });
      }
    }
  }
  return carried;
}

/** Numbers parts so none collides with what the package holds: `xl/charts/chart7.xml`, `xl/charts/style7.xml`. */
function partNamer(zip: JSZip) {
  const taken = new Set(Object.keys(zip.files));
  return (dir: string, stem: string, ext: string): string => {
    for (let n = 1; ; n++) {
      const path = `${dir}/${stem}${n}.${ext}`;
      if (!taken.has(path)) {
        taken.add(path);
        return path;
      }
    }
  };
}

function addOverride(types: Document, path: string, contentType: string): void {
  const root = types.documentElement!;
  const existing = elements(types, CONTENT_TYPES, 'Override').find((o) => o.getAttribute('PartName') === `/${path}`);
  if (existing) return;
  const override = types.createElementNS(CONTENT_TYPES, 'Override');
  override.setAttribute('PartName', `/${path}`);
  override.setAttribute('ContentType', contentType);
  root.appendChild(override);
}

function relsDocument(): Document {
  return parse(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PACKAGE_RELS}"/>`);
}

/** Adds a relationship with a fresh id; returns the id. */
function addRelationship(rels: Document, type: string, target: string): string {
  const ids = new Set(elements(rels, PACKAGE_RELS, 'Relationship').map((r) => r.getAttribute('Id')));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const rel = rels.createElementNS(PACKAGE_RELS, 'Relationship');
  rel.setAttribute('Id', `rId${n}`);
  rel.setAttribute('Type', type);
  rel.setAttribute('Target', target);
  rels.documentElement!.appendChild(rel);
  return `rId${n}`;
}

/** Puts `<drawing r:id=…/>` where CT_Worksheet's sequence wants it: before the first element that must follow it. */
function insertDrawing(sheet: Document, rId: string): void {
  const root = sheet.documentElement!;
  const drawing = sheet.createElementNS(MAIN, 'drawing');
  drawing.setAttributeNS(NS.r, 'r:id', rId);
  const next = Array.from(root.childNodes as unknown as Element[]).find(
    (n) => n.nodeType === 1 && AFTER_DRAWING.includes(n.localName ?? ''),
  );
  if (next) root.insertBefore(drawing, next);
  else root.appendChild(drawing);
}

interface SheetDrawing {
  path: string;
  doc: Document;
  rels: Document;
}

/** The sheet's drawing (ExcelJS writes one for images), or a new one joined to the sheet. */
async function drawingFor(zip: JSZip, types: Document, sheetPath: string, name: ReturnType<typeof partNamer>): Promise<SheetDrawing> {
  const existing = (await relationships(zip, sheetPath)).find((r) => r.type === REL.drawing);
  if (existing) {
    return {
      path: existing.target,
      doc: (await readXml(zip, existing.target))!,
      rels: (await readXml(zip, relsPath(existing.target))) ?? relsDocument(),
    };
  }
  const path = name('xl/drawings', 'drawing', 'xml');
  const doc = parse(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"/>`);
  const sheetRels = (await readXml(zip, relsPath(sheetPath))) ?? relsDocument();
  const rId = addRelationship(sheetRels, REL.drawing, relativeTarget(sheetPath, path));
  zip.file(relsPath(sheetPath), serialize(sheetRels));
  const sheet = (await readXml(zip, sheetPath))!;
  insertDrawing(sheet, rId);
  zip.file(sheetPath, serialize(sheet));
  addOverride(types, path, TYPE.drawing);
  return { path, doc, rels: relsDocument() };
}

/** Every frame in a drawing needs its own id. */
function nextFrameId(drawing: Document): number {
  return Math.max(1, ...elements(drawing, NS.xdr, 'cNvPr').map((p) => Number(p.getAttribute('id')) || 0)) + 1;
}

/** Copies a carried chart's parts under fresh names, rewriting their relationships to match; returns the chart's new path. */
function copyParts(zip: JSZip, types: Document, chart: CarriedChart, name: ReturnType<typeof partNamer>): string {
  const renamed = new Map<string, string>();
  for (const path of chart.parts.keys()) {
    if (path.includes('/_rels/')) continue;
    const dir = path.slice(0, path.lastIndexOf('/'));
    const file = path.slice(path.lastIndexOf('/') + 1);
    const [, stem, ext] = /^(.*?)\d*\.([^.]+)$/.exec(file) ?? [file, file, 'xml'];
    renamed.set(path, name(dir, stem, ext));
  }
  for (const [path, part] of chart.parts) {
    if (path.includes('/_rels/')) continue;
    const target = renamed.get(path)!;
    zip.file(target, part.data);
    if (part.contentType) addOverride(types, target, part.contentType);
    const rels = chart.parts.get(relsPath(path));
    if (!rels) continue;
    const doc = parse(new TextDecoder().decode(rels.data));
    for (const r of elements(doc, PACKAGE_RELS, 'Relationship')) {
      if (r.getAttribute('TargetMode') === 'External') continue;
      const to = renamed.get(resolveTarget(path, r.getAttribute('Target') ?? ''));
      if (to) r.setAttribute('Target', relativeTarget(target, to));
    }
    zip.file(relsPath(target), serialize(doc));
  }
  return renamed.get(chart.chartPath)!;
}

/** Adds the plans' charts, and the user's carried ones, to an .xlsx package written by ExcelJS. */
export async function addCharts(
  xlsx: Uint8Array | Buffer,
  plans: readonly SheetPlan[],
  carried: readonly CarriedChart[] = [],
): Promise<Buffer> {
  const sheetsWithCharts = new Set([...plans.filter((p) => p.charts.length).map((p) => p.name), ...carried.map((c) => c.sheet)]);
  if (!sheetsWithCharts.size) return Buffer.from(xlsx);
  const zip = await JSZip.loadAsync(xlsx);
  const types = (await readXml(zip, '[Content_Types].xml'))!;
  const sheets = await sheetParts(zip);
  const name = partNamer(zip);
  for (const sheet of sheetsWithCharts) {
    const sheetPath = sheets.get(sheet);
    if (!sheetPath) continue;
    const drawing = await drawingFor(zip, types, sheetPath, name);
    const root = drawing.doc.documentElement!;
    const append = (anchorXml: string) => {
      const anchor = parse(`<root xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}">${anchorXml}</root>`).documentElement!.firstChild!;
      const props = elements(anchor as Element, NS.xdr, 'cNvPr')[0];
      props?.setAttribute('id', String(nextFrameId(drawing.doc)));
      root.appendChild(drawing.doc.importNode(anchor as never, true));
    };
    for (const chart of carried.filter((c) => c.sheet === sheet)) {
      const chartPath = copyParts(zip, types, chart, name);
      const rId = addRelationship(drawing.rels, REL.chart, relativeTarget(drawing.path, chartPath));
      const anchor = parse(chart.anchor).documentElement!;
      elements(anchor, NS.c, 'chart')[0].setAttributeNS(NS.r, 'r:id', rId);
      append(serialize(anchor));
    }
    const plan = plans.find((p) => p.name === sheet);
    plan?.charts.forEach((spec, i) => {
      const chartPath = name('xl/charts', 'chart', 'xml');
      zip.file(chartPath, chartXml(sheet, spec));
      addOverride(types, chartPath, TYPE.chart);
      const rId = addRelationship(drawing.rels, REL.chart, relativeTarget(drawing.path, chartPath));
      append(chartAnchorXml(spec, chartName(plan, i), 0, rId));
    });
    zip.file(drawing.path, serialize(drawing.doc));
    zip.file(relsPath(drawing.path), serialize(drawing.rels));
  }
  zip.file('[Content_Types].xml', serialize(types));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
