import { isIP } from 'node:net';
import * as path from 'node:path';
import { z } from 'zod';

/**
 * The one configuration object, read from the environment once at boot and validated.
 * Nothing else reads process.env.
 */
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** What Express's `trust proxy` takes: off, the number of proxy hops, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** One entry of a TRUST_PROXY list: an address, an address/prefix (CIDR), or one of Express's names. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY says whom to believe about the client's address (X-Forwarded-For) and TLS
 * (X-Forwarded-Proto): nobody (unset, 0, off), the nearest N proxy hops (`1` = one reverse
 * proxy in front of the API, the address it appends is the client), or only proxies at the
 * listed addresses/CIDRs. `true` is refused: it would believe every X-Forwarded-For, so any
 * client could choose the address that per-address limits count.
 */
const trustProxy = z.string().transform((raw, ctx): TrustProxy => {
  const v = raw.trim().toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(v)) return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops <= 10) return hops;
  } else if (!['true', 'yes', 'on'].includes(v)) {
    const list = raw.split(',').map((e) => e.trim()).filter(Boolean);
    if (list.length && list.every(isProxyAddress)) return list;
  }
  ctx.addIssue({
    code: 'custom',
    message:
      'give the number of proxy hops in front of the API (1 for one reverse proxy) or the proxies\' addresses/CIDRs, comma-separated ' +
      '(e.g. 10.0.0.5,192.168.0.0/24, or loopback); "true" is not accepted because it would believe any X-Forwarded-For',
  });
  return z.NEVER;
});

/** An http(s) origin with an optional path, no query or fragment; kept without a trailing slash. */
export const publicBaseUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !u.search && !u.hash && !u.username && !u.password && !v.includes('?') && !v.includes('#');
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL without query or fragment, e.g. https://library.example.jp')
  .transform((v) => v.replace(/\/+$/, ''));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  PLATFORM_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional().or(z.literal('').transform(() => undefined)),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().default('Shiori Library <no-reply@library.example.jp>'),
  DEMO: bool.default(false),
  JOBS: bool.default(true),
  // ILL (modules/ill): how often the worker delivers messages between cities; the fault is for
  // the crash test only (the process kills itself between the receiver's commit and the sender's mark)
  CITY_MESSAGES_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  // a claimed message not marked delivered by then (the worker died) is delivered again
  CITY_MESSAGES_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  ILL_TEST_FAULT: z.enum(['none', 'crash-after-apply']).default('none'),
  TRUST_PROXY: trustProxy.default(false),
  BODY_LIMIT: z.string().default('1mb'),
  PUBLIC_URL: z.preprocess((v) => (v === '' ? undefined : v), publicBaseUrl.optional()),
  STATIC_DIR: z.string().default('dist/apps'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'silent']).default('log'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  // empty means the default, not 0 (= never exit)
  DB_OUTAGE_EXIT_SECONDS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(86_400).default(60)),
  SESSION_HOURS: z.coerce.number().int().min(1).default(12),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  OAI_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
  // regional search (modules/region): how long the answer waits for a member city
  REGION_SEARCH_DEADLINE_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  // SIP2 for self-check machines (modules/selfcheck): off unless SIP2_PORT is set; TLS when
  // both files are given
  SIP2_PORT: z.union([z.literal('').transform(() => undefined), z.coerce.number().int().min(0).max(65535)]).optional(),
  SIP2_HOST: z.string().min(1).default('0.0.0.0'),
  SIP2_TLS_CERT: z.string().optional().or(z.literal('').transform(() => undefined)),
  SIP2_TLS_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  SIP2_IDLE_SECONDS: z.coerce.number().min(0.1).max(86_400).default(300),
}).refine((c) => !c.SIP2_TLS_CERT === !c.SIP2_TLS_KEY, { path: ['SIP2_TLS_KEY'], message: 'SIP2_TLS_CERT and SIP2_TLS_KEY go together (set both for TLS, or neither)' });

export type AppConfig = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export interface LoadConfigOptions {
  /**
   * Whether links in mail will be made (the API server): then PUBLIC_URL must be set outside
   * demo mode. The command line serves no requests and sends no links, so it may go without.
   */
  servesLinks?: boolean;
}

export function loadConfig(env: Record<string, string | undefined> = process.env, options: LoadConfigOptions = {}) {
  const parsed = EnvSchema.safeParse(env);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (parsed.success && !parsed.data.PUBLIC_URL && !parsed.data.DEMO && options.servesLinks !== false) {
    // links in mail (password reset, confirmations) come from here, never from the request's Host
    issues.push(
      'PUBLIC_URL: must be set outside demo mode: the public base URL of this instance as patrons reach it ' +
        '(e.g. https://library.example.jp); links in mail are built from it, never from the request',
    );
  }
  if (!parsed.success || issues.length) {
    throw new ConfigError(`Invalid configuration (environment variables):\n${issues.map((l) => `  - ${l}`).join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    dataDir: path.resolve(c.DATA_DIR),
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    platformAdminPassword: c.PLATFORM_ADMIN_PASSWORD,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    demo: c.DEMO,
    jobs: c.JOBS,
    cityMessagesPollMs: c.CITY_MESSAGES_POLL_MS,
    cityMessagesLeaseSeconds: c.CITY_MESSAGES_LEASE_SECONDS,
    illTestFault: c.ILL_TEST_FAULT,
    trustProxy: c.TRUST_PROXY,
    bodyLimit: c.BODY_LIMIT,
    /**
     * The instance's public base URL (no trailing slash), the base of every link in mail; in
     * demo mode without PUBLIC_URL, the local one (`npm start` sets PUBLIC_URL to what it prints).
     */
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    publicUrlConfigured: c.PUBLIC_URL !== undefined,
    staticDir: path.resolve(c.STATIC_DIR),
    logLevel: c.LOG_LEVEL,
    dbPoolSize: c.DB_POOL_SIZE,
    dbOutageExitSeconds: c.DB_OUTAGE_EXIT_SECONDS,
    sessionHours: c.SESSION_HOURS,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    /** records per OAI-PMH ListRecords/ListIdentifiers page */
    oaiPageSize: c.OAI_PAGE_SIZE,
    /** how long a regional search (横断検索) waits for each member city before naming it missing */
    regionSearchDeadlineMs: c.REGION_SEARCH_DEADLINE_MS,
    /** null: no SIP2 server. `port` 0 takes a free port (tests). */
    sip2:
      c.SIP2_PORT === undefined
        ? null
        : {
            port: c.SIP2_PORT,
            host: c.SIP2_HOST,
            tls: c.SIP2_TLS_CERT && c.SIP2_TLS_KEY ? { certFile: path.resolve(c.SIP2_TLS_CERT), keyFile: path.resolve(c.SIP2_TLS_KEY) } : null,
            idleSeconds: c.SIP2_IDLE_SECONDS,
          },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
