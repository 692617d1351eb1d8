import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createScratchDatabase } from '../../test/helpers.js';
import { openDatabase } from './connection.js';

describe('embedded PostgreSQL', () => {
  it('maps dates to YYYY-MM-DD strings and counts to numbers', async () => {
    const database = await openDatabase({ dataDir: ':memory:' });
    const r = await sql<{ d: string; n: number }>`select date '2026-03-01' as d, count(*) as n from generate_series(1, 3)`.execute(database.db);
    expect(r.rows[0]).toEqual({ d: '2026-03-01', n: 3 });
    await database.close();
  });

  it('runs transactions one at a time on its single connection', async () => {
    const database = await openDatabase({ dataDir: ':memory:' });
    await sql`create table counter (n int)`.execute(database.db);
    await sql`insert into counter values (0)`.execute(database.db);
    // Each transaction reads, waits, and writes; interleaving would lose increments.
    await Promise.all(
      Array.from({ length: 10 }, () =>
        database.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`select n from counter`.execute(trx);
          await new Promise((r) => setTimeout(r, 5));
          await sql`update counter set n = ${rows[0].n + 1}`.execute(trx);
        }),
      ),
    );
    const { rows } = await sql<{ n: number }>`select n from counter`.execute(database.db);
    expect(rows[0].n).toBe(10);
    await database.close();
  });
});

describe.skipIf(!loadConfig().databaseUrl)('PostgreSQL server', () => {
  it('maps types like embedded PostgreSQL does', async () => {
    const scratch = await createScratchDatabase();
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: ':memory:' });
    const r = await sql<{ d: string; n: number }>`select date '2026-03-01' as d, count(*) as n from generate_series(1, 3)`.execute(database.db);
    expect(r.rows[0]).toEqual({ d: '2026-03-01', n: 3 });
    await database.close();
    await scratch.drop();
  });

  it('reconnects after the server dropped every connection (as after a restart)', async () => {
    const scratch = await createScratchDatabase();
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: ':memory:', poolSize: 4 });
    await Promise.all(Array.from({ length: 4 }, () => sql`select pg_sleep(0.05)`.execute(database.db)));
    const name = new URL(scratch.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: loadConfig().databaseUrl });
    await admin.connect();
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    await admin.end();
    await new Promise((r) => setTimeout(r, 100));
    const r = await sql<{ ok: number }>`select 1 as ok`.execute(database.db);
    expect(r.rows[0].ok).toBe(1);
    await database.close();
    await scratch.drop();
  });
});
