import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, type TestApp } from '../../../test/helpers.js';

/**
 * Every column of every table that could hold a copy of a person: text, uuid, JSON and address
 * columns (character varying, text, uuid, json, jsonb, inet), found in the database itself so a
 * table added later is walked too.
 */
async function searchableColumns(t: TestApp) {
  const r = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select c.table_name, c.column_name, c.data_type
    from information_schema.columns c
    join information_schema.tables tb on tb.table_name = c.table_name and tb.table_schema = c.table_schema
    where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'uuid', 'json', 'jsonb', 'inet', 'ARRAY')
    order by c.table_name, c.column_name`.execute(t.deps.db);
  return r.rows;
}

/**
 * Where any of the needles still occurs (case-insensitive), as "table.column: needle". One query
 * per table over all its columns finds the tables with a hit; only those are searched per column.
 */
async function traces(t: TestApp, needles: string[]): Promise<string[]> {
  const patterns = needles.map((n) => `%${n}%`);
  const byTable = new Map<string, string[]>();
  for (const col of await searchableColumns(t)) byTable.set(col.table_name, [...(byTable.get(col.table_name) ?? []), col.column_name]);
  const found: string[] = [];
  for (const [table, columns] of byTable) {
    const all = sql.join(columns.map((c) => sql`coalesce(${sql.ref(c)}::text, '')`), sql` || ' ' || `);
    const hit = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where (${all}) ilike any(${sql.val(patterns)}::text[])`.execute(t.deps.db);
    if (hit.rows[0].n === 0) continue;
    for (const column of columns) {
      for (const needle of needles) {
        const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)}::text ilike ${'%' + needle + '%'}`.execute(t.deps.db);
        if (r.rows[0].n > 0) found.push(`${table}.${column}: ${needle} (${r.rows[0].n})`);
      }
    }
  }
  return found;
}

describe.each(testEngines())('erasure leaves no trace of the person on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('finds no id, name, e-mail or IP address of an erased student in any table or JSON column', async () => {
    const ip = '198.51.100.23';
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'student@demo.koers.nl', password: 'koers-demo' }, remoteAddress: ip });
    expect(login.statusCode).toBe(200);
    const user = await t.deps.db.selectFrom('users').select(['id', 'email', 'display_name', 'given_name', 'family_name']).where('email', '=', 'student@demo.koers.nl').executeTakeFirstOrThrow();
    const headers = { cookie: `koers_session=${login.cookies.find((c) => c.name === 'koers_session')!.value}`, 'x-csrf-token': login.json().csrfToken };
    // She leaves traces everywhere: a message to her mentor (a notification with her name), reads.
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/messages/with/${mentor.user.id}`, headers, payload: { body: 'Kunt u even kijken?' }, remoteAddress: ip });
    expect([200, 201]).toContain(sent.statusCode);
    await mentor.get(`/api/v1/students/${user.id}/portfolio/entries`);
    await t.deps.audit.flush();

    const needles = [user.id, user.email, user.display_name, `${user.given_name} ${user.family_name}`, ip];
    expect((await traces(t, needles)).length).toBeGreaterThan(0);

    const admin = await signIn(t, 'admin@demo.koers.nl');
    const erased = await admin.post(`/api/v1/admin/people/${user.id}/erase`, { confirmEmail: user.email });
    expect(erased.statusCode).toBe(204);
    await t.deps.audit.flush();

    expect(await traces(t, needles)).toEqual([]);
    // The audit keeps the event, not the person.
    const erasure = await t.deps.db.selectFrom('audit_log').select(['actor_id', 'student_id', 'subject_id']).where('action', '=', 'privacy.erase').execute();
    expect(erasure).toHaveLength(1);
    expect(erasure[0].actor_id).toBe(admin.user.id);
  }, 240_000);
});
