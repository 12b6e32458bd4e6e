/** @module host – what the task pane needs to know of Office itself: when it is ready, which host, which language. */

export interface Host {
  /** Whether the page runs inside Excel (outside Office, onReady answers with no host). */
  inExcel: boolean;
  /** Office's display language, e.g. `sv-SE`; absent outside Office. */
  displayLanguage?: string;
}

/** Waits for Office.js and says where the page runs. */
export async function officeReady(): Promise<Host> {
  const info = await Office.onReady();
  return { inExcel: String(info.host) === 'Excel', displayLanguage: Office.context?.displayLanguage };
}
