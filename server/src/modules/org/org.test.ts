import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';

describe.each(testEngines())('student profile access on %s', (engine) => {
  let t: TestApp;
  let sanne: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    sanne = await userIdByEmail(t, 'student@demo.koers.nl');
  });
  afterAll(() => t?.close());

  it('lets Sanne, her mentor and her parent read her profile', async () => {
    for (const email of ['student@demo.koers.nl', 'mentor@demo.koers.nl', 'ouder@demo.koers.nl']) {
      const c = await signIn(t, email);
      const res = await c.get(`/api/v1/students/${sanne}`);
      expect(res.statusCode, email).toBe(200);
      expect(res.json().displayName).toBe('Sanne de Wit');
      expect(res.json().enrolment.group.code).toBe('ZW2A');
    }
  });

  it('refuses the docent in her team and another student', async () => {
    for (const email of ['docent@demo.koers.nl', 'student2@demo.koers.nl']) {
      const c = await signIn(t, email);
      const res = await c.get(`/api/v1/students/${sanne}`);
      expect([403, 404], email).toContain(res.statusCode);
      expect(res.json().error.code).toBeTruthy();
    }
  });
});

describe('students a person guides', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('gives the mentor exactly their group, the parent their child, the praktijkopleider their intern', async () => {
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const list = (await mentor.get('/api/v1/me/students')).json().items;
    expect(list).toHaveLength(20);
    expect(new Set(list.map((s: any) => s.groupCode))).toEqual(new Set(['ZW2A']));

    const parent = (await (await signIn(t, 'ouder@demo.koers.nl')).get('/api/v1/me/students')).json().items;
    expect(parent.map((s: any) => s.displayName)).toEqual(['Sanne de Wit']);

    const praktijk = (await (await signIn(t, 'praktijk@demo.koers.nl')).get('/api/v1/me/students')).json().items;
    expect(praktijk.map((s: any) => s.displayName)).toEqual(['Sanne de Wit']);

    const docent = (await (await signIn(t, 'docent@demo.koers.nl')).get('/api/v1/me/students')).json().items;
    expect(docent).toEqual([]);
  });
});

describe.each(testEngines())('the praktijkopleider on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it("reads Sanne's profile only while her internship runs", async () => {
    const sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    const internship = await t.deps.db.selectFrom('internships').select(['ends_on']).where('student_id', '=', sanne).executeTakeFirstOrThrow();
    const praktijk = await signIn(t, 'praktijk@demo.koers.nl');
    expect((await praktijk.get(`/api/v1/students/${sanne}`)).statusCode).toBe(200);

    // The day after the internship ends, in the Netherlands.
    t.clock.set(`${internship.ends_on}T23:30:00Z`);
    const later = await signIn(t, 'praktijk@demo.koers.nl');
    expect([403, 404]).toContain((await later.get(`/api/v1/students/${sanne}`)).statusCode);
    expect((await later.get('/api/v1/me/students')).json().items).toEqual([]);

    await t.deps.audit.flush();
    const denied = await t.deps.db.selectFrom('audit_log').select('id')
      .where('student_id', '=', sanne).where('actor_id', '=', praktijk.user.id).where('outcome', '=', 'denied').execute();
    expect(denied.length).toBeGreaterThan(0);
  });
});

describe('the parent of a student who turns 18', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('loses access to the guidance record on the birthday, unless the student opts in', async () => {
    const sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    const { birth_date } = await t.deps.db.selectFrom('users').select('birth_date').where('id', '=', sanne).executeTakeFirstOrThrow();
    const [y, m, d] = birth_date!.split('-');
    const birthday18 = `${Number(y) + 18}-${m}-${d}`;

    // The evening before (Dutch time) she is 17: the parent still sees her record.
    t.clock.set(`${birthday18}T21:00:00+01:00`);
    t.clock.advance(-24 * 3600_000);
    expect((await (await signIn(t, 'ouder@demo.koers.nl')).get(`/api/v1/students/${sanne}`)).statusCode).toBe(200);

    t.clock.set(`${birthday18}T08:00:00+01:00`);
    const parent = await signIn(t, 'ouder@demo.koers.nl');
    expect([403, 404]).toContain((await parent.get(`/api/v1/students/${sanne}`)).statusCode);
    expect((await parent.get('/api/v1/me/students')).json().items).toEqual([]);

    // Opting in is the student's choice; then the parent sees the record again.
    const student = await signIn(t, 'student@demo.koers.nl');
    const [link] = (await student.get('/api/v1/me/parents')).json().items;
    expect(link.adultOptIn).toBe(false);
    expect((await parent.patch(`/api/v1/me/parents/${parent.user.id}`, { adultOptIn: true })).statusCode).toBe(403);
    const opted = await student.patch(`/api/v1/me/parents/${link.id}`, { adultOptIn: true });
    expect(opted.statusCode).toBe(200);
    expect((await parent.get(`/api/v1/students/${sanne}`)).statusCode).toBe(200);
    await t.deps.audit.flush();
    const audited = await t.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'sharing.parent_opt_in').where('student_id', '=', sanne).execute();
    expect(audited).toHaveLength(1);
  });
});

describe('reference data', () => {
  it('has the 35 labour-market regions on every installation, also without the demo school', async () => {
    const t = await startTestApp('pglite', { demo: false });
    const rows = await t.deps.db.selectFrom('regions').select('name').where('kind', '=', 'arbeidsmarkt').execute();
    expect(rows).toHaveLength(35);
    expect(rows.map((r) => r.name)).toContain('Arbeidsmarktregio Zuidoost-Brabant');
    await t.close();
  });
});
