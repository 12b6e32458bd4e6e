import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ingestFiles } from '../../pipeline/ingest/ingest-files.js';
import { loadFile } from '../../pipeline/ingest/load-file.js';
import { count, FIXTURES, rows, tempStore } from '../helpers/store.js';

const SEED = join(FIXTURES, 'seed');
const seedFile = (name: string) => join(SEED, name);

describe('seed files', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => {
    store = await tempStore();
  });
  afterEach(() => store.close());

  it('loads all four with the counts in the files, benefits after their effect goals whatever the order given', async () => {
    const reports = await ingestFiles(store.connection, [
      seedFile('verksamhetsnyttor-fvis.csv'),
      seedFile('riskanalys-fvm-2021.csv'),
      seedFile('ekonomi-fvm.csv'),
      seedFile('effektmal-fvis.csv'),
    ]);
    expect(reports.map((r) => [r.file, r.kind, r.status, r.rowsAccepted])).toEqual([
      ['effektmal-fvis.csv', 'effektmal', 'loaded', 14],
      ['verksamhetsnyttor-fvis.csv', 'nyttor', 'loaded', 20],
      ['riskanalys-fvm-2021.csv', 'risker', 'loaded', 31],
      ['ekonomi-fvm.csv', 'nyckeltal', 'loaded', 22],
    ]);
    expect(await count(store.connection, 'SELECT count(*) FROM effect_goal')).toBe(14);
    expect(await count(store.connection, 'SELECT count(*) FROM benefit WHERE level IS NULL')).toBe(5); // the five top-level benefits
    expect(await count(store.connection, 'SELECT count(*) FROM benefit WHERE level = 3')).toBe(5);
    expect(await count(store.connection, 'SELECT count(*) FROM risk_assessment WHERE scale = 3')).toBe(31);
    const [investment] = await rows(store.connection, "SELECT value, unit FROM key_figure WHERE name = 'investeringsbudget_inforande'");
    expect(investment).toEqual({ value: 1440, unit: 'mnkr' });
    const [share] = await rows(store.connection, "SELECT value FROM key_figure WHERE name = 'modulart_alternativ_andel_av_hos_budget'");
    expect(share.value).toBe(1.8);
  });

  it('reports R23, whose stated risk value 4 disagrees with 2 × 1, and loads it anyway', async () => {
    const report = await loadFile(store.connection, seedFile('riskanalys-fvm-2021.csv'));
    expect(report.status).toBe('loaded');
    // One warning for the register's free-text due dates (R02 "Löpande" and others), kept but never overdue; one for R23.
    expect(report.warnings).toHaveLength(2);
    expect(report.warnings[0]).toContain('Klart är inget datum (ÅÅÅÅ-MM-DD) för R02 (rad 3: "Löpande")');
    expect(report.warnings[1]).toContain('R23');
    expect(report.warnings[1]).toContain('angivet riskvärde 4');
    expect(report.warnings[1]).toContain('2 × 1 = 2');
    const [r23] = await rows(store.connection, "SELECT probability, consequence, stated_value FROM risk_assessment WHERE risk_id = 'R23'");
    expect(r23).toEqual({ probability: 2, consequence: 1, stated_value: 4 });
    const [log] = await rows(store.connection, 'SELECT warnings FROM load_log WHERE load_id = $id', { id: report.loadId! });
    expect(String(log.warnings)).toContain('R23');
  });

  it('treats a second load of the same file as a no-op', async () => {
    const first = await loadFile(store.connection, seedFile('ekonomi-fvm.csv'));
    const second = await loadFile(store.connection, seedFile('ekonomi-fvm.csv'));
    expect(second.status).toBe('unchanged');
    expect(second.loadId).toBe(first.loadId);
    expect(await count(store.connection, 'SELECT count(*) FROM load_log')).toBe(1);
    expect(await count(store.connection, 'SELECT count(*) FROM key_figure')).toBe(22);
  });

  it('refuses benefits whose effect goals are not loaded, naming the goal', async () => {
    const report = await loadFile(store.connection, seedFile('verksamhetsnyttor-fvis.csv'));
    expect(report.status).toBe('refused');
    expect(report.errors[0]).toMatchObject({ line: 2, column: 'effektmal', value: 'E1' });
    expect(report.errors[0].reason).toContain('okänt effektmål');
    expect(await count(store.connection, 'SELECT count(*) FROM benefit')).toBe(0);
  });

  it('records every load with file, hash and row counts', async () => {
    await loadFile(store.connection, seedFile('effektmal-fvis.csv'));
    const [log] = await rows(
      store.connection,
      'SELECT file_name, sha256, kind, status, rows_read, rows_accepted, rows_rejected FROM load_log',
    );
    expect(log).toMatchObject({
      file_name: 'effektmal-fvis.csv',
      kind: 'effektmal',
      status: 'loaded',
      rows_read: 14n,
      rows_accepted: 14n,
      rows_rejected: 0n,
    });
    expect(String(log.sha256)).toMatch(/^[0-9a-f]{64}$/);
  });
});
