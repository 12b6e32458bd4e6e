/** @module config – the service's settings from a JSON file (NYTTA_CONFIG) and the environment, validated with zod. */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { DEFAULT_XLSX_LIMITS, type XlsxLimits } from '../ingest/readers/xlsx.js';
import { ROLES, type Role } from '../named-queries/header.js';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, DEFAULT_ROLE_MAP, type OidcConfig } from './oidc.js';

const tokenSchema = z.object({
  token: z.string().min(16, 'en token ska vara minst 16 tecken'),
  role: z.enum(ROLES),
  name: z.string().default(''),
});

const configSchema = z
  .object({
    tokens: z.array(tokenSchema).default([]),
    corsOrigins: z.array(z.string().url('corsOrigins ska vara fullständiga ursprung, t.ex. https://localhost:3000')).optional(),
    minCount: z.number().int().min(1).default(5),
    rowLimit: z.number().int().min(1).default(100_000),
    timeoutMs: z.number().int().min(1).default(30_000),
    bodyLimitMiB: z.number().min(1).default(200),
    /** An uploaded .xlsx: what its zip may unpack to, its rows and its cells (the XML's, empty ones written there included). */
    xlsxMaxUnpackedMiB: z
      .number()
      .min(1)
      .default(DEFAULT_XLSX_LIMITS.maxUnpackedBytes / 2 ** 20),
    xlsxMaxRows: z.number().int().min(1).default(DEFAULT_XLSX_LIMITS.maxRows),
    xlsxMaxCells: z.number().int().min(1).default(DEFAULT_XLSX_LIMITS.maxCells),
    /** DuckDB's memory for the service's store (beyond it, DuckDB spills to disk): a load's staging and checks included. */
    memoryLimitMiB: z.number().int().min(128).default(1024),
    /** Costly questions (follow-ups, workbooks, the portfolio, production loss) computed at once, and waiting beyond them. */
    costlySlots: z
      .number()
      .int()
      .min(1)
      .default(Math.max(1, Math.floor(availableParallelism() / 2))),
    costlyQueue: z.number().int().min(0).default(32),
    /** Answers kept per store version (0: none kept). */
    cacheMiB: z.number().min(0).default(256),
    oidc: z
      .object({
        // issuer and audience may come from NYTTA_OIDC_ISSUER and NYTTA_OIDC_AUDIENCE instead
        issuer: z.string().url('oidc.issuer ska vara en URL').optional(),
        audience: z.string().min(1).optional(),
        jwksUrl: z.string().url('oidc.jwksUrl ska vara en URL').optional(),
        rolesClaim: z.string().default('roles'),
        roleMap: z.record(z.string(), z.enum(ROLES)).default(DEFAULT_ROLE_MAP),
        algorithms: z.array(z.string()).default(['RS256', 'PS256', 'ES256']),
        clockToleranceSeconds: z.number().min(0).max(600).default(60),
        /** The longest a token may be valid, from issue to expiry. */
        maxTokenLifetimeSeconds: z.number().int().min(60).default(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
        /** After a fetch of the key set, how long an unknown key id waits before the next fetch. */
        jwksCooldownSeconds: z.number().min(0).max(3600).default(30),
        /** The add-in's own app registration (a single-page app), for nested app authentication in the task pane. */
        clientId: z.string().min(1).optional(),
        /** The scopes the task pane asks for: by default `<audience>/.default`. */
        scopes: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export interface ServiceConfig {
  tokens: { token: string; role: Role; name: string }[];
  /** No tokens and no issuer on a loopback address: every caller is admin, and the log says so. */
  localMode: boolean;
  /** OpenID Connect bearer tokens from the region's issuer, beside the static tokens. */
  oidc?: OidcConfig;
  corsOrigins: string[];
  /** The names the service answers to in local mode: loopback's and the address it listens on. */
  hostNames: string[];
  minCount: number;
  rowLimit: number;
  /** Every reading request's time limit, the workbook route's included; also each named query's. */
  timeoutMs: number;
  costlySlots: number;
  costlyQueue: number;
  /** DuckDB's memory limit for the service's store, in MiB. */
  memoryLimitMiB: number;
  bodyLimitBytes: number;
  /** Limits on an uploaded .xlsx, checked as it is read. */
  xlsx: XlsxLimits;
  /** The budget for answers kept per store version; 0 keeps none. */
  cacheBytes: number;
  /** Where the task pane loads Office.js from: this service's copy (offline) or Microsoft's CDN (NYTTA_OFFICE_JS=cdn). */
  officeJs: 'local' | 'cdn';
}

/** NYTTA_CACHE_MIB over the file's `cacheMiB`: a number of MiB, 0 for no cache. */
function cacheMiB(env: NodeJS.ProcessEnv, fromFile: number): number {
  if (!env.NYTTA_CACHE_MIB) return fromFile;
  const mib = Number(env.NYTTA_CACHE_MIB.replace(',', '.'));
  if (!Number.isFinite(mib) || mib < 0)
    throw new UserError(`NYTTA_CACHE_MIB ska vara ett antal MiB (0 stänger av), inte "${env.NYTTA_CACHE_MIB}".`, 'config_invalid');
  return mib;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** NYTTA_TOKENS="token:role[:name],…" adds tokens to those of the file. */
function tokensFromEnv(value: string | undefined) {
  if (!value) return [];
  return value.split(',').map((entry) => {
    const [token, role, name = ''] = entry.trim().split(':');
    const parsed = tokenSchema.safeParse({ token, role, name });
    if (!parsed.success)
      throw new UserError(
        `NYTTA_TOKENS: ogiltig post "${token?.slice(0, 4)}…:${role}": ${parsed.error.issues[0].message}.`,
        'config_invalid',
      );
    return parsed.data;
  });
}

export function loadConfig(options: {
  host: string;
  port: number;
  env?: NodeJS.ProcessEnv;
  overrides?: Partial<z.input<typeof configSchema>>;
}): ServiceConfig {
  const env = options.env ?? process.env;
  let fromFile: unknown = {};
  if (env.NYTTA_CONFIG) {
    try {
      fromFile = JSON.parse(readFileSync(env.NYTTA_CONFIG, 'utf8'));
    } catch (error) {
      throw new UserError(`Konfigurationsfilen ${env.NYTTA_CONFIG} kunde inte läsas: ${(error as Error).message}`, 'config_unreadable');
    }
  }
  const parsed = configSchema.safeParse({ ...(fromFile as object), ...options.overrides });
  if (!parsed.success) {
    throw new UserError(
      `Konfigurationen är ogiltig: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      'config_invalid',
    );
  }
  const config = parsed.data;
  const tokens = [...config.tokens, ...tokensFromEnv(env.NYTTA_TOKENS)];
  const oidc = oidcFrom(config.oidc, env);
  const officeJs = env.NYTTA_OFFICE_JS ?? 'local';
  if (officeJs !== 'local' && officeJs !== 'cdn')
    throw new UserError(`NYTTA_OFFICE_JS ska vara local eller cdn, inte "${officeJs}".`, 'config_invalid');
  if (tokens.length === 0 && !oidc && !isLoopback(options.host)) {
    throw new UserError(
      `Tjänsten startar inte på ${options.host} utan tokens: ange NYTTA_TOKENS, tokens i NYTTA_CONFIG eller NYTTA_OIDC_ISSUER, eller lyssna på 127.0.0.1.`,
      'config_insecure',
    );
  }
  return {
    tokens,
    // With an issuer or tokens configured, local mode is off, on loopback too.
    localMode: tokens.length === 0 && !oidc,
    oidc,
    corsOrigins: config.corsOrigins ?? (env.NYTTA_CORS_ORIGIN ? env.NYTTA_CORS_ORIGIN.split(',') : [`https://localhost:${options.port}`]),
    hostNames: [...new Set(['localhost', '127.0.0.1', '::1', options.host])],
    minCount: config.minCount,
    rowLimit: config.rowLimit,
    timeoutMs: config.timeoutMs,
    costlySlots: config.costlySlots,
    costlyQueue: config.costlyQueue,
    memoryLimitMiB: config.memoryLimitMiB,
    bodyLimitBytes: Math.round(config.bodyLimitMiB * 1024 * 1024),
    xlsx: {
      maxUnpackedBytes: Math.round(config.xlsxMaxUnpackedMiB * 2 ** 20),
      maxRows: config.xlsxMaxRows,
      maxCells: config.xlsxMaxCells,
    },
    cacheBytes: Math.round(cacheMiB(env, config.cacheMiB) * 1024 * 1024),
    officeJs,
  };
}

/** The issuer's settings: `oidc` in the file, with NYTTA_OIDC_ISSUER, _AUDIENCE, _JWKS_URL, _CLIENT_ID and _SCOPES over it. */
function oidcFrom(file: z.output<typeof configSchema>['oidc'], env: NodeJS.ProcessEnv): OidcConfig | undefined {
  // An empty variable counts as unset, as a shell script that clears it means.
  const issuer = env.NYTTA_OIDC_ISSUER || file?.issuer;
  if (!issuer) return undefined;
  const audience = env.NYTTA_OIDC_AUDIENCE || file?.audience;
  if (!audience)
    throw new UserError('NYTTA_OIDC_ISSUER är satt men inte NYTTA_OIDC_AUDIENCE (Nyttas app-id hos utfärdaren).', 'config_invalid');
  const jwksUrl = env.NYTTA_OIDC_JWKS_URL || file?.jwksUrl;
  for (const [name, value] of [
    ['NYTTA_OIDC_ISSUER', issuer],
    ['NYTTA_OIDC_JWKS_URL', jwksUrl],
  ] as const) {
    if (value !== undefined && !URL.canParse(value)) throw new UserError(`${name} ska vara en URL, inte "${value}".`, 'config_invalid');
  }
  return {
    issuer,
    audience,
    jwksUrl,
    rolesClaim: file?.rolesClaim ?? 'roles',
    roleMap: file?.roleMap ?? DEFAULT_ROLE_MAP,
    algorithms: file?.algorithms ?? ['RS256', 'PS256', 'ES256'],
    clockToleranceSeconds: file?.clockToleranceSeconds ?? 60,
    maxTokenLifetimeSeconds: file?.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    jwksCooldownSeconds: file?.jwksCooldownSeconds ?? 30,
    clientId: env.NYTTA_OIDC_CLIENT_ID || file?.clientId,
    scopes: env.NYTTA_OIDC_SCOPES ? env.NYTTA_OIDC_SCOPES.split(/[\s,]+/).filter(Boolean) : (file?.scopes ?? [`${audience}/.default`]),
  };
}
