import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/helpers.js';
import { allModules } from '../modules/index.js';

/** Every table with a column that refers to a person must be declared by some module's privacy.ts. */
describe('privacy declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { demo: false });
  });
  afterAll(() => t?.close());

  it('cover every table that references a user', async () => {
    const refs = await sql<{ table_name: string; column_name: string }>`
      select kcu.table_name, kcu.column_name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'users' and tc.table_schema = 'public'
    `.execute(t.deps.db);
    const declared = new Map<string, Set<string>>();
    for (const m of allModules) for (const tab of m.privacy?.tables ?? []) declared.set(tab.table, new Set(tab.personColumns));
    const missing = refs.rows.filter((r) => !declared.get(r.table_name)?.has(r.column_name)).map((r) => `${r.table_name}.${r.column_name}`);
    expect(missing).toEqual([]);
    // audit_log refers to people without a foreign key (it must outlive them): declared explicitly.
    expect(declared.get('audit_log')).toBeDefined();
  });
});
