/** @module load-file – one export file into the store: stage, check in SQL, write in one transaction, log. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../errors.js';
import { defineMacros, suppressionTokens } from './macros.js';
import { genericChecks, typedTableSql } from './kinds/compile.js';
import { detectKind, kindByName, KIND_NAMES } from './kinds/index.js';
import type { KindSpec } from './kinds/spec.js';
import { digestFile } from './hash.js';
import { fastPathFits, insertObservationsFast } from './fast-observations.js';
import { readCsvHeader } from './readers/csv.js';
import { detectFormat } from './readers/index.js';
import { quotedIdentifier, usedParams } from '../store/sql.js';
import { applyMapping, type Mapping } from './mapping.js';
import { stageFile } from './readers/index.js';
import type { RejectRow, Staged } from './readers/staging.js';
import type { XlsxLimits } from './readers/xlsx.js';
import { stageTable, type SentTable } from './readers/table.js';
import type { CommitGate } from '../store/commit-gate.js';
import { rowsReplacedBy } from '../store/history.js';
import { inTransaction } from '../store/transaction.js';

export interface LoadOptions {
  kind?: string;
  dryRun?: boolean;
  mapping?: Mapping;
  createIndicators?: boolean;
  sheet?: string;
  /** How many errors are listed and kept (all are counted). */
  maxErrors?: number;
  /** Called as each step starts: 'läser', 'kontrollerar', 'skriver'. */
  onStep?: (step: string) => void;
  /** The service's gate: the load's commit runs alone, so its readers see the store before or after, never between. */
  gate?: CommitGate;
  /** Who makes the load, recorded with it: the caller's name from the token, or the user running `nytta ingest`. */
  loadedBy?: string;
  /** Limits on an .xlsx file (the service's settings); the defaults otherwise. */
  xlsx?: XlsxLimits;
}

export type LoadStatus = 'loaded' | 'refused' | 'unchanged' | 'checked';

export interface LoadReport {
  file: string;
  sha256: string;
  /** Fingerprint of how the file was read (kind, sheet, mapping); empty for a plain read. */
  variant: string;
  /** direct: straight from DuckDB's reader into the store (clean utfall CSV); staged: through the checked text copy. */
  route: 'direct' | 'staged';
  kind: string | null;
  status: LoadStatus;
  loadId: number | null;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Rows of earlier loads this one replaced; they are kept in the store's history. */
  rowsReplaced: number;
  errorCount: number;
  errors: RejectRow[];
  warnings: string[];
}

const DEFAULT_MAX_ERRORS = 100;

function loadVariant(options: LoadOptions): string {
  const how = { kind: options.kind, sheet: options.sheet, mapping: options.mapping, createIndicators: options.createIndicators };
  if (Object.values(how).every((v) => v === undefined)) return '';
  return createHash('sha256').update(JSON.stringify(how)).digest('hex').slice(0, 16);
}

async function scalar(connection: DuckDBConnection, sql: string, values?: Record<string, string | number>): Promise<unknown> {
  const rows = (await connection.runAndReadAll(sql, values)).getRows();
  return rows[0]?.[0];
}

function chooseKind(file: string, columns: ReadonlySet<string>, requested?: string): KindSpec {
  if (requested) {
    const kind = kindByName(requested);
    if (!kind) throw new UserError(`Okänd filtyp "${requested}". Giltiga: ${KIND_NAMES.join(', ')}.`, 'kind_unknown');
    return kind;
  }
  const kind = detectKind(columns);
  if (!kind) {
    throw new UserError(
      `${file}: kunde inte känna igen filtypen av kolumnerna (${[...columns].join(', ')}). ` +
        `Kontrollera avgränsaren (; , eller tab) och rubrikraden, ange --kind (${KIND_NAMES.join(', ')}) eller använd en mappningsfil (--map).`,
      'kind_undetected',
    );
  }
  return kind;
}

function checkColumns(file: string, kind: KindSpec, columns: ReadonlySet<string>): void {
  const missing = kind.columns.filter((c) => c.required && !columns.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new UserError(`${file}: obligatorisk kolumn saknas för ${kind.label}: ${missing.join(', ')}.`, 'column_missing');
  }
  if (kind.requireOneOf && !kind.requireOneOf.some((set) => set.every((c) => columns.has(c)))) {
    const choices = kind.requireOneOf.map((set) => set.join(' + ')).join(' eller ');
    throw new UserError(`${file}: ${kind.label} kräver kolumnen ${choices}.`, 'column_missing');
  }
}

