/** Recalculating a workbook in a real spreadsheet engine: LibreOffice headless, with its own profile per call. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FIXTURES, tempDir } from './store.js';
import { toolAvailable } from './tools.js';

export const libreOfficeAvailable = () => toolAvailable('soffice', ['--version'], 'libreoffice-calc-nogui');
export const pdftoppmAvailable = () => toolAvailable('pdftoppm', ['-v'], 'poppler-utils');

/** Runs soffice headless with a fresh profile that recalculates on load; returns the output file. */
function convert(file: string, to: string, outDir = tempDir()): string {
  const profile = tempDir();
  mkdirSync(join(profile, 'user'), { recursive: true });
  copyFileSync(join(FIXTURES, 'libreoffice', 'registrymodifications.xcu'), join(profile, 'user', 'registrymodifications.xcu'));
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', to, '--outdir', outDir, file],
    {
      stdio: 'pipe',
      env: { ...process.env, HOME: profile },
      timeout: 120_000,
    },
  );
  return join(outDir, basename(file).replace(/\.[^.]+$/, `.${to.split(':')[0]}`));
}

/** Converts `xlsx` to CSV of its first sheet after a full recalculation; returns the rows. */
export function recalculateToCsv(xlsx: string): string[][] {
  const csv = readFileSync(convert(xlsx, 'csv'), 'utf8');
  return csv
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

/** The workbook recalculated by LibreOffice and saved again as .xlsx, so formula results can be read with ExcelJS. */
export function recalculateXlsx(xlsx: string): string {
  return convert(xlsx, 'xlsx:Calc MS Excel 2007 XML');
}

/** The workbook as LibreOffice prints it (PDF), and its pages as PNG files next to it (pdftoppm, 60 dpi). */
export function renderPages(xlsx: string, outDir: string): { pdf: string; pngs: string[] } {
  mkdirSync(outDir, { recursive: true });
  const pdf = convert(xlsx, 'pdf', outDir);
  const prefix = pdf.replace(/\.pdf$/, '');
  execFileSync('pdftoppm', ['-r', '60', '-png', '-l', '3', pdf, prefix], { stdio: 'pipe', timeout: 120_000 });
  const pngs = readdirSync(outDir)
    .filter((f) => f.startsWith(basename(prefix)) && f.endsWith('.png'))
    .map((f) => join(outDir, f));
  return { pdf, pngs };
}
