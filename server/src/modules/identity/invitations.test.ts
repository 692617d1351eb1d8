import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { INVITATION_DAYS } from './invitations.js';
import { hashPassword } from './passwords.js';

const PASSWORD = 'Tulpen-in-de-vensterbank-31';

describe.each(testEngines())('invitations on %s', (engine) => {
  let t: TestApp;
  let sanne: string;
  let student2: string;
  let internship: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    student2 = await userIdByEmail(t, 'student2@demo.koers.nl');
    internship = (await t.deps.db.selectFrom('internships').select('id').where('student_id', '=', sanne).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t?.close());

  /** The token from the newest invitation mail sent to this address. */
  function tokenMailedTo(email: string): string {
    const mail = t.mails.filter((m) => m.to === email).at(-1);
    expect(mail, `mail to ${email}`).toBeDefined();
    const match = mail!.text.match(/\/uitnodiging\?token=([^\s]+)/);
    expect(match).not.toBeNull();
    return decodeURIComponent(match![1]);
  }

  const publicGet = (token: string) => t.app.inject({ method: 'GET', url: `/api/v1/invitations/${token}` });
  const publicAccept = (token: string, payload: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload });

  it('lets the mentor invite a parent who then sees Sanne, and nothing of student2', async () => {
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const res = await mentor.post('/api/v1/invitations', { kind: 'parent', email: 'vader.dewit@example.nl', studentId: sanne });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('token');
    const token = tokenMailedTo('vader.dewit@example.nl');
    const mail = t.mails.at(-1)!;
    expect(mail.text).toContain(`${t.config.publicUrl}/uitnodiging?token=`);
    expect(mail.text).not.toContain('de Wit');
    const stored = await t.deps.db.selectFrom('invitations').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    const view = await publicGet(token);
    expect(view.statusCode).toBe(200);
    expect(Object.keys(view.json()).sort()).toEqual(['expiresAt', 'institutionName', 'kind', 'studentGivenName']);
    expect(view.json()).toMatchObject({ kind: 'parent', studentGivenName: 'Sanne' });

    const missing = await publicAccept(token, { givenName: 'Johan' });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().error.fields).sort()).toEqual(['familyName', 'password']);
    const weak = await publicAccept(token, { givenName: 'Johan', familyName: 'de Wit', password: 'johandewit' });
    expect(weak.statusCode).toBe(400);
    expect(Object.keys(weak.json().error.fields)).toEqual(['password']);

    const accepted = await publicAccept(token, { givenName: 'Johan', familyName: 'de Wit', password: PASSWORD });
    expect(accepted.statusCode).toBe(201);
    const user = accepted.json().user;
    expect(user.roles.map((r: { role: string }) => r.role)).toEqual(['parent']);

    // Signed in at once with the new account, and later with the chosen password.
    for (const parent of [
      await signIn(t, 'vader.dewit@example.nl', PASSWORD),
      cookieClient(accepted.cookies.find((c) => c.name === 'koers_session')!.value, accepted.json().csrfToken),
    ]) {
      const profile = await parent.get(`/api/v1/students/${sanne}`);
      expect(profile.statusCode).toBe(200);
      expect(profile.json().displayName).toBe('Sanne de Wit');
      expect([403, 404]).toContain((await parent.get(`/api/v1/students/${student2}`)).statusCode);
    }

    // Single use.
    expect((await publicGet(token)).statusCode).toBe(404);
    const twice = await publicAccept(token, { givenName: 'Iemand', familyName: 'Anders', password: 'Nog-een-heel-ander-wachtwoord-5' });
    expect(twice.statusCode).toBe(404);
    expect(twice.json().error.code).toBe('invitation_invalid');

    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_id']).where('student_id', '=', sanne).where('action', 'like', 'invitation.%').execute();
    expect(audit).toContainEqual({ action: 'invitation.create', actor_id: mentor.user.id });
    expect(audit).toContainEqual({ action: 'invitation.accept', actor_id: user.id });
  });

  it('refuses a docent for Sanne and a mentor for a student of another group', async () => {
    const docent = await signIn(t, 'docent@demo.koers.nl');
    const byDocent = await docent.post('/api/v1/invitations', { kind: 'parent', email: 'x1@example.nl', studentId: sanne });
    expect([403, 404]).toContain(byDocent.statusCode);
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const otherGroup = await mentor.post('/api/v1/invitations', { kind: 'parent', email: 'x2@example.nl', studentId: student2 });
    expect([403, 404]).toContain(otherGroup.statusCode);
    const parent = await signIn(t, 'ouder@demo.koers.nl');
    expect([403, 404]).toContain((await parent.post('/api/v1/invitations', { kind: 'parent', email: 'x3@example.nl', studentId: sanne })).statusCode);
    expect(t.mails.filter((m) => /^x\d@example\.nl$/.test(m.to))).toEqual([]);
  });

  it('lets an invitation expire after 14 days', async () => {
    const admin = await signIn(t, 'admin@demo.koers.nl');
    expect((await admin.post('/api/v1/invitations', { kind: 'parent', email: 'laat@example.nl', studentId: student2 })).statusCode).toBe(201);
    const token = tokenMailedTo('laat@example.nl');
    t.clock.advance((INVITATION_DAYS - 1) * 86_400_000);
    expect((await publicGet(token)).statusCode).toBe(200);
    t.clock.advance(86_400_000 + 60_000);
    expect((await publicGet(token)).statusCode).toBe(404);
    const late = await publicAccept(token, { givenName: 'Te', familyName: 'Laat', password: PASSWORD });
    expect(late.statusCode).toBe(404);
    expect(await t.deps.db.selectFrom('users').select('id').where('email', '=', 'laat@example.nl').executeTakeFirst()).toBeUndefined();
  });

  it('links an existing account as praktijkopleider only when it is signed in with the invited address', async () => {
    const existing = await t.deps.db
      .insertInto('users')
      .values({ email: 'k.bakker@zorgbedrijf.example', given_name: 'Kees', family_name: 'Bakker', display_name: 'Kees Bakker' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db.insertInto('credentials').values({ user_id: existing.id, password_hash: await hashPassword(PASSWORD), password_changed_at: t.clock.now() }).execute();

    const admin = await signIn(t, 'admin@demo.koers.nl');
    const noInternship = await admin.post('/api/v1/invitations', { kind: 'praktijkopleider', email: 'k.bakker@zorgbedrijf.example', studentId: sanne });
    expect(noInternship.statusCode).toBe(400);
    expect(Object.keys(noInternship.json().error.fields)).toEqual(['internshipId']);
    const parentWithInternship = await admin.post('/api/v1/invitations', { kind: 'parent', email: 'k.bakker@zorgbedrijf.example', studentId: sanne, internshipId: internship });
    expect(Object.keys(parentWithInternship.json().error.fields)).toEqual(['internshipId']);
    const wrongStudent = await admin.post('/api/v1/invitations', { kind: 'praktijkopleider', email: 'k.bakker@zorgbedrijf.example', studentId: student2, internshipId: internship });
    expect(wrongStudent.statusCode).toBe(400);

    const res = await admin.post('/api/v1/invitations', { kind: 'praktijkopleider', email: 'k.bakker@zorgbedrijf.example', studentId: sanne, internshipId: internship });
    expect(res.statusCode).toBe(201);
    const token = tokenMailedTo('k.bakker@zorgbedrijf.example');
    expect((await publicGet(token)).json().kind).toBe('praktijkopleider');

    // Not signed in: an account with this address exists, so no second one is made.
    const anonymous = await publicAccept(token, { givenName: 'Kees', familyName: 'Bakker', password: 'Weer-een-ander-wachtwoord-19' });
    expect(anonymous.statusCode).toBe(409);
    expect(anonymous.json().error.code).toBe('invitation_sign_in_first');
    // Signed in as somebody else: refused, and the invitation stays usable.
    const other = await signIn(t, 'ouder@demo.koers.nl');
    expect((await other.post(`/api/v1/invitations/${token}/accept`, {})).statusCode).toBe(403);
    // The cookie without the CSRF token does not act.
    const kees = await signIn(t, 'k.bakker@zorgbedrijf.example', PASSWORD);
    const noCsrf = await t.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, headers: { cookie: `koers_session=${kees.cookie}` }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    expect([403, 404]).toContain((await kees.get(`/api/v1/students/${sanne}`)).statusCode);

    const linked = await kees.post(`/api/v1/invitations/${token}/accept`, {});
    expect(linked.statusCode).toBe(201);
    expect(linked.json().user.id).toBe(existing.id);
    expect(linked.json().user.roles.map((r: { role: string }) => r.role)).toEqual(['praktijkopleider']);
    const row = await t.deps.db.selectFrom('internships').select('praktijkopleider_id').where('id', '=', internship).executeTakeFirstOrThrow();
    expect(row.praktijkopleider_id).toBe(existing.id);
    // The open session has the new relation at once.
    expect((await kees.get(`/api/v1/students/${sanne}`)).statusCode).toBe(200);
    expect([403, 404]).toContain((await kees.get(`/api/v1/students/${student2}`)).statusCode);
    expect((await kees.post(`/api/v1/invitations/${token}/accept`, {})).statusCode).toBe(404);
  });

  function cookieClient(cookie: string, csrfToken: string) {
    const headers = { cookie: `koers_session=${cookie}`, 'x-csrf-token': csrfToken };
    return { get: (url: string) => t.app.inject({ method: 'GET', url, headers }) };
  }
});
