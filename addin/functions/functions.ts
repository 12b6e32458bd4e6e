/**
 * @module functions – Nytta's custom functions for Excel, in the add-in's shared runtime: `=NYTTA.SERIE(indikator;
 * enhet; från; till; upplösning)` spills an indicator series (period, value, n) from the service, suppressed cells as
 * their status symbol, never as 0. The service address and token are the task pane's (the same runtime, the same
 * storage). The metadata Excel reads (`functions.json`) is generated from the JSDoc below by custom-functions-metadata.
 */

export interface FunctionSettings {
  baseUrl: string;
  token: string;
}

/** Where the function finds the service: the task pane's saved connection, or this page's own origin. */
let settings = (): FunctionSettings => ({
  baseUrl:
    (typeof localStorage !== 'undefined' && localStorage.getItem('nytta.serviceUrl')) ||
    (typeof location !== 'undefined' ? location.origin : ''),
  token: (typeof localStorage !== 'undefined' && localStorage.getItem('nytta.token')) || '',
});

/** For tests and other hosts: where the functions reach the service. */
export function configureFunctions(get: () => FunctionSettings): void {
  settings = get;
}

const GRAINS: Record<string, string> = {
  '': 'month',
  månad: 'month',
  manad: 'month',
  month: 'month',
  kvartal: 'quarter',
  quarter: 'quarter',
  år: 'year',
  ar: 'year',
  year: 'year',
};

/** A failure Excel shows in the cell: CustomFunctions.Error where the runtime has it, a plain Error elsewhere. */
function cellError(kind: 'invalidValue' | 'notAvailable', message: string): Error {
  const cf = (
    globalThis as { CustomFunctions?: { Error: new (code: string, message: string) => Error; ErrorCode: Record<string, string> } }
  ).CustomFunctions;
  return cf ? new cf.Error(cf.ErrorCode[kind], message) : new Error(message);
}

/** The series as Excel's 2D array: a header row, then period, value (or the status symbol) and n. */
export function seriesMatrix(
  rows: readonly { period: string; value: number | null; n: number | null; status: string | null }[],
): (string | number)[][] {
  return [['Period', 'Värde', 'n'], ...rows.map((r) => [r.period, r.value ?? r.status ?? '..', r.n ?? ''])];
}

/**
 * En indikators serie från Nytta: period, värde och antal.
 * @customfunction SERIE
 * @param indikator Indikatorns id, t.ex. IND01.
 * @param [enhet] Organisationsenhetens id (med underliggande enheter); tomt betyder hela regionen.
 * @param [fran] Första period, t.ex. 2024 eller 2024-01.
 * @param [till] Sista period, inklusive.
 * @param [upplosning] månad, kvartal eller år (standard: månad).
 * @returns Perioder med värde och antal.
 */
// The metadata generator maps only any, string, number and boolean (and their arrays): a mixed matrix is any[][].
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function serie(indikator: string, enhet?: string, fran?: string, till?: string, upplosning?: string): Promise<any[][]> {
  const grain = GRAINS[(upplosning ?? '').trim().toLowerCase()];
  if (!grain) throw cellError('invalidValue', `Upplösningen ska vara månad, kvartal eller år, inte "${upplosning}".`);
  if (!indikator?.trim()) throw cellError('invalidValue', 'Ange en indikator, t.ex. "IND01".');
  const { baseUrl, token } = settings();
  const query = new URLSearchParams({ indicator: indikator.trim(), grain });
  if (enhet?.trim()) query.set('unit', enhet.trim());
  if (fran?.toString().trim()) query.set('from', fran.toString().trim());
  if (till?.toString().trim()) query.set('to', till.toString().trim());
  let res: Response;
  try {
    res = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/v1/queries/indicator_series?${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw cellError('notAvailable', `Nytta-tjänsten svarar inte på ${baseUrl}.`);
  }
  const body = (await res.json().catch(() => ({}))) as {
    rows?: { period: string; value: number | null; n: number | null; status: string | null }[];
    detail?: string;
  };
  if (!res.ok || !body.rows)
    throw cellError(res.status === 400 ? 'invalidValue' : 'notAvailable', body.detail ?? `Nytta svarade ${res.status}.`);
  return seriesMatrix(body.rows);
}

/** Tells Excel which function answers for each id in functions.json (in the shared runtime; elsewhere nothing to do). */
export function associateFunctions(): boolean {
  const cf = (globalThis as { CustomFunctions?: { associate(id: string, fn: (...args: never[]) => unknown): void } }).CustomFunctions;
  if (!cf) return false;
  cf.associate('SERIE', serie);
  return true;
}
