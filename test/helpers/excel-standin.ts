/**
 * @module excel-standin – a recording stand-in for Excel's JavaScript API, for the one edge that cannot run here (the
 * Excel host). It keeps a workbook in memory (cells with formulas, number formats and styles; sheets, names, tables,
 * charts, conditional formats, settings) and queues every call until `context.sync()`, like Office.js: commands run in
 * order, a load is filled at the sync, a request above the payload limit is refused with Excel's own error code, and a
 * sync can be made to fail halfway. Every sync is recorded with its size, so tests and the benchmark can count them.
 * Used by the adapter tests, the benchmark and (bundled) as `office.js` in the task-pane tests in Chromium.
 */

export interface StandInOptions {
  /** Fail this sync (1-based) after running half its commands. */
  failAtSync?: number;
  payloadLimit?: number;
  displayLanguage?: string;
  /** The highest ExcelApi minor version the host claims. */
  excelApi?: number;
  /** The response limit (default: the payload limit): what a sync's loads bring back, in UTF-8 bytes of JSON. */
  responseLimit?: number;
  /** What Office.auth.getAccessToken answers: a token, or (undefined) Office's "not supported" error. */
  ssoToken?: () => string | undefined;
  /** Whether the host claims NestedAppAuth 1.1 (its bridge is the browser stand-in's). */
  nestedAppAuth?: () => boolean;
  /** The workbook's file name, as `workbook.name` gives it. */
  workbookName?: string;
}

export interface CellState {
  value: string | number | boolean;
  /** Written with a leading apostrophe: text, whatever it looks like (Excel's prefix character). */
  quotePrefix?: true;
  numberFormat?: string;
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
}

/** A chart as the stand-in holds it: what was set on it, each series' own settings, and where it sits. */
export interface ChartState {
  name: string;
  type: string;
  title?: string;
  series: SeriesState[];
  xTitle?: string;
  yTitle?: string;
  at?: string;
  to?: string;
}

export interface SeriesState {
  name: string;
  values: string;
  /** Whether the values were set with `setValues`, not taken from the chart's source range. */
  valuesSet: boolean;
  categories?: string;
  chartType?: string;
  markerStyle?: string;
  lineStyle?: string;
  lineColor?: string;
}

export interface SheetState {
  name: string;
  cells: Map<string, CellState>;
  charts: ChartState[];
  conditionalFormats: { address: string; type: string; text?: string; color?: string }[];
  columnWidths: Map<number, number>;
}

export interface SyncRecord {
  bytes: number;
  commands: number;
  suspendedCalculation: boolean;
}

export class OfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

type Command = { run: () => void; bytes: number };

const key = (r: number, c: number) => `${r},${c}`;

/** Days from Excel's day 0 (1899-12-30) to a date. */
const serial = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);

/**
 * What Excel makes of a string written to `range.formulas`: it reads it as if typed. A leading apostrophe keeps the
 * rest as text; `=` starts a formula; a number, a percentage, a date (2024-03, 2024-03-15, 3/15/2024), a time or
 * TRUE/FALSE becomes that value; other text that starts with + − or @ is taken for a formula and fails (#NAME?).
 */
export function typedAsExcel(v: CellState['value'], numberFormat?: string): CellState['value'] {
  if (typeof v !== 'string') return v;
  // A cell formatted as text (`@`) keeps what is typed as text, formulas included.
  if (numberFormat === '@') return v;
  if (v.startsWith("'")) return v.slice(1);
  if (v.startsWith('=')) return v;
  const t = v.trim();
  if (/^[+-]?(\d+(\.\d+)?|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^[+-]?\d+(\.\d+)?%$/.test(t)) return Number(t.slice(0, -1)) / 100;
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return serial(Number(m[1]), Number(m[2]), Number(m[3] ?? 1));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return serial(Number(m[3]), Number(m[1]), Number(m[2]));
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(t)) return Number(t.split(':')[0]) / 24;
  if (/^(true|false)$/i.test(t)) return t.toLowerCase() === 'true';
  if (/^[+\-@]/.test(t)) return '#NAME?';
  return v;
}

/** What a formula's cell gives as its value in the stand-in, which computes no formula. */
export const FORMULA_RESULT = Object.freeze({ standIn: 'the result of a formula, not computed here' });

/** Whether a cell holds a formula: text starting with = that was neither quoted nor written into a text-formatted cell. */
export const holdsFormula = (cell: CellState | undefined) =>
  typeof cell?.value === 'string' && cell.value.startsWith('=') && !cell.quotePrefix && cell.numberFormat !== '@';

