import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { hashPassword } from '../identity/passwords.js';
import { lobStatusOfStudents } from '../programme/service.js';
import { institutionFigures, loadStudentFacts, withLobStatus } from './compute.js';
import { FEED_HEADER } from './feed.js';
import { refreshRollup } from './rollup.js';

type Client = Awaited<ReturnType<typeof signIn>>;
const YEAR = '2026-2027'; // the test clock stands on 2026-11-23

/**
 * A small institution "ROC Testland" built by hand next to the demo school, counted on paper:
 *
 *   team A — opleiding PA — group GA1 (12 students s1…s12), group GA2 (10 students, no records)
 *   team B — opleiding PB — group GB1 (11 students), group GB2 (4 students)
 *
 * GA1: conversations held this year s1 ×2, s2 ×1, s3 ×1; s4 only planned; s5 held last school year.
 *      activities: open day attended by s1, s2; workshop attended by s2, s3 (s4 registered, absent).
 *      entries: s1 two (one with all three aspects [kwaliteiten, motieven], one with orientatie only
 *      [kwaliteiten]); s2 one with all three [netwerken]; s3 one draft (does not count).
 *      self-assessments: s1 twice (all 2 → kwaliteiten 4, motieven 3, rest 2); s2 once.
 * Kwaliteitskaart: 2 actions done, 1 planned, 1 dropped.
 */
