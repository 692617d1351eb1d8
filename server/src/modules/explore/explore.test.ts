import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { TestClock } from '../../platform/clock.js';
import { toFigure } from './catalogue.js';
import { AddressBudget } from './ratelimit.js';
import * as s from './schema.js';

type Client = Awaited<ReturnType<typeof signIn>>;

const anon = (t: TestApp, url: string) => t.app.inject({ method: 'GET', url });
const anonPost = (t: TestApp, url: string, payload: unknown, ip = '203.0.113.7') => t.app.inject({ method: 'POST', url, payload: payload as any, remoteAddress: ip });

describe('Studie in Cijfers suppression', () => {
  const row = { programme_id: 'p', institution_id: 'i', indicator: 'pass_rate' as const, value: '88', students: 8, source: 'DUO', year: 2025, demo: false };
  it('hides value and count of a figure based on fewer students than the threshold, keeps source and year', () => {
    expect(toFigure(row, 10)).toEqual({ indicator: 'pass_rate', unit: 'percent', value: null, students: null, suppressed: true, source: 'DUO', year: 2025, demo: false });
    expect(toFigure({ ...row, students: 10 }, 10)).toMatchObject({ value: 88, students: 10, suppressed: false });
    expect(toFigure(row, 5)).toMatchObject({ value: 88, suppressed: false });
  });
});

describe('public address budget', () => {
  it('answers 429 after the budget of a minute, per address, and starts again the next minute', () => {
    const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
    const budget = new AddressBudget(clock, 3);
    for (let i = 0; i < 3; i++) budget.take('a');
    expect(() => budget.take('a')).toThrow(/rate_limited/);
    expect(() => budget.take('b')).not.toThrow();
    clock.advance(60_000);
    expect(() => budget.take('a')).not.toThrow();
  });
});

