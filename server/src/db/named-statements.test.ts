import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createScratchDatabase } from '../../test/helpers.js';
import { openDatabase } from './connection.js';
import { statementName } from './named-statements.js';

describe('statement names', () => {
  it('are stable per text and differ between texts', () => {
    expect(statementName('select $1')).toBe(statementName('select $1'));
    expect(statementName('select $1')).not.toBe(statementName('select $1 + 1'));
    expect(statementName('select $1')).toMatch(/^k[0-9a-f]{24}$/);
  });
});

describe.skipIf(!loadConfig().databaseUrl)('named statements on a PostgreSQL server', () => {
  it('prepares a parameterised query once per connection and keeps answering correctly', async () => {
    const scratch = await createScratchDatabase();
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: ':memory:', poolSize: 1 });
    try {
      for (let i = 0; i < 7; i++) {
        const r = await sql<{ n: number }>`select ${i}::int + 1 as n`.execute(database.db);
        expect(r.rows[0].n).toBe(i + 1);
      }
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements where name = ${statementName('select $1::int + 1 as n')}`.execute(database.db);
      expect(prepared.rows).toHaveLength(1);
    } finally {
      await database.close();
      await scratch.drop();
    }
  });

  it('still answers after a migration changed the result type of a prepared statement', async () => {
    const scratch = await createScratchDatabase();
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: ':memory:', poolSize: 1 });
    try {
      await sql`create table t (id int, a text)`.execute(database.db);
      await sql`insert into t values (1, 'x')`.execute(database.db);
      const read = () => sql<{ id: number; a: string; b?: string }>`select * from t where id = ${1}`.execute(database.db);
      expect((await read()).rows[0]).toEqual({ id: 1, a: 'x' });
      await sql`alter table t add column b text default 'y'`.execute(database.db);
      expect((await read()).rows[0]).toEqual({ id: 1, a: 'x', b: 'y' });
    } finally {
      await database.close();
      await scratch.drop();
    }
  });

  it('reports errors of a named statement as before', async () => {
    const scratch = await createScratchDatabase();
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: ':memory:', poolSize: 1 });
    try {
      await expect(sql`select 1 / ${0}::int`.execute(database.db)).rejects.toThrow(/division by zero/);
      expect((await sql<{ n: number }>`select ${2}::int as n`.execute(database.db)).rows[0].n).toBe(2);
    } finally {
      await database.close();
      await scratch.drop();
    }
  });
});

describe.skipIf(!loadConfig().databaseUrl)('named statements and partial unique indexes', () => {
  it('keeps insert … on conflict on a partial index working past the switch to a generic plan', async () => {
    const scratch = await createScratchDatabase();
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: ':memory:', poolSize: 1 });
    try {
      await sql`create table g (s int, kind text)`.execute(database.db);
      await sql`create unique index g_one on g (s) where kind = 'c'`.execute(database.db);
      for (let i = 0; i < 8; i++) {
        await sql`insert into g (s, kind) values (${i % 2}, ${'c'}) on conflict (s) where kind = ${'c'} do nothing`.execute(database.db);
      }
      expect((await sql<{ n: number }>`select count(*) as n from g`.execute(database.db)).rows[0].n).toBe(2);
    } finally {
      await database.close();
      await scratch.drop();
    }
  });
});
