/**
 * Answers say in Swedish what is wrong with a file, never the server's paths or a library's words; and a refused load's
 * raw cell values are shown only to the role that may load.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED, namedCallersService } from '../helpers/service.js';

let service: Awaited<ReturnType<typeof namedCallersService>>;
beforeAll(async () => {
  service = await namedCallersService();
});
afterAll(() => service?.store.close());

const upload = async (name: string, content: Uint8Array | string) => {
  const form = new FormData();
  form.append('file', new Blob([content as BlobPart]), name);
  const res = await service.app.request('/api/v1/ingest', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${NAMED.controller}` },
  });
  return { status: res.status, text: await res.text() };
};

/** What no answer may carry: a temporary folder, a path of the machine, a library's or an engine's own words. */
const INTERNAL =
  /nytta-upload|\/tmp\/|[A-Z]:\\\\|IO Error|Invalid Input|Cannot read properties|undefined|TypeError|Error:|at position|Unexpected token|JSON at|\.js:\d/;

describe('what a broken file is told', () => {
  it.each([
    ['a Parquet file cut short', 'trasig.parquet', Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(64, 7), Buffer.from('PAR1')])],
    ['a Parquet file that is all header', 'tom.parquet', Buffer.from('PAR1')],
  ])('%s: a 400 naming the file and saying it is not a readable Parquet file', async (_what, name, bytes) => {
    const res = await upload(name, bytes);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).detail).toBe(
      `${name}: kunde inte läsas som Parquet: filen är skadad, avkortad eller inte en Parquet-fil. Exportera den igen.`,
    );
    expect(res.text).not.toMatch(INTERNAL);
  });

  it('an .xlsx that is a zip but no workbook, and one cut short: the file named, no library words', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>');
    const notWorkbook = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    for (const [name, bytes, detail] of [
      // Read as far as it goes: a sheet without a workbook around it has no header Nytta knows.
      ['ingen-arbetsbok.xlsx', notWorkbook, /^ingen-arbetsbok\.xlsx: kunde inte känna igen filtypen/],
      [
        'avkortad.xlsx',
        notWorkbook.subarray(0, 60),
        /^avkortad\.xlsx: kunde inte läsas som XLSX: filen är skadad, avkortad eller ingen Excel-arbetsbok/,
      ],
    ] as const) {
      const res = await upload(name, bytes);
      expect(res.status, name).toBe(400);
      expect(JSON.parse(res.text).detail, name).toMatch(detail);
      expect(res.text, name).not.toMatch(INTERNAL);
    }
  });

  it('JSON that is no JSON: the file named, where it breaks, no engine words', async () => {
    const res = await upload('kolada.json', '{"values": [ {"kpi": "N1", }');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).detail).toMatch(/^kolada\.json: ogiltig JSON \(vid tecken \d+\)\.$/);
    expect(res.text).not.toMatch(INTERNAL);
  });

  it('JSON that is not Kolada’s: the place and what it should be, in Swedish', async () => {
    for (const [name, content, said] of [
      ['lista.json', '[1, 2, 3]', 'fel vid 0: ska vara ett objekt'],
      ['tal.json', '[{"kpi": 5, "municipality": "1", "period": 2024, "values": []}]', 'fel vid 0.kpi: ska vara text'],
    ]) {
      const res = await upload(name, content);
      expect(res.status, name).toBe(400);
      expect(JSON.parse(res.text).detail, name).toContain(said);
      expect(res.text, name).not.toMatch(/Invalid input|expected|received/i);
    }
  });
});

describe('a refused load’s raw values', () => {
  it('are shown to a controller, not to a reader: neither in /api/v1/loads/{id} nor through the load_rejects query', async () => {
    const refused = await upload('personnummer.csv', 'nyckeltal;varde;enhet\nlön 19121212-1212;tjugo kronor;kr\n');
    expect(refused.status).toBe(422);
    const id = JSON.parse(refused.text).report.loadId as number;
    const as = (token: string, path: string) => service.app.request(path, { headers: { authorization: `Bearer ${token}` } });

    const controller = (await (await as(NAMED.controller, `/api/v1/loads/${id}`)).json()) as { errors: { value: string | null }[] };
    expect(controller.errors.map((e) => e.value)).toContain('tjugo kronor');

    const readerRes = await as(NAMED.reader, `/api/v1/loads/${id}`);
    expect(readerRes.status).toBe(200);
    const reader = (await readerRes.json()) as { errors: { line: number; column: string; value: string | null; reason: string }[] };
    expect(reader.errors.length).toBe(controller.errors.length);
    expect(reader.errors.every((e) => e.value === null)).toBe(true);
    expect(JSON.stringify(reader)).not.toContain('tjugo kronor');
    expect(reader.errors[0]).toMatchObject({ line: 2, column: 'varde' });

    const query = await as(NAMED.reader, `/api/v1/queries/load_rejects?load_id=${id}`);
    expect(query.status).toBe(403);
    expect(((await query.json()) as { detail: string }).detail).toBe('Rollen reader räcker inte: det här kräver controller.');
    expect((await as(NAMED.controller, `/api/v1/queries/load_rejects?load_id=${id}`)).status).toBe(200);
  });
});
