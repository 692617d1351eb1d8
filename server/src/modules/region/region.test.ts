import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { recordPlacementStatus } from './service.js';

type Client = Awaited<ReturnType<typeof signIn>>;

/** A multipart upload with one field "file", sent as the given client. */
async function upload(t: TestApp, c: Client, url: string, content: string) {
  const boundary = '----koers' + Math.random().toString(16).slice(2);
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="import.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: `koers_session=${c.cookie}`, 'x-csrf-token': c.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.from(body),
  });
}

const youthId = async (t: TestApp, given: string) =>
  (await t.deps.db.selectFrom('region_youth').select('id').where('given_name', '=', given).executeTakeFirstOrThrow()).id;

describe.each(testEngines())('regional registry and cases on %s', (engine) => {
  let t: TestApp;
  let rmc: Client, leerplicht: Client, regio: Client, mentor: Client, coordinator: Client, admin: Client, student: Client;
  let rmcId: string, leerplichtId: string, regioId: string, sanne: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [rmc, leerplicht, regio, mentor, coordinator, admin, student] = await Promise.all(
      ['rmc', 'leerplicht', 'regio', 'mentor', 'coordinator', 'admin', 'student'].map((k) => signIn(t, `${k}@demo.koers.nl`)),
    );
    [rmcId, leerplichtId, regioId, sanne] = await Promise.all(['rmc', 'leerplicht', 'regio', 'student'].map((k) => userIdByEmail(t, `${k}@demo.koers.nl`)));
  });
  afterAll(() => t?.close());

  it('GET /api/v1/region/youth?status=without_place answers the RMC user as the contract says', async () => {
    const res = await rmc.get('/api/v1/region/youth?status=without_place');
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const item of items) {
      expect(item).toEqual(expect.objectContaining({ id: expect.any(String), age: expect.any(Number), since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }));
      expect(item).toHaveProperty('caseOwner');
      expect(item.status).toBe('without_place');
    }
    expect(items.some((i: any) => i.caseOwner === null)).toBe(true);
    expect(items.some((i: any) => i.caseOwner?.id === rmcId)).toBe(true);
    // most urgent first: every young person without a case owner comes before those with one
    const firstOwned = items.findIndex((i: any) => i.caseOwner !== null);
    expect(items.slice(firstOwned).every((i: any) => i.caseOwner !== null)).toBe(true);
    const unowned = items.slice(0, firstOwned);
    expect(unowned.map((i: any) => i.since)).toEqual([...unowned.map((i: any) => i.since)].sort());
  });

  it('shows the RMC user only young people of their own region, within the RMC task (18–23) or with consent', async () => {
    const { items } = (await rmc.get('/api/v1/region/youth')).json();
    const names = items.map((i: any) => i.name);
    expect(names).not.toContain('Yara Bos'); // another RMC region
    expect(names).not.toContain('Fleur de Graaf'); // 16: leerplicht, not RMC
    expect(names).toContain('Esra Öztürk'); // 24, with consent
    for (const i of items) expect(i.age).toBeGreaterThanOrEqual(18);
    expect(items.find((i: any) => i.name === 'Esra Öztürk').legalBasis).toBe('consent');
    // another region's young person is not even there for them
    expect((await rmc.get(`/api/v1/region/youth/${await youthId(t, 'Yara')}`)).statusCode).toBe(404);
    expect((await rmc.get(`/api/v1/region/youth/${await youthId(t, 'Fleur')}`)).statusCode).toBe(404);
  });

  it('drops a young person of 23+ from the RMC user’s view when consent is withdrawn', async () => {
    const esra = await youthId(t, 'Esra');
    await t.deps.db.updateTable('region_youth').set({ consent_at: null }).where('id', '=', esra).execute();
    try {
      expect((await rmc.get(`/api/v1/region/youth/${esra}`)).statusCode).toBe(404);
      const { items } = (await rmc.get('/api/v1/region/youth')).json();
      expect(items.map((i: any) => i.id)).not.toContain(esra);
    } finally {
      await t.deps.db.updateTable('region_youth').set({ consent_at: t.clock.now() }).where('id', '=', esra).execute();
    }
  });

  it('shows the RMC user nothing of any portfolio', async () => {
    for (const url of [`/api/v1/students/${sanne}`, `/api/v1/students/${sanne}/portfolio/entries`, `/api/v1/students/${sanne}/portfolio/growth`, `/api/v1/students/${sanne}/conversations`]) {
      expect([403, 404], url).toContain((await rmc.get(url)).statusCode);
    }
  });

  it('shows a leerplichtambtenaar only young people under 18', async () => {
    const res = await leerplicht.get('/api/v1/region/youth?status=without_place');
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const i of items) {
      expect(i.age).toBeLessThan(18);
      expect(i.legalBasis).toBe('leerplicht');
    }
    expect((await leerplicht.get(`/api/v1/region/youth/${await youthId(t, 'Ayoub')}`)).statusCode).toBe(404);
    expect((await leerplicht.get(`/api/v1/region/youth/${await youthId(t, 'Fleur')}`)).statusCode).toBe(200);
  });

  it('lets no school staff member or student open the regional overview', async () => {
    const ayoub = await youthId(t, 'Ayoub');
    for (const c of [mentor, coordinator, admin, student]) {
      expect((await c.get('/api/v1/region/youth?status=without_place')).statusCode).toBe(403);
      expect((await c.get(`/api/v1/region/youth/${ayoub}`)).statusCode).toBe(404);
      expect((await c.put(`/api/v1/region/youth/${ayoub}/case-owner`, { userId: rmcId })).statusCode).toBe(404);
      expect((await c.get('/api/v1/region/signals')).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/region/youth' })).statusCode).toBe(401);
  });

  it('audits every read, list and single record, and shows the young person who read their record', async () => {
    // Jesse gets a Koers account; his record is linked to it.
    const jesseYouth = await youthId(t, 'Jesse');
    const { password_hash } = await t.deps.db.selectFrom('credentials').select('password_hash').where('user_id', '=', rmcId).executeTakeFirstOrThrow();
    const jesse = await t.deps.db.insertInto('users').values({ email: 'jesse@demo.koers.nl', given_name: 'Jesse', family_name: 'Bakker', display_name: 'Jesse Bakker', birth_date: null }).returning('id').executeTakeFirstOrThrow();
    await t.deps.db.insertInto('credentials').values({ user_id: jesse.id, password_hash, password_changed_at: t.clock.now() }).execute();
    await t.deps.db.updateTable('region_youth').set({ user_id: jesse.id }).where('id', '=', jesseYouth).execute();

    const list = (await rmc.get('/api/v1/region/youth?status=without_place')).json().items;
    expect((await rmc.get(`/api/v1/region/youth/${jesseYouth}`)).statusCode).toBe(200);
    await t.deps.audit.flush();
    const rows = await t.deps.db.selectFrom('audit_log').select(['action', 'subject_id', 'student_id', 'institution_id']).where('actor_id', '=', rmcId).where('subject_type', '=', 'region_youth').execute();
    for (const item of list) expect(rows.some((r) => r.action === 'region.youth.list' && r.subject_id === item.id), item.name).toBe(true);
    const detail = rows.find((r) => r.action === 'region.youth.read' && r.subject_id === jesseYouth);
    expect(detail?.student_id).toBe(jesse.id);
    expect(detail?.institution_id).toBeTruthy();

    const own = await signIn(t, 'jesse@demo.koers.nl');
    const mine = await own.get('/api/v1/me/region');
    expect(mine.statusCode).toBe(200);
    const [record] = mine.json().items;
    expect(record.id).toBe(jesseYouth);
    expect(record.reads.some((r: any) => r.actor?.id === rmcId && r.action === 'region.youth.read')).toBe(true);
    // Others have no record of their own here, and never see Jesse's
    expect((await student.get('/api/v1/me/region')).json().items).toEqual([]);
  });

  it('assigns and changes the case owner with history; refuses an owner without a legal basis', async () => {
    const ayoub = await youthId(t, 'Ayoub');
    const bad = await rmc.put(`/api/v1/region/youth/${ayoub}/case-owner`, { userId: 'nobody' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('userId');
    // the leerplichtambtenaar has no basis for a 19-year-old
    const noBasis = await rmc.put(`/api/v1/region/youth/${ayoub}/case-owner`, { userId: leerplichtId });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().error.fields).toHaveProperty('userId');

    const candidates = (await rmc.get(`/api/v1/region/youth/${ayoub}/owner-candidates`)).json().items.map((c: any) => c.id);
    expect(candidates).toEqual(expect.arrayContaining([rmcId, regioId]));
    expect(candidates).not.toContain(leerplichtId);

    const res = await rmc.put(`/api/v1/region/youth/${ayoub}/case-owner`, { userId: rmcId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ youthId: ayoub, caseOwner: { id: rmcId } });
    t.clock.advance(60_000);
    expect((await regio.put(`/api/v1/region/youth/${ayoub}/case-owner`, { userId: regioId })).statusCode).toBe(200);
    const detail = (await rmc.get(`/api/v1/region/youth/${ayoub}`)).json();
    expect(detail.caseOwner.id).toBe(regioId);
    expect(detail.openCase.owners.map((o: any) => [o.owner.id, o.assignedBy.id, o.endedAt === null])).toEqual([
      [rmcId, rmcId, false],
      [regioId, regioId, true],
    ]);
    const listed = (await rmc.get('/api/v1/region/youth?status=without_place')).json().items.find((i: any) => i.id === ayoub);
    expect(listed.caseOwner).toEqual({ id: regioId, displayName: 'Samira Haddou' });
    // back to the RMC user for the rest of the story
    expect((await rmc.put(`/api/v1/region/youth/${ayoub}/case-owner`, { userId: rmcId })).statusCode).toBe(200);
  });

  it('records actions with follow-up dates and closes the case with an outcome', async () => {
    const ayoub = await youthId(t, 'Ayoub');
    const past = await rmc.post(`/api/v1/region/youth/${ayoub}/case/actions`, { kind: 'contact', body: 'Gebeld', followUpOn: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields).toHaveProperty('followUpOn');
    expect((await rmc.post(`/api/v1/region/youth/${ayoub}/case/actions`, { kind: 'phone', body: 'x' })).json().error.fields).toHaveProperty('kind');

    const added = await rmc.post(`/api/v1/region/youth/${ayoub}/case/actions`, { kind: 'home_visit', body: 'Huisbezoek: wil een BBL-plek in de ICT.', followUpOn: '2026-12-07' });
    expect(added.statusCode).toBe(201);
    let detail = (await rmc.get(`/api/v1/region/youth/${ayoub}`)).json();
    expect(detail.openCase.followUpOn).toBe('2026-12-07');
    expect(detail.openCase.actions[0]).toMatchObject({ kind: 'home_visit', followUpOn: '2026-12-07', createdBy: { id: rmcId } });

    expect((await rmc.post(`/api/v1/region/youth/${ayoub}/case/close`, { outcome: 'gone' })).statusCode).toBe(400);
    const closed = await rmc.post(`/api/v1/region/youth/${ayoub}/case/close`, { outcome: 'back_to_school', note: 'Start in januari met BBL Software developer.' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ outcome: 'back_to_school', status: 'school' });
    detail = (await rmc.get(`/api/v1/region/youth/${ayoub}`)).json();
    expect(detail.status).toBe('school');
    expect(detail.openCase).toBeNull();
    expect(detail.closedCases[0]).toMatchObject({ outcome: 'back_to_school', outcomeNote: 'Start in januari met BBL Software developer.' });
    expect(detail.placements[0]).toMatchObject({ status: 'school', source: 'case_outcome' });
    const { items } = (await rmc.get('/api/v1/region/youth?status=without_place')).json();
    expect(items.map((i: any) => i.id)).not.toContain(ayoub);
    expect((await rmc.post(`/api/v1/region/youth/${ayoub}/case/close`, { outcome: 'work' })).statusCode).toBe(409);
    // terugkoppeling: the school he left hears how it ended, and nothing more
    const feedback = (await coordinator.get('/api/v1/region/feedback')).json().items;
    expect(feedback.find((f: any) => f.name === 'Ayoub Kaya')).toEqual({ name: 'Ayoub Kaya', programme: 'Software developer', outcome: 'back_to_school', closedOn: expect.any(String) });
    expect((await mentor.get('/api/v1/region/feedback')).statusCode).toBe(403);
    expect((await rmc.get('/api/v1/region/feedback')).statusCode).toBe(403);
  });

  it('filters by age band, gemeente, reason, time without place and owner', async () => {
    const q = async (query: string) => (await regio.get(`/api/v1/region/youth?status=without_place&${query}`)).json().items;
    for (const i of await q('ageMin=18&ageMax=20')) expect(i.age).toBeGreaterThanOrEqual(18), expect(i.age).toBeLessThanOrEqual(20);
    const veenendaal = await q('gemeente=veenendaal');
    expect(veenendaal.length).toBeGreaterThan(0);
    for (const i of veenendaal) expect(i.gemeente).toBe('Veenendaal');
    for (const i of await q('reason=not_enrolled')) expect(i.reason).toBe('not_enrolled');
    for (const i of await q('minDays=100')) expect(i.daysInStatus).toBeGreaterThanOrEqual(100);
    for (const i of await q('owner=none')) expect(i.caseOwner).toBeNull();
    const bad = await regio.get('/api/v1/region/youth?ageMin=20&ageMax=18');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('ageMax');
    expect((await regio.get('/api/v1/region/youth?status=lost')).json().error.fields).toHaveProperty('status');
    // pagination keeps the urgency order and loses no one
    const all = await q('limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await regio.get(`/api/v1/region/youth?status=without_place&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i: any) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((i: any) => i.id));
  });

  it('signals cases past their follow-up date without activity to the regional coordinator only', async () => {
    const res = await regio.get('/api/v1/region/signals');
    expect(res.statusCode).toBe(200);
    const lotte = res.json().items.find((s: any) => s.name === 'Lotte Mulder');
    expect(lotte).toMatchObject({ kind: 'follow_up_overdue', daysOverdue: 7 });
    expect(res.json().items.some((s: any) => s.kind === 'no_owner')).toBe(true);
    expect((await rmc.get('/api/v1/region/signals')).statusCode).toBe(403);
    // an action after the follow-up date clears the signal
    const lotteId = await youthId(t, 'Lotte');
    await rmc.post(`/api/v1/region/youth/${lotteId}/case/actions`, { kind: 'contact', body: 'Weer gebeld; komt volgende week langs.' });
    const after = (await regio.get('/api/v1/region/signals')).json().items;
    expect(after.find((s: any) => s.youthId === lotteId && s.kind === 'follow_up_overdue')).toBeUndefined();
  });

  it('imports school leavers and municipal registrations, reporting each rejected row with its reason', async () => {
    const csv = [
      'ref,given_name,family_name,birth_date,gemeente,school,brin,programme,level,started_on,left_on,reason',
      'L-1,Bo,Jansen,2006-03-04,Amersfoort,ROC Koersland,99KL,Verzorgende-IG,3,2025-08-25,2026-10-01,dropout',
      'L-2,Sem,Smit,2007-13-01,Soest,ROC Koersland,99KL,Verzorgende-IG,3,2025-08-25,2026-10-01,dropout',
      'L-3,Noa,Kramer,2006-01-01,Soest,,,,,,,',
      'L-4,Liv,Dekker,1990-01-01,Soest,,,,,,2026-09-01,',
      'L-5,Tess,Koster,2006-05-05,Leusden,ROC Koersland,99KL,Helpende,7,,2026-09-01,dropout',
      'L-6,Tom,Vos,2006-05-05,Leusden,,,,,,2026-09-01,bored',
      'L-1,Bo,Jansen,2006-03-04,Amersfoort,,,,,,2026-10-01,dropout',
      'L-8,Ida,Postma,2006-05-05',
    ].join('\n');
    const res = await upload(t, rmc, '/api/v1/region/imports?kind=school_leavers', csv);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(1);
    expect(body.rejected.map((r: any) => r.row)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    for (const r of body.rejected) expect(r.reason.length).toBeGreaterThan(5);
    expect(body.rejected[0].reason).toMatch(/birth_date/);
    expect(body.rejected[1].reason).toMatch(/left_on/);
    const bo = (await rmc.get('/api/v1/region/youth?status=without_place')).json().items.find((i: any) => i.name === 'Bo Jansen');
    expect(bo).toMatchObject({ lastSchool: 'ROC Koersland', lastProgramme: 'Verzorgende-IG', reason: 'dropout', since: '2026-10-01', caseOwner: null });

    const municipal = ['ref,given_name,family_name,birth_date,gemeente,status,since,reason', 'G-1,Bo,Jansen,2006-03-04,Amersfoort,work,2026-11-01,'].join('\n');
    const again = await upload(t, rmc, '/api/v1/region/imports?kind=municipal', municipal);
    expect(again.json()).toMatchObject({ imported: 0, updated: 1, rejected: [] }); // the same young person, found by name and birth date
    expect((await rmc.get('/api/v1/region/youth?status=work')).json().items.map((i: any) => i.name)).toContain('Bo Jansen');
    // the same school-leavers file twice updates instead of duplicating
    const twice = await upload(t, rmc, '/api/v1/region/imports?kind=school_leavers', csv.split('\n').slice(0, 2).join('\n'));
    expect(twice.json()).toMatchObject({ imported: 0, updated: 1 });

    const header = await upload(t, rmc, '/api/v1/region/imports?kind=municipal', 'naam,geboortedatum\nx,y');
    expect(header.statusCode).toBe(400);
    expect(header.json().error.fields).toHaveProperty('file');
    expect((await upload(t, mentor, '/api/v1/region/imports?kind=municipal', municipal)).statusCode).toBe(403);
    expect((await rmc.post('/api/v1/region/imports?kind=municipal', {})).statusCode).toBe(415);
  });

  it('records placement statuses from other modules through recordPlacementStatus', async () => {
    const regionId = (await t.deps.db.selectFrom('regions').select('id').where('code', '=', 'RMC-DEMO').executeTakeFirstOrThrow()).id;
    const base = { rmcRegionId: regionId, source: 'transition' as const, sourceRef: 'transfer-42', givenName: 'Daan', familyName: 'Vermeer', birthDate: '2011-06-01', gemeente: 'Amersfoort' };
    const first = await t.deps.db.transaction().execute((trx) => recordPlacementStatus(trx, t.clock, { ...base, status: 'without_place', since: '2026-09-01', reason: 'not_enrolled' }));
    expect(first.created).toBe(true);
    const second = await t.deps.db.transaction().execute((trx) => recordPlacementStatus(trx, t.clock, { ...base, status: 'school', since: '2026-10-01', institutionName: 'ROC Koersland', programme: 'Helpende Zorg en Welzijn', level: 2 }));
    expect(second).toEqual({ youthId: first.youthId, created: false });
    // a late report of an older status lands in the history but does not change the present
    await t.deps.db.transaction().execute((trx) => recordPlacementStatus(trx, t.clock, { ...base, status: 'without_place', since: '2026-08-01', reason: 'not_enrolled' }));
    const detail = (await leerplicht.get(`/api/v1/region/youth/${first.youthId}`)).json();
    expect(detail.status).toBe('school');
    expect(detail.placements.map((p: any) => p.since)).toEqual(['2026-10-01', '2026-09-01', '2026-08-01']);
    await expect(t.deps.db.transaction().execute((trx) => recordPlacementStatus(trx, t.clock, { ...base, sourceRef: 'x', birthDate: '1980-01-01', status: 'work', since: '2026-10-01' }))).rejects.toThrow();
  });

  it('lists the legal basis of each regional role for regional users only', async () => {
    const res = await rmc.get('/api/v1/region/legal-bases');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual(expect.arrayContaining([
      expect.objectContaining({ role: 'leerplichtambtenaar', basis: 'leerplicht', minAge: 12, maxAge: 18, requiresConsent: false }),
      expect.objectContaining({ role: 'rmc_trajectbegeleider', basis: 'rmc', minAge: 18, maxAge: 23 }),
      expect.objectContaining({ role: 'rmc_trajectbegeleider', basis: 'consent', requiresConsent: true }),
    ]));
    expect((await mentor.get('/api/v1/region/legal-bases')).statusCode).toBe(403);
  });

  it('exports and erases what the region holds about a person', async () => {
    const { regionPrivacy } = await import('./privacy.js');
    const exported = await regionPrivacy.exportFor(t.deps.db, rmcId);
    expect((exported.asWorker as any).casesOwned.length).toBeGreaterThan(0);
    const jesse = await userIdByEmail(t, 'jesse@demo.koers.nl');
    expect(((await regionPrivacy.exportFor(t.deps.db, jesse)).records as any[]).length).toBe(1);
    await t.deps.db.transaction().execute((trx) => regionPrivacy.eraseFor(trx, jesse));
    const linked = await sql<{ n: number }>`select count(*)::int as n from region_youth where user_id = ${jesse}`.execute(t.deps.db);
    expect(linked.rows[0].n).toBe(0);
  });

  it('shows a meeting participant the young people on the agenda only during the meeting window', async () => {
    const start = t.clock.now();
    const kevin = await youthId(t, 'Kevin');
    const mentorId = await userIdByEmail(t, 'mentor@demo.koers.nl');
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
    const body = { kind: 'casusoverleg', title: 'Casusoverleg Amersfoort', startsAt: at(10), endsAt: at(40), participantIds: [mentorId] };
    // need-to-know: the organiser can only put young people on the agenda they have a basis for
    const noBasis = await rmc.post('/api/v1/region/meetings', { ...body, youthIds: [kevin, await youthId(t, 'Fleur')] });
    expect(noBasis.statusCode).toBe(400);
    expect(noBasis.json().error.fields).toHaveProperty('youthIds');
    expect((await mentor.post('/api/v1/region/meetings', { ...body, youthIds: [] })).statusCode).toBe(403);
    expect((await rmc.post('/api/v1/region/meetings', { ...body, endsAt: at(5), youthIds: [kevin] })).json().error.fields).toHaveProperty('endsAt');
    const created = await rmc.post('/api/v1/region/meetings', { ...body, youthIds: [kevin] });
    expect(created.statusCode).toBe(201);
    const meeting = `/api/v1/region/meetings/${created.json().id}`;
    try {
      // before the meeting: the participant sees that it exists, not who is on the agenda
      expect((await mentor.get(`/api/v1/region/youth/${kevin}`)).statusCode).toBe(404);
      expect((await mentor.get(meeting)).json()).toMatchObject({ agenda: [], hiddenItems: 1, running: false });
      expect((await mentor.get('/api/v1/region/meetings')).json().items.map((m: any) => m.id)).toContain(created.json().id);

      t.clock.set(at(15));
      const during = await mentor.get(`/api/v1/region/youth/${kevin}`);
      expect(during.statusCode).toBe(200);
      expect(during.json()).toMatchObject({ id: kevin, access: 'meeting' });
      expect((await mentor.get(meeting)).json().agenda).toEqual([expect.objectContaining({ youthId: kevin, name: 'Kevin Pinas' })]);
      // only the young people on the agenda, and never the overview
      expect((await mentor.get(`/api/v1/region/youth/${await youthId(t, 'Jesse')}`)).statusCode).toBe(404);
      expect((await mentor.get('/api/v1/region/youth')).statusCode).toBe(403);
      const decided = await mentor.put(`${meeting}/agenda/${kevin}/decision`, {
        decision: 'Aanmelden bij het jongerenloket; school kijkt naar een entree-plek.',
        action: { kind: 'referral', body: 'Aangemeld bij het jongerenloket.', followUpOn: '2026-12-14' },
      });
      expect(decided.statusCode).toBe(200);
      const kevinCase = (await rmc.get(`/api/v1/region/youth/${kevin}`)).json().openCase;
      expect(kevinCase.actions[0]).toMatchObject({ kind: 'referral', meetingId: created.json().id, createdBy: { id: mentorId } });
      expect(kevinCase.followUpOn).toBe('2026-12-14');
      expect((await mentor.put(`${meeting}/agenda/${await youthId(t, 'Jesse')}/decision`, { decision: 'x' })).statusCode).toBe(400);

      // after the meeting: access ends
      t.clock.set(at(41));
      expect((await mentor.get(`/api/v1/region/youth/${kevin}`)).statusCode).toBe(404);
      expect((await mentor.get(meeting)).json()).toMatchObject({ agenda: [], hiddenItems: 1, running: false });
      expect((await mentor.put(`${meeting}/agenda/${kevin}/decision`, { decision: 'Nog iets' })).statusCode).toBe(403);
      // the organiser keeps seeing the young people they have a basis for
      expect((await rmc.get(meeting)).json().agenda).toHaveLength(1);
      // someone outside the meeting never sees it
      expect((await coordinator.get(meeting)).statusCode).toBe(404);

      await t.deps.audit.flush();
      const reads = await t.deps.db.selectFrom('audit_log').select('action').where('actor_id', '=', mentorId).where('subject_id', '=', kevin).where('outcome', '=', 'ok').execute();
      expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['region.youth.read', 'region.meeting.read', 'region.case.action']));
    } finally {
      t.clock.set(start);
    }
  });

  it('analyses dropout with groups under 10 hidden, and exports it as CSV', async () => {
    const regionId = (await t.deps.db.selectFrom('regions').select('id').where('code', '=', 'RMC-DEMO').executeTakeFirstOrThrow()).id;
    const groups = [
      { programme: 'Kok', level: 2, count: 12 },
      { programme: 'Bakker', level: 2, count: 3 },
      { programme: 'Kapper', level: 3, count: 10 },
    ];
    await t.deps.db.transaction().execute(async (trx) => {
      let i = 0;
      for (const g of groups) {
        for (let k = 0; k < g.count; k++, i++) {
          const base = { rmcRegionId: regionId, source: 'school_leavers' as const, sourceRef: `D-${i}`, givenName: 'Test', familyName: `Uitval ${i}`, birthDate: '2005-05-05', gemeente: 'Amersfoort' };
          await recordPlacementStatus(trx, t.clock, { ...base, status: 'without_place', since: '2024-03-15', reason: 'dropout', institutionName: 'ROC Koersland', programme: g.programme, level: g.level, programmeStartedOn: '2023-08-28' });
          // of the cooks, 6 are back at school within 3 months and 2 more at work within 6
          if (g.programme === 'Kok' && k < 6) await recordPlacementStatus(trx, t.clock, { ...base, status: 'school', since: '2024-05-01' });
          if (g.programme === 'Kok' && (k === 6 || k === 7)) await recordPlacementStatus(trx, t.clock, { ...base, status: 'work', since: '2024-08-01' });
        }
      }
    });
    const period = 'from=2024-01-01&to=2024-12-31';
    const res = await regio.get(`/api/v1/region/dropout?by=programme&${period}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const byValue = Object.fromEntries(body.items.map((c: any) => [c.value, c]));
    expect(byValue['Kok (niveau 2)']).toMatchObject({ n: 12, placed3m: 6, known3m: 12, placed6m: 8, suppressed: false });
    expect(byValue['Kok (niveau 2)'].pct3m).toBe(50);
    expect(byValue['Kok (niveau 2)'].pct6m).toBeCloseTo(66.667, 2);
    // fewer than 10: not shown
    expect(byValue['Bakker (niveau 2)']).toMatchObject({ n: null, placed3m: null, pct3m: null, pct6m: null, suppressed: true });
    // the only other hidden group would follow from the total: hidden too
    expect(byValue['Kapper (niveau 3)']).toMatchObject({ n: null, suppressed: true });
    expect(body.total).toMatchObject({ n: 25 });

    const levels = (await regio.get(`/api/v1/region/dropout?by=level&${period}`)).json().items;
    expect(levels.map((c: any) => [c.value, c.n])).toEqual([['2', 15], ['3', 10]]);
    const months = (await rmc.get(`/api/v1/region/dropout?by=month&${period}`)).json().items;
    expect(months).toEqual([expect.objectContaining({ value: '7', n: 25 })]);

    const csv = await regio.get(`/api/v1/region/dropout.csv?by=programme&${period}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('programme,n,placed_3m,known_3m,pct_placed_3m,placed_6m,known_6m,pct_placed_6m,suppressed');
    expect(lines).toContain('Bakker (niveau 2),,,,,,,,1');
    expect(lines).toContain('Kok (niveau 2),12,6,12,50,8,12,66.7,0');
    expect(lines.at(-1)).toMatch(/^total,25,/);

    expect((await mentor.get(`/api/v1/region/dropout?${period}`)).statusCode).toBe(403);
    expect((await mentor.get(`/api/v1/region/dropout.csv?${period}`)).statusCode).toBe(403);
    expect((await regio.get('/api/v1/region/dropout?by=gender')).json().error.fields).toHaveProperty('by');
    expect((await regio.get('/api/v1/region/dropout?from=2024-05-01&to=2024-01-01')).statusCode).toBe(400);
  });

  it('keeps the sociale kaart: searchable by everyone in the region, edited by the regional coordinator, linked from a case', async () => {
    const all = (await rmc.get('/api/v1/region/services')).json().items;
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(new Set(all.map((s: any) => s.kind))).toEqual(new Set(['entree', 'jongerenloket', 'werkgeversservicepunt', 'zorg', 'dagbesteding', 'other']));
    // by words, kind and age (limits included)
    expect((await rmc.get('/api/v1/region/services?q=leerwerk')).json().items.map((s: any) => s.name)).toEqual(['Leerwerkloket Midden-Utrecht']);
    // words in the eligibility rules count too
    expect((await rmc.get('/api/v1/region/services?q=proefplaatsing')).json().items.map((s: any) => s.name)).toEqual(['Werkgeversservicepunt Regio Amersfoort']);
    for (const s of (await rmc.get('/api/v1/region/services?age=24')).json().items) {
      expect(s.minAge === null || s.minAge <= 24).toBe(true);
      expect(s.maxAge === null || s.maxAge >= 24).toBe(true);
    }
    expect((await rmc.get('/api/v1/region/services?kind=zorg')).json().items).toHaveLength(1);
    // school staff of the region see the map too (it holds no personal data)
    expect((await mentor.get('/api/v1/region/services')).json().items.length).toBe(all.length);

    const body = { name: 'Stichting Nieuwe Start', kind: 'dagbesteding', audience: 'Jongeren na detentie', minAge: 18, maxAge: 27, eligibility: 'Via de reclassering of de casuseigenaar.', contact: '033 400 50 60', url: 'https://www.example.nl/nieuwestart' };
    expect((await rmc.post('/api/v1/region/services', body)).statusCode).toBe(403);
    const bad = await regio.post('/api/v1/region/services', { ...body, minAge: 20, maxAge: 18, url: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['url']));
    const created = await regio.post('/api/v1/region/services', body);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await regio.patch(`/api/v1/region/services/${id}`, { contact: '033 400 50 61' })).json()).toMatchObject({ contact: '033 400 50 61', name: 'Stichting Nieuwe Start' });
    expect((await rmc.patch(`/api/v1/region/services/${id}`, { contact: 'x' })).statusCode).toBe(403);
    expect((await mentor.get(`/api/v1/region/services/${id}`)).statusCode).toBe(200);

    // a case action refers to a service of the region's map
    const nour = await youthId(t, 'Nour');
    const linked = await rmc.post(`/api/v1/region/youth/${nour}/case/actions`, { kind: 'referral', body: 'Aangemeld bij Stichting Nieuwe Start.', serviceId: id });
    expect(linked.statusCode).toBe(201);
    expect((await rmc.get(`/api/v1/region/youth/${nour}`)).json().openCase.actions[0].service).toEqual({ id, name: 'Stichting Nieuwe Start' });
    const unknown = await rmc.post(`/api/v1/region/youth/${nour}/case/actions`, { kind: 'referral', body: 'x', serviceId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.json().error.fields).toHaveProperty('serviceId');

    expect((await regio.delete(`/api/v1/region/services/${id}`)).statusCode).toBe(204);
    expect((await rmc.get(`/api/v1/region/youth/${nour}`)).json().openCase.actions[0]).toMatchObject({ body: 'Aangemeld bij Stichting Nieuwe Start.', service: null });
  });
});