/** A report before anything is read. */
function emptyReport(file: string, sha256: string, variant: string): LoadReport {
  return {
    file,
    sha256,
    variant,
    route: 'staged',
    kind: null,
    status: 'checked',
    loadId: null,
    rowsRead: 0,
    rowsAccepted: 0,
    rowsRejected: 0,
    rowsReplaced: 0,
    errorCount: 0,
    errors: [],
    warnings: [],
  };
}

/** The load that already brought these bytes, read the same way, while it stands (a withdrawn load's file may come again). */
async function standingLoad(connection: DuckDBConnection, sha256: string, variant: string): Promise<number | undefined> {
  const previous = await scalar(
    connection,
    "SELECT load_id FROM load_log WHERE sha256 = $sha AND variant = $variant AND status = 'loaded' AND undone_by IS NULL LIMIT 1",
    { sha: sha256, variant },
  );
  return previous === undefined ? undefined : Number(previous);
}

/** Loads one file. Refused files change no data table; their errors go to `load_reject`. */
export async function loadFile(connection: DuckDBConnection, path: string, options: LoadOptions = {}): Promise<LoadReport> {
  const file = basename(path);
  if (!existsSync(path) || !statSync(path).isFile()) throw new UserError(`Filen ${path} finns inte.`, 'file_missing');
  const startedAt = new Date();
  const { sha256, utf8 } = await digestFile(path);
  const report = emptyReport(file, sha256, loadVariant(options));
  const previous = await standingLoad(connection, sha256, report.variant);
  if (previous !== undefined) return { ...report, status: 'unchanged', loadId: previous };

  options.onStep?.('läser');
  await defineMacros(connection);
  const fast = await tryFastPath(connection, path, { file, utf8, options, report, startedAt });
  if (fast) return fast;
  const stage = () =>
    stageFile(connection, file, path, {
      sheet: options.sheet ?? options.mapping?.sheet,
      delimiter: options.mapping?.delimiter,
      // The digest pass already told UTF-8 from not: the reader need not read the file again to find out.
      encoding: options.mapping?.encoding ?? (utf8 ? 'utf-8' : 'windows-1252'),
      jsonRecords: options.mapping?.json?.records,
      xlsx: options.xlsx,
    });
  return loadStaged(connection, report, stage, options, startedAt);
}

/**
 * Loads a table sent from the workbook (*Skicka till Nytta*) exactly as a file: the same kinds, checks, transaction and
 * log. Its rows are numbered as the table's (1 = the header), so each error's row and column lead back to a cell.
 */
export async function loadTable(connection: DuckDBConnection, table: SentTable, options: LoadOptions = {}): Promise<LoadReport> {
  const startedAt = new Date();
  const sha256 = createHash('sha256')
    .update(JSON.stringify([table.columns, table.rows]))
    .digest('hex');
  const report = emptyReport(table.name, sha256, loadVariant(options));
  const previous = await standingLoad(connection, sha256, report.variant);
  if (previous !== undefined) return { ...report, status: 'unchanged', loadId: previous };
  options.onStep?.('läser');
  await defineMacros(connection);
  return loadStaged(connection, report, () => stageTable(connection, table), options, startedAt);
}

