import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';

/** Every table column that points at a user, found in the database itself. */
async function personReferences(t: TestApp) {
  const r = await sql<{ table_name: string; column_name: string }>`
    select kcu.table_name, kcu.column_name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'users' and tc.table_schema = 'public'`.execute(t.deps.db);
  return r.rows;
}

describe.each(testEngines())('export and erasure of one person on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('gives a student all of their own data and nothing of anyone else', async () => {
    const sanne = await signIn(t, 'student@demo.koers.nl');
    const res = await sanne.get('/api/v1/me/data-export');
    expect(res.statusCode).toBe(200);
    const data = res.json();
    expect(data.personId).toBe(sanne.user.id);
    expect(data.modules.org.user.email).toBe('student@demo.koers.nl');
    const { n } = await t.deps.db.selectFrom('portfolio_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('student_id', '=', sanne.user.id).executeTakeFirstOrThrow();
    expect(data.modules.portfolio.entries).toHaveLength(Number(n));
    const student2 = await userIdByEmail(t, 'student2@demo.koers.nl');
    expect(res.body).not.toContain(student2);
    await t.deps.audit.flush();
    const audited = await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'privacy.export').where('student_id', '=', sanne.user.id).execute();
    expect(audited.length).toBeGreaterThan(0);
  });

  it('lets only an administrator of the institution erase a person, and removes every trace but the audit id', async () => {
    const victim = await t.deps.db.selectFrom('users').select(['id', 'email']).where('email', '=', 'leerling005@demo.koers.nl').executeTakeFirstOrThrow();
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    expect((await mentor.post(`/api/v1/admin/people/${victim.id}/erase`, { confirmEmail: victim.email })).statusCode).toBe(404);

    const admin = await signIn(t, 'admin@demo.koers.nl');
    const wrong = await admin.post(`/api/v1/admin/people/${victim.id}/erase`, { confirmEmail: 'iemand@anders.nl' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.confirmEmail).toBeTruthy();

    const victimSession = await signIn(t, victim.email);
    const erased = await admin.post(`/api/v1/admin/people/${victim.id}/erase`, { confirmEmail: victim.email });
    expect(erased.statusCode).toBe(204);

    for (const ref of await personReferences(t)) {
      const left = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(ref.table_name)} where ${sql.ref(ref.column_name)} = ${victim.id}`.execute(t.deps.db);
      expect(left.rows[0].n, `${ref.table_name}.${ref.column_name}`).toBe(0);
    }
    expect((await victimSession.get('/api/v1/me')).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: victim.email, password: 'koers-demo' } })).statusCode).toBe(401);
    // The audit keeps the erasure event by this administrator, under a pseudonym for the person
    // (erasure-trace.test.ts walks every column for any trace of the id).
    const trail = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_id', 'student_id']).where('subject_type', '=', 'user').where('action', '=', 'privacy.erase').execute();
    expect(trail.map((r) => ({ action: r.action, actor_id: r.actor_id }))).toEqual([{ action: 'privacy.erase', actor_id: admin.user.id }]);
    expect(trail[0].student_id).not.toBe(victim.id);
    expect(await t.deps.db.selectFrom('audit_log').select('id').where('student_id', '=', victim.id).execute()).toEqual([]);
  });
});
