/**
 * @module tls – the certificate the service serves HTTPS with, when there is one: NYTTA_TLS_CERT and NYTTA_TLS_KEY, or
 * the Office developer certificate that `npx office-addin-dev-certs install` puts in ~/.office-addin-dev-certs. Excel
 * (desktop and web) loads task panes only over HTTPS.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface Certificate {
  cert: Buffer;
  key: Buffer;
  from: string;
}

export function findCertificate(env: NodeJS.ProcessEnv = process.env, home = homedir()): Certificate | null {
  if (env.NYTTA_TLS_CERT || env.NYTTA_TLS_KEY) {
    if (!env.NYTTA_TLS_CERT || !env.NYTTA_TLS_KEY) throw new Error('Ange både NYTTA_TLS_CERT och NYTTA_TLS_KEY, eller ingen av dem.');
    return { cert: readFileSync(env.NYTTA_TLS_CERT), key: readFileSync(env.NYTTA_TLS_KEY), from: env.NYTTA_TLS_CERT };
  }
  const dir = join(home, '.office-addin-dev-certs');
  const cert = join(dir, 'localhost.crt');
  const key = join(dir, 'localhost.key');
  return existsSync(cert) && existsSync(key) ? { cert: readFileSync(cert), key: readFileSync(key), from: cert } : null;
}

export const NO_CERTIFICATE_ADVICE =
  'Inget utvecklarcertifikat hittades, så tjänsten svarar över HTTP på loopback. Excel laddar bara tillägg över HTTPS: kör `npx office-addin-dev-certs install` (eller ange NYTTA_TLS_CERT och NYTTA_TLS_KEY) och starta om.';
