/** @module check-command – `nytta check [--db PATH]`: reads the whole store and its history, exits 0 when whole, 1 when not. */
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { checkStore, isCorruption, type CheckReport } from '../store/check.js';
import { openStore } from '../store/open-store.js';

export interface CheckCommandOptions {
  db: string;
}

/** The report in Swedish, one line a finding. */
export function describeCheck(db: string, report: CheckReport): string[] {
  const read = `${report.tables} tabeller, ${report.rows.toLocaleString('sv-SE')} rader lästa block för block`;
  if (!report.problems.length)
    return [
      `Lagret ${db} är helt: ${read}, varje kontrollsumma stämmer.`,
      'Historiken håller: ingen nyckel gäller två gånger, varje ersatt rad ersattes av en senare inläsning, ingen rad gäller från en ångrad inläsning.',
    ];
  return [
    `Lagret ${db} har ${report.problems.length} fel (${read}):`,
    ...report.problems.map((p) => `  fel: ${p}`),
    'Återställ lagret från en säkerhetskopia, eller läs in exporterna på nytt i ett nytt lager.',
  ];
}

export async function runCheck(options: CheckCommandOptions): Promise<number> {
  if (!existsSync(options.db)) throw new UserError(`Lagret ${options.db} finns inte.`, 'store_missing');
  let store;
  try {
    store = await openStore(options.db, { readOnly: true });
  } catch (error) {
    // A store too damaged to open is a finding, not a usage error.
    if (!isCorruption(error) && !(error instanceof UserError && error.code === 'store_unreadable')) throw error;
    console.log(`Lagret ${options.db} kunde inte öppnas: filen är skadad (dess kataloger eller rubrik kan inte läsas).`);
    return 1;
  }
  try {
    const report = await checkStore(store.connection);
    for (const line of describeCheck(options.db, report)) console.log(line);
    return report.problems.length ? 1 : 0;
  } finally {
    store.close();
  }
}
