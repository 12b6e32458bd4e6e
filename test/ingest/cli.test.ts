import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { openStore } from '../../pipeline/store/open-store.js';
import { FIXTURES, tempDir, writeFixture } from '../helpers/store.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'nytta.js');
const nytta = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('nytta ingest on the command line', () => {
  it('loads, reports in Swedish and exits 0; a refused file exits 1 and says the store is unchanged', () => {
    const dir = tempDir();
    const db = join(dir, 'n.duckdb');
    const ok = nytta('ingest', '--db', db, join(FIXTURES, 'seed', 'effektmal-fvis.csv'));
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('effektmal-fvis.csv: inläst som effektmal – 14 rader lästa, 14 godkända, 0 avvisade');
    const bad = writeFixture(dir, 'bad.csv', 'program;id;malgrupp;effektmal\nFVIS;E9;;\n');
    const refused = nytta('ingest', '--db', db, bad);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('bad.csv, rad 2, kolumn effektmal: värde saknas i obligatorisk kolumn');
    expect(refused.stdout).toContain('Filen avvisades i sin helhet; lagret är oförändrat.');
  });

  it('--dry-run writes nothing', () => {
    const dir = tempDir();
    const db = join(dir, 'n.duckdb');
    const dry = nytta('ingest', '--db', db, '--dry-run', join(FIXTURES, 'seed', 'ekonomi-fvm.csv'));
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('kontrollerad (--dry-run), inget skrivet');
    const again = nytta('ingest', '--db', db, join(FIXTURES, 'seed', 'ekonomi-fvm.csv'));
    expect(again.stdout).toContain('inläst som nyckeltal');
  });

  it("a store held by another process gets a Swedish message that suggests --server, not DuckDB's lock error", async () => {
    const dir = tempDir();
    const db = join(dir, 'n.duckdb');
    const holder = await openStore(db);
    try {
      const locked = nytta('ingest', '--db', db, join(FIXTURES, 'seed', 'ekonomi-fvm.csv'));
      expect(locked.status).toBe(2);
      expect(locked.stderr).toContain('är låst av en annan process');
      expect(locked.stderr).toContain('--server');
      expect(locked.stderr).not.toContain('at ');
    } finally {
      holder.close();
    }
  });

  it('a mapping file with a mistake is named with the field at fault', () => {
    const dir = tempDir();
    const map = writeFixture(dir, 'map.json', JSON.stringify({ columns: { indikator: 'kpi' }, wide: { into: 'kommun' } }));
    const result = nytta('ingest', '--db', join(dir, 'n.duckdb'), '--map', map, join(FIXTURES, 'seed', 'ekonomi-fvm.csv'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Mappningsfilen map.json är ogiltig: wide.columns');
  });

  it('a mapping that names a column the file lacks lists the columns it has', () => {
    const dir = tempDir();
    const map = writeFixture(dir, 'map.yaml', 'kind: utfall\ncolumns:\n  indikator: KPI-id\n  period: year\n');
    const result = nytta('ingest', '--db', join(dir, 'n.duckdb'), '--map', map, join(FIXTURES, 'real', 'kolada-dalarna', 'deltagande.csv'));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'mappningen pekar på kolumnen "KPI-id", som inte finns i filen (kpi, year, gender, value, municipality)',
    );
  });

  it('unknown options and commands get help, not a stack trace', () => {
    const result = nytta('ingest', '--db');
    expect(result.status).not.toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
