/** One measured run of `nytta workbook uppfoljning --per forvaltning` in its own process. Prints one JSON line. */
import { rmSync } from 'node:fs';
import { runWorkbook } from '../pipeline/cli/workbook-command.js';

const [db, out] = process.argv.slice(2);
rmSync(out, { recursive: true, force: true });
const start = performance.now();
const code = await runWorkbook('uppfoljning', { db, out, param: ['program=FVIS'], per: 'forvaltning' });
console.log(
  JSON.stringify({ code, seconds: (performance.now() - start) / 1000, peakMiB: Math.round(process.resourceUsage().maxRSS / 1024) }),
);
