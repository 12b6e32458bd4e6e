/** Recalculating a workbook in a real spreadsheet engine: LibreOffice headless, with its own profile per call. */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { FIXTURES, tempDir } from './store.js';

/** True when soffice runs here. Outside CI a missing LibreOffice skips loudly; in CI it is an error. */
export function libreOfficeAvailable(): boolean {
  const found = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found) {
    if (process.env.CI) throw new Error('LibreOffice (soffice) saknas i CI: .ci/run ska installera libreoffice-calc-nogui.');
    console.warn('\n*** HOPPAR ÖVER: LibreOffice (soffice) finns inte på den här datorn. Installera: apt-get install libreoffice-calc-nogui ***\n');
  }
  return found;
}

/** Converts `xlsx` to CSV of its first sheet after a full recalculation; returns the rows. */
export function recalculateToCsv(xlsx: string): string[][] {
  const profile = tempDir();
  mkdirSync(join(profile, 'user'), { recursive: true });
  copyFileSync(join(FIXTURES, 'libreoffice', 'registrymodifications.xcu'), join(profile, 'user', 'registrymodifications.xcu'));
  const out = tempDir();
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'csv', '--outdir', out, xlsx], {
    stdio: 'pipe',
    env: { ...process.env, HOME: profile },
    timeout: 120_000,
  });
  const csv = readFileSync(join(out, basename(xlsx).replace(/\.xlsx$/, '.csv')), 'utf8');
  return csv.trim().split('\n').map((line) => line.split(','));
}
