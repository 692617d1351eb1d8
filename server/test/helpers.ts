import crypto from 'node:crypto';
import pg from 'pg';
import { buildApp, type KoersApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/connection.js';
import { loadDemoSchoolIfEmpty } from '../src/db/demo.js';
import { migrate } from '../src/db/migrate.js';
import { TestClock } from '../src/platform/clock.js';
import type { Mailer } from '../src/platform/http.js';

/**
 * The engines integration tests run on: always PGlite, and PostgreSQL when DATABASE_URL is set.
 * KOERS_TEST_ENGINES=postgresql runs only the server (CI's second pass, after a PGlite pass).
 */
export function testEngines(): ('pglite' | 'postgresql')[] {
  const engines: ('pglite' | 'postgresql')[] = loadConfig().databaseUrl ? ['pglite', 'postgresql'] : ['pglite'];
  const only = process.env.KOERS_TEST_ENGINES;
  return only ? engines.filter((e) => only.split(',').includes(e)) : engines;
}

/** A fresh, empty PostgreSQL database on the server of DATABASE_URL; dropped by the returned function. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = loadConfig().databaseUrl!;
  const name = `koers_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
}

export interface TestApp extends KoersApp {
  database: Database;
  clock: TestClock;
  config: Config;
  mails: CapturedMail[];
  close(): Promise<void>;
}

/**
 * A Koers app on a fresh database with the demo school, on the given engine. The clock is a
 * TestClock so tests can move time. Mail goes to `mails` unless a real SMTP mailer is given.
 */
export async function startTestApp(
  engine: 'pglite' | 'postgresql' = 'pglite',
  opts: { demo?: boolean; now?: string; mailer?: Mailer; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const scratch = engine === 'postgresql' ? await createScratchDatabase() : null;
  const config = loadConfig({
    KOERS_LOG_LEVEL: 'silent',
    KOERS_DATA_DIR: ':memory:',
    KOERS_DEMO: opts.demo === false ? '0' : '1',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
    ...opts.env,
  });
  const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: ':memory:', poolSize: 5 });
  await migrate(database.db);
  const clock = new TestClock(new Date(opts.now ?? '2026-11-23T10:00:00Z'));
  if (opts.demo !== false) await loadDemoSchoolIfEmpty(database.db, clock);
  const mails: CapturedMail[] = [];
  const mailer: Mailer = opts.mailer ?? { send: async (m) => void mails.push(m) };
  const koers = await buildApp({ config, database, clock, mailer, logger: false });
  return {
    ...koers,
    database,
    clock,
    config,
    mails,
    close: async () => {
      await koers.app.close();
      await database.close();
      await scratch?.drop();
    },
  };
}

/** A signed-in API client: keeps the session cookie and sends the CSRF token on writes. */
export async function signIn(t: KoersApp, email: string, password = 'koers-demo') {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'koers_session')!;
  const { csrfToken, user } = res.json();
  const headers = { cookie: `koers_session=${cookie.value}`, 'x-csrf-token': csrfToken };
  return {
    user,
    csrfToken,
    cookie: cookie.value,
    get: (url: string) => t.app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: unknown) => t.app.inject({ method: 'POST', url, headers, payload: payload as any }),
    patch: (url: string, payload?: unknown) => t.app.inject({ method: 'PATCH', url, headers, payload: payload as any }),
    put: (url: string, payload?: unknown) => t.app.inject({ method: 'PUT', url, headers, payload: payload as any }),
    delete: (url: string) => t.app.inject({ method: 'DELETE', url, headers }),
    /** any method, with extra headers (e.g. Accept-Language) */
    request: (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, extra: Record<string, string> = {}) =>
      t.app.inject({ method, url, headers: { ...headers, ...extra }, ...(payload === undefined ? {} : { payload: payload as any }) }),
  };
}

export async function userIdByEmail(t: KoersApp, email: string): Promise<string> {
  const u = await t.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return u.id;
}
