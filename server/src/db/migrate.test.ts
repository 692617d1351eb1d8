import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createScratchDatabase, testEngines } from '../../test/helpers.js';
import { openDatabase, type Database } from './connection.js';
import { codeSchemaVersion, loadMigrations, migrate, SchemaTooNewError } from './migrate.js';

describe.each(testEngines())('migrations on %s', (engine) => {
  let database: Database | null = null;
  let drop: (() => Promise<void>) | null = null;

  async function fresh() {
    if (engine === 'postgresql') {
      const scratch = await createScratchDatabase();
      drop = scratch.drop;
      database = await openDatabase({ databaseUrl: scratch.url, dataDir: ':memory:' });
    } else {
      database = await openDatabase({ dataDir: ':memory:' });
    }
    return database.db;
  }

  afterEach(async () => {
    await database?.close();
    await drop?.();
    database = null;
    drop = null;
  });

  it('applies every migration once and nothing on the second run', async () => {
    const db = await fresh();
    const first = await migrate(db);
    expect(first.applied).toEqual(loadMigrations().map((m) => m.version));
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.schemaVersion).toBe(codeSchemaVersion());
  });

  it('refuses a database newer than the code', async () => {
    const db = await fresh();
    await migrate(db);
    await sql`insert into schema_migrations (version, name) values (9999, 'from_the_future')`.execute(db);
    await expect(migrate(db)).rejects.toBeInstanceOf(SchemaTooNewError);
  });

  it('rolls a failing migration back completely', async () => {
    const db = await fresh();
    const broken = [
      { version: 1, name: 'ok', sql: 'create table first_table (id int);' },
      { version: 2, name: 'broken', sql: 'create table second_table (id int); select no_such_function();' },
    ];
    await expect(migrate(db, broken)).rejects.toThrow();
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
      where table_name in ('first_table', 'second_table', 'schema_migrations')`.execute(db);
    expect(tables.rows[0].n).toBe(0);
  });
});