/** Stages what `stage` reads, checks it in SQL and writes it in one transaction, or logs its refusal. */
async function loadStaged(
  connection: DuckDBConnection,
  report: LoadReport,
  stage: () => Promise<Staged>,
  options: LoadOptions,
  startedAt: Date,
): Promise<LoadReport> {
  const file = report.file;
  const maxErrors = options.maxErrors ?? DEFAULT_MAX_ERRORS;
  const staged = await stage();
  let columns = new Set(staged.columns);
  if (options.mapping) columns = await applyMapping(connection, file, options.mapping, staged.columns, staged.originalColumns);
  const kind = chooseKind(file, columns, options.kind ?? options.mapping?.kind);
  report.kind = kind.kind;
  checkColumns(file, kind, columns);
  const kindOptions = { createIndicators: options.createIndicators ?? options.mapping?.createIndicators ?? false };

  options.onStep?.('kontrollerar');
  const typedSql = typedTableSql(kind, columns);
  await connection.run(typedSql, usedParams(typedSql, { tokens: suppressionTokens(options.mapping?.suppressed) }));
  const checks = [...genericChecks(kind, columns), ...(kind.checks?.(kindOptions) ?? [])];
  const stagedRows = Number(await scalar(connection, 'SELECT count(*) FROM stg_typed'));
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE nytta_errors AS ${checks.map((c) => `(${c})`).join(' UNION ALL ') || 'SELECT NULL::BIGINT, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR WHERE false'}`,
  );
  const checkErrors = (await connection.runAndReadAll('SELECT * FROM nytta_errors ORDER BY 1, 2 LIMIT $n', { n: maxErrors })).getRows();
  const checkCount = Number(await scalar(connection, 'SELECT count(*) FROM nytta_errors'));
  const badLines = Number(await scalar(connection, 'SELECT count(DISTINCT line) FROM nytta_errors'));
  report.errors = [
    ...staged.readerRejects,
    ...(await withRawValues(
      connection,
      columns,
      checkErrors.map(([line, column, value, reason]) => ({
        line: line === null ? null : Number(line),
        column: column as string | null,
        value: value as string | null,
        reason: String(reason),
      })),
    )),
  ]
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    .slice(0, maxErrors);
  report.errorCount = staged.readerRejects.length + checkCount;
  report.rowsRead = stagedRows + staged.readerRejects.length;
  report.rowsRejected = badLines + staged.readerRejects.length;
  if (report.rowsRead === 0) {
    report.errors = [{ line: null, column: null, value: null, reason: 'filen har inga datarader' }];
    report.errorCount = 1;
  }
  for (const sql of kind.warnings ?? []) {
    report.warnings.push(...(await connection.runAndReadAll(sql)).getRows().map((r) => String(r[0])));
  }

  if (report.errorCount > 0) {
    report.status = 'refused';
    if (!options.dryRun) report.loadId = await logRefusal(connection, report, startedAt, options);
    return report;
  }
  report.rowsAccepted = stagedRows;
  if (options.dryRun) return report;

  options.onStep?.('skriver');
  await dropRawStaging(connection); // the typed table has all the write needs; free the text copy first
  try {
    report.loadId = await inTransaction(
      connection,
      async () => {
        const loadId = Number(await scalar(connection, "SELECT nextval('load_id_seq')"));
        if (kind.replace && (await scalar(connection, kind.replace.check))) {
          for (const sql of kind.replace.statements) await connection.run(sql, usedParams(sql, { load_id: loadId }));
        }
        for (const sql of kind.write(kindOptions)) await connection.run(sql, usedParams(sql, { load_id: loadId }));
        report.rowsReplaced = await rowsReplacedBy(connection, loadId);
        await insertLog(connection, report, loadId, 'loaded', startedAt, options.loadedBy);
        return loadId;
      },
      { gate: options.gate },
    );
    report.status = 'loaded';
  } finally {
    await dropStaging(connection);
  }
  return report;
}

/** The fast path found the file irregular: its transaction rolls back and the staged path runs. */
class FastPathDeclined extends Error {}

/** A plain utfall CSV in UTF-8 tries the fast path first; null means the staged path runs (and reports, if it must). */
async function tryFastPath(
  connection: DuckDBConnection,
  path: string,
  ctx: { file: string; utf8: boolean; options: LoadOptions; report: LoadReport; startedAt: Date },
): Promise<LoadReport | null> {
  const { file, options, report, startedAt } = ctx;
  if (!ctx.utf8 || options.mapping || options.createIndicators || options.dryRun || options.sheet || detectFormat(path) !== 'csv')
    return null;
  if (options.kind && options.kind !== 'utfall') return null;
  let header;
  try {
    header = readCsvHeader(file, path);
  } catch {
    return null;
  }
  if (!fastPathFits(header)) return null;
  options.onStep?.('skriver');
  // Rows need not keep the file's order exactly: DuckDB then streams the insert from both reader threads instead of
  // buffering to keep order, which holds peak memory far lower. Each row group still comes from one stretch of the file,
  // so the store stays clustered as the export was written. (A setting, outside the transaction, so a failed insert
  // cannot leave it behind.)
  await connection.run('SET preserve_insertion_order = false');
  try {
    return await inTransaction(
      connection,
      async () => {
        const loadId = Number(await scalar(connection, "SELECT nextval('load_id_seq')"));
        const rows = await insertObservationsFast(connection, path, header, loadId);
        if (rows === null) throw new FastPathDeclined();
        const loaded: LoadReport = {
          ...report,
          kind: 'utfall',
          status: 'loaded',
          route: 'direct',
          loadId,
          rowsRead: rows,
          rowsAccepted: rows,
          rowsReplaced: await rowsReplacedBy(connection, loadId),
        };
        await insertLog(connection, loaded, loadId, 'loaded', startedAt, options.loadedBy);
        return loaded;
      },
      { gate: options.gate },
    );
  } catch (error) {
    if (error instanceof FastPathDeclined) return null;
    throw error;
  } finally {
    await connection.run('RESET preserve_insertion_order');
  }
}

async function insertLog(
  connection: DuckDBConnection,
  report: LoadReport,
  loadId: number,
  status: string,
  startedAt: Date,
  loadedBy?: string,
): Promise<void> {
  await connection.run(
    `INSERT INTO load_log (load_id, file_name, sha256, variant, kind, status, rows_read, rows_accepted, rows_rejected, rows_replaced, warnings,
       started_at, finished_at, loaded_by)
     VALUES ($id, $file, $sha, $variant, $kind, $status, $read, $accepted, $rejected, $replaced, from_json($warnings, '["VARCHAR"]'),
       $started::TIMESTAMP, current_localtimestamp(), $by)`,
    {
      id: loadId,
      file: report.file,
      sha: report.sha256,
      variant: report.variant,
      kind: report.kind ?? '',
      status,
      read: report.rowsRead,
      accepted: status === 'loaded' ? report.rowsAccepted : 0,
      rejected: report.rowsRejected,
      replaced: status === 'loaded' ? report.rowsReplaced : 0,
      warnings: JSON.stringify(report.warnings),
      started: startedAt.toISOString().replace('T', ' ').replace('Z', ''),
      by: loadedBy ?? null,
    },
  );
}

/** A refused load is logged with its errors; no data table is touched. */
async function logRefusal(
  connection: DuckDBConnection,
  report: LoadReport,
  startedAt: Date,
  { loadedBy, gate }: Pick<LoadOptions, 'loadedBy' | 'gate'>,
): Promise<number> {
  try {
    // Through the gate like any commit: the refusal is a new version of the load log.
    return await inTransaction(
      connection,
      async () => {
        const loadId = Number(await scalar(connection, "SELECT nextval('load_id_seq')"));
        await insertLog(connection, report, loadId, 'refused', startedAt, loadedBy);
        for (const e of report.errors) {
          await connection.run('INSERT INTO load_reject VALUES ($id, $file, $line, $column, $value, $reason)', {
            id: loadId,
            file: report.file,
            line: e.line,
            column: e.column,
            value: e.value,
            reason: e.reason,
          });
        }
        return loadId;
      },
      { gate },
    );
  } finally {
    await dropStaging(connection);
  }
}

async function dropRawStaging(connection: DuckDBConnection): Promise<void> {
  for (const sql of ['DROP VIEW IF EXISTS stg', 'DROP TABLE IF EXISTS stg_mapped', 'DROP TABLE IF EXISTS stg_raw'])
    await connection.run(sql);
}

async function dropStaging(connection: DuckDBConnection): Promise<void> {
  await dropRawStaging(connection);
  for (const sql of ['DROP TABLE IF EXISTS stg_typed', 'DROP TABLE IF EXISTS nytta_errors']) await connection.run(sql);
}

/** Errors show the cell as the export wrote it: read back from the staged text, for the listed errors only. */
async function withRawValues(connection: DuckDBConnection, columns: ReadonlySet<string>, errors: RejectRow[]): Promise<RejectRow[]> {
  const wanted = errors.filter((e) => e.value === null && e.line !== null && e.column !== null && columns.has(e.column));
  if (wanted.length === 0) return errors;
  const names = [...new Set(wanted.map((e) => e.column!))];
  const lines = [...new Set(wanted.map((e) => e.line!))];
  const found = (
    await connection.runAndReadAll(
      `SELECT line, ${names.map((n) => quotedIdentifier(n)).join(', ')} FROM stg WHERE line IN (SELECT unnest($lines::BIGINT[]))`,
      { lines: JSON.stringify(lines) },
    )
  ).getRowObjectsJS();
  const byLine = new Map(found.map((r) => [Number(r.line), r]));
  return errors.map((e) =>
    wanted.includes(e) ? { ...e, value: (byLine.get(e.line!)?.[e.column!] as string | null | undefined) ?? null } : e,
  );
}

/** One line per error, as the CLI and the API print them: "fil.csv, rad 5, kolumn värde: "abc" är inte ett tal". */
export function formatError(file: string, error: RejectRow): string {
  const where = [file, error.line ? `rad ${error.line}` : null, error.column ? `kolumn ${error.column}` : null].filter(Boolean).join(', ');
  const value = error.value !== null && error.value !== '' ? `"${error.value}" ` : '';
  return `${where}: ${value}${error.reason}`;
}
