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

/**
 * A token for the Nytta service from Office's single sign-on (`Office.auth.getAccessToken`), or null where this Office
 * or this add-in's registration does not offer it (Office's 13000-range codes): then a pasted token is used.
 */
export async function officeSignIn(): Promise<{ token: string } | { unavailable: string }> {
  if (typeof Office === 'undefined' || !Office.auth?.getAccessToken) return { unavailable: 'Office.auth saknas' };
  try {
    return { token: await Office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true }) };
  } catch (error) {
    const code = (error as { code?: number }).code;
    return { unavailable: code ? `kod ${code}` : String((error as Error).message ?? error) };
  }
}