/** A cell after `v` is written to it, as Excel keeps it: the value read as typed, and whether an apostrophe made it text. */
function typed(cell: CellState | undefined, v: CellState['value']): CellState {
  const rest: CellState = { ...(cell ?? { value: '' }) };
  delete rest.quotePrefix;
  const value = typedAsExcel(v, cell?.numberFormat);
  return typeof v === 'string' && v.startsWith("'") && cell?.numberFormat !== '@'
    ? { ...rest, value, quotePrefix: true }
    : { ...rest, value };
}

function parse(address: string) {
  const [from, to = from] = address.replace(/^.*!/, '').replace(/\$/g, '').split(':');
  const cell = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref.toUpperCase());
    if (!m) throw new OfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format: ${ref}`);
    return { row: Number(m[2]) - 1, col: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1 };
  };
  const a = cell(from);
  const b = cell(to);
  return { row: a.row, col: a.col, rows: b.row - a.row + 1, cols: b.col - a.col + 1 };
}

export function a1(row: number, col: number): string {
  let name = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row + 1}`;
}

const overlaps = (x: ReturnType<typeof parse>, y: ReturnType<typeof parse>) =>
  x.row < y.row + y.rows && y.row < x.row + x.rows && x.col < y.col + y.cols && y.col < x.col + x.cols;

