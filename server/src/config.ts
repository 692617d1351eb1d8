import net from 'node:net';
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
  KOERS_TRUST_PROXY: z
    .string()
    .default('0')
    .transform((v, ctx) => {
      const parsed = parseTrustedProxies(v);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SMTP_FROM: z.string().min(3).default('Koers <no-reply@koers.local>'),
  KOERS_EXPLORE_MIN_STUDENTS: z.coerce.number().int().min(1).max(1000).default(10),
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
  /**
   * The reverse proxies whose X-Forwarded-For is believed: addresses and CIDR ranges (and the
   * proxy-addr names loopback, linklocal, uniquelocal). Empty: the peer's own address counts.
   */
  trustProxy: string[];
  smtpUrl?: string;
  smtpFrom: string;
  /** Studie in Cijfers: a figure based on fewer students than this is not shown (too small to be reliable or anonymous). */
  exploreMinStudents: number;
};

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * KOERS_TRUST_PROXY: '0' (or empty) trusts no proxy; a comma-separated list of addresses and
 * CIDRs trusts exactly those. '1' trusts a proxy on this machine (loopback) only: trusting every
 * peer would let anyone choose their own address by sending X-Forwarded-For.
 */
export function parseTrustedProxies(value: string): string[] | string {
  const v = value.trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false') return [];
  if (v === '1' || v === 'true') return ['loopback'];
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    if (PROXY_NAMES.has(entry)) continue;
    const [address, bits, ...rest] = entry.split('/');
    const family = net.isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !bitsOk || rest.length) return `'${entry}' is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal`;
  }
  return entries;
}

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
    exploreMinStudents: e.KOERS_EXPLORE_MIN_STUDENTS,
  };
}
