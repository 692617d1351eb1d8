import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Koers reads, validated once. Nothing else in the code
 * reads process.env, so this file is the complete list an operator needs.
 */
const booleanFlag = z
  .enum(['0', '1', 'true', 'false', ''])
  .transform((v) => v === '1' || v === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  KOERS_DATA_DIR: z.string().min(1).default('./data'),
  KOERS_DEMO: booleanFlag.optional(),
  KOERS_PUBLIC_URL: z.string().url().optional(),
  KOERS_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KOERS_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),
  KOERS_UPLOAD_LIMIT_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
  KOERS_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  KOERS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  KOERS_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  KOERS_TRUST_PROXY: booleanFlag.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMTP_FROM: z.string().min(3).default('Koers <no-reply@koers.local>'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  /** a streaming replica for read-only work (docs/decisions/0011) */
  databaseReadUrl?: string;
  databasePoolSize: number;
  dataDir: string;
  /** Load the demo school on an empty database. */
  demo: boolean;
  publicUrl: string;
  logLevel: string;
  bodyLimitBytes: number;
  uploadLimitBytes: number;
  shutdownGraceMs: number;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  trustProxy: boolean;
  smtpUrl?: string;
  smtpFrom: string;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) throw new ConfigError(['DATABASE_READ_URL: needs DATABASE_URL (the primary it replicates)']);
  const port = e.PORT;
  return {
    port,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: path.resolve(e.KOERS_DATA_DIR),
    // Embedded mode is the laptop/demo mode; on a real server demo data is opt-in.
    demo: e.KOERS_DEMO ?? !e.DATABASE_URL,
    publicUrl: (e.KOERS_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: e.KOERS_LOG_LEVEL,
    bodyLimitBytes: e.KOERS_BODY_LIMIT_BYTES,
    uploadLimitBytes: e.KOERS_UPLOAD_LIMIT_BYTES,
    shutdownGraceMs: e.KOERS_SHUTDOWN_GRACE_MS,
    sessionIdleMinutes: e.KOERS_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.KOERS_SESSION_ABSOLUTE_HOURS,
    trustProxy: e.KOERS_TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
  };
}
