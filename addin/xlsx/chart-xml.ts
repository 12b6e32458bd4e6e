/**
 * @module chart-xml – a plan's `ChartSpec` as DrawingML (ECMA-376 part 1, §21.2): the chart part, and the anchor that
 * places it on its sheet. Series refer to the sheet's own cells, so a chart follows a value the user edits. Elements
 * are written in the order the schema's sequences require (CT_LineSer: idx, order, tx, spPr, marker, cat, val, smooth;
 * CT_BarSer: idx, order, tx, spPr, invertIfNegative, cat, val), since Excel refuses a part out of order.
 */
import { a1, absolute, parseRange, rangeA1 } from '../sheets/a1.js';
import { chartEnd, type ChartSeries, type ChartSpec } from '../sheets/plan.js';

export const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
};

/** Series colours: the palette's blue first, then colours that stay apart for colour-blind readers. */
const COLOURS = ['1F4E79', 'C55A11', '548235', '7030A0', 'BF9000', '2E75B6', '843C0C', '375623'];
/** Control limits and centre lines in grey, so the values stand out. */
const LIMIT_COLOUR = '7F7F7F';
const OUTSIDE_COLOUR = 'C00000';
/** Where a chart's two axes meet; any two distinct ids do. */
const CAT_AX = 500001;
const VAL_AX = 500002;

export const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

/** An absolute reference to a range on a sheet, as a chart formula writes it: `'Blad 1'!$A$2:$A$9`. */
export function sheetRef(sheet: string, range: string): string {
  const r = parseRange(range);
  const cells = r.rows === 1 && r.cols === 1 ? a1(r.row, r.col) : rangeA1(r);
  return `'${sheet.replace(/'/g, "''")}'!${absolute(cells)}`;
}

const richText = (text: string) =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr b="0"/></a:pPr><a:r><a:rPr lang="sv-SE" b="0"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
const title = (text: string) => `<c:title>${richText(text)}<c:overlay val="0"/></c:title>`;

function seriesColour(s: ChartSeries, i: number): string {
  if (s.kind === 'markers') return OUTSIDE_COLOUR;
  return s.dashed ? LIMIT_COLOUR : COLOURS[i % COLOURS.length];
}

function lineSeries(sheet: string, categories: string, s: ChartSeries, index: number): string {
  const colour = seriesColour(s, index);
  const line =
    s.kind === 'markers'
      ? '<a:ln><a:noFill/></a:ln>'
      : `<a:ln w="19050" cap="rnd"><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill>${s.dashed ? '<a:prstDash val="dash"/>' : ''}<a:round/></a:ln>`;
  const marker =
    s.kind === 'markers'
      ? `<c:marker><c:symbol val="circle"/><c:size val="7"/><c:spPr><a:solidFill><a:srgbClr val="${colour}"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr></c:marker>`
      : '<c:marker><c:symbol val="none"/></c:marker>';
  return (
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>` +
    `<c:spPr>${line}</c:spPr>${marker}` +
    `<c:cat><c:strRef><c:f>${escapeXml(sheetRef(sheet, categories))}</c:f></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXml(sheetRef(sheet, s.values))}</c:f></c:numRef></c:val><c:smooth val="0"/></c:ser>`
  );
}

function columnSeries(sheet: string, categories: string, s: ChartSeries, index: number): string {
  return (
    `<c:ser><c:idx val="${index}"/><c:order val="${index}"/><c:tx><c:v>${escapeXml(s.name)}</c:v></c:tx>` +
    `<c:spPr><a:solidFill><a:srgbClr val="${seriesColour(s, index)}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` +
    `<c:cat><c:strRef><c:f>${escapeXml(sheetRef(sheet, categories))}</c:f></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXml(sheetRef(sheet, s.values))}</c:f></c:numRef></c:val></c:ser>`
  );
}

/** An axis's number format: the plan's, or the source cells' own. */
const numFmt = (format?: string) =>
  format ? `<c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/>` : '<c:numFmt formatCode="General" sourceLinked="1"/>';

const axisIds = `<c:axId val="${CAT_AX}"/><c:axId val="${VAL_AX}"/>`;

/** The chart part (`xl/charts/chartN.xml`) of one chart on `sheet`. */
export function chartXml(sheet: string, chart: ChartSpec): string {
  const indexed = chart.series.map((s, index) => ({ s, index }));
  const columns = indexed.filter(({ s }) => s.kind === 'column');
  const lines = indexed.filter(({ s }) => s.kind !== 'column');
  const barChart = columns.length
    ? `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${columns
        .map(({ s, index }) => columnSeries(sheet, chart.categories, s, index))
        .join('')}<c:gapWidth val="80"/>${axisIds}</c:barChart>`
    : '';
  const lineChart = lines.length
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lines
        .map(({ s, index }) => lineSeries(sheet, chart.categories, s, index))
        .join('')}<c:marker val="1"/>${axisIds}</c:lineChart>`
    : '';
  const catAx =
    `<c:catAx><c:axId val="${CAT_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `${chart.xTitle ? title(chart.xTitle) : ''}<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="${VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="${VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>` +
    `${chart.yTitle ? title(chart.yTitle) : ''}${numFmt(chart.yFormat)}<c:majorTickMark val="out"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${CAT_AX}"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="${columns.length ? 'between' : 'midCat'}"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title(chart.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${barChart}${lineChart}${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `</c:chartSpace>`
  );
}

/** The anchor (`xdr:twoCellAnchor`) that places a chart at its cell; `rId` names the chart in the drawing's relationships. */
export function chartAnchorXml(chart: ChartSpec, name: string, id: number, rId: string): string {
  const { row, col } = parseRange(chart.at);
  const end = parseRange(chartEnd(chart.at));
  const marker = (tag: string, r: number, c: number) =>
    `<xdr:${tag}><xdr:col>${c}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${marker('from', row, col)}${marker('to', end.row, end.col)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(name)}" descr="${escapeXml(chart.title)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${rId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}
