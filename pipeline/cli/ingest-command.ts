/** @module ingest-command – `nytta ingest <files…>`: loads, prints a Swedish report, exits 1 when any file was refused. */
import { userInfo } from 'node:os';
import { KIND_NAMES } from '../ingest/kinds/index.js';
import { ingestFiles } from '../ingest/ingest-files.js';
import { formatError, type LoadReport } from '../ingest/load-file.js';
import { readMapping } from '../ingest/mapping.js';
import { openStore } from '../store/open-store.js';
import { refreshRollup } from '../store/rollup.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { createProgress } from './progress.js';
import { remoteIngest } from './remote.js';

/** The user running the command, for the load log; a machine without one says so. */
export function whoRuns(): string {
  try {
    return userInfo().username;
  } catch {
    return 'okänd användare';
  }
}

export interface IngestCommandOptions {
  db: string;
  kind?: string;
  map?: string;
  sheet?: string;
  dryRun?: boolean;
  createIndicators?: boolean;
  maxErrors?: string;
  /** Print each step on stderr (for logs, where no progress bar is drawn). */
  verbose?: boolean;
  server?: string;
  token?: string;
}

const STATUS_TEXT: Record<LoadReport['status'], string> = {
  loaded: 'inläst',
  refused: 'AVVISAD',
  unchanged: 'redan inläst (samma SHA-256), inget ändrat',
  checked: 'kontrollerad (--dry-run), inget skrivet',
};

export function describeReport(report: LoadReport): string[] {
  const lines = [
    `${report.file}: ${STATUS_TEXT[report.status]}${report.kind ? ` som ${report.kind}` : ''} – ` +
      `${report.rowsRead} rader lästa, ${report.rowsAccepted} godkända, ${report.rowsRejected} avvisade` +
      (report.loadId !== null ? ` (laddning ${report.loadId})` : ''),
  ];
  for (const warning of report.warnings) lines.push(`  varning: ${warning}`);
  for (const error of report.errors) lines.push(`  fel: ${formatError(report.file, error)}`);
  if (report.errorCount > report.errors.length)
    lines.push(`  … och ${report.errorCount - report.errors.length} fel till (se tabellen load_reject).`);
  if (report.status === 'refused') lines.push('  Filen avvisades i sin helhet; lagret är oförändrat.');
  return lines;
}

export async function runIngest(files: string[], options: IngestCommandOptions): Promise<number> {
  const mapping = options.map ? readMapping(options.map) : undefined;
  if (options.server) {
    const remote = { url: options.server, token: options.token ?? process.env.NYTTA_TOKEN };
    let refused = false;
    for (const file of files) {
      const report = await remoteIngest(remote, file, {
        kind: options.kind,
        sheet: options.sheet,
        dryRun: options.dryRun,
        createIndicators: options.createIndicators,
        mapPath: options.map,
      });
      refused ||= report.status === 'refused';
      for (const line of describeReport(report)) console.log(line);
    }
    return refused ? 1 : 0;
  }
  const store = await openStore(options.db, { memoryLimit: '700MB' });
  const progress = createProgress();
  const steps = 3;
  try {
    progress.start(files.length * steps, '');
    const reports = await ingestFiles(
      store.connection,
      files,
      {
        kind: options.kind,
        mapping,
        sheet: options.sheet,
        dryRun: options.dryRun,
        createIndicators: options.createIndicators,
        maxErrors: options.maxErrors ? Number(options.maxErrors) : undefined,
        loadedBy: `${whoRuns()} (nytta ingest)`,
      },
      {
        onFile: (i, total, file, step) => {
          progress.update(i * steps + ['läser', 'kontrollerar', 'skriver'].indexOf(step) + 1, `${file}: ${step}`);
          if (options.verbose) console.error(`[${i + 1}/${total}] ${file}: ${step}`);
        },
      },
    );
    progress.stop();
    for (const report of reports) for (const line of describeReport(report)) console.log(line);
    if (!options.dryRun) await rebuildRollup(store.connection);
    return reports.some((r) => r.status === 'refused') ? 1 : 0;
  } finally {
    progress.stop();
    store.close();
  }
}

/** After a load: the rollup the series, baselines and follow-ups read, rebuilt once the load has committed. */
export async function rebuildRollup(connection: DuckDBConnection): Promise<void> {
  const report = await refreshRollup(connection);
  if (report.rebuilt)
    console.error(
      `Sammanställningen för serier och uppföljning byggd: ${report.rows.toLocaleString('sv-SE')} rader på ${(report.ms / 1000).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} s.`,
    );
}

export const KIND_HELP = `filtyp: ${KIND_NAMES.join(', ')} (annars känns den igen på rubrikraden)`;
