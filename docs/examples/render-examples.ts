/**
 * `npm run examples`: the first page of each workbook kind, as LibreOffice prints it, for the README. Builds a demo
 * store in a temporary folder, writes each kind with `buildPlans` and the .xlsx adapter, and keeps page 1 as a PNG
 * here. Needs LibreOffice and poppler (`apt-get install libreoffice-calc-nogui poppler-utils`).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlans, type WorkbookKind } from '../../addin/service/build-plans.js';
import { serviceCall } from '../../addin/service/service-call.js';
import { writeWorkbook } from '../../addin/xlsx/render-workbook.js';
import { DEFAULT_DEMO_ROWS } from '../../pipeline/cli/demo-command.js';
import { writeDemoFiles } from '../../pipeline/demo/generate.js';
import { ingestFiles } from '../../pipeline/ingest/ingest-files.js';
import { buildService } from '../../pipeline/service/start.js';
import { openStore } from '../../pipeline/store/open-store.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const KINDS: [WorkbookKind, Record<string, string>][] = [
  ['indikatorer', { indicator: 'IND01,IND04' }],
  ['baslinje', { indicator: 'IND01', unit: 'SU' }],
  ['nyttokalkyl', { program: 'FVIS' }],
  ['uppfoljning', { program: 'FVIS', unit: 'SKAS' }],
  ['risker', { program: 'FVM' }],
];

const dir = mkdtempSync(join(tmpdir(), 'nytta-examples-'));
const store = await openStore(join(dir, 'nytta.duckdb'));
try {
  await ingestFiles(store.connection, await writeDemoFiles(join(dir, 'export'), { rows: DEFAULT_DEMO_ROWS, seed: 3 }));
  const { app } = await buildService(store, { host: '127.0.0.1', port: 0, env: {} });
  const call = serviceCall((path, init) => app.request(path, init));
  mkdirSync(HERE, { recursive: true });
  for (const [kind, params] of KINDS) {
    const xlsx = join(dir, `${kind}.xlsx`);
    await writeWorkbook(xlsx, await buildPlans(call, kind, params));
    const profile = join(dir, `profile-${kind}`);
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], {
      stdio: 'pipe',
      env: { ...process.env, HOME: profile },
    });
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '1', '-singlefile', join(dir, `${kind}.pdf`), join(dir, kind)]);
    copyFileSync(join(dir, `${kind}.png`), join(HERE, `${kind}.png`));
    console.log(`docs/examples/${kind}.png`);
  }
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
