import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';

type Client = Awaited<ReturnType<typeof signIn>>;

describe.each(testEngines())('administration API on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let inst: string;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    admin = await signIn(t, 'admin@demo.koers.nl');
    inst = admin.user.roles.find((r: any) => r.role === 'institution_admin').institutionId;
    base = `/api/v1/admin/institutions/${inst}`;
  });
  afterAll(() => t?.close());

  it('shows the institution with its BRIN and counts', async () => {
    const res = await admin.get(base);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.institution).toMatchObject({ name: 'ROC Koersland', brin: '99KL' });
    expect(body.counts.students).toBeGreaterThanOrEqual(80);
    expect(body.counts.groups).toBeGreaterThanOrEqual(4);
    expect(body.counts.programmes).toBeGreaterThanOrEqual(2);
  });

  it('renames the institution but never changes the BRIN', async () => {
    const res = await admin.patch(base, { name: 'ROC Koersland (test)' });
    expect(res.statusCode).toBe(200);
    expect(res.json().institution).toMatchObject({ name: 'ROC Koersland (test)', brin: '99KL' });
    const brin = await admin.patch(base, { brin: '12AB' });
    expect(brin.statusCode).toBe(400);
    expect(Object.keys(brin.json().error.fields)).toContain('brin');
    await admin.patch(base, { name: 'ROC Koersland' });
  });

  it('creates, changes and removes an opleiding, cohort, team, location and group', async () => {
    const team = await admin.post(`${base}/teams`, { name: 'Team Techniek' });
    expect(team.statusCode).toBe(201);
    const location = await admin.post(`${base}/locations`, { name: 'Locatie Oost', city: 'Amersfoort' });
    expect(location.statusCode).toBe(201);
    const programme = await admin.post(`${base}/programmes`, {
      crebo: '25336',
      name: 'Eerste monteur elektrotechnische installaties',
      level: 3,
      pathway: 'BBL',
      teamId: team.json().id,
      locationId: location.json().id,
    });
    expect(programme.statusCode).toBe(201);
    const cohort = await admin.post(`${base}/cohorts`, { name: 'Cohort test', startsOn: '2026-08-31' });
    expect(cohort.statusCode).toBe(201);
    const group = await admin.post(`${base}/groups`, { code: 'EM3T', name: 'Monteurs 3T', programmeId: programme.json().id, cohortId: cohort.json().id });
    expect(group.statusCode).toBe(201);

    const groups = (await admin.get(`${base}/groups`)).json().items;
    expect(groups.find((g: any) => g.code === 'EM3T')).toMatchObject({ name: 'Monteurs 3T', programme: { crebo: '25336' }, cohort: { name: 'Cohort test' } });
    const programmes = (await admin.get(`${base}/programmes`)).json().items;
    expect(programmes.find((p: any) => p.crebo === '25336')).toMatchObject({ level: 3, pathway: 'BBL', team: { name: 'Team Techniek' }, groupCount: 1 });

    expect((await admin.patch(`${base}/groups/${group.json().id}`, { name: 'Monteurs 3T (BBL)' })).statusCode).toBe(204);
    expect((await admin.get(`${base}/groups/${group.json().id}`)).json().name).toBe('Monteurs 3T (BBL)');
    // an opleiding with a group is still in use
    const inUse = await admin.delete(`${base}/programmes/${programme.json().id}`);
    expect(inUse.statusCode).toBe(409);
    expect((await admin.delete(`${base}/groups/${group.json().id}`)).statusCode).toBe(204);
    expect((await admin.delete(`${base}/programmes/${programme.json().id}`)).statusCode).toBe(204);
    expect((await admin.get(`${base}/groups/${group.json().id}`)).statusCode).toBe(404);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const crebo = await admin.post(`${base}/programmes`, { crebo: '123', name: 'X', level: 5, pathway: 'BOL' });
    expect(crebo.statusCode).toBe(400);
    expect(crebo.json().error.code).toBe('validation_failed');
    expect(Object.keys(crebo.json().error.fields)).toEqual(expect.arrayContaining(['crebo', 'level']));
    const pathway = await admin.post(`${base}/programmes`, { crebo: '12345', name: 'X', level: 2, pathway: 'BXL' });
    expect(Object.keys(pathway.json().error.fields)).toEqual(['pathway']);
    const email = await admin.post(`${base}/users`, { email: 'geen-adres', givenName: 'A', familyName: 'B', roles: ['docent'] });
    expect(email.statusCode).toBe(400);
    expect(Object.keys(email.json().error.fields)).toEqual(['email']);
    const role = await admin.post(`${base}/users`, { email: 'a@b.nl', givenName: 'A', familyName: 'B', roles: ['koning'] });
    expect(role.statusCode).toBe(400);
    expect(Object.keys(role.json().error.fields)[0]).toMatch(/^roles/);
    const foreignTeam = await admin.post(`${base}/programmes`, { crebo: '12345', name: 'X', level: 2, pathway: 'BOL', teamId: '00000000-0000-4000-8000-000000000000' });
    expect(foreignTeam.statusCode).toBe(400);
    expect(Object.keys(foreignTeam.json().error.fields)).toEqual(['teamId']);
    const cursor = await admin.get(`${base}/users?cursor=rommel`);
    expect(cursor.statusCode).toBe(400);
    expect(Object.keys(cursor.json().error.fields)).toEqual(['cursor']);
  });

  it('answers duplicates with 409 naming the field, never 500', async () => {
    const email = await admin.post(`${base}/users`, { email: 'MENTOR@demo.koers.nl', givenName: 'Dubbel', familyName: 'Account', roles: ['docent'] });
    expect(email.statusCode).toBe(409);
    expect(email.json().error.fields).toHaveProperty('email');
    const code = await admin.post(`${base}/groups`, { code: 'zw2a', name: 'Nog een ZW2A' });
    expect(code.statusCode).toBe(409);
    expect(code.json().error.fields).toHaveProperty('code');
    expect(code.json().error.fields.code).toMatch(/groep|group/i);
    const team = await admin.post(`${base}/teams`, { name: 'Team ICT' });
    expect(team.statusCode).toBe(409);
    expect(team.json().error.fields).toHaveProperty('name');
    const crebo = await admin.post(`${base}/programmes`, { crebo: '25498', name: 'Helpende', level: 2, pathway: 'BOL', locationId: null });
    expect(crebo.statusCode).toBe(201);
    const again = await admin.post(`${base}/programmes`, { crebo: '25498', name: 'Helpende', level: 2, pathway: 'BOL' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toHaveProperty('crebo');
    await admin.delete(`${base}/programmes/${crebo.json().id}`);
  });

  it('lists users with search and keyset pagination', async () => {
    const first = await admin.get(`${base}/users?limit=30`);
    expect(first.statusCode).toBe(200);
    expect(first.json().items).toHaveLength(30);
    expect(first.json().nextCursor).toBeTruthy();
    const second = await admin.get(`${base}/users?limit=30&cursor=${encodeURIComponent(first.json().nextCursor)}`);
    const ids = new Set(first.json().items.map((u: any) => u.id));
    expect(second.json().items.some((u: any) => ids.has(u.id))).toBe(false);
    const names = [...first.json().items, ...second.json().items].map((u: any) => u.displayName.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const search = (await admin.get(`${base}/users?q=sanne`)).json().items;
    expect(search.map((u: any) => u.email)).toContain('student@demo.koers.nl');
    const mentors = (await admin.get(`${base}/users?role=mentor`)).json().items;
    expect(mentors.length).toBeGreaterThan(0);
    expect(mentors.every((u: any) => u.roles.includes('mentor'))).toBe(true);
  });

  it('creates a user, edits the name and e-mail, disables and enables the account', async () => {
    const created = await admin.post(`${base}/users`, { email: 'nieuwe.docent@demo.koers.nl', givenName: 'Nina', familyName: 'Nieuw', roles: ['docent'] });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ displayName: 'Nina Nieuw', roles: ['docent'], status: 'active' });
    const edited = await admin.patch(`${base}/users/${id}`, { familyName: 'de Nieuwe', email: 'nina@demo.koers.nl' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ displayName: 'Nina de Nieuwe', email: 'nina@demo.koers.nl' });
    const taken = await admin.patch(`${base}/users/${id}`, { email: 'docent@demo.koers.nl' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toHaveProperty('email');

    // disabling ends the person's sessions at once
    const docent = await signIn(t, 'docent@demo.koers.nl');
    const docentId = docent.user.id;
    expect((await docent.get('/api/v1/me')).statusCode).toBe(200);
    expect((await admin.patch(`${base}/users/${docentId}`, { status: 'disabled' })).json().status).toBe('disabled');
    expect((await docent.get('/api/v1/me')).statusCode).toBe(401);
    expect((await admin.patch(`${base}/users/${docentId}`, { status: 'enabled' })).statusCode).toBe(400);
    expect((await admin.patch(`${base}/users/${docentId}`, { status: 'active' })).json().status).toBe('active');
    expect((await (await signIn(t, 'docent@demo.koers.nl')).get('/api/v1/me')).statusCode).toBe(200);

    // an administrator cannot lock themselves out
    const self = await admin.patch(`${base}/users/${admin.user.id}`, { status: 'disabled' });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.fields).toHaveProperty('status');
  });

  it('audits a role change and applies it to open sessions at once', async () => {
    const sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    const docent = await signIn(t, 'docent@demo.koers.nl');
    expect([403, 404]).toContain((await docent.get(`/api/v1/students/${sanne}`)).statusCode);

    const added = await admin.post(`${base}/users/${docent.user.id}/roles`, { role: 'lob_coordinator' });
    expect(added.statusCode).toBe(200);
    expect(added.json().roles).toContain('lob_coordinator');
    // the same session, within the session cache's lifetime: the new right applies now
    expect((await docent.get(`/api/v1/students/${sanne}`)).statusCode).toBe(200);
    expect((await docent.get(base)).statusCode).toBe(200);

    const twice = await admin.post(`${base}/users/${docent.user.id}/roles`, { role: 'lob_coordinator' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields).toHaveProperty('role');

    expect((await admin.delete(`${base}/users/${docent.user.id}/roles/lob_coordinator`)).statusCode).toBe(200);
    expect([403, 404]).toContain((await docent.get(`/api/v1/students/${sanne}`)).statusCode);

    const entries = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'subject_id', 'details'])
      .where('subject_id', '=', docent.user.id)
      .where('action', 'in', ['admin.role.add', 'admin.role.remove'])
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['admin.role.add', 'admin.role.remove']);
    expect(entries.every((e) => e.actor_id === admin.user.id)).toBe(true);
    expect(entries[0].details).toMatchObject({ role: 'lob_coordinator' });

    const own = await admin.delete(`${base}/users/${admin.user.id}/roles/institution_admin`);
    expect(own.statusCode).toBe(409);
  });

  it('makes a mentor of a group, enrols a student and records an internship, each audited and effective at once', async () => {
    const docent = await signIn(t, 'docent@demo.koers.nl');
    const groups = (await admin.get(`${base}/groups`)).json().items;
    const sd4a = groups.find((g: any) => g.code === 'SD4A');
    const zw2a = groups.find((g: any) => g.code === 'ZW2A');
    const sdStudent = (await admin.get(`${base}/groups/${sd4a.id}`)).json().enrolments[0].student.id;
    expect([403, 404]).toContain((await docent.get(`/api/v1/students/${sdStudent}`)).statusCode);

    expect((await admin.post(`${base}/groups/${sd4a.id}/mentors`, { userId: docent.user.id })).statusCode).toBe(204);
    expect((await docent.get(`/api/v1/students/${sdStudent}`)).statusCode).toBe(200);
    const again = await admin.post(`${base}/groups/${sd4a.id}/mentors`, { userId: docent.user.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toHaveProperty('userId');
    const student = await userIdByEmail(t, 'student2@demo.koers.nl');
    const notStaff = await admin.post(`${base}/groups/${sd4a.id}/mentors`, { userId: student });
    expect(notStaff.statusCode).toBe(400);
    expect(notStaff.json().error.fields).toHaveProperty('userId');
    expect((await admin.delete(`${base}/groups/${sd4a.id}/mentors/${docent.user.id}`)).statusCode).toBe(204);
    expect([403, 404]).toContain((await docent.get(`/api/v1/students/${sdStudent}`)).statusCode);

    // enrol the SD4A student also in ZW2A: the ZW2A mentor now sees them
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    expect([403, 404]).toContain((await mentor.get(`/api/v1/students/${sdStudent}`)).statusCode);
    const badPeriod = await admin.post(`${base}/enrolments`, { studentId: sdStudent, groupId: zw2a.id, startsOn: '2026-09-01', endsOn: '2026-08-01' });
    expect(badPeriod.statusCode).toBe(400);
    expect(badPeriod.json().error.fields).toHaveProperty('endsOn');
    const enrolment = await admin.post(`${base}/enrolments`, { studentId: sdStudent, groupId: zw2a.id, startsOn: '2026-09-01' });
    expect(enrolment.statusCode).toBe(201);
    expect((await mentor.get(`/api/v1/students/${sdStudent}`)).statusCode).toBe(200);
    expect((await admin.patch(`${base}/enrolments/${enrolment.json().id}`, { endsOn: '2026-10-01' })).statusCode).toBe(204);
    expect([403, 404]).toContain((await mentor.get(`/api/v1/students/${sdStudent}`)).statusCode);
    expect((await admin.delete(`${base}/enrolments/${enrolment.json().id}`)).statusCode).toBe(204);

    const praktijk = await signIn(t, 'praktijk@demo.koers.nl');
    const internship = await admin.post(`${base}/internships`, {
      studentId: sdStudent,
      companyName: 'Bits & Bytes BV',
      startsOn: '2026-11-01',
      endsOn: '2027-01-31',
      praktijkopleiderId: praktijk.user.id,
    });
    expect(internship.statusCode).toBe(201);
    expect((await praktijk.get(`/api/v1/students/${sdStudent}`)).statusCode).toBe(200);
    const listed = (await admin.get(`${base}/internships?studentId=${sdStudent}`)).json().items;
    expect(listed[0]).toMatchObject({ companyName: 'Bits & Bytes BV', startsOn: '2026-11-01', endsOn: '2027-01-31' });
    expect((await admin.delete(`${base}/internships/${internship.json().id}`)).statusCode).toBe(204);
    expect([403, 404]).toContain((await praktijk.get(`/api/v1/students/${sdStudent}`)).statusCode);

    const trail = await t.deps.db.selectFrom('audit_log').select('action').where('student_id', '=', sdStudent).where('action', 'like', 'admin.%').execute();
    expect(trail.map((r) => r.action)).toEqual(
      expect.arrayContaining(['admin.enrolment.create', 'admin.enrolment.update', 'admin.enrolment.delete', 'admin.internship.create', 'admin.internship.delete']),
    );
    const mentorTrail = await t.deps.db.selectFrom('audit_log').select('action').where('subject_id', '=', docent.user.id).where('action', 'like', 'admin.group_mentor.%').execute();
    expect(mentorTrail.map((r) => r.action)).toEqual(['admin.group_mentor.add', 'admin.group_mentor.remove']);
  });

  it('refuses a mentor and a docent, and gives coordinator and manager the read-only overview', async () => {
    for (const email of ['mentor@demo.koers.nl', 'docent@demo.koers.nl', 'student@demo.koers.nl']) {
      const c = await signIn(t, email);
      expect((await c.get(base)).statusCode, email).toBe(403);
      expect((await c.get(`${base}/users`)).statusCode, email).toBe(403);
      const write = await c.post(`${base}/groups`, { code: 'HACK1', name: 'Niet toegestaan' });
      expect(write.statusCode, email).toBe(403);
      expect(write.json().error.code).toBe('forbidden');
      expect((await c.post(`${base}/users/${c.user.id}/roles`, { role: 'institution_admin' })).statusCode, email).toBe(403);
    }
    for (const email of ['coordinator@demo.koers.nl', 'manager@demo.koers.nl']) {
      const c = await signIn(t, email);
      expect((await c.get(base)).statusCode, email).toBe(200);
      expect((await c.get(`${base}/groups`)).statusCode, email).toBe(200);
      expect((await c.get(`${base}/users`)).statusCode, email).toBe(403);
      expect((await c.post(`${base}/teams`, { name: 'Team X' })).statusCode, email).toBe(403);
    }
    expect((await admin.get('/api/v1/admin/institutions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
