/**
 * @module write-back – `POST /api/v1/ingest/table`: a table in the workbook sent to Nytta through the same ingest as a
 * file (*Skicka till Nytta*), and the empty, correctly headed tables the task pane offers for it (*Ny tabell för …*).
 */
import { z } from 'zod';

/** `Kön` → `kon`, `Plan/utfall` → `plan_utfall`: header names as the ingest matches them (BOM and quotes removed). */
export function headerKey(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[\s\-/]+/g, '_');
}

/** How a template's column is formatted in Excel, so what users type is read as they mean it. */
export type TemplateFormat = 'text' | 'integer' | 'number' | 'date' | 'percent';

export interface TableTemplate {
  /** The import kind the table is loaded as (`nytta ingest --kind`). */
  kind: string;
  label: { sv: string; en: string };
  /** The Excel table's name: letters, digits and `_` only, as Excel requires. */
  tableName: string;
  /** The sheet the empty table goes on. */
  sheetName: string;
  columns: readonly { header: string; format: TemplateFormat }[];
}

const col = (header: string, format: TemplateFormat = 'text') => ({ header, format });

/**
 * The kinds a controller keeps in Excel: business case, targets, risk reassessment, milestones, benefit profiles, status
 * assessments and lessons learnt.
 */
export const TABLE_TEMPLATES: readonly TableTemplate[] = [
  {
    kind: 'nyttokalkyl',
    label: { sv: 'nyttokalkylens poster', en: 'business-case lines' },
    tableName: 'Nytta_nyttokalkyl',
    sheetName: 'Skicka nyttokalkyl',
    columns: [
      col('Program'),
      col('Scenario'),
      col('År', 'integer'),
      col('Post'),
      col('Kategori'),
      col('Aktör'),
      col('Plan/utfall'),
      col('Belopp kr', 'number'),
      col('Sannolikhet', 'percent'),
      col('Nyttotyp'),
      col('Intressent'),
      col('Källa'),
      col('Tillskrivning', 'percent'),
    ],
  },
  {
    kind: 'malvarden',
    label: { sv: 'målvärden', en: 'targets' },
    tableName: 'Nytta_malvarden',
    sheetName: 'Skicka målvärden',
    columns: [col('Indikator'), col('Enhet'), col('År', 'integer'), col('Målvärde', 'number')],
  },
  {
    kind: 'risker',
    label: { sv: 'riskomprövning', en: 'risk reassessment' },
    tableName: 'Nytta_risker',
    sheetName: 'Skicka risker',
    columns: [
      col('Program'),
      col('ID'),
      col('Riskområde'),
      col('Risk'),
      col('Sannolikhet', 'integer'),
      col('Konsekvens', 'integer'),
      col('Skala', 'integer'),
      col('Bedömd', 'date'),
      col('Status'),
      col('Åtgärd'),
      col('Ansvar'),
      col('Klart'),
      col('Nyttor'),
      col('Effektmål'),
    ],
  },
  {
    kind: 'milstolpar',
    label: { sv: 'milstolpar', en: 'milestones' },
    tableName: 'Nytta_milstolpar',
    sheetName: 'Skicka milstolpar',
    columns: [col('Program'), col('Nytta'), col('ID'), col('Milstolpe'), col('Ansvarig'), col('Planerad', 'date'), col('Klar', 'date')],
  },
  {
    kind: 'nyttor',
    label: { sv: 'nyttoprofiler', en: 'benefit profiles' },
    tableName: 'Nytta_nyttor',
    sheetName: 'Skicka nyttoprofiler',
    columns: [
      col('Program'),
      col('ID'),
      col('Överordnad'),
      col('Nivå', 'integer'),
      col('Nytta'),
      col('Effektmål'),
      col('Nyttoägare'),
      col('Realiseringsansvarig'),
      col('Motnytta'),
      col('Mätmetod'),
      col('Frekvens'),
      col('Baslinje', 'number'),
      col('Baslinjedatum', 'date'),
      col('Målvärde', 'number'),
      col('Måldatum', 'date'),
    ],
  },
  {
    kind: 'nyttostatus',
    label: { sv: 'statusbedömningar', en: 'status assessments' },
    tableName: 'Nytta_nyttostatus',
    sheetName: 'Skicka statusbedömningar',
    columns: [
      col('Program'),
      col('Nytta'),
      col('Period'),
      col('Status'),
      col('Tillförsikt'),
      col('Kommentar'),
      col('Bedömd av'),
      col('Bedömd', 'date'),
    ],
  },
  {
    kind: 'lardomar',
    label: { sv: 'lärdomar', en: 'lessons learnt' },
    tableName: 'Nytta_lardomar',
    sheetName: 'Skicka lärdomar',
    columns: [
      col('Program'),
      col('ID'),
      col('Datum', 'date'),
      col('Område'),
      col('Lärdom'),
      col('Åtgärd'),
      col('Ansvarig'),
      col('Spridd till'),
    ],
  },
];

/** A cell as Office.js reads it: text, number, TRUE/FALSE, or empty. */
export const tableCell = z.union([z.string().max(32_767), z.number().finite(), z.boolean(), z.null()]);
export type TableCell = z.infer<typeof tableCell>;

const name = (what: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${what} saknas` : `${what} ska vara text`) })
    .trim()
    .min(1, `${what} är tomt`)
    .max(max, `${what} är längre än ${max} tecken`);

/** The body of `POST /api/v1/ingest/table`. Row 1 of `rows` is the table's first row under its header. */
export const tableSendRequest = z
  .object({
    workbook: name('arbetsbokens namn (workbook)', 255),
    sheet: name('bladets namn (sheet)', 31),
    table: name('tabellens namn (table)', 255),
    /** The import kind; without it, recognised from the headers as for a file. */
    kind: z.string().max(40).optional(),
    dryRun: z.boolean().optional(),
    columns: z.array(z.string().max(255)).min(1, 'tabellen har inga kolumner').max(200, 'tabellen har fler än 200 kolumner'),
    rows: z.array(z.array(tableCell)).max(200_000, 'tabellen har fler än 200 000 rader: skicka den som fil'),
  })
  .strict()
  .superRefine((body, ctx) => {
    const bad = body.rows.findIndex((r) => r.length !== body.columns.length);
    if (bad >= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['rows', bad],
        message: `rad ${bad + 1} har ${body.rows[bad].length} celler men tabellen har ${body.columns.length} kolumner`,
      });
  });
export type TableSendRequest = z.infer<typeof tableSendRequest>;

/** How a sent table is named in the loads list: workbook, sheet and table. */
export function tableSourceName(source: { workbook: string; sheet: string; table: string }): string {
  return `${source.workbook} › ${source.sheet} › ${source.table}`;
}
