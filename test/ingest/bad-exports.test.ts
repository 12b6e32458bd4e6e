import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { UserError } from '../../pipeline/errors.js';
import { formatError, loadFile, type LoadOptions } from '../../pipeline/ingest/load-file.js';
import { count, fingerprint, rows, tempStore, writeFixture } from '../helpers/store.js';

const ORG = 'id;namn;överordnad;nivå;driftstart\nR;Regionen;;region;\nSKAS;Skaraborgs Sjukhus;R;förvaltning;2024-11-09\n';
const INDICATORS =
  'id;namn;enhet;riktning;frekvens;nyttor;källa;min_antal\nIND01;Andel digital tillgång;andel;högre_bättre;månad;1.1;demo;5\nIND02;Dokumentationstid;minuter;lägre_bättre;månad;;demo;\n';
const HEADER = 'indikator;period;enhet;kommun;kön;åldersgrupp;täljare;nämnare;värde;antal;status';
const GOOD = `${HEADER}\nIND01;2024-01;SKAS;Skövde;K;18-44;30;60;;;\nIND02;2024-01;SKAS;Skövde;T;;;;38,5;120;\n`;

describe('bad exports are refused whole, with a Swedish reason, and change nothing', () => {
  let store: Awaited<ReturnType<typeof tempStore>>;
  let before: Record<string, string>;

  beforeAll(async () => {
    store = await tempStore();
    for (const [name, text] of [
      ['org.csv', ORG],
      ['ind.csv', INDICATORS],
      ['good.csv', GOOD],
    ]) {
      const report = await loadFile(store.connection, writeFixture(store.dir, name, text));
      expect(report.status).toBe('loaded');
    }
    before = await fingerprint(store.connection);
  });
  afterAll(() => store.close());

  /** Loads a bad file and returns its formatted errors; asserts the data tables did not move. */
  async function refuse(name: string, content: string | Buffer, options: LoadOptions = {}): Promise<string[]> {
    const report = await loadFile(store.connection, writeFixture(store.dir, name, content), options);
    expect(report.status).toBe('refused');
    expect(report.rowsAccepted).toBe(0);
    expect(await fingerprint(store.connection)).toEqual(before);
    return report.errors.map((e) => formatError(report.file, e));
  }

  /** For files the reader cannot even stage: a UserError, and still nothing changed. */
  async function throws(name: string, content: string | Buffer, options: LoadOptions = {}): Promise<string> {
    const error = await loadFile(store.connection, writeFixture(store.dir, name, content), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(await fingerprint(store.connection)).toEqual(before);
    return (error as UserError).message;
  }

  it('wrong separator: a pipe-separated file is not recognised, and the message points at the separator', async () => {
    const message = await throws('pipe.csv', 'indikator|period|värde\nIND01|2024-02|0,5\n');
    expect(message).toContain('pipe.csv');
    expect(message).toContain('avgränsaren');
  });

  it('wrong separator: a comma file with decimal commas gets too many columns on the row', async () => {
    const errors = await refuse('comma.csv', 'indikator,period,värde\nIND02,2024-02,38,5\n');
    expect(errors).toEqual([expect.stringContaining('comma.csv, rad 2: "IND02,2024-02,38,5" för många kolumner')]);
  });

  it('missing required column', async () => {
    const message = await throws('missing.csv', 'indikator;värde\nIND01;0,5\n', { kind: 'utfall' });
    expect(message).toBe('missing.csv: obligatorisk kolumn saknas för utfall (observationer): period.');
  });

  it('neither värde nor täljare + nämnare', async () => {
    const message = await throws('novalue.csv', 'indikator;period;täljare\nIND01;2024-02;5\n');
    expect(message).toContain('kräver kolumnen varde eller taljare + namnare');
  });

  it('unknown indicator', async () => {
    const errors = await refuse('unknown.csv', `${HEADER}\nIND01;2024-02;SKAS;;T;;1;2;;;\nIND99;2024-02;SKAS;;T;;1;2;;;\n`);
    expect(errors).toEqual(['unknown.csv, rad 3, kolumn indikator: "IND99" okänd indikator (läs in den i en indikatorfil först)']);
  });

  it('unknown org unit', async () => {
    const errors = await refuse('unit.csv', `${HEADER}\nIND01;2024-02;NOPE;;T;;1;2;;;\n`);
    expect(errors).toEqual(['unit.csv, rad 2, kolumn enhet: "NOPE" okänd enhet (läs in den i en organisationsfil först)']);
  });

  it('text in a number column', async () => {
    const errors = await refuse('text.csv', `${HEADER}\nIND02;2024-02;SKAS;;T;;;;trettio;12;\n`);
    expect(errors).toEqual(['text.csv, rad 2, kolumn varde: "trettio" är inte ett tal']);
  });

  it('a period that cannot be parsed', async () => {
    const errors = await refuse('period.csv', `${HEADER}\nIND02;2024-13;SKAS;;T;;;;1;12;\nIND02;mars 2024;SKAS;;T;;;;1;12;\n`);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe(
      'period.csv, rad 2, kolumn period: "2024-13" är ingen giltig period (använd 2024, 2024-03, 2024-Q1, 2024K1, 2024-W05 eller 2024-03-15)',
    );
    expect(errors[1]).toContain('rad 3, kolumn period: "mars 2024"');
  });

  it('a duplicated key names both rows', async () => {
    const errors = await refuse('dup.csv', `${HEADER}\nIND02;2024-02;SKAS;;T;;;;1;12;\nIND02;2024-02;SKAS;;T;;;;2;12;\n`);
    expect(errors).toEqual([
      'dup.csv, rad 3, kolumn period: "2024-02" samma nyckel (indikator, period, enhet, kommun, kön, åldersgrupp) finns redan på rad 2',
    ]);
  });

  it('a duplicated key far apart, among a thousand distinct keys, is found all the same', async () => {
    const lines = Array.from(
      { length: 1000 },
      (_, i) => `IND02;${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')};SKAS;;T;;;;1;12;`,
    );
    lines.splice(700, 0, 'IND02;2000-01;SKAS;;T;;;;2;12;'); // line 702: the header is line 1, lines[0] line 2
    const errors = await refuse('dup-far.csv', `${HEADER}\n${lines.join('\n')}\n`);
    expect(errors).toEqual([
      'dup-far.csv, rad 702, kolumn period: "2000-01" samma nyckel (indikator, period, enhet, kommun, kön, åldersgrupp) finns redan på rad 2',
    ]);
  });

  it('a negative denominator', async () => {
    const errors = await refuse('neg.csv', `${HEADER}\nIND01;2024-02;SKAS;;T;;1;-2;;;\n`);
    expect(errors).toContain('neg.csv, rad 2, kolumn namnare: "-2" nämnaren är negativ');
  });

  it('a numerator above its denominator', async () => {
    const errors = await refuse('above.csv', `${HEADER}\nIND01;2024-02;SKAS;;T;;7;5;;;\n`);
    expect(errors).toEqual(['above.csv, rad 2, kolumn taljare: "7" täljaren är större än nämnaren (5)']);
  });

  it('a sex outside K, M, T', async () => {
    const errors = await refuse('sex.csv', `${HEADER}\nIND01;2024-02;SKAS;;X;;1;5;;;\n`);
    expect(errors).toEqual(['sex.csv, rad 2, kolumn kon: "X" är inte ett tillåtet värde (K, M eller T)']);
  });

  it('a truncated file: the last row stops mid-way', async () => {
    const errors = await refuse('cut.csv', `${HEADER}\nIND01;2024-02;SKAS;;T;;1;5;;;\nIND01;2024-03;SK`);
    expect(errors).toEqual([expect.stringMatching(/^cut\.csv, rad 3: "IND01;2024-03;SK" för få kolumner på raden/)]);
  });

  it('an empty file', async () => {
    expect(await throws('empty.csv', '')).toBe('empty.csv: filen är tom.');
  });

  it('a header and no rows', async () => {
    const errors = await refuse('header-only.csv', `${HEADER}\n`);
    expect(errors).toEqual(['header-only.csv: filen har inga datarader']);
  });

  it('a Latin-1 file is read correctly, and its error quotes the Swedish text right', async () => {
    const latin1 = iconv.encode(`${HEADER}\nIND01;2024-02;SKAS;Västra Frölunda;T;;1;5;;;\nIND01;2024-03;SKAS;Åmål;T;;en;5;;;\n`, 'latin1');
    expect(latin1.includes(Buffer.from('ä', 'latin1'))).toBe(true);
    const errors = await refuse('latin1.csv', latin1);
    expect(errors).toEqual(['latin1.csv, rad 3, kolumn taljare: "en" är inte ett tal']);
  });

  it('a file that is not CSV at all (PNG bytes)', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const message = await throws('bild.csv', png);
    expect(message).toContain('bild.csv: filen är inte en textfil (CSV)');
  });

  it('prose that is not an export at all', async () => {
    const message = await throws('brev.txt', 'Hej!\nHär kommer siffrorna du bad om.\n');
    expect(message).toContain('kunde inte känna igen filtypen');
  });

  it('lists every error up to the limit and counts the rest', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `IND02;2024-${String((i % 12) + 1).padStart(2, '0')};SKAS;K${i};T;;;;fel;1;`).join(
      '\n',
    );
    const report = await loadFile(store.connection, writeFixture(store.dir, 'many.csv', `${HEADER}\n${body}\n`), { maxErrors: 10 });
    expect(report.errorCount).toBe(30);
    expect(report.errors).toHaveLength(10);
    expect(report.rowsRejected).toBe(30);
    expect(await fingerprint(store.connection)).toEqual(before);
    const kept = await count(store.connection, `SELECT count(*) FROM load_reject WHERE load_id = ${Number(report.loadId)}`);
    expect(kept).toBe(10);
  });

  it('keeps refused loads in the log with their rejects', async () => {
    const [log] = await rows(store.connection, "SELECT status, rows_rejected FROM load_log WHERE file_name = 'above.csv'");
    expect(log).toEqual({ status: 'refused', rows_rejected: 1n });
    const [reject] = await rows(store.connection, "SELECT line, column_name, value, reason FROM load_reject WHERE file_name = 'above.csv'");
    expect(reject).toEqual({ line: 2n, column_name: 'taljare', value: '7', reason: 'täljaren är större än nämnaren (5)' });
  });

  it('--dry-run reports the errors without logging anything', async () => {
    const logs = await count(store.connection, 'SELECT count(*) FROM load_log');
    const report = await loadFile(store.connection, writeFixture(store.dir, 'dry.csv', `${HEADER}\nIND01;2024-02;SKAS;;T;;9;5;;;\n`), {
      dryRun: true,
    });
    expect(report.status).toBe('refused');
    expect(await count(store.connection, 'SELECT count(*) FROM load_log')).toBe(logs);
  });
});