export function createExcelStandIn(options: StandInOptions = {}) {
  const limit = options.payloadLimit ?? 5 * 1024 * 1024;
  const state = {
    sheets: new Map<string, SheetState>(),
    names: new Map<string, { sheet: string; address: string; comment?: string }>(),
    tables: new Map<string, { sheet: string; address: string; style: string }>(),
    settings: new Map<string, unknown>(),
    /** The sheet shown and the cell selected, by `activate()` and `select()`. */
    selection: null as { sheet: string; address: string } | null,
    syncs: [] as SyncRecord[],
  };
  let queue: Command[] = [];
  let suspended = false;
  const push = (bytes: number, run: () => void) => queue.push({ bytes, run });
  // Excel counts a request's bytes as UTF-8: å, ä and ö take two each.
  const utf8 = (text: string) => new TextEncoder().encode(text).length;
  let responseBytes = 0;
  const argBytes = (...args: unknown[]) => new TextEncoder().encode(JSON.stringify(args)).length + 90;

  // Excel compares sheet, table and range names without regard to case: `risker` is the sheet `Risker` asks for.
  const sameName = <V>(map: Map<string, V>, name: string) =>
    map.has(name) ? name : [...map.keys()].find((k) => k.toLocaleLowerCase('sv') === name.toLocaleLowerCase('sv'));
  const sheetState = (name: string) => {
    const s = state.sheets.get(sameName(state.sheets, name) ?? name);
    if (!s) throw new OfficeError('ItemNotFound', `The requested resource doesn't exist: worksheet ${name}`);
    return s;
  };
  const addSheet = (name: string) => {
    if (sameName(state.sheets, name) !== undefined)
      throw new OfficeError('ItemAlreadyExists', `A resource with the same name or identifier already exists: ${name}`);
    if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new OfficeError('InvalidArgument', `Invalid sheet name: ${name}`);
    state.sheets.set(name, { name, cells: new Map(), charts: [], conditionalFormats: [], columnWidths: new Map() });
  };

  function eachCell(sheet: string, address: string, fn: (s: SheetState, r: number, c: number, i: number, j: number) => void) {
    const s = sheetState(sheet);
    const a = parse(address);
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) fn(s, a.row + i, a.col + j, i, j);
  }
  function setMatrix(
    sheet: string,
    address: string,
    matrix: unknown[][],
    apply: (cell: CellState | undefined, v: unknown) => CellState | undefined,
  ) {
    const a = parse(address);
    if (matrix.length !== a.rows || matrix.some((r) => r.length !== a.cols))
      throw new OfficeError(
        'InvalidArgument',
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${address}.`,
      );
    eachCell(sheet, address, (s, r, c, i, j) => {
      const next = apply(s.cells.get(key(r, c)), matrix[i][j]);
      if (next) s.cells.set(key(r, c), next);
      else s.cells.delete(key(r, c));
    });
  }
  const tableAt = (sheet: string, address: string) =>
    [...state.tables.entries()].find(([, t]) => t.sheet === sheet && overlaps(parse(t.address), parse(address)));

  function rangeProxy(sheet: () => string, address: () => string) {
    const styleSet = (patch: Partial<CellState>) => (value: unknown) =>
      push(argBytes(value), () =>
        eachCell(sheet(), address(), (s, r, c) => s.cells.set(key(r, c), { value: '', ...s.cells.get(key(r, c)), ...patch })),
      );
    const range = {
      formulas: [] as unknown[][],
      numberFormat: [] as unknown[][],
      address: '',
      load(_props?: string) {
        push(argBytes(_props), () => {
          const a = parse(address());
          const read = (f: (cell: CellState | undefined) => unknown) =>
            Array.from({ length: a.rows }, (_, i) =>
              Array.from({ length: a.cols }, (_, j) => f(sheetState(sheet()).cells.get(key(a.row + i, a.col + j)))),
            );
          const formulas = read((c) => c?.value ?? '');
          const formats = read((c) => c?.numberFormat ?? 'General');
          // What the response carries back: the properties asked for, as JSON in UTF-8.
          const asked = (name: string) => _props === undefined || _props.split(',').some((p) => p.trim() === name);
          responseBytes +=
            (asked('formulas') ? utf8(JSON.stringify(formulas)) : 0) +
            (asked('values') ? utf8(JSON.stringify(formulas)) : 0) +
            (asked('numberFormat') ? utf8(JSON.stringify(formats)) : 0) +
            (asked('address') ? utf8(address()) + utf8(sheet()) : 0);
          Object.defineProperty(range, 'formulas', { value: formulas, writable: true, configurable: true });
          Object.defineProperty(range, 'numberFormat', {
            value: formats,
            writable: true,
            configurable: true,
          });
          if (_props?.includes('values')) {
            // Excel gives a formula's result. The stand-in computes none: it gives an opaque result that equals no text,
            // so, as in Excel, a formula is told from text that merely looks like one (`formulas` gives both alike).
            const values = read((c) => (holdsFormula(c) ? FORMULA_RESULT : (c?.value ?? '')));
            Object.defineProperty(range, 'values', { value: values, writable: true, configurable: true });
          }
          range.address = `${sheet()}!${address()}`;
        });
        return range;
      },
      clear(_applyTo?: string) {
        push(argBytes(_applyTo), () => eachCell(sheet(), address(), (s, r, c) => s.cells.delete(key(r, c))));
      },
      conditionalFormats: {
        clearAll() {
          push(argBytes(), () => {
            const s = sheetState(sheet());
            s.conditionalFormats = s.conditionalFormats.filter((cf) => !overlaps(parse(cf.address), parse(address())));
          });
        },
        add(type: string) {
          const record: SheetState['conditionalFormats'][number] = { address: '', type };
          push(argBytes(type), () => {
            record.address = address();
            sheetState(sheet()).conditionalFormats.push(record);
          });
          return {
            textComparison: {
              format: {
                fill: {
                  set color(v: string) {
                    push(argBytes(v), () => (record.color = v));
                  },
                },
              },
              set rule(v: { operator: string; text: string }) {
                push(argBytes(v), () => (record.text = v.text));
              },
            },
          };
        },
      },
      format: {
        fill: {
          set color(v: string) {
            styleSet({ fill: v })(v);
          },
        },
        font: {
          set bold(v: boolean) {
            styleSet({ bold: v })(v);
          },
          set italic(v: boolean) {
            styleSet({ italic: v })(v);
          },
          set color(v: string) {
            styleSet({ fontColor: v })(v);
          },
          set size(v: number) {
            push(argBytes(v), () => {});
          },
        },
        borders: {
          getItem: (edge: string) => ({
            set style(v: string) {
              push(argBytes(edge, v), () => {});
            },
          }),
        },
        set columnWidth(v: number) {
          push(argBytes(v), () => sheetState(sheet()).columnWidths.set(parse(address()).col, v));
        },
      },
    };
    Object.defineProperty(range, 'formulas', {
      set(m: unknown[][]) {
        push(argBytes(m), () => {
          if (tableAt(sheet(), address()) && m.some((r) => r.some((v) => typeof v === 'string' && v.startsWith('{'))))
            throw new OfficeError('InvalidOperation', 'array in table');
          setMatrix(sheet(), address(), m, (cell, v) =>
            v === '' || v === null
              ? cell?.numberFormat || cell?.fill || cell?.bold
                ? { ...cell, value: '' }
                : undefined
              : typed(cell, v as CellState['value']),
          );
        });
      },
      get() {
        return [];
      },
      configurable: true,
    });
    // Strings written to `values` are read as if typed, as for `formulas`.
    Object.defineProperty(range, 'values', Object.getOwnPropertyDescriptor(range, 'formulas')!);
    Object.assign(range, {
      select() {
        push(argBytes(), () => {
          parse(address());
          state.selection = { sheet: sheetState(sheet()).name, address: address() };
        });
      },
    });
    Object.defineProperty(range, 'numberFormat', {
      set(m: unknown[][]) {
        push(argBytes(m), () =>
          setMatrix(sheet(), address(), m, (cell, v) => {
            // "General" is Excel's word for no format.
            const next: CellState = { value: '', ...cell, numberFormat: String(v) };
            if (v === 'General') delete next.numberFormat;
            return next.value === '' && Object.keys(next).length === 1 ? undefined : next;
          }),
        );
      },
      get() {
        return [];
      },
      configurable: true,
    });
    return range;
  }

  function chartsProxy(sheet: () => string) {
    const charts = {
      items: [] as { name: string }[],
      load(_p?: string) {
        push(argBytes(_p), () => (charts.items = sheetState(sheet()).charts.map((c) => ({ name: c.name }))));
        return charts;
      },
      getItem(name: string) {
        return {
          delete: () =>
            push(argBytes(name), () => {
              const s = sheetState(sheet());
              if (!s.charts.some((c) => c.name === name)) throw new OfficeError('ItemNotFound', `chart ${name}`);
              s.charts = s.charts.filter((c) => c.name !== name);
            }),
        };
      },
      add(type: string, source: { address: string } & object, seriesBy: string) {
        const record: ChartState = { name: '', type, series: [] };
        const sourceAddress = (source as unknown as { __address: () => string }).__address;
        push(argBytes(type, seriesBy), () => {
          record.series.push({ name: '', values: sourceAddress(), valuesSet: false });
          sheetState(sheet()).charts.push(record);
        });
        const address = (r: object) => (r as unknown as { __address: () => string }).__address();
        /** A series proxy: every setter queued until the sync, like Office.js; only ExcelApi 1.8 hosts know chartType. */
        const seriesProxy = (get: () => SeriesState) => ({
          set name(v: string) {
            push(argBytes(v), () => (get().name = v));
          },
          setValues(r: object) {
            push(argBytes('values'), () => Object.assign(get(), { values: address(r), valuesSet: true }));
          },
          setXAxisValues(r: object) {
            push(argBytes('categories'), () => (get().categories = address(r)));
          },
          set chartType(v: string) {
            if ((options.excelApi ?? 9) < 8) throw new OfficeError('ApiNotFound', 'ChartSeries.chartType needs ExcelApi 1.8');
            push(argBytes(v), () => (get().chartType = v));
          },
          set markerStyle(v: string) {
            push(argBytes(v), () => (get().markerStyle = v));
          },
          set markerBackgroundColor(v: string) {
            push(argBytes(v), () => undefined);
          },
          set markerForegroundColor(v: string) {
            push(argBytes(v), () => undefined);
          },
          format: {
            line: {
              set lineStyle(v: string) {
                push(argBytes(v), () => (get().lineStyle = v));
              },
              set color(v: string) {
                push(argBytes(v), () => (get().lineColor = v));
              },
            },
          },
        });
        const axisTitle = (which: 'xTitle' | 'yTitle') => ({
          title: {
            set text(v: string) {
              push(argBytes(v), () => (record[which] = v));
            },
          },
        });
        return {
          set name(v: string) {
            push(argBytes(v), () => (record.name = v));
          },
          title: {
            set text(v: string) {
              push(argBytes(v), () => (record.title = v));
            },
          },
          axes: { categoryAxis: axisTitle('xTitle'), valueAxis: axisTitle('yTitle') },
          setPosition(at: string, to?: string) {
            push(argBytes(at, to), () => Object.assign(record, { at, to }));
          },
          series: {
            getItemAt(i: number) {
              return seriesProxy(() => {
                if (!record.series[i]) throw new OfficeError('ItemNotFound', `series ${i}`);
                return record.series[i];
              });
            },
            add(name: string) {
              const s: SeriesState = { name, values: '', valuesSet: false };
              push(argBytes(name), () => record.series.push(s));
              return seriesProxy(() => s);
            },
          },
        };
      },
    };
    return charts;
  }

  function sheetProxy(name: () => string) {
    const getRange = (address: string) => {
      const r = rangeProxy(name, () => address);
      Object.defineProperty(r, '__address', { value: () => address });
      return r;
    };
    return {
      getRange,
      activate: () => push(argBytes(), () => (state.selection = { sheet: sheetState(name()).name, address: 'A1' })),
      getRangeByIndexes: (row: number, col: number, rows: number, cols: number) =>
        getRange(`${a1(row, col)}:${a1(row + rows - 1, col + cols - 1)}`),
      delete: () =>
        push(argBytes(), () => {
          sheetState(name());
          state.sheets.delete(name());
          for (const [n, v] of state.names) if (v.sheet === name()) state.names.delete(n);
          for (const [n, v] of state.tables) if (v.sheet === name()) state.tables.delete(n);
        }),
      charts: chartsProxy(name),
      tables: {
        add(address: string, _headers: boolean) {
          const record = { sheet: name(), address, style: 'TableStyleMedium2' };
          let tableName = `Tabell${state.tables.size + 1}`;
          push(argBytes(address, _headers), () => {
            if (tableAt(name(), address)) throw new OfficeError('InvalidOperation', `A table can't overlap another table: ${address}`);
            eachCell(name(), address, () => {});
            state.tables.set(tableName, record);
          });
          return {
            set name(v: string) {
              push(argBytes(v), () => {
                if (sameName(state.tables, v) !== undefined) throw new OfficeError('ItemAlreadyExists', `table ${v}`);
                state.tables.delete(tableName);
                tableName = v;
                state.tables.set(v, record);
              });
            },
            set style(v: string) {
              push(argBytes(v), () => (record.style = v));
            },
          };
        },
      },
    };
  }

  const collection = <T>(items: () => T[]) => {
    const c = {
      items: [] as T[],
      load(_p?: string) {
        push(argBytes(_p), () => (c.items = items()));
        return c;
      },
    };
    return c;
  };

  const worksheets = Object.assign(
    collection(() => [...state.sheets.keys()].map((name) => ({ name }))),
    {
      getItem: (name: string) => sheetProxy(() => name),
      add: (name: string) => {
        push(argBytes(name), () => addSheet(name));
        return sheetProxy(() => name);
      },
    },
  );
  const names = Object.assign(
    collection(() => [...state.names.keys()].map((name) => ({ name }))),
    {
      add(name: string, range: object, comment?: string) {
        const address = (range as unknown as { __address: () => string }).__address();
        push(argBytes(name, address, comment), () => {
          if (sameName(state.names, name) !== undefined) throw new OfficeError('ItemAlreadyExists', `name ${name}`);
          state.names.set(name, { sheet: '', address, comment });
        });
      },
      getItem: (name: string) => ({
        delete: () =>
          push(argBytes(name), () => {
            if (!state.names.delete(name)) throw new OfficeError('ItemNotFound', `name ${name}`);
          }),
      }),
    },
  );
  /** A table's record at the sync, or Excel's error for a name it does not have. */
  const tableState = (name: string) => {
    const found = sameName(state.tables, name);
    if (found === undefined) throw new OfficeError('ItemNotFound', `The requested resource doesn't exist: table ${name}`);
    return state.tables.get(found)!;
  };
  /** A part of a table: its header row, or the rows under it (at least the one empty row Excel keeps). */
  const tablePart = (name: string, part: 'header' | 'body') =>
    rangeProxy(
      () => tableState(name).sheet,
      () => {
        const t = parse(tableState(name).address);
        return part === 'header'
          ? `${a1(t.row, t.col)}:${a1(t.row, t.col + t.cols - 1)}`
          : `${a1(t.row + 1, t.col)}:${a1(t.row + t.rows - 1, t.col + t.cols - 1)}`;
      },
    );
  const tables = Object.assign(
    collection(() => [...state.tables.entries()].map(([name, t]) => ({ name, worksheet: { name: t.sheet } }))),
    {
      getItem: (name: string) => ({
        getHeaderRowRange: () => tablePart(name, 'header'),
        getDataBodyRange: () => tablePart(name, 'body'),
        worksheet: {
          name: '',
          load(_p?: string) {
            push(argBytes(_p), () => (this.name = tableState(name).sheet));
            return this;
          },
        },
        delete: () =>
          push(argBytes(name), () => {
            const t = state.tables.get(name);
            if (!t) throw new OfficeError('ItemNotFound', `table ${name}`);
            state.tables.delete(name);
          }),
      }),
    },
  );
  const settings = {
    add(k: string, v: unknown) {
      push(argBytes(k, v), () => state.settings.set(k, v));
    },
    getItemOrNullObject(k: string) {
      const item = {
        isNullObject: true,
        value: undefined as unknown,
        load(_p?: string) {
          push(argBytes(k), () => {
            item.isNullObject = !state.settings.has(k);
            item.value = state.settings.get(k);
          });
          return item;
        },
      };
      return item;
    },
  };

  const context = {
    workbook: {
      name: '',
      load(_p?: string) {
        push(argBytes(_p), () => (context.workbook.name = options.workbookName ?? 'Bok1.xlsx'));
        return context.workbook;
      },
      worksheets,
      names,
      tables,
      settings,
      application: {
        suspendApiCalculationUntilNextSync() {
          push(argBytes(), () => {});
          suspended = true;
        },
        suspendScreenUpdatingUntilNextSync() {
          push(argBytes(), () => {});
        },
      },
    },
    async sync() {
      const commands = queue;
      queue = [];
      const bytes = commands.reduce((n, c) => n + c.bytes, 0);
      state.syncs.push({ bytes, commands: commands.length, suspendedCalculation: suspended });
      suspended = false;
      if (bytes > limit) throw new OfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
      const stopAt = options.failAtSync === state.syncs.length ? Math.floor(commands.length / 2) : commands.length;
      responseBytes = 0;
      for (let i = 0; i < stopAt; i++) commands[i].run();
      if (stopAt < commands.length) throw new OfficeError('GeneralException', 'An internal error has occurred.');
      if (responseBytes > (options.responseLimit ?? limit))
        throw new OfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    },
  };

  const Excel = { run: async <T>(fn: (ctx: typeof context) => Promise<T>) => fn(context) };
  const Office = {
    onReady: async (cb?: (info: { host: string; platform: string }) => void) => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      cb?.(info);
      return info;
    },
    // Office's single sign-on: the token the test hands it (window.__ssoToken in the browser), or Office's own error
    // 13000 (the add-in or this Office does not support it), as a real host answers.
    auth: {
      getAccessToken: async () => {
        const token = options.ssoToken?.();
        if (!token) throw Object.assign(new Error('The identity API is not supported for this add-in.'), { code: 13000 });
        return token;
      },
    },
    context: {
      displayLanguage: options.displayLanguage ?? 'sv-SE',
      requirements: {
        isSetSupported: (set: string, version?: string) =>
          (set === 'ExcelApi' && Number((version ?? '1.1').split('.')[1]) <= (options.excelApi ?? 9)) ||
          (set === 'NestedAppAuth' && (version ?? '1.1') === '1.1' && (options.nestedAppAuth?.() ?? false)),
      },
    },
  };

  /** A cell's content as written: `Sheet`, `B3`. */
  const cell = (sheet: string, ref: string) => {
    const a = parse(ref);
    return sheetState(sheet).cells.get(key(a.row, a.col));
  };
  return {
    Excel,
    Office,
    context,
    state,
    cell,
    setCell: (sheet: string, ref: string, value: CellState['value']) => {
      const a = parse(ref);
      sheetState(sheet).cells.set(key(a.row, a.col), { value });
    },
    addSheet,
    /**
     * A user typing `rows` into a table from its first data row, as Excel does it: each value read as typed under its
     * column's format, and the table grown to take rows typed below it (new rows take the formats of the row above).
     */
    typeIntoTable: (table: string, rows: CellState['value'][][]) => {
      const t = tableState(table);
      const at = parse(t.address);
      const s = sheetState(t.sheet);
      rows.forEach((values, i) => {
        const r = at.row + 1 + i;
        values.forEach((v, j) => {
          const c = at.col + j;
          const format = s.cells.get(key(r, c))?.numberFormat ?? s.cells.get(key(at.row + 1, c))?.numberFormat;
          if (v === '') return;
          s.cells.set(key(r, c), typed(format ? { value: '', numberFormat: format } : undefined, v));
        });
      });
      const lastRow = Math.max(at.row + at.rows - 1, at.row + rows.length);
      t.address = `${a1(at.row, at.col)}:${a1(lastRow, at.col + at.cols - 1)}`;
    },
  };
}

export type ExcelStandIn = ReturnType<typeof createExcelStandIn>;
