/** @module auth – bearer tokens with roles; reader < analyst < controller < admin. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ROLES, type Role } from '../named-queries/header.js';
import type { ServiceConfig } from './config.js';
import { looksLikeJwt, OidcRefusal, oidcVerifier } from './oidc.js';

export type AuthVariables = { role: Role; caller: string; signedInVia: 'oidc' | 'token' | 'local' };

/** Who a caller is in local mode (no tokens, loopback only), and who `nytta` on a store asks as. */
export const LOCAL_CALLER = { name: 'lokalt läge', role: 'admin', signedInVia: 'local' } as const;

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Resolves the caller's role; 401 without a valid token (except in local mode). */
export function authenticate(config: ServiceConfig): MiddlewareHandler<{ Variables: AuthVariables }> {
  const known = config.tokens.map((t) => ({ ...t, digest: digest(t.token) }));
  const verifyOidc = config.oidc ? oidcVerifier(config.oidc) : undefined;
  return async function authenticate(c, next) {
    if (config.localMode) {
      c.set('role', LOCAL_CALLER.role);
      c.set('caller', LOCAL_CALLER.name);
      c.set('signedInVia', LOCAL_CALLER.signedInVia);
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new HTTPException(401, { message: 'Token saknas: skicka "Authorization: Bearer <token>".' });
    if (verifyOidc && looksLikeJwt(match[1])) {
      try {
        const caller = await verifyOidc(match[1]);
        c.set('role', caller.role);
        c.set('caller', caller.name);
        c.set('signedInVia', 'oidc');
      } catch (error) {
        if (error instanceof OidcRefusal) throw new HTTPException(error.status, { message: error.message });
        throw error;
      }
      return next();
    }
    const given = digest(match[1]);
    // Compare digests in constant time so a token cannot be guessed byte by byte.
    const found = known.find((t) => timingSafeEqual(t.digest, given));
    if (!found) throw new HTTPException(401, { message: 'Okänd token.' });
    c.set('role', found.role);
    c.set('caller', found.name || found.role);
    c.set('signedInVia', 'token');
    return next();
  };
}

export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** 403 unless the caller's role reaches `needed`. */
export function requireRole(role: Role, needed: Role): void {
  if (!hasRole(role, needed)) throw new HTTPException(403, { message: `Rollen ${role} räcker inte: det här kräver ${needed}.` });
}
