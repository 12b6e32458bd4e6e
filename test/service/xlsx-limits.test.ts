/**
 * An .xlsx is a zip of XML: a small upload can unpack to far more than it weighs. The service measures what it unpacks
 * to before reading it, then reads the sheet as a stream counting rows and cells; past a configured limit it refuses
 * with a 413 in Swedish, and nothing is loaded. The bomb is built here, small enough to be quick but well over the
 * limit the test configures (what a real one costs in memory is in `npm run bench`).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NAMED, namedCallersService } from '../helpers/service.js';
import { tempDir } from '../helpers/store.js';

let service: Awaited<ReturnType<typeof namedCallersService>>;
beforeAll(async () => {
  const config = join(tempDir(), 'nytta.json');
  writeFileSync(config, JSON.stringify({ xlsxMaxUnpackedMiB: 4, xlsxMaxRows: 200, xlsxMaxCells: 1500, memoryLimitMiB: 512 }));
  service = await namedCallersService({ NYTTA_CONFIG: config });
});
afterAll(() => service?.store.close());

const upload = async (name: string, bytes: Uint8Array, dryRun = true) => {
  const form = new FormData();
  form.append('file', new Blob([bytes as BlobPart]), name);
  if (dryRun) form.append('dryRun', 'true');
  const res = await service.app.request('/api/v1/ingest', {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${NAMED.controller}` },
  });
  return { status: res.status, body: (await res.json()) as { detail?: string; status?: string } };
};

/** A workbook as Excel writes one: a header and `rows` rows of `cols` numbers. */
async function workbook(rows: number, cols = 2): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Blad1');
  sheet.addRow(['nyckeltal', 'varde', ...Array.from({ length: cols - 2 }, (_, i) => `extra${i + 1}`)]);
  for (let r = 0; r < rows; r++) sheet.addRow([`tal ${r}`, r, ...Array.from({ length: cols - 2 }, () => r)]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A bomb: a valid workbook whose one sheet is `rows` rows of the same cell, which deflate packs a hundredfold. */
async function bomb(rows: number): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await workbook(1));
  const row = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</t></is></c></row>`;
  const body = Array.from({ length: rows }, (_, i) => row(i + 1)).join('');
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('limits on an uploaded .xlsx', () => {
  it('a bomb (a small file that unpacks past the limit) is a 413 saying what and which setting, and health answers', async () => {
    const bytes = await bomb(120_000);
    expect(bytes.length).toBeLessThan(1024 * 1024); // and unpacks to about 12 MiB
    const res = await upload('bomb.xlsx', bytes);
    expect(res.status).toBe(413);
    expect(res.body.detail).toBe(
      'bomb.xlsx: arbetsboken packar upp till mer än 4 MiB (gränsen xlsxMaxUnpackedMiB). Dela upp den, eller spara bladet som CSV.',
    );
    expect((await service.app.request('/api/v1/health')).status).toBe(200);
  });

  it('more rows than xlsxMaxRows, and more cells than xlsxMaxCells, are 413s naming the sheet and the setting', async () => {
    const rows = await upload('rader.xlsx', await workbook(250));
    expect(rows.status).toBe(413);
    expect(rows.body.detail).toBe(
      'rader.xlsx, blad "Blad1": fler än 200 datarader (gränsen xlsxMaxRows). Dela upp filen, eller spara bladet som CSV.',
    );
    const cells = await upload('celler.xlsx', await workbook(150, 12));
    expect(cells.status).toBe(413);
    expect(cells.body.detail).toBe(
      'celler.xlsx, blad "Blad1": fler än 1\u00a0500 celler (gränsen xlsxMaxCells). Dela upp filen, eller spara bladet som CSV.',
    );
  });

  it('a workbook within the limits is read as before, and loaded', async () => {
    const res = await upload('nyckeltal.xlsx', await workbook(150), false);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'loaded', rowsRead: 150, rowsAccepted: 150 });
  });

  it('the store the service holds is bounded by memoryLimitMiB (DuckDB spills beyond it)', async () => {
    const limit = (await service.store.connection.runAndReadAll("SELECT current_setting('memory_limit')")).getRows()[0][0];
    expect(limit).toBe('512.0 MiB');
  });
});
