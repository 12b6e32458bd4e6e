import { describe, expect, it } from 'vitest';
import { parseQueryFile } from '../../pipeline/named-queries/header.js';
import { describeIssues } from '../../pipeline/contracts/index.js';
import { paramsSchema } from '../../pipeline/named-queries/params.js';

const GOOD = `-- name: sales
-- description: Försäljning
-- param: region VARCHAR required — regionen
-- param: grain VARCHAR default=month values=month|year
-- param: limit INTEGER default=10 min=1 max=100
-- column: period VARCHAR
-- column: sex VARCHAR when grain=month
-- suppress: count=n values=value min=min_count group=period
SELECT 1`;

describe('query headers', () => {
  it('parses a valid header', () => {
    const h = parseQueryFile('sales.sql', 'sales', GOOD);
    expect(h.name).toBe('sales');
    expect(h.params.map((p) => [p.name, p.type, p.required, p.default, p.values])).toEqual([
      ['region', 'VARCHAR', true, undefined, undefined],
      ['grain', 'VARCHAR', false, 'month', ['month', 'year']],
      ['limit', 'INTEGER', false, '10', undefined],
    ]);
    expect(h.params[0].description).toBe('regionen');
    expect(h.columns[1].when).toEqual({ param: 'grain', value: 'month' });
    expect(h.suppress).toEqual({ count: 'n', values: ['value'], min: 'min_count', group: ['period'] });
    expect(h.sql).toBe('SELECT 1');
  });

  // Each must fail, with the line quoted and the valid choices listed.
  const BAD: [string, string, RegExp][] = [
    ['name not the file', GOOD.replace('-- name: sales', '-- name: other'), /rad 1: namnet måste vara filens namn "sales"/],
    ['name with capitals', GOOD.replace('-- name: sales', '-- name: Sales'), /ogiltigt namn/],
    [
      'unknown directive',
      GOOD.replace('-- description:', '-- descripton:'),
      /okänt direktiv "descripton" \(giltiga: name, description, role, param, column, suppress, catalogue\)/,
    ],
    ['directive without colon', GOOD.replace('-- description: Försäljning', '-- description Försäljning'), /rubrikrad utan kolon/],
    [
      'unknown type',
      GOOD.replace('region VARCHAR', 'region TEXT'),
      /okänd typ "TEXT" \(giltiga: VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE\)/,
    ],
    ['unknown option', GOOD.replace('required — regionen', 'mandatory'), /okänt parameteralternativ "mandatory"/],
    [
      'required with default',
      GOOD.replace('region VARCHAR required', 'region VARCHAR required default=x'),
      /både krävas och ha ett standardvärde/,
    ],
    ['default outside values', GOOD.replace('default=month values', 'default=week values'), /standardvärdet finns inte bland/],
    ['duplicate parameter', GOOD.replace('-- param: grain', '-- param: region'), /parametern "region" finns redan/],
    ['bad column line', GOOD.replace('-- column: period VARCHAR', '-- column: period'), /skriv "-- column: namn TYP/],
    ['column on unknown parameter', GOOD.replace('when grain=month', 'when breakdown=sex'), /okänd parameter "breakdown"/],
    ['bad suppress', GOOD.replace('count=n values=value', 'cnt=n'), /skriv "-- suppress: count=kolumn/],
    [
      'unknown role',
      GOOD.replace('-- description: Försäljning', '-- description: x\n-- role: boss'),
      /okänd roll \(giltiga: reader, analyst, controller, admin\)/,
    ],
    ['no description', GOOD.replace('-- description: Försäljning\n', ''), /rubriken saknar "-- description:"/],
    [
      'catalogue of an unknown kind',
      `${GOOD.replace('SELECT 1', '')}-- catalogue: region=region\nSELECT 1`,
      /rad 9: okänt slag "region" \(giltiga: program, indicator, unit, benefit\)/,
    ],
    [
      'catalogue of an undeclared parameter',
      `${GOOD.replace('SELECT 1', '')}-- catalogue: unit=unit\nSELECT 1`,
      /rad 9: okänd parameter "unit"/,
    ],
    ['catalogue of a number', `${GOOD.replace('SELECT 1', '')}-- catalogue: limit=unit\nSELECT 1`, /parametern "limit" är inte VARCHAR/],
    ['catalogue without pairs', `${GOOD.replace('SELECT 1', '')}-- catalogue: region\nSELECT 1`, /skriv "-- catalogue: parameter=slag …"/],
    [
      'two catalogue lines',
      `${GOOD.replace('SELECT 1', '')}-- catalogue: region=unit\n-- catalogue: region=unit\nSELECT 1`,
      /redan en rad "-- catalogue:"/,
    ],
    ['no SQL', GOOD.replace('SELECT 1', ''), /ingen SQL/],
  ];
  it.each(BAD)('refuses %s', (_name, text, message) => {
    expect(() => parseQueryFile('sales.sql', 'sales', text)).toThrow(message);
  });

  it('a catalogue line names the parameters that name a catalogue entry', () => {
    const h = parseQueryFile('sales.sql', 'sales', GOOD.replace('SELECT 1', '-- catalogue: region=unit\nSELECT 1'));
    expect(h.catalogue).toEqual([{ param: 'region', kind: 'unit' }]);
    expect(parseQueryFile('sales.sql', 'sales', GOOD).catalogue).toEqual([]);
  });

  it('ordinary comments are allowed in the header', () => {
    expect(parseQueryFile('sales.sql', 'sales', `-- Why this query exists.\n${GOOD}`).name).toBe('sales');
  });
});

describe('parameter schemas', () => {
  const schema = paramsSchema(parseQueryFile('sales.sql', 'sales', GOOD));
  const fail = (input: Record<string, string>) => {
    const r = schema.safeParse(input);
    expect(r.success).toBe(false);
    return describeIssues(r.error!);
  };

  it('types, defaults and enums', () => {
    expect(schema.parse({ region: 'VG', limit: '20' })).toEqual({ region: 'VG', grain: 'month', limit: 20 });
  });
  it('Swedish messages naming the parameter', () => {
    expect(fail({})).toBe('parametern "region" saknas');
    expect(fail({ region: 'VG', limit: 'tio' })).toBe('parametern "limit" ska vara ett heltal, inte "tio"');
    expect(fail({ region: 'VG', limit: '500' })).toBe('parametern "limit" ska vara högst 100');
    expect(fail({ region: 'VG', grain: 'week' })).toBe('parametern "grain" måste vara month, year');
    expect(fail({ region: 'VG', regoin: 'x' })).toBe('okänd parameter: regoin');
  });
});
