/** @module main – the `nytta` command line. */
import { Command, InvalidArgumentError } from 'commander';
import { Refusal } from '../contracts/index.js';
import { QueryTimeoutError } from '../named-queries/run-query.js';
import { DISK_FULL, isDiskFull, isUserError, UnknownEntryError, UserError } from '../errors.js';
import { defaultStorePath } from '../store/open-store.js';
import { KIND_HELP, runIngest } from './ingest-command.js';
import { DEFAULT_DEMO_ROWS, runDemo } from './demo-command.js';
import { runCheck } from './check-command.js';
import { runPurge, runUndo } from './history-command.js';
import { runQueryCommand } from './query-command.js';
import { runServe } from './serve-command.js';
import { runWorkbook } from './workbook-command.js';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" är inget icke-negativt heltal.`);
  return n;
}

const program = new Command()
  .name('nytta')
  .description('Nytta – nyttorealisering: läs in exporter, räkna, servera till Excel.')
  .showHelpAfterError();

program
  .command('ingest')
  .description('läs in exportfiler (CSV, XLSX, Parquet, Kolada-JSON) i lagret, en transaktion per fil')
  .argument('<files...>', 'filer att läsa in')
  .option('--db <path>', 'DuckDB-filen', defaultStorePath())
  .option('--kind <kind>', KIND_HELP)
  .option('--map <file>', 'mappningsfil (JSON eller YAML) för exporter med annan layout')
  .option('--sheet <name>', 'blad i en XLSX-fil (annars det första)')
  .option('--create-indicators', 'skapa okända indikatorer i stället för att avvisa raderna')
  .option('--max-errors <n>', 'hur många fel som listas', '100')
  .option('--dry-run', 'kontrollera utan att skriva')
  .option('--verbose', 'skriv varje steg på stderr')
  .option('--server <url>', 'lämna filerna till en körande tjänst (som äger lagret), t.ex. http://127.0.0.1:3000')
  .option('--token <token>', 'token för --server (annars miljövariabeln NYTTA_TOKEN)')
  .action(async (files: string[], options) => {
    process.exitCode = await runIngest(files, options);
  });

program
  .command('demo')
  .description('skapa en deterministisk demoregion (organisation, indikatorer, utfall, målvärden, nyttokalkyl, risker)')
  .option('--db <path>', 'DuckDB-filen', defaultStorePath())
  .option(
    '--rows <n>',
    'antal utfallsrader (standard: varje indikator, enhet, månad, kön och åldersgrupp en gång)',
    integer,
    DEFAULT_DEMO_ROWS,
  )
  .option('--seed <s>', 'slumpfrö', integer, 1)
  .option('--csv <dir>', 'skriv exportfiler (CSV) till en mapp i stället för att läsa in dem')
  .action(async (options) => {
    process.exitCode = await runDemo(options);
  });

program
  .command('query')
  .description('kör en namngiven fråga (samma kontroller och röjandeskydd som tjänsten)')
  .argument('<name>', 'frågans namn, t.ex. indicator_series')
  .option('--param <key=value>', 'parameter, upprepas', (value: string, all: string[]) => [...all, value], [] as string[])
  .option('--format <format>', 'json, csv eller arrow', 'json')
  .option('--db <path>', 'DuckDB-filen', defaultStorePath())
  .option('--server <url>', 'fråga en körande tjänst i stället för att öppna filen')
  .option('--token <token>', 'token för --server (annars miljövariabeln NYTTA_TOKEN)')
  .option('--as-of <id>', 'svaret som lagret såg ut direkt efter inläsning ID (eller vid en tidpunkt ÅÅÅÅ-MM-DDTtt:mm)')
  .action(async (name: string, options) => {
    if (!['json', 'csv', 'arrow'].includes(options.format))
      throw new UserError(`--format ska vara json, csv eller arrow, inte "${options.format}".`, 'format_unknown');
    process.exitCode = await runQueryCommand(name, options);
  });

