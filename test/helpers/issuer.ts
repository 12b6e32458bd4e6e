/** A local OpenID Connect issuer for the tests: keys generated here, discovery and JWKS served on loopback, tokens minted. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  privateKey: CryptoKey;
  kid: string;
}

export interface TokenOptions {
  signer?: SigningKey;
  iss?: string;
  aud?: string;
  /** When it expires (default in ten minutes); null leaves `exp` out. */
  exp?: string | number | null;
  nbf?: number;
  /** Issued at (default now). */
  iat?: number;
}

export interface TestIssuer {
  url: string;
  audience: string;
  /** A new RS256 key; published in the JWKS unless `publish` is false (a forger's key). */
  newKey(kid: string, publish?: boolean): Promise<SigningKey>;
  token(claims: Record<string, unknown>, options?: TokenOptions): Promise<string>;
  close(): void;
}

export async function startIssuer(audience = 'api://nytta-test'): Promise<TestIssuer> {
  const published: JWK[] = [];
  let url = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/keys` }));
    else if (req.url === '/keys') res.end(JSON.stringify({ keys: published }));
    else res.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const newKey = async (kid: string, publish = true): Promise<SigningKey> => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    if (publish) published.push({ ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' });
    return { privateKey: pair.privateKey, kid };
  };
  const first = await newKey('k1');
  return {
    url,
    audience,
    newKey,
    token(claims, options = {}) {
      const signer = options.signer ?? first;
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: signer.kid })
        .setIssuer(options.iss ?? url)
        .setAudience(options.aud ?? audience)
        .setSubject('00000000-sub')
        .setIssuedAt(options.iat);
      if (options.exp !== null) jwt.setExpirationTime(options.exp ?? '10m');
      if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
      return jwt.sign(signer.privateKey);
    },
    close: () => server.close(),
  };
}
