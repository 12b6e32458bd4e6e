/**
 * The recording stand-in as the browser's `office.js`: Office and Excel on window, the stand-in itself on
 * window.__excel, and a CustomFunctions that records what the page associates (window.__customFunctions).
 */
import { createExcelStandIn } from './excel-standin.js';

const w = window as unknown as Record<string, unknown>;
const standIn = createExcelStandIn({
  displayLanguage: (w.__nyttaDisplayLanguage as string | undefined) ?? 'sv-SE',
  ssoToken: () => w.__ssoToken as string | undefined,
});
w.Office = standIn.Office;
w.Excel = standIn.Excel;
w.__excel = standIn;
const associated: Record<string, unknown> = {};
w.__customFunctions = associated;
w.CustomFunctions = {
  associate: (id: string, fn: unknown) => (associated[id] = fn),
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  Error: class extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  },
};