describe.each(testEngines())('monitor (%s)', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const students: string[] = [];
  let manager: Client;
  let coordinator: Client;
  let admin: Client;
  let testManager: Client;
  let testCoordinator: Client;

  async function addUser(email: string, given: string, family: string, institutionId: string, role: string) {
    const u = await t.deps.db
      .insertInto('users')
      .values({ email, given_name: given, family_name: family, display_name: `${given} ${family}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.deps.db.insertInto('user_roles').values({ user_id: u.id, institution_id: institutionId, role: role as any }).execute();
    if (role !== 'student') await t.deps.db.insertInto('credentials').values({ user_id: u.id, password_hash: await hashPassword('koers-demo'), password_changed_at: t.clock.now() }).execute();
    return u.id;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.deps.db;
    const region = await db.selectFrom('institutions').select('rmc_region_id').where('brin', '=', '99KL').executeTakeFirstOrThrow();
    const inst = await db.insertInto('institutions').values({ name: 'ROC Testland', brin: '98TL', rmc_region_id: region.rmc_region_id }).returning('id').executeTakeFirstOrThrow();
    ids.inst = inst.id;
    const [teamA, teamB] = await db.insertInto('teams').values([{ institution_id: inst.id, name: 'Team A' }, { institution_id: inst.id, name: 'Team B' }]).returning('id').execute();
    ids.teamA = teamA.id;
    ids.teamB = teamB.id;
    const [pa, pb] = await db
      .insertInto('programmes')
      .values([
        { institution_id: inst.id, team_id: teamA.id, crebo: '90001', name: 'Opleiding A', level: 2, pathway: 'BOL' },
        { institution_id: inst.id, team_id: teamB.id, crebo: '90002', name: 'Opleiding B', level: 3, pathway: 'BOL' },
      ])
      .returning('id')
      .execute();
    ids.pa = pa.id;
    ids.pb = pb.id;
    const cohort = await db.insertInto('cohorts').values({ institution_id: inst.id, name: '2026', starts_on: '2026-08-24' }).returning('id').executeTakeFirstOrThrow();
    const groupSpecs = [
      { code: 'GA1', programme: pa.id, size: 12 },
      { code: 'GA2', programme: pa.id, size: 10 },
      { code: 'GB1', programme: pb.id, size: 11 },
      { code: 'GB2', programme: pb.id, size: 4 },
    ];
    for (const g of groupSpecs) {
      const group = await db.insertInto('groups').values({ institution_id: inst.id, programme_id: g.programme, cohort_id: cohort.id, code: g.code, name: `Groep ${g.code}` }).returning('id').executeTakeFirstOrThrow();
      ids[g.code] = group.id;
      for (let i = 1; i <= g.size; i++) {
        const id = await addUser(`${g.code.toLowerCase()}.${i}@testland.nl`, `Student${i}`, `Achternaam${g.code}${i}`, inst.id, 'student');
        await db.insertInto('enrolments').values({ student_id: id, institution_id: inst.id, programme_id: g.programme, group_id: group.id, cohort_id: cohort.id, starts_on: '2026-08-24' }).execute();
        if (g.code === 'GA1') students.push(id);
      }
    }
    const tm = await addUser('manager.testland@demo.koers.nl', 'Mira', 'Manager', inst.id, 'manager');
    await db.insertInto('team_members').values({ team_id: teamA.id, user_id: tm }).execute();
    await addUser('lob.testland@demo.koers.nl', 'Lotte', 'Coördinator', inst.id, 'lob_coordinator');
    const [s1, s2, s3, s4, s5] = students;
    const conv = (student: string, status: 'held' | 'planned', held: string | null) => ({
      student_id: student,
      institution_id: inst.id,
      planned_at: new Date(`${held ?? '2026-12-01'}T10:00:00Z`),
      status,
      held_on: held,
      created_at: t.clock.now(),
    });
    await db
      .insertInto('guidance_conversations')
      .values([conv(s1, 'held', '2026-09-10'), conv(s1, 'held', '2026-11-01'), conv(s2, 'held', '2026-10-01'), conv(s3, 'held', '2026-10-02'), conv(s4, 'planned', null), conv(s5, 'held', '2026-06-01')])
      .execute();
    const activity = (kind: string, day: string) => ({ institution_id: inst.id, kind, title: kind, starts_at: new Date(`${day}T09:00:00Z`), ends_at: new Date(`${day}T12:00:00Z`), created_at: t.clock.now() });
    const [openDay, workshop] = await db.insertInto('lob_activities').values([activity('open_day', '2026-10-01'), activity('workshop', '2026-10-15')] as any).returning('id').execute();
    const signup = (a: string, s: string, attended: boolean) => ({ activity_id: a, student_id: s, status: 'registered' as const, signed_up_at: t.clock.now(), attended });
    await db.insertInto('lob_activity_signups').values([signup(openDay.id, s1, true), signup(openDay.id, s2, true), signup(workshop.id, s2, true), signup(workshop.id, s3, true), signup(workshop.id, s4, false)]).execute();
    const entry = (s: string, competencies: string[], aspects: [string, string, string], status: 'published' | 'draft' = 'published') => ({
      student_id: s,
      kind: 'lob_activity' as const,
      title: 'Iets gedaan',
      occurred_on: '2026-10-20',
      competencies,
      orientatie: aspects[0],
      mening: aspects[1],
      reflectie: aspects[2],
      status,
      created_at: t.clock.now(),
      updated_at: t.clock.now(),
    });
    await db
      .insertInto('portfolio_entries')
      .values([
        entry(s1, ['kwaliteiten', 'motieven'], ['Ik zag hoe het werk gaat.', 'Leuk.', 'Ik wil dit vaker.']),
        entry(s1, ['kwaliteiten'], ['Alleen oriëntatie.', ' ', '']),
        entry(s2, ['netwerken'], ['Ik sprak een verpleegkundige.', 'Goed.', 'Ik ga stage zoeken.']),
        entry(s3, ['motieven'], ['Concept', 'Concept', 'Concept'], 'draft'),
      ] as any)
      .execute();
    const assess = (s: string, at: string, scores: number[]) => ({
      student_id: s,
      assessed_at: new Date(at),
      kwaliteiten: scores[0],
      motieven: scores[1],
      werkexploratie: scores[2],
      loopbaansturing: scores[3],
      netwerken: scores[4],
    });
    await db.insertInto('portfolio_self_assessments').values([assess(s1, '2026-09-01T10:00:00Z', [2, 2, 2, 2, 2]), assess(s1, '2026-11-20T10:00:00Z', [4, 3, 2, 2, 2]), assess(s2, '2026-09-01T10:00:00Z', [3, 3, 3, 3, 3])]).execute();
    const action = (status: string) => ({ institution_id: inst.id, school_year: YEAR, step: 'verankeren', theme: 'visie', title: `Actie ${status}`, due_on: '2027-01-01', status });
    await db.insertInto('quality_actions').values([action('done'), action('done'), action('planned'), action('dropped')] as any).execute();

    manager = await signIn(t, 'manager@demo.koers.nl');
    coordinator = await signIn(t, 'coordinator@demo.koers.nl');
    admin = await signIn(t, 'admin@demo.koers.nl');
    testManager = await signIn(t, 'manager.testland@demo.koers.nl');
    testCoordinator = await signIn(t, 'lob.testland@demo.koers.nl');
    ids.demoInst = (await db.selectFrom('institutions').select('id').where('brin', '=', '99KL').executeTakeFirstOrThrow()).id;
    ids.teamIct = (await db.selectFrom('teams').select('id').where('institution_id', '=', ids.demoInst).where('name', 'like', '%ICT%').executeTakeFirstOrThrow()).id;
    ids.sd = (await db.selectFrom('groups').select('id').where('code', '=', 'SD4A').executeTakeFirstOrThrow()).id;
    ids.sdProgramme = (await db.selectFrom('programmes').select('id').where('crebo', '=', '25604').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t?.close());

  const item = (body: any, code: string) => body.items.find((i: any) => i.code === code);

  it('computes each indicator of the small data set as counted by hand', async () => {
    const facts = await withLobStatus(t.deps, await loadStudentFacts(t.deps.db, ids.inst, YEAR), false);
    expect(facts).toHaveLength(37);
    const figures = institutionFigures(ids.inst, facts);
    const fig = (scopeKind: string, scopeId: string, code: string) => {
      const f = figures.find((x) => x.scopeKind === scopeKind && x.scopeId === scopeId && x.code === code)!;
      return [f.numerator, f.denominator, f.n];
    };
    expect(fig('group', ids.GA1, 'conversation_share')).toEqual([3, 12, 12]);
    expect(fig('group', ids.GA1, 'conversations_per_student')).toEqual([4, 12, 12]);
    expect(fig('team', ids.teamA, 'conversation_share')).toEqual([3, 22, 22]);
    expect(fig('institution', ids.inst, 'conversation_share')).toEqual([3, 37, 37]);
    expect(fig('group', ids.GA1, 'activity_participation')).toEqual([3, 12, 12]);
    expect(fig('group', ids.GA1, 'activity_participation.open_day')).toEqual([2, 12, 12]);
    expect(fig('group', ids.GA1, 'activity_participation.workshop')).toEqual([2, 12, 12]);
    expect(fig('group', ids.GA1, 'activity_participation.trial_lesson')).toEqual([0, 12, 12]);
    expect(fig('group', ids.GA1, 'entries_per_student')).toEqual([3, 12, 12]);
    expect(fig('group', ids.GA1, 'entries_per_student.kwaliteiten')).toEqual([2, 12, 12]);
    expect(fig('group', ids.GA1, 'entries_per_student.motieven')).toEqual([1, 12, 12]);
    expect(fig('group', ids.GA1, 'entries_per_student.netwerken')).toEqual([1, 12, 12]);
    // 2 of the 3 published entries have all three aspects; 2 students wrote them
    expect(fig('group', ids.GA1, 'entries_three_aspects')).toEqual([2, 3, 2]);
    // s1 only: +2, +1, 0, 0, 0 → mean 0.6
    expect(fig('group', ids.GA1, 'competence_growth')).toEqual([0.6, 1, 1]);
    expect(fig('group', ids.GA1, 'competence_growth.kwaliteiten')).toEqual([2, 1, 1]);
    expect(fig('group', ids.GA1, 'competence_growth.motieven')).toEqual([1, 1, 1]);
    expect(fig('group', ids.GA2, 'conversation_share')).toEqual([0, 10, 10]);
  });

  it('answers the contract route with values, suppression and secondary suppression', async () => {
    await refreshRollup(t.deps, ids.inst, YEAR);
    const ga1 = await testManager.get(`/api/v1/monitor/indicators?level=group&id=${ids.GA1}`);
    expect(ga1.statusCode, ga1.body).toBe(200);
    expect(item(ga1.json(), 'conversation_share')).toMatchObject({ label: 'Studenten met een loopbaangesprek', value: 25, n: 12, suppressed: false });
    expect(item(ga1.json(), 'conversations_per_student')).toMatchObject({ value: 0.33, n: 12, suppressed: false });
    expect(item(ga1.json(), 'activity_participation.open_day')).toMatchObject({ value: 16.67, n: 12 });
    expect(item(ga1.json(), 'entries_per_student')).toMatchObject({ value: 0.25, n: 12 });
    // only 2 students wrote entries and 1 assessed twice: those cells are suppressed
    expect(item(ga1.json(), 'entries_three_aspects')).toEqual(expect.objectContaining({ value: null, n: null, suppressed: true }));
    expect(item(ga1.json(), 'competence_growth')).toEqual(expect.objectContaining({ value: null, n: null, suppressed: true }));
    // satisfaction and the Kwaliteitskaart are never shown for a group
    expect(item(ga1.json(), 'kwaliteitskaart_done')).toBeUndefined();

    const team = await testManager.get(`/api/v1/monitor/indicators?level=team`);
    expect(team.statusCode).toBe(200);
    expect(team.json()).toMatchObject({ level: 'team', id: ids.teamA, name: 'Team A', schoolYear: YEAR });
    expect(item(team.json(), 'conversation_share')).toMatchObject({ value: 13.64, n: 22, suppressed: false });

    const inst = await testCoordinator.get('/api/v1/monitor/indicators?level=institution');
    expect(item(inst.json(), 'conversation_share')).toMatchObject({ value: 8.11, n: 37 });
    expect(item(inst.json(), 'kwaliteitskaart_done')).toMatchObject({ value: 66.67, n: 3, suppressed: false });

    // GB2 has 4 students (primary); GB1 (11) would then be opleiding B (15) minus GB2, so it is hidden too
    const gb2 = await testCoordinator.get(`/api/v1/monitor/indicators?level=group&id=${ids.GB2}`);
    expect(item(gb2.json(), 'conversation_share')).toEqual(expect.objectContaining({ value: null, n: null, suppressed: true }));
    const gb1 = await testCoordinator.get(`/api/v1/monitor/indicators?level=group&id=${ids.GB1}`);
    expect(item(gb1.json(), 'conversation_share')).toEqual(expect.objectContaining({ value: null, n: null, suppressed: true }));
    const pb = await testCoordinator.get(`/api/v1/monitor/indicators?level=opleiding&id=${ids.pb}`);
    expect(item(pb.json(), 'conversation_share')).toMatchObject({ value: 0, n: 15, suppressed: false });
    for (const body of [gb1.json(), gb2.json()]) for (const i of body.items) expect(i.value === null || i.code === 'kwaliteitskaart_done').toBe(true);
  });

  it('lets a team leader see their own team only, and drill down no further than access goes', async () => {
    const own = await manager.get('/api/v1/monitor/indicators?level=team');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().name).toMatch(/Zorg/);
    expect(own.json().drillDown.every((d: any) => d.level === 'opleiding')).toBe(true);
    for (const url of [`level=team&id=${ids.teamIct}`, `level=opleiding&id=${ids.sdProgramme}`, `level=group&id=${ids.sd}`, `level=team&id=${ids.teamA}`, `level=institution&id=${ids.inst}`]) {
      const res = await manager.get(`/api/v1/monitor/indicators?${url}`);
      expect(res.statusCode, url).toBe(403);
    }
    expect((await testManager.get(`/api/v1/monitor/indicators?level=team&id=${ids.teamB}`)).statusCode).toBe(403);
    expect((await testManager.get(`/api/v1/monitor/indicators?level=group&id=${ids.GB1}`)).statusCode).toBe(403);
    // the institution view shows the manager no team to open but their own
    const inst = await manager.get('/api/v1/monitor/indicators?level=institution');
    expect(inst.statusCode).toBe(200);
    expect(inst.json().drillDown.map((d: any) => d.id)).not.toContain(ids.teamIct);
    // comparison levels
    expect((await manager.get('/api/v1/monitor/indicators?level=region')).statusCode).toBe(200);
    expect((await manager.get('/api/v1/monitor/indicators?level=nation')).statusCode).toBe(200);
    // the coordinator sees every team of the institution
    expect((await coordinator.get(`/api/v1/monitor/indicators?level=team&id=${ids.teamIct}`)).statusCode).toBe(200);
    const all = await coordinator.get('/api/v1/monitor/indicators?level=institution');
    expect(all.json().drillDown.map((d: any) => d.id)).toContain(ids.teamIct);
    // mentors, students and parents have no monitor
    for (const who of ['mentor', 'student', 'ouder']) {
      const c = await signIn(t, `${who}@demo.koers.nl`);
      expect((await c.get('/api/v1/monitor/indicators?level=nation')).statusCode, who).toBe(403);
    }
  });

  it('refuses bad input naming the field, and an unknown scope with 404', async () => {
    const bad = await coordinator.get('/api/v1/monitor/indicators?level=planet');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('level');
    const badId = await coordinator.get('/api/v1/monitor/indicators?level=team&id=nope');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.fields).toHaveProperty('id');
    expect((await coordinator.get('/api/v1/monitor/indicators?level=team&id=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await coordinator.get('/api/v1/monitor/export?level=region')).statusCode).toBe(400);
  });

  it('judges the inspanningsverplichting per cohort with the programme module', async () => {
    const res = await coordinator.get('/api/v1/monitor/indicators?level=institution');
    const body = res.json();
    const met = item(body, 'lob_met');
    const open = item(body, 'lob_open');
    const missed = item(body, 'lob_missed');
    expect(met && open && missed).toBeTruthy();
    const facts = await loadStudentFacts(t.deps.db, ids.demoInst, YEAR);
    const statuses = [...(await lobStatusOfStudents(t.deps, facts.map((f) => f.studentId))).values()].filter((s) => s.status);
    const share = (s: string) => Math.round((10000 * statuses.filter((x) => x.status === s).length) / statuses.length) / 100;
    expect(met.value).toBe(share('met'));
    expect(open.value).toBe(share('open'));
    expect(missed.value).toBe(share('missed'));
    expect(met.n).toBe(statuses.length);
    const cohorts = body.items.filter((i: any) => i.code.startsWith('lob_met.'));
    expect(cohorts.length).toBeGreaterThan(0);
  });

  it('exports the national feed to the coordinator and administrator only, with no person in it', async () => {
    for (const c of [manager, testManager]) expect((await c.get('/api/v1/monitor/export?level=nation')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/monitor/export?level=nation')).statusCode).toBe(200);
    const res = await testCoordinator.get('/api/v1/monitor/export?level=nation');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const file = res.body;
    const lines = file.trim().split('\n');
    expect(lines[0]).toBe(FEED_HEADER.join(','));
    // no id, no e-mail address, no name of anyone in the database
    expect(file).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(file).not.toContain('@');
    const people = await t.deps.db.selectFrom('users').select(['family_name', 'display_name', 'email']).execute();
    for (const p of people) {
      expect(file).not.toContain(p.display_name);
      expect(file).not.toContain(p.email);
      if (p.family_name.length > 3) expect(file).not.toContain(p.family_name);
    }
    // every row: the format, the year, the BRIN, a region code, a known code, numbers only
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      expect(cells).toHaveLength(FEED_HEADER.length);
      expect(cells.slice(0, 3)).toEqual(['koers-monitor-1', YEAR, '98TL']);
      expect(cells[4]).toMatch(/^[a-z_]+(\.[a-z0-9_]+)?$/);
      for (const v of cells.slice(5, 9)) expect(v).toMatch(/^(-?\d+(\.\d+)?)?$/);
      expect(['0', '1']).toContain(cells[9]);
      // a visible person-based cell is about at least 10 students
      if (cells[9] === '0' && !cells[4].startsWith('kwaliteitskaart')) expect(Number(cells[6])).toBeGreaterThanOrEqual(10);
      if (cells[9] === '1') expect(cells.slice(5, 9)).toEqual(['', '', '', '']);
    }
    const row = lines.find((l) => l.split(',')[4] === 'conversation_share')!.split(',');
    expect(row.slice(5, 10)).toEqual(['8.11', '37', '3', '37', '0']);
  });

  it('imports feeds of other installations with a per-row rejection report, and counts them in the nation', async () => {
    const before = item((await coordinator.get('/api/v1/monitor/indicators?level=nation')).json(), 'conversation_share');
    const csv = [
      FEED_HEADER.join(','),
      'koers-monitor-1,2026-2027,12AB,RMC01,conversation_share,50,200,100,200,0',
      'koers-monitor-1,2026-2027,12AB,RMC01,conversations_per_student,,,,,1',
      'koers-monitor-1,2026-2027,12AC,RMC01,conversation_share,40,5,2,5,0',
      'koers-monitor-1,2026-2027,99KL,RMC01,conversation_share,40,50,20,50,0',
      'koers-monitor-1,2026-2027,12AD,RMC01,not_an_indicator,40,50,20,50,0',
      'koers-monitor-1,2026-2027,12AE,RMC01,conversation_share,41,50,20,50,0',
      'koers-monitor-1,2026-2027,12AF,RMC01,conversation_share,,50,,,1',
      'koers-monitor-1,2026-27,12AG,RMC01,conversation_share,40,50,20,50,0',
    ].join('\n');
    expect((await coordinator.request('POST', '/api/v1/monitor/feeds', csv, { 'content-type': 'text/csv' })).statusCode).toBe(403);
    const res = await admin.request('POST', '/api/v1/monitor/feeds', csv, { 'content-type': 'text/csv' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().imported).toBe(2);
    expect(res.json().rejected.map((r: any) => r.row)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(res.json().rejected[0].reason).toMatch(/onderdrukt/);
    const after = item((await coordinator.get('/api/v1/monitor/indicators?level=nation')).json(), 'conversation_share');
    expect(after.n).toBe(before.n + 200);
    const json = await admin.request('POST', '/api/v1/monitor/feeds', { a: 1 });
    expect(json.statusCode).toBe(415);
  });

  it('refreshes on demand for the coordinator, and serves reads from the rollup', async () => {
    expect((await manager.post('/api/v1/monitor/refresh', {})).statusCode).toBe(403);
    const s6 = students[5];
    await t.deps.db.insertInto('guidance_conversations').values({ student_id: s6, institution_id: ids.inst, planned_at: t.clock.now(), status: 'held', held_on: '2026-11-22', created_at: t.clock.now() }).execute();
    // not recomputed per request: the new conversation shows after a refresh
    const stale = await testManager.get(`/api/v1/monitor/indicators?level=group&id=${ids.GA1}`);
    expect(item(stale.json(), 'conversation_share').value).toBe(25);
    const r = await testCoordinator.post('/api/v1/monitor/refresh', {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().schoolYear).toBe(YEAR);
    const fresh = await testManager.get(`/api/v1/monitor/indicators?level=group&id=${ids.GA1}`);
    expect(item(fresh.json(), 'conversation_share').value).toBe(33.33);
  });
});

describe('monitor scheduler', () => {
  it('refreshes every institution with students under the advisory lock', async () => {
    const t = await startTestApp('pglite');
    try {
      const { startMonitorScheduler } = await import('./service.js');
      const scheduler = startMonitorScheduler(t.deps, { intervalMs: 3_600_000 });
      expect(await scheduler.tick()).toBeGreaterThanOrEqual(1);
      await scheduler.stop();
      const refreshed = await t.deps.db.selectFrom('monitor_refreshes').select('institution_id').execute();
      expect(refreshed.length).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
    }
  });
});
