import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { TestClock } from '../platform/clock.js';
import { handleError } from '../platform/errors.js';
import { signIn, startTestApp, userIdByEmail, type TestApp } from '../../test/helpers.js';
import { isDatabaseUnavailable, openDatabase } from './connection.js';

/** The contract's error format, nothing more and nothing less. */
function expectContractError(body: any, code?: string) {
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  if (code) expect(body.error.code).toBe(code);
}

async function terminateBackends(databaseName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: loadConfig().databaseUrl });
  await admin.connect();
  const r = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [databaseName]);
  await admin.end();
  return r.rowCount ?? 0;
}

const entry = (title: string) => ({
  kind: 'bpv',
  title,
  occurredOn: '2026-11-20',
  competencies: ['werkexploratie'],
  reflection: { orientatie: 'Wat ik deed', mening: 'Wat ik ervan vind', reflectie: 'Wat ik leerde' },
  sharing: ['mentor'],
});

describe('database errors are client-visible as 503, not crashes', () => {
  it('recognises a lost connection by SQLSTATE, node error code or pg message', () => {
    expect(isDatabaseUnavailable({ code: '57P01' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '08006' })).toBe(true);
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'wrapped', cause: { code: '57P02' } })).toBe(true);
    expect(isDatabaseUnavailable({ code: '23505' })).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });

  it('answers 503 in the contract format for a terminated backend', () => {
    let sent: any;
    let status = 0;
    const headers: Record<string, string> = {};
    const reply: any = {
      status: (s: number) => ((status = s), reply),
      header: (k: string, v: string) => ((headers[k] = v), reply),
      send: (b: unknown) => ((sent = b), reply),
    };
    const req: any = { headers: {}, log: { warn() {}, error() {} } };
    handleError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), req, reply);
    expect(status).toBe(503);
    expect(headers['retry-after']).toBe('1');
    expectContractError(sent, 'unavailable');
  });
});

describe('a database that cannot be reached', () => {
  let t: Awaited<ReturnType<typeof buildApp>>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    // Port 1 refuses every connection: the server starts, the database never answers.
    const url = 'postgres://koers@127.0.0.1:1/koers';
    const config = loadConfig({ KOERS_LOG_LEVEL: 'silent', DATABASE_URL: url, KOERS_DEMO: '0' });
    const database = await openDatabase({ databaseUrl: url, dataDir: ':memory:', poolSize: 2 });
    t = await buildApp({ config, database, clock: new TestClock(new Date('2026-11-23T10:00:00Z')), logger: false, mailer: { send: async () => {} } });
    close = async () => {
      await t.app.close();
      await database.close();
    };
  });
  afterAll(() => close());

  it('health says degraded (the process lives) and readiness refuses traffic', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'degraded', database: 'postgresql', schemaVersion: null });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expectContractError(ready.json(), 'unavailable');
  });

  it('answers requests that need the database with 503 in the contract format', async () => {
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'student@demo.koers.nl', password: 'koers-demo' } });
    expect(login.statusCode).toBe(503);
    expectContractError(login.json(), 'unavailable');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'koers_session=abc' } });
    expect(me.statusCode).toBe(503);
    expectContractError(me.json(), 'unavailable');
  });
});

describe('embedded PostgreSQL health', () => {
  it('reports ok and ready', async () => {
    const t = await startTestApp('pglite', { demo: false });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ status: 'ok', database: 'pglite' });
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready' });
    } finally {
      await t.close();
    }
  });
});

describe.skipIf(!loadConfig().databaseUrl)('PostgreSQL backends terminated during concurrent requests', () => {
  let t: TestApp;
  let dbName: string;
  beforeAll(async () => {
    t = await startTestApp('postgresql');
    const url = await t.deps.db.selectNoFrom(sql<string>`current_database()`.as('name')).executeTakeFirstOrThrow();
    dbName = url.name;
  });
  afterAll(() => t.close());

  it('keeps the process up, fails only requests on the dropped connections, loses no acknowledged write', async () => {
    const sanne = await signIn(t, 'student@demo.koers.nl');
    const sanneId = await userIdByEmail(t, 'student@demo.koers.nl');
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const errors: unknown[] = [];
    const onUncaught = (err: unknown) => errors.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      for (let round = 0; round < 3; round++) {
        const requests: Promise<{ kind: 'write' | 'read'; title?: string; status: number; body: any }>[] = [];
        for (let i = 0; i < 24; i++) {
          const title = `Veerkracht ${round}-${i}`;
          requests.push(sanne.post('/api/v1/portfolio/entries', entry(title)).then((r) => ({ kind: 'write', title, status: r.statusCode, body: r.json() })));
          requests.push(mentor.get(`/api/v1/students/${sanneId}/portfolio/entries`).then((r) => ({ kind: 'read', status: r.statusCode, body: r.json() })));
        }
        // Terminate every backend while the requests are in flight, twice.
        await new Promise((r) => setTimeout(r, 15));
        await terminateBackends(dbName);
        await new Promise((r) => setTimeout(r, 25));
        await terminateBackends(dbName);
        const results = await Promise.all(requests);

        for (const r of results) {
          expect([200, 201, 503], JSON.stringify(r.body)).toContain(r.status);
          if (r.status === 503) expectContractError(r.body, 'unavailable');
        }
        // Every write Koers acknowledged is there, read over a connection of its own.
        const acknowledged = results.filter((r) => r.kind === 'write' && r.status === 201).map((r) => r.body.id as string);
        const check = new pg.Client({ connectionString: new URL(`/${dbName}`, loadConfig().databaseUrl).toString() });
        await check.connect();
        const stored = await check.query('select id from portfolio_entries where id = any($1::uuid[])', [acknowledged]);
        await check.end();
        expect(stored.rowCount).toBe(acknowledged.length);
      }

      // Later requests succeed on fresh connections.
      const later = await sanne.post('/api/v1/portfolio/entries', entry('Na de storing'));
      expect(later.statusCode).toBe(201);
      const list = await mentor.get(`/api/v1/students/${sanneId}/portfolio/entries`);
      expect(list.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      expect(errors).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('survives a connection terminated while it sits checked out inside a transaction', async () => {
    const database = t.database;
    const trxDone = database.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        // The connection is idle but checked out: no query would receive the error.
        await terminateBackends(dbName);
        await new Promise((r) => setTimeout(r, 100));
        await sql`select 1`.execute(trx);
      })
      .then(
        () => 'committed',
        (err) => (isDatabaseUnavailable(err) ? 'unavailable' : String(err)),
      );
    expect(await trxDone).toBe('unavailable');
    const r = await sql<{ ok: number }>`select 1 as ok`.execute(database.db);
    expect(r.rows[0].ok).toBe(1);
  });
});
