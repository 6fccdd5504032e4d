import * as path from 'node:path';
import { z } from 'zod';

/**
 * The one configuration object, read from the environment once at boot and validated.
 * Nothing else reads process.env.
 */
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

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
  TRUST_PROXY: bool.default(false),
  BODY_LIMIT: z.string().default('1mb'),
  PUBLIC_URL: z.string().optional(),
  STATIC_DIR: z.string().default('dist/apps'),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'silent']).default('log'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  SESSION_HOURS: z.coerce.number().int().min(1).default(12),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
});

export type AppConfig = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
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
    trustProxy: c.TRUST_PROXY,
    bodyLimit: c.BODY_LIMIT,
    publicUrl: c.PUBLIC_URL,
    staticDir: path.resolve(c.STATIC_DIR),
    logLevel: c.LOG_LEVEL,
    dbPoolSize: c.DB_POOL_SIZE,
    sessionHours: c.SESSION_HOURS,
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
