/** @module demo-command – `nytta demo`: writes the demo exports and loads them through the ordinary ingest. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGE_GROUPS, INDICATORS, MONTHS, SEXES } from '../demo/catalogue.js';
import { demoUnits, writeDemoFiles } from '../demo/generate.js';
import { runIngest } from './ingest-command.js';

/** One full layer: every indicator × unit × month × sex × age group once. */
export const DEFAULT_DEMO_ROWS =
  INDICATORS.length * demoUnits().filter((u) => u.level === 'enhet').length * MONTHS * SEXES.length * AGE_GROUPS.length;

export interface DemoCommandOptions {
  db: string;
  rows: number;
  seed: number;
  csv?: string;
}

export async function runDemo(options: DemoCommandOptions): Promise<number> {
  if (options.csv) {
    const files = await writeDemoFiles(options.csv, options);
    console.log(`Demofiler skrivna till ${options.csv}: ${files.length} filer, ${options.rows} utfallsrader.`);
    return 0;
  }
  const dir = mkdtempSync(join(tmpdir(), 'nytta-demo-'));
  try {
    const files = await writeDemoFiles(dir, options);
    return await runIngest(files, { db: options.db });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