describe.each(testEngines())('Verkennen on %s', (engine) => {
  let t: TestApp;
  let admin: Client, student: Client, coordinator: Client;
  let personIds: string[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    [admin, student, coordinator] = await Promise.all(['admin@demo.koers.nl', 'student@demo.koers.nl', 'coordinator@demo.koers.nl'].map((e) => signIn(t, e)));
    personIds = (await t.deps.db.selectFrom('users').select('id').execute()).map((u) => u.id);
  });
  afterAll(() => t?.close());

  /** No user id, e-mail address or person name in a public answer. */
  function expectNoPersonalData(body: string) {
    expect(body).not.toMatch(/@/);
    for (const id of personIds) expect(body).not.toContain(id);
  }

  it('GET /api/v1/public/programmes?q= answers without a session with the national figures, source and year', async () => {
    const res = await anon(t, '/api/v1/public/programmes?q=zorg');
    expect(res.statusCode).toBe(200);
    const body = s.programmeListSchema.parse(res.json());
    const helpende = body.items.find((p) => p.code === '25498')!;
    expect(helpende).toMatchObject({ kind: 'mbo', level: 2, name: 'Helpende Zorg en Welzijn', demo: true });
    expect(helpende.institutions[0]).toMatchObject({ name: 'ROC Koersland', pathways: ['BOL'], cities: ['Amersfoort'] });
    const pass = helpende.national.find((f) => f.indicator === 'pass_rate')!;
    expect(pass).toMatchObject({ value: 71, suppressed: false, demo: true, unit: 'percent' });
    expect(pass.source).toMatch(/Demo/);
    expect(pass.year).toBeGreaterThan(2000);
    expect(body.items.every((p) => /zorg/i.test(p.name + p.sector))).toBe(true);
    expect(s.programmeListSchema.parse((await anon(t, '/api/v1/public/programmes?q=25604')).json()).items.map((p) => p.name)).toEqual(['Software developer']);
    const hbo = s.programmeListSchema.parse((await anon(t, '/api/v1/public/programmes?kind=hbo')).json()).items;
    expect(hbo.length).toBeGreaterThanOrEqual(4);
    expect(hbo.every((p) => p.kind === 'hbo' && p.level === null)).toBe(true);
    const page = (await anon(t, '/api/v1/public/programmes?limit=5')).json();
    expect(page.items).toHaveLength(5);
    const next = (await anon(t, `/api/v1/public/programmes?limit=5&cursor=${page.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(page.items[0].id);
    expectNoPersonalData(res.body);
    expect((await anon(t, '/api/v1/public/programmes?limit=0')).json().error.fields.limit).toBeTruthy();
  });

  it('GET /api/v1/public/programmes/{id} gives figures per institution and national with the school’s explanation', async () => {
    const list = (await anon(t, '/api/v1/public/programmes?q=25604')).json().items;
    const res = await anon(t, `/api/v1/public/programmes/${list[0].id}`);
    expect(res.statusCode).toBe(200);
    const p = s.programmeDetailSchema.parse(res.json());
    expect(p.perInstitution).toHaveLength(1);
    const roc = p.perInstitution[0];
    expect(roc.institution.name).toBe('ROC Koersland');
    expect(roc.explanation?.body).toMatch(/Veenendaal/);
    expect(roc.figures.find((f) => f.indicator === 'progression_hbo')).toMatchObject({ value: 42, students: 40, suppressed: false });
    expect(p.national.find((f) => f.indicator === 'progression_hbo')).toMatchObject({ value: 38 });
    expect(p.followOns.map((f) => f.code).sort()).toEqual(['30020', '80084']);
    expect(p.occupations.map((o) => o.slug)).toContain('software-developer');
    expectNoPersonalData(res.body);
    // The hbo programme shows where it is reached from.
    const hbo = s.programmeDetailSchema.parse((await anon(t, `/api/v1/public/programmes/${p.followOns[0].id}`)).json());
    expect(hbo.leadsFrom.map((x) => x.code)).toEqual(['25604']);
    expect((await anon(t, '/api/v1/public/programmes/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await anon(t, '/api/v1/public/programmes/not-a-uuid')).json().error.fields.id).toBeTruthy();
  });

  it('suppresses the figures of a programme with fewer students than the threshold, and says so', async () => {
    const vig = (await anon(t, '/api/v1/public/programmes?q=25491')).json().items[0];
    const p = s.programmeDetailSchema.parse((await anon(t, `/api/v1/public/programmes/${vig.id}`)).json());
    expect(p.minStudents).toBe(10);
    const roc = p.perInstitution[0];
    expect(roc.figures.length).toBeGreaterThanOrEqual(5);
    for (const f of roc.figures) expect(f).toMatchObject({ value: null, students: null, suppressed: true });
    expect(roc.figures.every((f) => f.source && f.year)).toBe(true);
    // the national figure, based on thousands of students, is shown
    expect(p.national.every((f) => !f.suppressed && f.value !== null)).toBe(true);
    // the raw values never leave the server
    expect(JSON.stringify(roc.figures)).not.toContain('88');
  });

  it('GET /api/v1/public/occupations?q= answers without a session with description, codes, earnings and prospects per region', async () => {
    const res = await anon(t, '/api/v1/public/occupations?q=zonnepanelen');
    expect(res.statusCode).toBe(200);
    const body = s.occupationListSchema.parse(res.json());
    expect(body.items.map((o) => o.slug)).toEqual(['monteur-zonnepanelen']);
    const o = body.items[0];
    expect(o.description.length).toBeGreaterThan(20);
    expect(o.tasks.length).toBeGreaterThanOrEqual(3);
    expect(o.isco).toBe('7411');
    expect(o.earnings).toMatchObject({ low: 2200, high: 3200 });
    expect(o.prospects.length).toBe(5);
    expect(o.prospects[0]).toMatchObject({ outlook: expect.stringMatching(/shortage|balanced|surplus/), demo: true });
    expect(o.prospects[0].asOf).toMatch(/^\d{4}-\d{2}-01$/);
    expect(o.programmes.map((p) => p.code)).toContain('25229');
    const all = s.occupationListSchema.parse((await anon(t, '/api/v1/public/occupations?limit=100')).json());
    expect(all.items.length).toBeGreaterThanOrEqual(24);
    const amersfoort = s.occupationListSchema.parse((await anon(t, '/api/v1/public/occupations?q=kok&region=AMR-13')).json());
    expect(amersfoort.items.every((x) => x.prospects.length === 1 && x.prospects[0].region.code === 'AMR-13')).toBe(true);
    const one = await anon(t, `/api/v1/public/occupations/${o.id}`);
    expect(s.occupationSchema.parse(one.json()).slug).toBe('monteur-zonnepanelen');
    expect((await anon(t, '/api/v1/public/regions')).json().items).toHaveLength(35);
    expectNoPersonalData(res.body + all.items.map((x) => JSON.stringify(x)).join(''));
    expect((await anon(t, '/api/v1/public/occupations?region=Amersfoort')).json().error.fields.region).toBeTruthy();
  });

  it('imports the good rows of a file with bad rows and reports each bad row with the reason', async () => {
    const programmes = await admin.post('/api/v1/explore/import/programmes', {
      rows: [
        { kind: 'mbo', code: '25999', name: 'Dierenverzorger', level: 2, sector: 'Groen', description: 'Je verzorgt dieren.' },
        { kind: 'mbo', code: '2599', name: 'Te korte code', level: 2 },
        { kind: 'hbo', code: '39999', name: 'Hbo zonder type' },
        { kind: 'mbo', code: '25998', name: 'Met onbekende vervolgopleiding', level: 4, follow_on_codes: '11111' },
      ],
    });
    expect(programmes.statusCode).toBe(200);
    expect(s.importResultSchema.parse(programmes.json())).toMatchObject({ dataset: 'programmes', imported: 1 });
    expect(programmes.json().rejected.map((r: any) => [r.row, r.field])).toEqual([[2, 'code'], [3, 'level'], [4, 'follow_on_codes']]);

    const csv = [
      'kind,code,brin,indicator,value,students,source,year',
      'mbo,25999,99KL,pass_rate,81,40,Eigen meting,2025',
      'mbo,25999,,pass_rate,77,900,DUO,2025',
      'mbo,25999,99KL,pass_rate,82,40,Eigen meting,2025',
      'mbo,25999,99KL,progression_hbo,10,40,Eigen meting,2025',
      'mbo,25999,99KL,pass_rate,140,40,Eigen meting,2024',
      'mbo,25999,12AB,pass_rate,70,40,Eigen meting,2025',
      'mbo,25999,99KL,happiness,7,40,Eigen meting,2025',
      'mbo,11111,99KL,pass_rate,70,40,Eigen meting,2025',
      'mbo,25999,99KL,satisfaction,7.5,4,Eigen meting,2025',
    ].join('\n');
    const figures = await admin.post('/api/v1/explore/import/figures', { csv });
    const r = s.importResultSchema.parse(figures.json());
    expect(r.imported).toBe(3);
    expect(r.rejected.map((x) => [x.row, x.field])).toEqual([[3, null], [4, 'indicator'], [5, 'value'], [6, 'brin'], [7, 'indicator'], [8, 'code']]);
    for (const x of r.rejected) expect(x.reason.length).toBeGreaterThan(5);
    expect(r.rejected[0].reason).toMatch(/eerder/);

    const dutchEnglish = await admin.post('/api/v1/explore/import/figures?lang=en', { csv: 'kind,code,brin,indicator,value,students,source,year\nmbo,25999,99KL,pass_rate,140,40,Own,2023' });
    expect(dutchEnglish.json().rejected[0].reason).toMatch(/percentage lies between/);

    await admin.post('/api/v1/explore/import/explanations', { rows: [{ kind: 'mbo', code: '25999', brin: '99KL', year: 2025, text: 'Kleine opleiding met veel praktijk.' }] });
    await admin.post('/api/v1/explore/import/offerings', { rows: [{ kind: 'mbo', code: '25999', brin: '99KL', pathway: 'BBL', city: 'Amersfoort' }, { kind: 'mbo', code: '25999', brin: '99KL', pathway: 'voltijd', city: 'Amersfoort' }] });
    const id = (await anon(t, '/api/v1/public/programmes?q=25999')).json().items[0].id;
    const p = s.programmeDetailSchema.parse((await anon(t, `/api/v1/public/programmes/${id}`)).json());
    expect(p.perInstitution[0]).toMatchObject({ pathways: ['BBL'], explanation: { body: 'Kleine opleiding met veel praktijk.', year: 2025 } });
    expect(p.perInstitution[0].figures.find((f) => f.indicator === 'pass_rate')).toMatchObject({ value: 81, students: 40 });
    expect(p.perInstitution[0].figures.find((f) => f.indicator === 'satisfaction')).toMatchObject({ suppressed: true, value: null });
    expect(p.national.find((f) => f.indicator === 'pass_rate')).toMatchObject({ value: 77, source: 'DUO' });
  });

  it('imports occupations and prospects, and refuses people who may not import', async () => {
    const occupations = await coordinator.post('/api/v1/explore/import/occupations', {
      csv: [
        'slug,name,description,tasks,competencies,isco,esco_uri,earnings_low,earnings_high,earnings_source,earnings_year,programme_codes',
        'dierenverzorger,Dierenverzorger,Je verzorgt dieren in een dierentuin of pension.,Voeren;Verzorgen;Hokken schoonmaken,Zorgzaam;Geduldig,5164,,1900,2500,CBS,2025,mbo:25999',
        'Fout Slug,Naam,Omschrijving,,,,,,,,,',
        'met-onbekende-opleiding,Naam,Omschrijving,,,,,,,,,mbo:11111',
        'omgekeerd,Naam,Omschrijving,,,,,3000,2000,,,',
      ].join('\n'),
    });
    expect(occupations.json().imported).toBe(1);
    expect(occupations.json().rejected.map((x: any) => [x.row, x.field])).toEqual([[2, 'slug'], [3, 'programme_codes'], [4, 'earnings_high']]);
    const prospects = await coordinator.post('/api/v1/explore/import/prospects', {
      rows: [
        { slug: 'dierenverzorger', region: 'AMR-13', outlook: 'surplus', source: 'UWV', as_of: '2026-10-01' },
        { slug: 'dierenverzorger', region: 'AMR-99', outlook: 'surplus', source: 'UWV', as_of: '2026-10-01' },
        { slug: 'bestaat-niet', region: 'AMR-13', outlook: 'surplus', source: 'UWV', as_of: '2026-10-01' },
        { slug: 'dierenverzorger', region: 'AMR-14', outlook: 'great', source: 'UWV', as_of: '2026-10-01' },
      ],
    });
    expect(prospects.json().imported).toBe(1);
    expect(prospects.json().rejected.map((x: any) => [x.row, x.field])).toEqual([[2, 'region'], [3, 'slug'], [4, 'outlook']]);
    const o = (await anon(t, '/api/v1/public/occupations?q=dierenverzorger')).json().items[0];
    expect(o).toMatchObject({ isco: '5164', tasks: ['Voeren', 'Verzorgen', 'Hokken schoonmaken'], prospects: [{ outlook: 'surplus', source: 'UWV', asOf: '2026-10-01' }] });

    expect((await student.post('/api/v1/explore/import/occupations', { rows: [{ slug: 'x' }] })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/explore/import/occupations', payload: { rows: [{ slug: 'x' }] } })).statusCode).toBe(401);
    expect((await admin.post('/api/v1/explore/import/weather', { rows: [{}] })).json().error.fields.dataset).toBeTruthy();
    expect((await admin.post('/api/v1/explore/import/programmes', { csv: 'kind,code\n"mbo,1' })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/explore/import/programmes', {})).statusCode).toBe(400);
  });

  it('lists open days, meeloopdagen and proeflessen without a session, and signs a visitor up after the mail link', async () => {
    const res = await anon(t, '/api/v1/public/activities');
    const list = s.publicActivityListSchema.parse(res.json());
    expect(list.items.map((a) => a.kind).sort()).toEqual(['job_shadowing', 'open_day']);
    expectNoPersonalData(res.body);
    const meeloop = list.items.find((a) => a.kind === 'job_shadowing')!;
    expect(meeloop).toMatchObject({ title: 'Meeloopdag in de wijkzorg', full: false, institution: { name: 'ROC Koersland' } });

    const url = `/api/v1/public/activities/${meeloop.id}/signups`;
    const first = await anonPost(t, url, { email: 'Daan.pupil@example.org', name: 'Daan' });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ status: 'check_your_mail' });
    const mail = t.mails.at(-1)!;
    expect(mail.to).toBe('daan.pupil@example.org');
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.text)![1]);
    // Not yet confirmed: takes no place.
    expect((await anon(t, '/api/v1/public/activities')).json().items.find((a: any) => a.id === meeloop.id).full).toBe(false);
    const confirmed = await anonPost(t, '/api/v1/public/signups/confirm', { token });
    expect(s.confirmAnswer.parse(confirmed.json())).toMatchObject({ status: 'confirmed', activity: { title: 'Meeloopdag in de wijkzorg' } });
    expect(t.mails.at(-1)!.subject).toMatch(/^Aangemeld/);

    // Signing up again answers exactly the same: the answer never tells who is signed up.
    const again = await anonPost(t, url, { email: 'daan.pupil@example.org', name: 'Daan' });
    expect(again.statusCode).toBe(202);
    expect(again.body).toBe(first.body);
    expect(t.mails.at(-1)!.subject).toMatch(/al aangemeld/);

    // Two places: a second visitor takes the last, a third finds it full when confirming.
    const tokens: string[] = [];
    for (const email of ['ouder.een@example.org', 'ouder.twee@example.org']) {
      expect((await anonPost(t, url, { email, name: 'Ouder' }, '198.51.100.2')).statusCode).toBe(202);
      tokens.push(decodeURIComponent(/token=([^\s]+)/.exec(t.mails.at(-1)!.text)![1]));
    }
    expect((await anonPost(t, '/api/v1/public/signups/confirm', { token: tokens[0] })).json().status).toBe('confirmed');
    expect((await anonPost(t, '/api/v1/public/signups/confirm', { token: tokens[1] })).json().status).toBe('full');
    expect((await anon(t, '/api/v1/public/activities')).json().items.find((a: any) => a.id === meeloop.id).full).toBe(true);

    // The organising school sees who is coming; nobody else does.
    const signups = await coordinator.get(`/api/v1/explore/activities/${meeloop.id}/public-signups`);
    expect(s.publicSignupListSchema.parse(signups.json()).items.map((x) => x.email)).toEqual(['daan.pupil@example.org', 'ouder.een@example.org']);
    expect([403, 404]).toContain((await student.get(`/api/v1/explore/activities/${meeloop.id}/public-signups`)).statusCode);
    expect((await anon(t, `/api/v1/explore/activities/${meeloop.id}/public-signups`)).statusCode).toBe(401);

    expect((await anonPost(t, '/api/v1/public/signups/confirm', { token: 'x'.repeat(43) })).json().error.fields.token).toBeTruthy();
    expect((await anonPost(t, url, { email: 'geen-adres', name: 'X' })).json().error.fields.email).toBeTruthy();
    expect((await anonPost(t, '/api/v1/public/activities/00000000-0000-4000-8000-000000000000/signups', { email: 'a@example.org', name: 'A' })).statusCode).toBe(404);
  });

  it('throttles sign-ups per client address and mails per e-mail address', async () => {
    const open = (await anon(t, '/api/v1/public/activities?kind=open_day')).json().items[0];
    const url = `/api/v1/public/activities/${open.id}/signups`;
    const before = t.mails.length;
    for (let i = 0; i < 5; i++) expect((await anonPost(t, url, { email: 'veel@example.org', name: 'Veel' }, '192.0.2.50')).statusCode).toBe(202);
    // The sixth request to one address in an hour still answers the same but sends no mail.
    expect((await anonPost(t, url, { email: 'veel@example.org', name: 'Veel' }, '192.0.2.51')).statusCode).toBe(202);
    expect(t.mails.length - before).toBe(5);
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) status = (await anonPost(t, url, { email: `p${i}@example.org`, name: 'P' }, '192.0.2.99')).statusCode;
    expect(status).toBe(429);
  });

  it('keeps the national catalogue free of the accounts of the demo school', async () => {
    const alumnus = await userIdByEmail(t, 'alumnus@demo.koers.nl');
    for (const url of ['/api/v1/public/programmes?limit=100', '/api/v1/public/occupations?limit=100', '/api/v1/public/activities']) {
      const body = (await anon(t, url)).body;
      expect(body).not.toContain(alumnus);
      expect(body).not.toMatch(/Yasmina|@demo\.koers\.nl/);
    }
  });
});

describe.each(testEngines())('Verkennen in the portfolio, alumni and buddies on %s', (engine) => {
  let t: TestApp;
  let sanne: Client, student2: Client, mentor: Client, docent: Client, alumnus: Client;
  let sanneId: string, alumnusId: string;
  const reflection = { orientatie: 'Ik liep een dag mee in de wijkzorg.', mening: 'Het was druk maar leuk.', reflectie: 'Ik wil dit werk beter leren kennen.' };

  beforeAll(async () => {
    t = await startTestApp(engine);
    [sanne, student2, mentor, docent, alumnus] = await Promise.all(
      ['student@demo.koers.nl', 'student2@demo.koers.nl', 'mentor@demo.koers.nl', 'docent@demo.koers.nl', 'alumnus@demo.koers.nl'].map((e) => signIn(t, e)),
    );
    sanneId = await userIdByEmail(t, 'student@demo.koers.nl');
    alumnusId = await userIdByEmail(t, 'alumnus@demo.koers.nl');
  });
  afterAll(() => t?.close());

  const occupation = async (q: string) => (await anon(t, `/api/v1/public/occupations?q=${q}`)).json().items[0];

  it('links the occupation a werkexploratie entry explored; the mentor sees it and what Sanne looked at', async () => {
    const wijk = await occupation('wijkverpleegkundige');
    const shared = (await sanne.post('/api/v1/portfolio/entries', { kind: 'work', title: 'Meelopen met de wijkverpleging', occurredOn: '2026-11-20', competencies: ['werkexploratie'], reflection, sharing: ['mentor'] })).json().id;
    const privateEntry = (await sanne.post('/api/v1/portfolio/entries', { kind: 'life', title: 'Privé verkenning', occurredOn: '2026-11-20', competencies: ['werkexploratie'], reflection, sharing: [] })).json().id;
    const other = (await sanne.post('/api/v1/portfolio/entries', { kind: 'life', title: 'Over mijn kwaliteiten', occurredOn: '2026-11-20', competencies: ['kwaliteiten'], reflection, sharing: [] })).json().id;

    const linked = await sanne.put(`/api/v1/explore/entries/${shared}/link`, { occupationId: wijk.id });
    expect(linked.statusCode).toBe(200);
    expect(s.entryLinkSchema.parse(linked.json()).occupation?.slug).toBe('wijkverpleegkundige');
    expect((await sanne.get(`/api/v1/explore/entries/${shared}/link`)).json().occupation.name).toBe('Wijkverpleegkundige');
    expect((await sanne.put(`/api/v1/explore/entries/${privateEntry}/link`, { occupationId: wijk.id })).statusCode).toBe(200);
    // Only a werkexploratie entry links what it explored; one of a programme or an occupation.
    expect((await sanne.put(`/api/v1/explore/entries/${other}/link`, { occupationId: wijk.id })).statusCode).toBe(422);
    expect((await sanne.put(`/api/v1/explore/entries/${shared}/link`, {})).json().error.fields.occupationId).toBeTruthy();
    // Nobody else links or reads the link of Sanne's entry.
    expect((await mentor.put(`/api/v1/explore/entries/${shared}/link`, { occupationId: wijk.id })).statusCode).toBe(404);
    expect((await student2.get(`/api/v1/explore/entries/${shared}/link`)).statusCode).toBe(404);

    expect((await sanne.post('/api/v1/explore/views', { kind: 'occupation', id: wijk.id })).statusCode).toBe(204);
    await sanne.post('/api/v1/explore/views', { kind: 'occupation', id: wijk.id });
    expect((await sanne.post('/api/v1/explore/views', { kind: 'programme', id: wijk.id })).statusCode).toBe(404);
    expect((await mentor.post('/api/v1/explore/views', { kind: 'occupation', id: wijk.id })).statusCode).toBe(403);

    const own = s.explorationSchema.parse((await sanne.get(`/api/v1/students/${sanneId}/exploration`)).json());
    expect(own.links.map((l) => l.entryTitle).sort()).toEqual(['Meelopen met de wijkverpleging', 'Privé verkenning']);
    const seen = s.explorationSchema.parse((await mentor.get(`/api/v1/students/${sanneId}/exploration`)).json());
    expect(seen.viewed).toEqual([expect.objectContaining({ kind: 'occupation', name: 'Wijkverpleegkundige', times: 2 })]);
    // The mentor sees only the links of entries Sanne shared with the mentor.
    expect(seen.links.map((l) => l.entryTitle)).toEqual(['Meelopen met de wijkverpleging']);
    expect([403, 404]).toContain((await docent.get(`/api/v1/students/${sanneId}/exploration`)).statusCode);
    expect([403, 404]).toContain((await student2.get(`/api/v1/students/${sanneId}/exploration`)).statusCode);
    await t.deps.audit.flush();
    const mentorId = await userIdByEmail(t, 'mentor@demo.koers.nl');
    const audit = await t.deps.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'explore.student.read').where('student_id', '=', sanneId).execute();
    expect(audit.some((a) => a.actor_id === mentorId)).toBe(true);

    expect((await sanne.delete(`/api/v1/explore/entries/${privateEntry}/link`)).statusCode).toBe(204);
    expect((await sanne.get(`/api/v1/explore/entries/${privateEntry}/link`)).json()).toBeNull();
  });

  it('suggests what to explore and says why, from the self-assessment, the opleiding and the motives', async () => {
    await sanne.post('/api/v1/portfolio/self-assessments', { scores: { kwaliteiten: 3, motieven: 4, werkexploratie: 2, loopbaansturing: 2, netwerken: 3 } });
    const res = s.suggestionSchema.parse((await sanne.get('/api/v1/me/explore/suggestions')).json());
    expect(res.basis.scores?.werkexploratie).toBe(2);
    const helpende = res.items.find((i) => i.kind === 'occupation' && i.name === 'Helpende in de zorg');
    expect(helpende?.because).toMatch(/een 2 voor werkexploratie.*Helpende Zorg en Welzijn/);
    const next = res.items.filter((i) => i.kind === 'programme');
    expect(next.length).toBeGreaterThan(0);
    for (const p of next) expect(p.because).toMatch(/niveau 2.*niveau 3 in zorg en welzijn.*een 2 voor loopbaansturing/);
    expect(res.items.find((i) => i.kind === 'activity')?.because).toMatch(/meeloopdag/);
    expect(res.items.every((i) => i.because.length > 20)).toBe(true);
    expect((await mentor.get('/api/v1/me/explore/suggestions')).statusCode).toBe(403);
  });

  it('lets students find alumni by programme and ask a question that arrives in the messages', async () => {
    const programmeId = (await anon(t, '/api/v1/public/programmes?q=25498')).json().items[0].id;
    const list = s.alumnusListSchema.parse((await sanne.get(`/api/v1/explore/alumni?programmeId=${programmeId}`)).json());
    expect(list.items.map((a) => a.displayName)).toEqual(['Yasmina El Idrissi']);
    expect(list.items[0]).toMatchObject({ contactAllowed: true, buddy: true, workNow: expect.stringMatching(/wijkzorg/) });
    const otherProgramme = (await anon(t, '/api/v1/public/programmes?q=25604')).json().items[0].id;
    expect((await sanne.get(`/api/v1/explore/alumni?programmeId=${otherProgramme}`)).json().items).toEqual([]);

    const asked = await sanne.post(`/api/v1/explore/alumni/${alumnusId}/questions`, { body: 'Hoe vond jij je eerste stage?' });
    expect(asked.statusCode).toBe(201);
    expect(s.questionAnswer.parse(asked.json()).threadUrl).toBe(`/berichten/${alumnusId}`);
    const inbox = (await alumnus.get('/api/v1/messages')).json().items;
    expect(inbox[0]).toMatchObject({ otherId: sanneId, lastMessage: 'Hoe vond jij je eerste stage?' });
    t.clock.advance(60_000);
    expect((await alumnus.post(`/api/v1/messages/with/${sanneId}`, { body: 'Spannend! Vraag veel, dan leer je het meest.' })).statusCode).toBe(201);
    const thread = (await sanne.get(`/api/v1/messages/with/${alumnusId}`)).json().items.map((m: any) => m.body);
    expect(thread).toEqual(['Hoe vond jij je eerste stage?', 'Spannend! Vraag veel, dan leer je het meest.']);
    expect((await sanne.get('/api/v1/messages/contacts')).json().items.some((c: any) => c.id === alumnusId && c.relation === 'alumnus')).toBe(true);

    expect([403, 404]).toContain((await mentor.post(`/api/v1/explore/alumni/${alumnusId}/questions`, { body: 'Mag ik ook?' })).statusCode);
    expect((await sanne.post(`/api/v1/explore/alumni/${sanneId}/questions`, { body: 'Hallo' })).statusCode).toBe(404);
    expect((await sanne.post(`/api/v1/explore/alumni/${alumnusId}/questions`, { body: '' })).json().error.fields.body).toBeTruthy();
    expect((await alumnus.get('/api/v1/explore/alumni')).json().items).toEqual([]);
  });

  it('matches a buddy with a reason; the mentor sees that a match exists but never the buddy messages', async () => {
    const match = s.buddyAnswer.parse((await sanne.post('/api/v1/me/buddy')).json());
    expect(match.buddy).toMatchObject({ id: alumnusId, displayName: 'Yasmina El Idrissi' });
    expect(match.buddy!.reason).toMatch(/dezelfde opleiding: Helpende Zorg en Welzijn/);
    expect((await sanne.get('/api/v1/me/buddy')).json().buddy.id).toBe(alumnusId);
    expect((await sanne.post(`/api/v1/messages/with/${alumnusId}`, { body: 'Geheim buddybericht over mijn stage' })).statusCode).toBe(201);

    const seen = s.explorationSchema.parse((await mentor.get(`/api/v1/students/${sanneId}/exploration`)).json());
    expect(seen.buddy.exists).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('Yasmina');
    // The mentor cannot open the thread between Sanne and her buddy, nor find it elsewhere.
    expect([403, 404]).toContain((await mentor.get(`/api/v1/messages/with/${alumnusId}`)).statusCode);
    const mentorThread = await mentor.get(`/api/v1/messages/with/${sanneId}`);
    expect(mentorThread.statusCode).toBe(200);
    expect(mentorThread.body).not.toContain('Geheim buddybericht');
    expect((await mentor.get('/api/v1/messages')).body).not.toContain('Geheim buddybericht');
    expect((await mentor.get(`/api/v1/students/${sanneId}/exploration`)).body).not.toContain('Geheim');
    expect((await student2.get(`/api/v1/messages/with/${alumnusId}`)).statusCode).toBe(404);
    expect((await mentor.post('/api/v1/me/buddy')).statusCode).toBe(403);
  });

  it('lets the alumnus keep and withdraw their story and consent; withdrawing ends contact', async () => {
    const own = s.ownAlumnusSchema.parse((await alumnus.get('/api/v1/me/alumnus')).json());
    expect(own?.consentText).toMatch(/toestemming/);
    const saved = await alumnus.put('/api/v1/me/alumnus', { programmeId: own!.programme!.id, occupationId: own!.occupation!.id, route: 'vmbo, mbo 2, mbo 3', workNow: 'Wijkzorg', tips: 'Loop mee!', contactAllowed: true, buddy: true, consent: true });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ route: 'vmbo, mbo 2, mbo 3', buddy: true });
    expect((await alumnus.put('/api/v1/me/alumnus', { ...(saved.json() as object), programmeId: null, occupationId: null, consent: false })).json().error.fields.consent).toBeTruthy();
    expect((await sanne.get('/api/v1/me/alumnus')).statusCode).toBe(403);

    expect((await alumnus.delete('/api/v1/me/alumnus')).statusCode).toBe(204);
    expect((await alumnus.get('/api/v1/me/alumnus')).json()).toBeNull();
    expect((await sanne.get('/api/v1/explore/alumni')).json().items).toEqual([]);
    expect((await sanne.get('/api/v1/me/buddy')).json().buddy).toBeNull();
    expect((await sanne.post(`/api/v1/messages/with/${alumnusId}`, { body: 'Nog een vraag' })).statusCode).toBe(404);
    expect((await sanne.post(`/api/v1/explore/alumni/${alumnusId}/questions`, { body: 'Hallo?' })).statusCode).toBe(404);
    expect((await sanne.post('/api/v1/me/buddy')).json().buddy).toBeNull();
    expect((await sanne.delete('/api/v1/me/buddy')).statusCode).toBe(204);
  });
});
