import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../identity/passwords.js';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { transferView, sentForm, transferList, institutionList, handoverView } from './schema.js';
import { listTransitionStatuses } from './service.js';

type Client = Awaited<ReturnType<typeof signIn>>;

/** A person with roles at the given institutions, for the cross-institution cases. */
async function addPerson(t: TestApp, email: string, roles: { institutionId: string; role: string }[]) {
  const u = await t.deps.db
    .insertInto('users')
    .values({ email, given_name: 'Test', family_name: email.split('@')[0], display_name: email, birth_date: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.deps.db.insertInto('credentials').values({ user_id: u.id, password_hash: await hashPassword('koers-demo'), password_changed_at: t.clock.now() }).execute();
  await t.deps.db.insertInto('user_roles').values(roles.map((r) => ({ user_id: u.id, institution_id: r.institutionId, role: r.role as never }))).execute();
  return u.id;
}

describe.each(testEngines())('overstap (transition) on %s', (engine) => {
  let t: TestApp;
  let daan: string;
  let roc: string;
  let deBrug: string;
  let transferId: string;
  const c: Record<string, Client> = {};

  beforeAll(async () => {
    t = await startTestApp(engine);
    daan = await userIdByEmail(t, 'leerling@demo.koers.nl');
    roc = (await t.deps.db.selectFrom('institutions').select('id').where('brin', '=', '99KL').executeTakeFirstOrThrow()).id;
    deBrug = (await t.deps.db.selectFrom('institutions').select('id').where('brin', '=', '99DB').executeTakeFirstOrThrow()).id;
    for (const who of ['decaan', 'leerling', 'ouder2', 'intake', 'coordinator', 'mentor', 'student', 'docent']) c[who] = await signIn(t, `${who}@demo.koers.nl`);
  });
  afterAll(() => t?.close());

  it('finds institutions of every type with their region', async () => {
    const res = await c.leerling.get('/api/v1/institutions?q=brug');
    expect(res.statusCode).toBe(200);
    const body = institutionList.parse(res.json());
    expect(body.items).toEqual([expect.objectContaining({ id: deBrug, type: 'vo', brin: '99DB', region: expect.objectContaining({ code: 'RMC-DEMO' }) })]);
    const all = institutionList.parse((await c.decaan.get('/api/v1/institutions')).json());
    expect(all.items.map((i) => i.type)).toEqual(expect.arrayContaining(['hbo', 'mbo', 'vo']));
    const gemeente = institutionList.parse((await c.decaan.get('/api/v1/institutions?type=gemeente')).json());
    expect(gemeente.items.every((i) => i.type === 'gemeente' && i.brin === null)).toBe(true);
    const hbo = institutionList.parse((await c.decaan.get('/api/v1/institutions?type=hbo')).json());
    const programmes = (await c.decaan.get(`/api/v1/institutions/${hbo.items[0].id}/programmes`)).json();
    expect(programmes.items.every((p: { kind: string; croho: string }) => p.kind === 'hbo' && /^\d{5}$/.test(p.croho))).toBe(true);
    const deBrugProgrammes = (await c.decaan.get(`/api/v1/institutions/${deBrug}/programmes`)).json();
    expect(deBrugProgrammes.items).toContainEqual(expect.objectContaining({ kind: 'vo', voPath: 'vmbo_kb', voYear: 4 }));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/institutions?q=brug' })).statusCode).toBe(401);
  });

  it('lists Daan’s unsent form as outgoing for De Brug, the pupil and the parent, and not yet as incoming for the ROC', async () => {
    for (const who of ['decaan', 'leerling', 'ouder2']) {
      const list = transferList.parse((await c[who].get('/api/v1/transfers?direction=outgoing')).json());
      expect(list.items.map((i) => i.student.id), who).toContain(daan);
      transferId = list.items.find((i) => i.student.id === daan)!.id;
    }
    const incoming = transferList.parse((await c.intake.get('/api/v1/transfers?direction=incoming')).json());
    expect(incoming.items).toEqual([]);
    // The receiving school does not see a draft, not even by its id.
    expect((await c.intake.get(`/api/v1/transfers/${transferId}`)).statusCode).toBe(404);
    expect((await c.decaan.get('/api/v1/transfers')).statusCode).toBe(400);
    expect((await c.decaan.get('/api/v1/transfers')).json().error.fields.direction).toBeTruthy();
  });

  it('gives Daan, a vmbo pupil, nothing of the ROC through the lists every student may ask for', async () => {
    const activities = await c.leerling.get('/api/v1/lob/activities');
    expect(activities.statusCode).toBe(200);
    expect(activities.json().items).toEqual([]);
    expect((await c.leerling.get('/api/v1/me/assignments')).json().items).toEqual([]);
    expect((await c.leerling.get('/api/v1/me/parents')).json().items.map((p: { displayName: string }) => p.displayName)).toEqual(['Kees Jansen']);
  });

  it('names the wrong field in Dutch and English when a transfer is started badly', async () => {
    const res = await c.decaan.post('/api/v1/transfers', { studentId: daan });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.toInstitutionId).toMatch(/school/);
    expect((await c.decaan.post('/api/v1/transfers', { studentId: 'nope', toInstitutionId: roc })).json().error.fields.studentId).toBeTruthy();
    // A programme of another school than the destination
    const hk = (await t.deps.db.selectFrom('programmes').select('id').where('kind', '=', 'hbo').executeTakeFirstOrThrow()).id;
    const wrong = await c.decaan.post('/api/v1/transfers', { studentId: daan, toInstitutionId: roc, programmeId: hk });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.programmeId).toBeTruthy();
    // A second unsent form to the same school is refused
    expect((await c.decaan.post('/api/v1/transfers', { studentId: daan, toInstitutionId: roc })).statusCode).toBe(409);
    // Staff of another school may not start a form for Daan
    expect([403, 404]).toContain((await c.mentor.post('/api/v1/transfers', { studentId: daan, toInstitutionId: roc })).statusCode);
  });

  it('lets the pupil fill in his part and the school its part, not each other’s', async () => {
    const entries = (await c.leerling.get(`/api/v1/transfers/${transferId}`)).json().shareableEntries as { id: string; title: string }[];
    expect(entries.map((e) => e.title).sort()).toEqual(['Open dag ROC Koersland', 'Snuffelstage in verpleeghuis De Eik']);
    const pick = entries.find((e) => e.title.startsWith('Snuffelstage'))!.id;
    const own = await c.leerling.patch(`/api/v1/transfers/${transferId}`, { highlightEntryIds: [pick], motivation: 'Ik wil in de zorg werken.' });
    expect(own.statusCode).toBe(200);
    transferView.parse(own.json());
    expect((await c.leerling.patch(`/api/v1/transfers/${transferId}`, { advice: 'Ik ben top' })).statusCode).toBe(403);
    expect((await c.decaan.patch(`/api/v1/transfers/${transferId}`, { motivation: 'x' })).statusCode).toBe(403);
    const privateEntry = await t.deps.db.selectFrom('portfolio_entries').select('id').where('student_id', '=', daan).where('title', '=', 'Wat ik lastig vind').executeTakeFirstOrThrow();
    const bad = await c.leerling.patch(`/api/v1/transfers/${transferId}`, { highlightEntryIds: [privateEntry.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.highlightEntryIds).toBeTruthy();
    expect((await c.decaan.patch(`/api/v1/transfers/${transferId}`, { advice: 'Past goed bij niveau 2.', contactPhone: '033 123 45 67' })).statusCode).toBe(200);
  });

  it('cannot be sent without the consent it needs: the pupil and, under 16, a parent, for this version of the form', async () => {
    const none = await c.decaan.post(`/api/v1/transfers/${transferId}/send`);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('consent_missing');
    expect(Object.keys(none.json().error.fields).sort()).toEqual(['consent.parent', 'consent.student']);

    expect((await c.leerling.post(`/api/v1/transfers/${transferId}/consent`, { includeSupport: true })).statusCode).toBe(200);
    const onlyPupil = await c.decaan.post(`/api/v1/transfers/${transferId}/send`);
    expect(onlyPupil.statusCode).toBe(409);
    expect(Object.keys(onlyPupil.json().error.fields)).toEqual(['consent.parent']);

    expect((await c.ouder2.post(`/api/v1/transfers/${transferId}/consent`, { includeSupport: true })).statusCode).toBe(200);
    // The school changes the form after the consent: the consent no longer covers it.
    expect((await c.decaan.patch(`/api/v1/transfers/${transferId}`, { lobActivities: 'Snuffelstage, open dag, beroepentest.' })).statusCode).toBe(200);
    const stale = await c.decaan.post(`/api/v1/transfers/${transferId}/send`);
    expect(stale.statusCode).toBe(409);
    const view = transferView.parse((await c.ouder2.get(`/api/v1/transfers/${transferId}`)).json());
    expect(view.consent.complete).toBe(false);
    expect(view.consent.given.every((g) => !g.current)).toBe(true);
    // Nobody but the sending school sends; nothing was sent.
    expect([403, 404]).toContain((await c.leerling.post(`/api/v1/transfers/${transferId}/send`)).statusCode);
    expect((await t.deps.db.selectFrom('transfers').select('status').where('id', '=', transferId).executeTakeFirstOrThrow()).status).toBe('draft');
  });

  let previewBeforeSend: unknown;
  it('shows pupil and parent exactly what will be sent, with support needs only under consent', async () => {
    await c.leerling.post(`/api/v1/transfers/${transferId}/consent`, { includeSupport: false });
    await c.ouder2.post(`/api/v1/transfers/${transferId}/consent`, { includeSupport: true });
    const view = transferView.parse((await c.leerling.get(`/api/v1/transfers/${transferId}`)).json());
    expect(view.consent.complete).toBe(true);
    // Daan did not agree to passing on support needs, and there is no legal basis.
    expect(view.preview!.supportNeeds).toBeNull();
    expect(view.preview!.supportBasis).toBeNull();
    expect(view.preview!.entries.map((e) => e.title)).toEqual(['Snuffelstage in verpleeghuis De Eik', 'Open dag ROC Koersland']);
    expect(view.preview!.entries[0].highlight).toBe(true);
    previewBeforeSend = view.preview;
    const parentView = transferView.parse((await c.ouder2.get(`/api/v1/transfers/${transferId}`)).json());
    expect(parentView.preview).toEqual(view.preview);
  });

  it('sends; the pupil sees the form exactly as sent, and the receiving school reads that same form, audited', async () => {
    const sent = await c.decaan.post(`/api/v1/transfers/${transferId}/send`);
    expect(sent.statusCode).toBe(200);
    const pupil = transferView.parse((await c.leerling.get(`/api/v1/transfers/${transferId}`)).json());
    expect(pupil.status).toBe('sent');
    expect(pupil.sent).toEqual({ ...(previewBeforeSend as object), sentAt: pupil.sentAt });
    expect(pupil.preview).toBeNull();
    expect(pupil.statuses.map((s) => s.status)).toEqual(['aangemeld']);
    // Once sent, the form cannot change and no more consent is asked.
    expect((await c.decaan.patch(`/api/v1/transfers/${transferId}`, { advice: 'anders' })).statusCode).toBe(403);
    expect((await c.decaan.post(`/api/v1/transfers/${transferId}/send`)).statusCode).toBe(409);

    const incoming = transferList.parse((await c.intake.get('/api/v1/transfers?direction=incoming')).json());
    expect(incoming.items.map((i) => i.id)).toEqual([transferId]);
    const received = transferView.parse((await c.intake.get(`/api/v1/transfers/${transferId}`)).json());
    expect(received.sent).toEqual(pupil.sent);
    expect(received.form).toBeNull();
    expect(received.sent!.supportNeeds).toBeNull();
    expect(JSON.stringify(received)).not.toContain('Extra tijd bij toetsen');
    expect(JSON.stringify(received)).not.toContain('Wat ik lastig vind');
    await t.deps.audit.flush();
    const intakeId = await userIdByEmail(t, 'intake@demo.koers.nl');
    const audit = (await c.leerling.get(`/api/v1/audit?studentId=${daan}`)).json();
    expect(audit.items.some((a: { action: string; actorId?: string; actor?: { id: string } }) => a.action === 'transfer.read' && JSON.stringify(a).includes(intakeId))).toBe(true);
  });

  it('a person with roles at two schools acts at each only through its own role', async () => {
    // decaan at De Brug and docent at the ROC: sends for De Brug, but receives nothing at the ROC
    const both = await addPerson(t, 'twee.scholen@demo.koers.nl', [
      { institutionId: deBrug, role: 'decaan' },
      { institutionId: roc, role: 'docent' },
    ]);
    expect(both).toBeTruthy();
    const p = await signIn(t, 'twee.scholen@demo.koers.nl');
    expect(transferList.parse((await p.get('/api/v1/transfers?direction=incoming')).json()).items).toEqual([]);
    expect(transferList.parse((await p.get('/api/v1/transfers?direction=outgoing')).json()).items.map((i) => i.id)).toContain(transferId);
    const view = transferView.parse((await p.get(`/api/v1/transfers/${transferId}`)).json());
    expect(view.viewer.role).toBe('sender');
    expect(view.viewer.canAccept).toBe(false);
    expect([403, 404]).toContain((await p.post(`/api/v1/transfers/${transferId}/accept`)).statusCode);
    // …and reads nothing of the ROC's own students through the De Brug role
    const sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    expect([403, 404]).toContain((await p.get(`/api/v1/students/${sanne}`)).statusCode);
    expect([403, 404]).toContain((await p.get(`/api/v1/students/${sanne}/portfolio/entries`)).statusCode);
    // The ROC's docent and mentor are not its intake: no incoming transfers
    expect(transferList.parse((await c.mentor.get('/api/v1/transfers?direction=incoming')).json()).items).toEqual([]);
  });

  it('the receiving school accepts; entries shared with next_school come along, entries not shared do not', async () => {
    // before acceptance the ROC reads nothing of Daan's portfolio
    expect([403, 404]).toContain((await c.intake.get(`/api/v1/students/${daan}/portfolio/entries`)).statusCode);
    const accepted = await c.intake.post(`/api/v1/transfers/${transferId}/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    expect((await c.intake.post(`/api/v1/transfers/${transferId}/accept`)).statusCode).toBe(409);
    const entries = await c.intake.get(`/api/v1/students/${daan}/portfolio/entries`);
    expect(entries.statusCode).toBe(200);
    const titles = entries.json().items.map((e: { title: string }) => e.title).sort();
    expect(titles).toEqual(['Open dag ROC Koersland', 'Snuffelstage in verpleeghuis De Eik']);
    // the entries stay the student's own
    const owners = await t.deps.db.selectFrom('portfolio_entries').select('student_id').where('title', 'in', titles).execute();
    expect(owners.every((o) => o.student_id === daan)).toBe(true);
    // the ROC's docent does not see them
    expect([403, 404]).toContain((await c.docent.get(`/api/v1/students/${daan}/portfolio/entries`)).statusCode);
  });

  it('plans and records the intake; the outcome and feedback reach the sending school, the conversation does not', async () => {
    expect([403, 404]).toContain((await c.decaan.post(`/api/v1/transfers/${transferId}/intake`, { plannedAt: '2026-12-01T13:00:00+01:00' })).statusCode);
    expect((await c.intake.patch(`/api/v1/transfers/${transferId}/intake`, { held: true })).statusCode).toBe(409);
    expect((await c.intake.post(`/api/v1/transfers/${transferId}/intake`, { plannedAt: 'morgen' })).statusCode).toBe(400);
    expect((await c.intake.post(`/api/v1/transfers/${transferId}/intake`, { plannedAt: '2026-12-01T13:00:00+01:00' })).statusCode).toBe(200);
    const recorded = await c.intake.patch(`/api/v1/transfers/${transferId}/intake`, {
      motivation: 'Daan wil graag met ouderen werken.',
      expectations: 'Veel praktijk.',
      supportNeeded: 'Vaste mentor.',
      firstAgreements: 'Meeloopdag in januari.',
      outcome: 'placed',
      feedback: 'Daan is geplaatst bij Helpende Zorg en Welzijn.',
      startsOn: '2027-08-30',
    });
    expect(recorded.statusCode).toBe(200);
    const decaanView = transferView.parse((await c.decaan.get(`/api/v1/transfers/${transferId}`)).json());
    expect(decaanView.intake).toEqual(expect.objectContaining({ outcome: 'placed', feedback: 'Daan is geplaatst bij Helpende Zorg en Welzijn.', motivation: null, firstAgreements: null }));
    expect(decaanView.statuses.map((s) => s.status)).toEqual(['aangemeld', 'intake_gehad', 'geplaatst']);
    const outgoing = transferList.parse((await c.decaan.get('/api/v1/transfers?direction=outgoing')).json());
    expect(outgoing.items.find((i) => i.id === transferId)).toEqual(expect.objectContaining({ outcome: 'placed', latestStatus: 'geplaatst' }));
    const pupil = transferView.parse((await c.leerling.get(`/api/v1/transfers/${transferId}`)).json());
    expect(pupil.intake!.firstAgreements).toBe('Meeloopdag in januari.');
    // placed: an enrolment at the ROC from the start date
    const enrolment = await t.deps.db.selectFrom('enrolments').select(['starts_on', 'programme_id']).where('student_id', '=', daan).where('institution_id', '=', roc).executeTakeFirstOrThrow();
    expect(String(enrolment.starts_on).slice(0, 10) === '2027-08-30' || new Date(enrolment.starts_on).toISOString().startsWith('2027-08')).toBe(true);
  });

  it('records the timeline after the start and shows the sending school its warm-handover rate', async () => {
    expect((await c.intake.post(`/api/v1/transfers/${transferId}/statuses`, { status: 'gestopt', occurredOn: '2027-10-01' })).json().error.fields.reason).toBeTruthy();
    expect((await c.intake.post(`/api/v1/transfers/${transferId}/statuses`, { status: 'gestart', occurredOn: '2027-08-30' })).statusCode).toBe(201);
    expect([403, 404]).toContain((await c.leerling.post(`/api/v1/transfers/${transferId}/statuses`, { status: 'gestart', occurredOn: '2027-08-30' })).statusCode);
    const rate = handoverView.parse((await c.decaan.get('/api/v1/transitions/handover')).json());
    expect(rate.institution.id).toBe(deBrug);
    expect(rate.leavers).toBe(1);
    expect(rate.started).toBe(1);
    expect(rate.warmHandoverRate).toBe(100);
    expect(rate.items[0]).toEqual(expect.objectContaining({ started: true, destination: 'ROC Koersland' }));
    expect((await c.decaan.get(`/api/v1/transitions/handover?institutionId=${roc}`)).statusCode).toBe(403);
    expect([403, 404]).toContain((await c.leerling.get('/api/v1/transitions/handover')).statusCode);
    const statuses = await listTransitionStatuses(t.deps, { institutionIds: [deBrug] });
    expect(statuses).toEqual([expect.objectContaining({ studentId: daan, status: 'gestart', transferStatus: 'accepted' })]);
  });

  it('exports the form as JSON and PDF, and a school imports a form in that format', async () => {
    const json = await c.leerling.get(`/api/v1/transfers/${transferId}/export.json`);
    expect(json.statusCode).toBe(200);
    const form = sentForm.parse(json.json());
    expect(form.format).toBe('koers-overstap/1');
    const pdf = await c.intake.get(`/api/v1/transfers/${transferId}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A school without Koers sends Daan's form to the hogeschool
    const hk = (await t.deps.db.selectFrom('institutions').select('id').where('brin', '=', '99HK').executeTakeFirstOrThrow()).id;
    await addPerson(t, 'intake.hk@demo.koers.nl', [{ institutionId: hk, role: 'intake' }]);
    const hkIntake = await signIn(t, 'intake.hk@demo.koers.nl');
    const external = { ...form, from: { name: 'Vavo Buitenaf', brin: '98VB', type: 'vo' as const }, to: { name: 'Hogeschool Koersland', brin: '99HK', type: 'hbo' as const } };
    expect((await hkIntake.post('/api/v1/transfers/import', { form: external })).json().error.code).toBe('import_student_unknown');
    expect((await hkIntake.post('/api/v1/transfers/import', { form: { ...external, format: 'iets' }, studentEmail: 'leerling@demo.koers.nl' })).json().error.fields['form.format']).toBeTruthy();
    const imported = await hkIntake.post('/api/v1/transfers/import', { form: external, studentEmail: 'leerling@demo.koers.nl' });
    expect(imported.statusCode).toBe(201);
    const view = transferView.parse(imported.json());
    expect(view).toEqual(expect.objectContaining({ imported: true, status: 'sent' }));
    expect(view.from.brin).toBe('98VB');
    expect(transferList.parse((await hkIntake.get('/api/v1/transfers?direction=incoming')).json()).items.map((i) => i.id)).toEqual([view.id]);
    expect([403, 404]).toContain((await c.leerling.post('/api/v1/transfers/import', { form: external, studentEmail: 'leerling@demo.koers.nl' })).statusCode);
  });

  it('mbo → work: the mentor starts the form for an adult-enough student, who alone consents; the school records work', async () => {
    const sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    const created = await c.mentor.post('/api/v1/transfers', { studentId: sanne, destination: 'work', employer: 'Zorgcentrum De Linde' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await c.student.patch(`/api/v1/transfers/${id}`, { includeCv: true, alumniContactConsent: true })).statusCode).toBe(200);
    expect((await c.student.post(`/api/v1/transfers/${id}/consent`, {})).statusCode).toBe(200);
    const view = transferView.parse((await c.student.get(`/api/v1/transfers/${id}`)).json());
    expect(view.consent.required).toEqual(['student']);
    expect(view.preview!.cv).not.toBeNull();
    expect(view.preview!.alumniContactConsent).toBe(true);
    expect((await c.mentor.post(`/api/v1/transfers/${id}/send`)).statusCode).toBe(200);
    expect((await c.mentor.post(`/api/v1/transfers/${id}/statuses`, { status: 'werk', occurredOn: '2026-11-20' })).statusCode).toBe(201);
    // another student's mentor sees nothing
    expect([403, 404]).toContain((await (await signIn(t, 'student2@demo.koers.nl')).get(`/api/v1/transfers/${id}`)).statusCode);
  });
  it('the vo school cannot read the student’s records at the mbo after the transfer', async () => {
    // A De Brug administrator and LOB-coördinator exist too; and the ROC places Daan in a group with a mentor.
    await addPerson(t, 'beheer.debrug@demo.koers.nl', [{ institutionId: deBrug, role: 'institution_admin' }, { institutionId: deBrug, role: 'lob_coordinator' }]);
    const zw2a = (await t.deps.db.selectFrom('groups').select('id').where('code', '=', 'ZW2A').executeTakeFirstOrThrow()).id;
    await t.deps.db.updateTable('enrolments').set({ group_id: zw2a }).where('student_id', '=', daan).where('institution_id', '=', roc).execute();
    // Before the move De Brug's own admin reads its pupil's profile (its pupil, its relation).
    expect((await (await signIn(t, 'beheer.debrug@demo.koers.nl')).get(`/api/v1/students/${daan}`)).statusCode).toBe(200);
    // After the start at the ROC, Daan writes an entry for his new mentor.
    t.clock.set('2027-09-15T10:00:00Z');
    const daanNow = await signIn(t, 'leerling@demo.koers.nl');
    const entry = await daanNow.post('/api/v1/portfolio/entries', { kind: 'school', title: 'Eerste week op het ROC', occurredOn: '2027-09-10', competencies: ['loopbaansturing'], reflection: { orientatie: 'a', mening: 'b', reflectie: 'c' }, sharing: ['mentor'] });
    expect(entry.statusCode).toBe(201);
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    expect((await mentor.get(`/api/v1/students/${daan}/portfolio/entries`)).json().items.map((e: { title: string }) => e.title)).toContain('Eerste week op het ROC');
    const decaan = await signIn(t, 'decaan@demo.koers.nl');
    const vo = await signIn(t, 'beheer.debrug@demo.koers.nl');
    for (const client of [vo, decaan]) {
      for (const url of [`/api/v1/students/${daan}`, `/api/v1/students/${daan}/portfolio/entries`, `/api/v1/students/${daan}/conversations`, `/api/v1/students/${daan}/lob-status`, `/api/v1/portfolio/entries/${entry.json().id}`]) {
        const res = await client.get(url);
        expect([403, 404], url).toContain(res.statusCode);
      }
    }
  });

});
