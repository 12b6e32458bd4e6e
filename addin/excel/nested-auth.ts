/**
 * @module nested-auth – nested app authentication: where the host offers it (`NestedAppAuth` 1.1: new Outlook, Teams,
 * Excel on the web and current desktop builds), MSAL asks Office for a token through the host's bridge, with the
 * user Office is signed in as, and shows a consent or sign-in window only when the host says one is needed.
 */
import { createNestablePublicClientApplication, InteractionRequiredAuthError, type IPublicClientApplication } from '@azure/msal-browser';

export interface NestedSignIn {
  clientId: string;
  authority: string;
  scopes: string[];
}

/** Whether this host brokers tokens for add-ins. */
export function nestedAppAuthSupported(): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1') === true;
  } catch {
    return false;
  }
}

let client: { key: string; app: Promise<IPublicClientApplication> } | null = null;

/** A token for the Nytta service from the host's broker, or why there is none (then Office's SSO or a pasted token). */
export async function nestedSignIn(settings: NestedSignIn): Promise<{ token: string } | { unavailable: string }> {
  const key = `${settings.clientId} ${settings.authority}`;
  if (client?.key !== key)
    client = { key, app: createNestablePublicClientApplication({ auth: { clientId: settings.clientId, authority: settings.authority } }) };
  try {
    const app = await client.app;
    const request = { scopes: settings.scopes };
    try {
      return { token: (await app.acquireTokenSilent(request)).accessToken };
    } catch (error) {
      // Consent or a first sign-in: the host shows its own window.
      if (!(error instanceof InteractionRequiredAuthError)) throw error;
      return { token: (await app.acquireTokenPopup(request)).accessToken };
    }
  } catch (error) {
    client = null;
    const e = error as { errorCode?: string; message?: string };
    return { unavailable: e.errorCode ?? e.message ?? String(error) };
  }
}
