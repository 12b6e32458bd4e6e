/**
 * @module clock – "today" as the service reads it: what is late, overdue or due depends on it. The service's local date
 * by default; a test or a replay gives a fixed one (`buildService(store, { today })`).
 */

/** Today as `ÅÅÅÅ-MM-DD`. */
export type Today = () => string;

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar date of the machine the service runs on (the region's). */
export const systemToday: Today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
};

/** A clock that always says `date` (ÅÅÅÅ-MM-DD). */
export function fixedToday(date: string): Today {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw new Error(`not a date: ${date}`);
  return () => date;
}
