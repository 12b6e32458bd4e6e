/**
 * @module header – the header of a query file, parsed strictly. Errors quote the line and list what is valid.
 *
 * @example
 * -- name: indicator_series
 * -- description: Indikatorserie per period
 * -- param: indicator VARCHAR required — indikatorns id
 * -- param: grain VARCHAR default=month values=month|quarter|year
 * -- column: period VARCHAR NOT NULL
 * -- column: sex VARCHAR when breakdown=sex
 * -- suppress: count=n values=value,numerator,denominator min=min_count group=period
 * -- catalogue: indicator=indicator unit=unit
 */

export const SQL_TYPES = ['VARCHAR', 'INTEGER', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE'] as const;
export type SqlType = (typeof SQL_TYPES)[number];
export const ROLES = ['reader', 'analyst', 'controller', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ParamSpec {
  name: string;
  type: SqlType;
  required: boolean;
  default?: string;
  values?: string[];
  min?: number;
  max?: number;
  /** period: 2024, 2024-03 or 2024-03-15. */
  format?: 'period';
  description?: string;
}

export interface ColumnSpec {
  name: string;
  type: SqlType;
  /** Never NULL (`NOT NULL` in the header): the row type says so, and every answer is checked for it. */
  notNull?: boolean;
  /** Present in the answer only when this parameter has this value. */
  when?: { param: string; value: string };
  description?: string;
}

export interface SuppressSpec {
  /** Column with the count a cell is built on. */
  count: string;
  /** Columns blanked with it. */
  values: string[];
  /** Column holding the minimum count (the indicator's); never sent. */
  min?: string;
  /** Columns that make siblings: cells sharing them could be derived from a total minus the others. */
  group: string[];
  /** Further sets of sibling columns (`group=a,b|c,d`), for answers with more than one way to add up. */
  moreGroups?: string[][];
}

/** What a parameter may name in the store's catalogue, and the table it is looked up in (allow-listed). */
export const CATALOGUE_KINDS = ['program', 'indicator', 'unit', 'benefit'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

/** A parameter that names a catalogue entry: a value the store does not know is a 404, never an empty answer. */
export interface CatalogueSpec {
  param: string;
  kind: CatalogueKind;
}

export interface QueryHeader {
  name: string;
  description: string;
  role: Role;
  params: ParamSpec[];
  columns: ColumnSpec[];
  suppress?: SuppressSpec;
  catalogue: CatalogueSpec[];
  sql: string;
}

const DIRECTIVES = ['name', 'description', 'role', 'param', 'column', 'suppress', 'catalogue'] as const;
const IDENT = /^[a-z][a-z0-9_]*$/;

export class HeaderError extends Error {
  constructor(file: string, line: number, text: string, why: string) {
    super(`${file}, rad ${line}: ${why}: "${text}"`);
    this.name = 'HeaderError';
  }
}

function splitDescription(rest: string): [string, string | undefined] {
  const at = rest.search(/\s[—–]\s|\s--\s/);
  return at < 0
    ? [rest.trim(), undefined]
    : [
        rest.slice(0, at).trim(),
        rest
          .slice(at)
          .replace(/^\s*(—|–|--)\s*/, '')
          .trim(),
      ];
}

function sqlType(word: string | undefined, fail: (why: string) => never): SqlType {
  const type = word?.toUpperCase();
  if (!type || !(SQL_TYPES as readonly string[]).includes(type)) fail(`okänd typ "${word ?? ''}" (giltiga: ${SQL_TYPES.join(', ')})`);
  return type as SqlType;
}

/** Parses a query file. The name must equal the file stem. */
export function parseQueryFile(file: string, stem: string, text: string): QueryHeader {
  const lines = text.split(/\r?\n/);
  const header: Partial<QueryHeader> & { params: ParamSpec[]; columns: ColumnSpec[]; catalogue: CatalogueSpec[] } = {
    params: [],
    columns: [],
    catalogue: [],
    role: 'reader',
  };
  let catalogueLine: { line: number; text: string } | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('--')) break;
    const fail = (why: string): never => {
      throw new HeaderError(file, i + 1, raw, why);
    };
    const match = /^--\s*([a-z]+):\s*(.*)$/.exec(line);
    if (!match) {
      if (new RegExp(`^--\\s*(${DIRECTIVES.join('|')})\\b`).test(line) || /^--[a-z]/.test(line))
        fail(`rubrikrad utan kolon; skriv "-- direktiv: värde" (giltiga: ${DIRECTIVES.join(', ')})`);
      continue; // an ordinary comment
    }
    const [, directive, rest] = match;
    if (!(DIRECTIVES as readonly string[]).includes(directive)) fail(`okänt direktiv "${directive}" (giltiga: ${DIRECTIVES.join(', ')})`);
    switch (directive) {
      case 'name':
        if (!IDENT.test(rest)) fail('ogiltigt namn (små bokstäver, siffror och _)');
        if (rest !== stem) fail(`namnet måste vara filens namn "${stem}"`);
        header.name = rest;
        break;
      case 'description':
        header.description = rest;
        break;
      case 'role':
        if (!(ROLES as readonly string[]).includes(rest)) fail(`okänd roll (giltiga: ${ROLES.join(', ')})`);
        header.role = rest as Role;
        break;
      case 'param': {
        const [spec, description] = splitDescription(rest);
        const [name, type, ...options] = spec.split(/\s+/);
        if (!IDENT.test(name ?? '')) fail('ogiltigt parameternamn');
        if (header.params.some((p) => p.name === name)) fail(`parametern "${name}" finns redan`);
        if (name === 'rollup') fail('parameternamnet "rollup" är tjänstens (om den förberäknade sammanställningen får användas)');
        const param: ParamSpec = { name, type: sqlType(type, fail), required: false, description };
        for (const option of options) {
          const [key, value] = option.split('=');
          if (key === 'required' && value === undefined) param.required = true;
          else if (key === 'default' && value !== undefined) param.default = value;
          else if (key === 'values' && value) param.values = value.split('|');
          else if ((key === 'min' || key === 'max') && value !== undefined && Number.isFinite(Number(value))) param[key] = Number(value);
          else if (key === 'format' && value === 'period') param.format = 'period';
          else fail(`okänt parameteralternativ "${option}" (giltiga: required, default=, values=a|b, min=, max=, format=period)`);
        }
        if (param.required && param.default !== undefined) fail('en parameter kan inte både krävas och ha ett standardvärde');
        if (param.values && param.default !== undefined && !param.values.includes(param.default))
          fail('standardvärdet finns inte bland de tillåtna värdena');
        header.params.push(param);
        break;
      }
      case 'column': {
        const [spec, description] = splitDescription(rest);
        const m = /^([a-z][a-z0-9_]*)\s+(\S+)(\s+NOT\s+NULL)?(?:\s+when\s+([a-z][a-z0-9_]*)=(\S+))?$/i.exec(spec);
        if (!m) fail('skriv "-- column: namn TYP [NOT NULL] [when parameter=värde]"');
        const [, name, type, notNull, param, value] = m!;
        header.columns.push({
          name,
          type: sqlType(type, fail),
          ...(notNull ? { notNull: true } : {}),
          when: param ? { param, value } : undefined,
          description,
        });
        break;
      }
      case 'catalogue': {
        if (catalogueLine) fail('rubriken har redan en rad "-- catalogue:"');
        catalogueLine = { line: i + 1, text: raw };
        for (const pair of rest.split(/\s+/).filter(Boolean)) {
          const [param, kind, extra] = pair.split('=');
          if (!IDENT.test(param ?? '') || kind === undefined || extra !== undefined) fail('skriv "-- catalogue: parameter=slag …"');
          if (!(CATALOGUE_KINDS as readonly string[]).includes(kind)) fail(`okänt slag "${kind}" (giltiga: ${CATALOGUE_KINDS.join(', ')})`);
          if (header.catalogue.some((c) => c.param === param)) fail(`parametern "${param}" står redan på raden`);
          header.catalogue.push({ param, kind: kind as CatalogueKind });
        }
        if (!header.catalogue.length) fail('skriv "-- catalogue: parameter=slag …"');
        break;
      }
      case 'suppress': {
        const fields = Object.fromEntries(rest.split(/\s+/).map((kv) => kv.split('=') as [string, string]));
        const unknown = Object.keys(fields).filter((k) => !['count', 'values', 'min', 'group'].includes(k));
        if (unknown.length || !fields.count || !fields.values)
          fail('skriv "-- suppress: count=kolumn values=a,b [min=kolumn] [group=a,b[|c,d]]"');
        header.suppress = {
          count: fields.count,
          values: fields.values.split(','),
          min: fields.min,
          group: fields.group ? fields.group.split('|')[0].split(',') : [],
          ...(fields.group?.includes('|')
            ? {
                moreGroups: fields.group
                  .split('|')
                  .slice(1)
                  .map((g) => g.split(',')),
              }
            : {}),
        };
        break;
      }
    }
  }
  const sql = lines.slice(i).join('\n').trim().replace(/;\s*$/, '');
  const missing = (['name', 'description'] as const).filter((k) => !header[k]);
  if (missing.length) throw new HeaderError(file, 1, lines[0] ?? '', `rubriken saknar ${missing.map((m) => `"-- ${m}:"`).join(' och ')}`);
  if (!sql) throw new HeaderError(file, lines.length, '', 'filen har ingen SQL efter rubriken');
  for (const c of header.columns) {
    if (c.when && !header.params.some((p) => p.name === c.when!.param))
      throw new HeaderError(file, 1, c.name, `kolumnen villkoras av en okänd parameter "${c.when.param}"`);
  }
  // Suppression blanks its values: a column it blanks can never promise a value.
  for (const c of header.columns) {
    if (c.notNull && header.suppress?.values.includes(c.name))
      throw new HeaderError(file, 1, c.name, `kolumnen döljs vid röjandeskydd och kan inte vara NOT NULL`);
  }
  // A catalogue entry is named by text: the parameter must be declared, as VARCHAR.
  for (const c of header.catalogue) {
    const param = header.params.find((p) => p.name === c.param);
    if (!param) throw new HeaderError(file, catalogueLine!.line, catalogueLine!.text, `okänd parameter "${c.param}"`);
    if (param.type !== 'VARCHAR')
      throw new HeaderError(file, catalogueLine!.line, catalogueLine!.text, `parametern "${c.param}" är inte VARCHAR`);
  }
  return { ...(header as QueryHeader), sql };
}
