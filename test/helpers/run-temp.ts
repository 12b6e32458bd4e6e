/**
 * Vitest global setup: every temporary file of a run (stores, exports, uploads, LibreOffice profiles) goes into one
 * folder that is removed when the run ends. Tests and the code under test ask `os.tmpdir()`, which reads TMPDIR, and
 * the test workers are started after this runs, so they inherit it. Without it every run left its stores behind (68 GB over two days here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'nytta-run-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(dir, { recursive: true, force: true });
  };
}
