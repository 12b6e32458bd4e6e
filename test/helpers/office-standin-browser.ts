/** The recording stand-in as the browser's `office.js`: Office and Excel on window, the stand-in itself on window.__excel. */
import { createExcelStandIn } from './excel-standin.js';

const w = window as unknown as Record<string, unknown>;
const standIn = createExcelStandIn({ displayLanguage: (w.__nyttaDisplayLanguage as string | undefined) ?? 'sv-SE' });
w.Office = standIn.Office;
w.Excel = standIn.Excel;
w.__excel = standIn;