program
  .command('workbook')
  .description('skriv arbetsboken som .xlsx: indikatorer, baslinje, nyttokalkyl, uppfoljning, risker, portfolj eller alla')
  .argument('<kind>', 'indikatorer, baslinje, nyttokalkyl, uppfoljning, risker, portfolj eller alla')
  .requiredOption('--out <file>', 'filen (eller mappen med --per)')
  .option(
    '--param <key=value>',
    'parameter, upprepas (t.ex. program=FVIS)',
    (value: string, all: string[]) => [...all, value],
    [] as string[],
  )
  .option('--per <level>', 'en arbetsbok per förvaltning: --per forvaltning')
  .option('--db <path>', 'DuckDB-filen', defaultStorePath())
  .option('--server <url>', 'hämta från en körande tjänst')
  .option('--token <token>', 'token för --server (annars miljövariabeln NYTTA_TOKEN)')
  .option('--as-of <id>', 'arbetsboken som lagret såg ut direkt efter inläsning ID (eller vid en tidpunkt)')
  .action(async (kind: string, options) => {
    process.exitCode = await runWorkbook(kind, options);
  });

program
  .command('undo')
  .description('ångra en inläsning: dess rader tas bort och de rader den ersatte gäller igen (ångringen kan själv ångras)')
  .argument('<id>', 'inläsningens id (se /api/v1/loads)')
  .option('--db <path>', 'DuckDB-filen', defaultStorePath())
  .option('--server <url>', 'be en körande tjänst ångra (roll controller)')
  .option('--token <token>', 'token för --server (annars miljövariabeln NYTTA_TOKEN)')
  .action(async (id: string, options) => {
    process.exitCode = await runUndo(id, options);
  });

program
  .command('purge')
  .description('ta bort historik (ersatta rader) för gott, ersatt före ett datum; frågar först')
  .requiredOption('--before <date>', 'ÅÅÅÅ-MM-DD: historik ersatt av inläsningar före detta datum tas bort')
  .option('--yes', 'fråga inte')
  .option('--db <path>', 'DuckDB-filen', defaultStorePath())
  .action(async (options) => {
    process.exitCode = await runPurge(options);
  });

program
  .command('check')
  .description('läs varje block i varje tabell (kontrollsummorna) och kontrollera historiken; 0 när lagret är helt, 1 annars')
  .option('--db <path>', 'DuckDB-filen', defaultStorePath())
  .action(async (options) => {
    process.exitCode = await runCheck(options);
  });

program
  .command('serve')
  .description('starta tjänsten (läser in demoregionen om lagret är tomt)')
  .option('--db <path>', 'DuckDB-filen', defaultStorePath())
  .option('--port <n>', 'port (miljövariabel PORT)', integer, Number(process.env.PORT ?? 3000))
  .option('--host <h>', 'adress (miljövariabel HOST)', process.env.HOST ?? '127.0.0.1')
  .option('--no-demo', 'läs inte in demoregionen i ett tomt lager')
  .action(async (options) => {
    await runServe(options);
  });

/** A program, indicator, unit or benefit the store does not have (or, from a service, anything it did not find). */
const notFound = (error: unknown) =>
  error instanceof UnknownEntryError ||
  (error instanceof Refusal && error.status === 404) ||
  (isUserError(error) && error.code === 'http_404');

try {
  await program.parseAsync();
} catch (error) {
  if (isDiskFull(error)) {
    // The load's transaction rolled back: nothing was written, and the user has something to do about it.
    console.error(`Fel: ${DISK_FULL}`);
    process.exitCode = 5;
  } else if (notFound(error)) {
    console.error(`Fel: ${(error as Error).message}`);
    process.exitCode = 4;
  } else if (isUserError(error) || error instanceof Refusal || error instanceof QueryTimeoutError) {
    // A workbook built from the service's answers fails with what the service said (a refused question, here or over
    // HTTP; a question over its time): the user's to fix, as any UserError.
    console.error(`Fel: ${error.message}`);
    // A service whose disk is full says so with a 507: the same code as a full disk here.
    process.exitCode = error instanceof UserError && error.code === 'http_507' ? 5 : 2;
  } else {
    // Unexpected: one clear line, the stack only on request.
    console.error(`Oväntat fel: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.NYTTA_DEBUG) console.error(error);
    process.exitCode = 3;
  }
}
