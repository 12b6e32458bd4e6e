/**
 * @module oidc – sign-in with the region's accounts: OpenID Connect bearer tokens (Entra ID issues them), verified with
 * jose against the issuer's JWKS (fetched from its discovery document unless given, cached, fetched again on an unknown
 * key id). Signature, issuer, audience, expiry and not-before (with a small clock skew) and the allowed algorithms are
 * all checked; the role comes from a claim (`roles` by default) through a configurable map.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ROLES, type Role } from '../named-queries/header.js';

export interface OidcConfig {
  issuer: string;
  audience: string;
  /** Default: `jwks_uri` from `<issuer>/.well-known/openid-configuration`. */
  jwksUrl?: string;
  /** The claim holding the caller's roles or groups: `roles` by default (app roles), `groups` for group ids. */
  rolesClaim: string;
  /** Claim value → Nytta role; the highest mapped role wins. */
  roleMap: Record<string, Role>;
  algorithms: string[];
  clockToleranceSeconds: number;
  /** The longest a token may be valid, from its issue (`iat`, else now) to its expiry: a stolen token dies within it. */
  maxTokenLifetimeSeconds: number;
  /** After a fetch of the key set, how long an unknown key id waits before the next fetch (a flood of made-up ids costs one). */
  jwksCooldownSeconds: number;
  /** The add-in's app registration, for nested app authentication; without it the task pane offers Office's SSO only. */
  clientId?: string;
  scopes: string[];
}

/** A day: Entra ID's access tokens live 60–90 minutes, so anything valid for longer was not issued for a caller. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 86_400;

export const DEFAULT_ROLE_MAP: Record<string, Role> = {
  'Nytta.Reader': 'reader',
  'Nytta.Analyst': 'analyst',
  'Nytta.Controller': 'controller',
  'Nytta.Admin': 'admin',
};

/** Why a token was refused: 401 (not a valid token) or 403 (valid, but no role for Nytta). The message never holds the token. */
export class OidcRefusal extends Error {
  constructor(
    message: string,
    readonly status: 401 | 403,
  ) {
    super(message);
  }
}

export interface OidcCaller {
  role: Role;
  /** The name from the token: name, else preferred_username, upn or email, else the subject. */
  name: string;
}

/** A compact JWS: three base64url parts. Static tokens never look like one (they have no dots). */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}

function nameOf(payload: JWTPayload): string {
  for (const claim of ['name', 'preferred_username', 'upn', 'email', 'sub']) {
    const v = payload[claim];
    if (typeof v === 'string' && v) return v;
  }
  return 'okänd';
}

/** A verifier for one issuer; the key set is resolved once and kept (jose refetches it on a key id it does not know). */
export function oidcVerifier(config: OidcConfig, fetchJson: (url: string) => Promise<unknown> = defaultFetchJson) {
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keySet = async () => {
    if (keys) return keys;
    let url = config.jwksUrl;
    if (!url) {
      const discovery = (await fetchJson(`${config.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`)) as { jwks_uri?: string };
      if (!discovery?.jwks_uri) throw new OidcRefusal('Inloggningstjänstens metadata saknar jwks_uri.', 401);
      url = discovery.jwks_uri;
    }
    keys = createRemoteJWKSet(new URL(url), { cooldownDuration: config.jwksCooldownSeconds * 1000 });
    return keys;
  };
  // A map, not the object itself: a claim value `constructor` or `__proto__` must find nothing, not what every object inherits.
  const roleMap = new Map(Object.entries(config.roleMap));
  return async function verify(token: string): Promise<OidcCaller> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keySet(), {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.algorithms,
        clockTolerance: config.clockToleranceSeconds,
        // Without exp a token never expires: jose checks exp only when it is there.
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new OidcRefusal(refusalText(error), 401);
    }
    const issued = typeof payload.iat === 'number' ? Math.min(payload.iat, Date.now() / 1000) : Date.now() / 1000;
    if ((payload.exp as number) - issued > config.maxTokenLifetimeSeconds + config.clockToleranceSeconds)
      throw new OidcRefusal(
        `Token gäller längre än Nytta tillåter (högst ${config.maxTokenLifetimeSeconds} sekunder): be om en ny inloggning.`,
        401,
      );
    const claimed = payload[config.rolesClaim];
    const values = Array.isArray(claimed) ? claimed.map(String) : typeof claimed === 'string' ? claimed.split(' ') : [];
    const roles = values.map((v) => roleMap.get(v)).filter((r): r is Role => r !== undefined && ROLES.includes(r));
    if (!roles.length)
      throw new OidcRefusal(
        `Inloggningen (${nameOf(payload)}) har ingen roll för Nytta: anspråket "${config.rolesClaim}" ska innehålla ${Object.keys(config.roleMap).join(', ')}.`,
        403,
      );
    const role = roles.reduce((best, r) => (ROLES.indexOf(r) > ROLES.indexOf(best) ? r : best));
    return { role, name: nameOf(payload) };
  };
}

/** The reason in Swedish, from jose's error codes; never the token itself. */
function refusalText(error: unknown): string {
  if (error instanceof OidcRefusal) return error.message;
  if (error instanceof errors.JWTExpired) return 'Inloggningen har gått ut: logga in igen.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'Token kommer från fel utfärdare.';
    if (error.claim === 'aud') return 'Token är inte utfärdad för Nytta (fel audience).';
    if (error.claim === 'nbf') return 'Token gäller inte än (nbf).';
    if (error.claim === 'exp') return 'Token saknar utgångstid (exp): Nytta tar bara emot inloggningar som går ut.';
    return `Token underkändes (${error.claim}).`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'Token är signerad med en algoritm som inte tillåts.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'Token är signerad med en nyckel som utfärdaren inte har.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'Tokens signatur stämmer inte.';
  // Anything else: a token that is no JWT, or keys that could not be fetched in time.
  return 'Token kunde inte kontrolleras mot utfärdarens nycklar.';
}

async function defaultFetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new OidcRefusal(`Inloggningstjänstens metadata kunde inte hämtas (${res.status}).`, 401);
  return res.json();
}

/**
 * What the task pane needs for nested app authentication, public like any app id: none without the add-in's app
 * registration. Entra's v2 issuer (`…/{tenant}/v2.0`) is MSAL's authority without its version.
 */
export function signInSettings(oidc: OidcConfig | undefined): { clientId: string; authority: string; scopes: string[] } | null {
  if (!oidc?.clientId) return null;
  return { clientId: oidc.clientId, authority: oidc.issuer.replace(/\/v2\.0\/?$/, ''), scopes: oidc.scopes };
}
