/**
 * @module local-guard – local mode (no tokens, on loopback) makes every caller admin, so the service must know the caller
 * is on this machine and not a web page the user happens to have open. A page on another site can send "simple"
 * requests here without asking (a multipart upload, a text/plain POST), and through DNS rebinding it can make its own
 * name point at 127.0.0.1 and read the answers. So in local mode the service answers only to its own host names (421
 * otherwise), and takes a write only without a foreign `Origin` and with the header only Nytta's clients send (403).
 * With tokens or sign-in configured none of this applies: a browser never sends a bearer token by itself.
 */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { CLIENT_HEADER } from '../contracts/index.js';
import type { ServiceConfig } from './config.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A host name as compared: lower case, without IPv6 brackets. */
const bare = (host: string) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1');

export function localModeGuard(config: Pick<ServiceConfig, 'localMode' | 'hostNames' | 'corsOrigins'>): MiddlewareHandler {
  const names = new Set(config.hostNames.map(bare));
  return async function localModeGuard(c, next) {
    if (!config.localMode) return next();
    const url = new URL(c.req.url);
    if (!names.has(bare(url.hostname)))
      throw new HTTPException(421, {
        message: `Tjänsten i lokalt läge svarar bara på sina egna värdnamn (${[...names].join(', ')}), inte på "${url.hostname.slice(0, 60)}".`,
      });
    if (SAFE.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== undefined && origin !== url.origin && !config.corsOrigins.includes(origin))
      throw new HTTPException(403, {
        message: `I lokalt läge tar tjänsten bara emot ändringar från sin egen sida, inte från ${origin.slice(0, 80)}.`,
      });
    if (!c.req.header(CLIENT_HEADER))
      throw new HTTPException(403, {
        message: `I lokalt läge kräver en ändring rubriken ${CLIENT_HEADER}, som Nyttas aktivitetsfönster och "nytta … --server" skickar och som en annan webbplats inte kan skicka.`,
      });
    return next();
  };
}
