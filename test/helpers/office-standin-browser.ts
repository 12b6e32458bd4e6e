/**
 * The recording stand-in as the browser's `office.js`: Office and Excel on window, the stand-in itself on
 * window.__excel, a CustomFunctions that records what the page associates (window.__customFunctions), and, when a
 * test sets window.__naa, the host's nested-app-auth bridge as MSAL speaks to it (window.nestedAppAuthBridge).
 */
import { createExcelStandIn } from './excel-standin.js';

const w = window as unknown as Record<string, unknown>;
const standIn = createExcelStandIn({
  displayLanguage: (w.__nyttaDisplayLanguage as string | undefined) ?? 'sv-SE',
  ssoToken: () => w.__ssoToken as string | undefined,
  nestedAppAuth: () => w.__naa !== undefined,
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

/** What the test's host hands out: the tokens for the signed-in user, or none (the host then refuses). */
interface NaaHost {
  accessToken?: string;
  idToken?: string;
  name?: string;
  username?: string;
}
type Listener = (message: string) => void;
const listeners: Listener[] = [];
const requests: Record<string, unknown>[] = [];
w.__naaRequests = requests;
// The bridge a host injects: MSAL posts JSON requests and listens for JSON answers with the same requestId.
w.nestedAppAuthBridge = {
  addEventListener: (_type: string, listener: Listener) => listeners.push(listener),
  removeEventListener: (_type: string, listener: Listener) => listeners.splice(listeners.indexOf(listener), 1),
  postMessage(json: string) {
    const request = JSON.parse(json) as { method: string; requestId: string; tokenParams?: Record<string, unknown> };
    requests.push(request);
    const host = w.__naa as NaaHost | undefined;
    const answer = (body: Record<string, unknown>) =>
      setTimeout(() =>
        listeners.forEach((l) => l(JSON.stringify({ messageType: 'NestedAppAuthResponse', requestId: request.requestId, ...body }))),
      );
    if (request.method === 'GetInitContext')
      return answer({
        success: true,
        initContext: { sdkName: 'nytta-standin', sdkVersion: '1.0.0', accountContext: null, capabilities: { queryAccount: false } },
      });
    if (!host?.accessToken || !host.idToken)
      return answer({
        success: false,
        error: { status: 'ACCOUNT_UNAVAILABLE', code: 'no_account', description: 'Ingen användare är inloggad i Office.' },
      });
    answer({
      success: true,
      token: { access_token: host.accessToken, id_token: host.idToken, expires_in: 600, scope: request.tokenParams?.scope ?? '' },
      account: {
        homeAccountId: '00000000-sub.00000000-tid',
        environment: 'login.stand-in',
        tenantId: '00000000-tid',
        username: host.username ?? '',
        localAccountId: '00000000-sub',
        name: host.name ?? '',
      },
    });
  },
};
