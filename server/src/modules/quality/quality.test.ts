import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { hashPassword } from '../identity/passwords.js';
import { competencePrePost, kwaliteitskaartProgress, satisfactionByTeam } from './service.js';

type Client = Awaited<ReturnType<typeof signIn>>;

/** The instrument of the contract's JSON format, as an integration would send it. */
const INSTRUMENT = {
  title: 'Loopbaanleren in de regio',
  anonymous: true,
  items: [
    { code: 'school', text: 'Bij welk type school werk je?', type: 'single', options: [{ value: 'pro', label: 'Praktijkonderwijs' }, { value: 'vso', label: 'Voortgezet speciaal onderwijs' }, { value: 'vo', label: 'Voortgezet onderwijs' }] },
    { code: 'act', text: 'Welke activiteiten voer je uit?', type: 'multi', options: [{ value: 'lob', label: 'Loopbaanbegeleiding' }, { value: 'snuffel', label: 'Snuffelstages' }, { value: 'plaatsing', label: 'Plaatsingsstages' }] },
    { code: 'tevreden', text: 'Hoe tevreden ben je over de samenwerking?', type: 'likert5' },
    { code: 'waarom', text: 'Waarom ben je ontevreden?', type: 'single', other: true, options: [{ value: 'tijd', label: 'Te weinig tijd' }, { value: 'curriculum', label: 'Niet in het curriculum' }], showIf: { item: 'tevreden', in: ['1', '2'] } },
    { code: 'aantal', text: 'Hoeveel overleggen had je dit jaar?', type: 'number', min: 0, max: 100 },
    { code: 'toelichting', text: 'Wil je nog iets kwijt?', type: 'text' },
  ],
};

const HEADER = 'school,act,tevreden,waarom,waarom.other,aantal,toelichting';
const times = (n: number, line: string) => Array.from({ length: n }, () => line);

/**
 * 30 valid respondents, counted by hand:
 *   pro (10): 5 × lob;snuffel;plaatsing + tevreden 4, 1 × lob;snuffel + 5, 4 × lob + 5
 *   vso (12): 6 × lob;snuffel + tevreden 4, 6 × lob + tevreden 2 (routing asks why: 5 × tijd, 1 × other)
 *   vo  (8):  5 × lob + 3, 3 × snuffel + 3
 * and 7 rows that must be rejected.
 */
const CSV = [
  HEADER,
  ...times(5, 'pro,lob;snuffel;plaatsing,4,,,2,'),
  'pro,lob;snuffel,5,,,"2,5",',
  ...times(4, 'pro,lob,5,,,3,'),
  ...times(6, 'vso,lob;snuffel,4,,,1,'),
  ...times(5, 'vso,lob,2,tijd,,0,'),
  'vso,lob,2,other,geen bedrijven in de buurt,0,"Meer tijd, graag"',
  ...times(5, 'vo,lob,3,,,4,'),
  ...times(3, 'vo,snuffel,3,,,4,'),
  'hbo,lob,3,,,1,', // row 32: not an option
  'vo,lob,6,,,1,', // row 33: not a score 1–5
  'vo,lob,4,tijd,,1,', // row 34: routing skips "waarom" at tevreden 4
  'vo,lob,3,,,1', // row 35: a cell missing
  'vo,lob;lob,3,,,1,', // row 36: an option twice
  'vso,lob,2,tijd,iets anders,1,', // row 37: "other" text without choosing other
  ',,,,,,', // row 38: nothing answered
].join('\r\n');

async function postCsv(t: TestApp, c: Client, url: string, csv: string, contentType = 'text/csv; charset=utf-8') {
  return t.app.inject({ method: 'POST', url, headers: { cookie: `koers_session=${c.cookie}`, 'x-csrf-token': c.csrfToken, 'content-type': contentType }, payload: csv });
}

describe.each(testEngines())('Kwaliteit: questionnaire engine on %s', (engine) => {
  let t: TestApp;
  let coordinator: Client, manager: Client, docent: Client, mentor: Client, student: Client, otherCoordinator: Client;
  let qid: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [coordinator, manager, docent, mentor, student] = await Promise.all(
      ['coordinator', 'manager', 'docent', 'mentor', 'student'].map((r) => signIn(t, `${r}@demo.koers.nl`)),
    );
    // The LOB-coördinator of another institution on the same installation.
    const inst = await t.deps.db.insertInto('institutions').values({ name: 'ROC Anderland', brin: '98AL', rmc_region_id: null }).returning('id').executeTakeFirstOrThrow();
    const user = await t.deps.db.insertInto('users').values({ email: 'lob.anderland@demo.koers.nl', given_name: 'Ada', family_name: 'Anders', display_name: 'Ada Anders', birth_date: null }).returning('id').executeTakeFirstOrThrow();
    await t.deps.db.insertInto('credentials').values({ user_id: user.id, password_hash: await hashPassword('koers-demo'), password_changed_at: t.clock.now() }).execute();
    await t.deps.db.insertInto('user_roles').values({ user_id: user.id, institution_id: inst.id, role: 'lob_coordinator' }).execute();
    otherCoordinator = await signIn(t, 'lob.anderland@demo.koers.nl');
  });
  afterAll(() => t?.close());

  it('creates a questionnaire from the contract JSON and refuses a bad one naming the field', async () => {
    const res = await coordinator.post('/api/v1/questionnaires', INSTRUMENT);
    expect(res.statusCode, res.body).toBe(201);
    qid = res.json().id;
    expect(res.json()).toMatchObject({ title: INSTRUMENT.title, anonymous: true, minGroupSize: 5, version: 1, status: 'draft', wave: 1 });
    expect(res.json().definition.sections[0].items.map((i: any) => i.code)).toEqual(['school', 'act', 'tevreden', 'waarom', 'aantal', 'toelichting']);

    const dup = await coordinator.post('/api/v1/questionnaires', { ...INSTRUMENT, items: [INSTRUMENT.items[0], INSTRUMENT.items[0]] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields['items.1.code']).toMatch(/twee keer/);
    const badType = await coordinator.post('/api/v1/questionnaires', { ...INSTRUMENT, items: [{ code: 'x', text: 'X', type: 'ranking' }] });
    expect(badType.statusCode).toBe(400);
    expect(Object.keys(badType.json().error.fields)).toContain('items.0.type');
    const noOptions = await coordinator.post('/api/v1/questionnaires', { ...INSTRUMENT, items: [{ code: 'x', text: 'X', type: 'single' }] });
    expect(noOptions.json().error.fields['items.0.options']).toBeTruthy();
    const laterRouting = await coordinator.post('/api/v1/questionnaires', { ...INSTRUMENT, items: [{ code: 'a', text: 'A', type: 'text', showIf: { item: 'b', in: ['1'] } }, { code: 'b', text: 'B', type: 'likert5' }] });
    expect(laterRouting.json().error.fields['items.0.showIf.item']).toBeTruthy();
    const lowThreshold = await coordinator.post('/api/v1/questionnaires', { ...INSTRUMENT, minGroupSize: 3 });
    expect(lowThreshold.statusCode).toBe(400);
    expect(lowThreshold.json().error.fields.minGroupSize).toBeTruthy();
    // Teachers and students do not make institution questionnaires.
    expect((await docent.post('/api/v1/questionnaires', INSTRUMENT)).statusCode).toBe(403);
    expect((await student.post('/api/v1/questionnaires', INSTRUMENT)).statusCode).toBe(403);
  });

  it('imports the CSV, row by row, with the reason of every rejected row', async () => {
    const res = await postCsv(t, coordinator, `/api/v1/questionnaires/${qid}/responses`, CSV);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(30);
    expect(body.rejected.map((r: any) => r.row)).toEqual([32, 33, 34, 35, 36, 37, 38]);
    expect(body.rejected[0].reason).toMatch(/school.*hbo/);
    expect(body.rejected[1].reason).toMatch(/tevreden/);
    expect(body.rejected[2].reason).toMatch(/waarom.*overgeslagen/);
    expect(body.rejected[3].reason).toMatch(/6 cellen/);
    expect(body.rejected[4].reason).toMatch(/twee keer/);
    expect(body.rejected[5].reason).toMatch(/waarom\.other/);
    expect(body.rejected[6].reason).toMatch(/geen enkel antwoord/);
  });

  it('refuses a CSV with an unknown column or without the CSV content type, and JSON on the CSV route', async () => {
    const unknown = await postCsv(t, coordinator, `/api/v1/questionnaires/${qid}/responses`, 'school,leeftijd\r\npro,16');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.header).toMatch(/leeftijd/);
    const json = await coordinator.post(`/api/v1/questionnaires/${qid}/responses`, { school: 'pro' });
    expect(json.statusCode).toBe(415);
    const empty = await postCsv(t, coordinator, `/api/v1/questionnaires/${qid}/responses`, '');
    expect(empty.statusCode).toBe(400);
    // Nobody outside the institution imports, and its existence stays private.
    expect((await postCsv(t, otherCoordinator, `/api/v1/questionnaires/${qid}/responses`, CSV)).statusCode).toBe(404);
    expect((await postCsv(t, docent, `/api/v1/questionnaires/${qid}/responses`, CSV)).statusCode).toBe(404);
  });

  it('crosstabs a single-choice row against a multiple-choice column: one column per option, hand-counted', async () => {
    const res = await coordinator.get(`/api/v1/questionnaires/${qid}/crosstab?row=school&col=act&percent=row`);
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = res.json();
    const cells = (value: string) => Object.fromEntries(rows.find((r: any) => r.value === value).cells.map((c: any) => [c.value, [c.n, c.pct]]));
    expect(rows.map((r: any) => [r.value, r.label, r.base])).toEqual([
      ['pro', 'Praktijkonderwijs', 10],
      ['vso', 'Voortgezet speciaal onderwijs', 12],
      ['vo', 'Voortgezet onderwijs', 8],
    ]);
    // vso: 12 of 12 lob, 6 snuffel, 0 plaatsing.
    expect(cells('vso')).toEqual({ lob: [12, 100], snuffel: [6, 50], plaatsing: [0, 0] });
    // vo: 5 of 8 lob = 62.5%; its 3 snuffel are under the threshold of 5: hidden. The snuffel
    // column adds up to 15, so pro's 6 is hidden too (else 15 − 6 − 6 gives the 3 back).
    expect(cells('vo')).toEqual({ lob: [5, 62.5], snuffel: [null, null], plaatsing: [0, 0] });
    expect(cells('pro')).toEqual({ lob: [10, 100], snuffel: [null, null], plaatsing: [5, 50] });

    const col = (await coordinator.get(`/api/v1/questionnaires/${qid}/crosstab?row=school&col=act&percent=column`)).json();
    // Column bases: lob 27 (10 + 12 + 5), plaatsing 5.
    expect(col.columns.map((c: any) => [c.value, c.base])).toEqual([['lob', 27], ['snuffel', 15], ['plaatsing', 5]]);
    const pro = col.rows[0].cells;
    expect(pro[0].n).toBe(10);
    expect(pro[0].pct).toBeCloseTo((100 * 10) / 27, 10);
    expect(pro[0].base).toBe(27);
    expect(col.rows[1].cells[0].pct).toBeCloseTo((100 * 12) / 27, 10);
    expect(col.rows[2].cells[0].pct).toBeCloseTo((100 * 5) / 27, 10);
    expect(pro[2]).toMatchObject({ n: 5, pct: 100 });
  });

  it('crosstabs a multiple-choice row item: a respondent counts in every option chosen, hand-counted', async () => {
    const res = (await coordinator.get(`/api/v1/questionnaires/${qid}/crosstab?row=act&col=school&percent=row`)).json();
    const row = (value: string) => res.rows.find((r: any) => r.value === value);
    // lob: 10 pro + 12 vso + 5 vo = 27 respondents.
    expect(row('lob').base).toBe(27);
    expect(row('lob').cells.map((c: any) => c.n)).toEqual([10, 12, 5]);
    expect(row('lob').cells[0].pct).toBeCloseTo((100 * 10) / 27, 10);
    expect(row('lob').cells[1].pct).toBeCloseTo((100 * 12) / 27, 10);
    // snuffel: 6 pro + 6 vso + 3 vo = 15; the 3 is hidden, and so is one 6 (the row adds up to 15).
    expect(row('snuffel').base).toBe(15);
    expect(row('snuffel').cells.map((c: any) => c.n)).toEqual([null, 6, null]);
    expect(row('snuffel').cells[1].pct).toBe(40);
    // plaatsing: 5 pro.
    expect(row('plaatsing')).toMatchObject({ base: 5, cells: [{ value: 'pro', n: 5, pct: 100 }, { value: 'vso', n: 0, pct: 0 }, { value: 'vo', n: 0, pct: 0 }] });
  });

  it('crosstabs single against Likert with row and column percentages, hand-counted', async () => {
    const res = (await coordinator.get(`/api/v1/questionnaires/${qid}/crosstab?row=school&col=tevreden`)).json();
    expect(res.percent).toBe('row');
    expect(res.columns.map((c: any) => c.label)).toEqual(['Helemaal oneens', 'Oneens', 'Neutraal', 'Eens', 'Helemaal eens']);
    expect(res.rows[0].cells.map((c: any) => [c.n, c.pct])).toEqual([[0, 0], [0, 0], [0, 0], [5, 50], [5, 50]]);
    expect(res.rows[1].cells.map((c: any) => [c.n, c.pct])).toEqual([[0, 0], [6, 50], [0, 0], [6, 50], [0, 0]]);
    expect(res.rows[2].cells.map((c: any) => [c.n, c.pct])).toEqual([[0, 0], [0, 0], [8, 100], [0, 0], [0, 0]]);
    const col = (await coordinator.get(`/api/v1/questionnaires/${qid}/crosstab?row=school&col=tevreden&percent=column`)).json();
    // "Eens" (4): 5 pro + 6 vso = 11.
    expect(col.rows[0].cells[3].pct).toBeCloseTo((100 * 5) / 11, 10);
    expect(col.rows[1].cells[3].pct).toBeCloseTo((100 * 6) / 11, 10);
    expect(col.rows[2].cells[2]).toMatchObject({ n: 8, pct: 100 });
    // Nobody chose 1: a base of 0 gives no percentage.
    expect(col.rows[0].cells[0]).toMatchObject({ n: 0, pct: null });
  });

  it('refuses a crosstab of an unknown or open item, naming the parameter', async () => {
    const unknown = await coordinator.get(`/api/v1/questionnaires/${qid}/crosstab?row=nope&col=act`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.row).toBeTruthy();
    const open = await coordinator.get(`/api/v1/questionnaires/${qid}/crosstab?row=school&col=toelichting`);
    expect(open.statusCode).toBe(400);
    expect(open.json().error.fields.col).toBeTruthy();
    expect((await coordinator.get(`/api/v1/questionnaires/${qid}/crosstab?row=school`)).statusCode).toBe(400);
  });

  it('reports frequencies and means, with "anders, namelijk" texts and suppressed small counts', async () => {
    const res = await manager.get(`/api/v1/questionnaires/${qid}/report`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.respondents).toBe(30);
    const item = (code: string) => body.items.find((i: any) => i.code === code);
    // (10×4… by hand) 5·4 + 5·5 + 6·4 + 6·2 + 8·3 = 105, / 30 = 3.5
    expect(item('tevreden').mean).toBe(3.5);
    expect(item('tevreden').options.map((o: any) => o.n)).toEqual([0, 6, 8, 11, 5]);
    // Routing: only the 6 who answered 2 got "waarom": 5 tijd, 1 other (hidden, and with it the 5).
    expect(item('waarom').n).toBe(6);
    expect(item('waarom').options.map((o: any) => o.n)).toEqual([null, 0, null]);
    expect(item('waarom').otherTexts).toEqual(['geen bedrijven in de buurt']);
    // aantal: 5·2 + 2.5 + 4·3 + 6·1 + 6·0 + 8·4 = 62.5 over 30
    expect(item('aantal').mean).toBeCloseTo(62.5 / 30, 10);
    // One open answer: fewer than 5 people, so not shown.
    expect(item('toelichting')).toMatchObject({ n: null, suppressed: true, texts: [] });
  });

  it('exports the responses as CSV in the import format, and a codebook; with Dutch numbers on request', async () => {
    const res = await coordinator.get(`/api/v1/questionnaires/${qid}/responses.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(31);
    expect(lines.filter((l) => l.startsWith('pro,lob;snuffel;plaatsing,4')).length).toBe(5);
    const nl = await coordinator.get(`/api/v1/questionnaires/${qid}/responses.csv?numbers=nl`);
    expect(nl.body).toContain('pro;"lob;snuffel";5;;;2,5;');
    const codebook = await coordinator.get(`/api/v1/questionnaires/${qid}/codebook.csv`);
    expect(codebook.body).toContain('act,Welke activiteiten voer je uit?,multi,snuffel,Snuffelstages');
    expect(codebook.body).toContain('waarom.other');
    // The export round-trips through the import of a new wave.
    const wave = await coordinator.post(`/api/v1/questionnaires/${qid}/waves`);
    expect(wave.statusCode).toBe(201);
    const again = await postCsv(t, coordinator, `/api/v1/questionnaires/${wave.json().id}/responses`, res.body);
    expect(again.json()).toEqual({ imported: 30, rejected: [] });
  });

  it('compares two waves per item', async () => {
    // Wave 2 of a fresh series, by hand: nulmeting tevreden mean 3.5 (above); vervolgmeting 10 × 4 and 0 × … = 4.
    const second = await coordinator.post(`/api/v1/questionnaires/${qid}/waves`);
    const id2 = second.json().id;
    expect(second.json().wave).toBe(3);
    const csv2 = [HEADER, ...times(6, 'pro,lob,4,,,5,'), ...times(6, 'vso,lob;plaatsing,5,,,5,'), ...times(8, 'vo,lob,3,,,5,')].join('\n');
    expect((await postCsv(t, coordinator, `/api/v1/questionnaires/${id2}/responses`, csv2)).json().imported).toBe(20);
    const res = await coordinator.get(`/api/v1/questionnaires/${id2}/compare?with=${qid}`);
    expect(res.statusCode, res.body).toBe(200);
    const item = (code: string) => res.json().items.find((i: any) => i.code === code);
    // (6·4 + 6·5 + 8·3) / 20 = 78 / 20 = 3.9; minus 3.5
    expect(item('tevreden').a.mean).toBe(3.5);
    expect(item('tevreden').b.mean).toBeCloseTo(3.9, 10);
    expect(item('tevreden').meanDifference).toBeCloseTo(0.4, 10);
    // plaatsing: 5 of 30 chose it before (16.67%), 6 of 20 now (30%).
    const plaatsing = item('act').pctDifference.find((d: any) => d.value === 'plaatsing');
    expect(plaatsing.difference).toBeCloseTo(30 - (100 * 5) / 30, 10);
    expect(item('toelichting')).toBeUndefined();
    // Without "with": the previous wave of the series (wave 2, the round-tripped copy).
    const prev = (await coordinator.get(`/api/v1/questionnaires/${id2}/compare`)).json();
    expect(prev.a.wave).toBe(2);
    expect(prev.a.respondents).toBe(30);
    // Only within the institution.
    expect((await otherCoordinator.get(`/api/v1/questionnaires/${id2}/compare?with=${qid}`)).statusCode).toBe(404);
  });

  it('keeps the threshold at 5 or more: configurable up, never down', async () => {
    expect((await coordinator.patch(`/api/v1/questionnaires/${qid}`, { minGroupSize: 4 })).statusCode).toBe(400);
    const up = await coordinator.patch(`/api/v1/questionnaires/${qid}`, { minGroupSize: 7 });
    expect(up.statusCode).toBe(200);
    expect(up.json().minGroupSize).toBe(7);
    const down = await coordinator.patch(`/api/v1/questionnaires/${qid}`, { minGroupSize: 6 });
    expect(down.statusCode).toBe(400);
    expect(down.json().error.fields.minGroupSize).toMatch(/omhoog/);
    // With 7, the 6 vso snuffel and the 5 plaatsing are hidden as well.
    const res = (await coordinator.get(`/api/v1/questionnaires/${qid}/crosstab?row=school&col=act`)).json();
    expect(res.threshold).toBe(7);
    const ns = res.rows.flatMap((r: any) => r.cells.map((c: any) => c.n)).filter((n: any) => n !== null);
    expect(ns.every((n: number) => n === 0 || n >= 7)).toBe(true);
  });

  it('locks the questions once answered: a new version only before the first response', async () => {
    const res = await coordinator.put(`/api/v1/questionnaires/${qid}/definition`, { sections: [{ title: 'A', items: [{ code: 'x', text: 'X', type: 'text' }] }] });
    expect(res.statusCode).toBe(409);
    const fresh = (await coordinator.post('/api/v1/questionnaires', INSTRUMENT)).json();
    const v2 = await coordinator.put(`/api/v1/questionnaires/${fresh.id}/definition`, { sections: [{ title: 'Deel 1', items: INSTRUMENT.items }, { title: 'Deel 2', items: [{ code: 'extra', text: 'Nog iets?', type: 'text' }] }] });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json().version).toBe(2);
    expect(v2.json().definition.sections).toHaveLength(2);
  });

  it('shows reports to the institution’s quality roles only', async () => {
    for (const [c, status] of [[docent, 404], [mentor, 404], [student, 404], [otherCoordinator, 404]] as const) {
      expect((await c.get(`/api/v1/questionnaires/${qid}/crosstab?row=school&col=act`)).statusCode).toBe(status);
      expect((await c.get(`/api/v1/questionnaires/${qid}/report`)).statusCode).toBe(status);
      expect((await c.get(`/api/v1/questionnaires/${qid}/responses.csv`)).statusCode).toBe(status);
    }
    const list = (await otherCoordinator.get('/api/v1/questionnaires')).json();
    expect(list.items).toEqual([]);
    expect((await docent.get('/api/v1/questionnaires')).statusCode).toBe(403);
  });
});

describe.each(testEngines())('Kwaliteit: anonymous responding and distribution on %s', (engine) => {
  let t: TestApp;
  let coordinator: Client;
  let qid: string;
  let zw2a: string;
  const students: { email: string; id: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signIn(t, 'coordinator@demo.koers.nl');
    zw2a = (await t.deps.db.selectFrom('groups').select('id').where('code', '=', 'ZW2A').executeTakeFirstOrThrow()).id;
    const rows = await sql<{ email: string; id: string }>`select u.email, u.id from enrolments e join users u on u.id = e.student_id
      where e.group_id = ${zw2a} order by u.email limit 7`.execute(t.deps.db);
    students.push(...rows.rows);
  });
  afterAll(() => t?.close());

  it('distributes to a group with a closing date and mails an invitation in plain Dutch', async () => {
    const created = await coordinator.post('/api/v1/quality/templates/satisfaction/questionnaires', {});
    expect(created.statusCode, created.body).toBe(201);
    qid = created.json().id;
    expect(created.json()).toMatchObject({ anonymous: true, templateCode: 'satisfaction', minGroupSize: 5 });
    const past = await coordinator.post(`/api/v1/questionnaires/${qid}/distribute`, { audience: { groupIds: [zw2a] }, closesOn: '2026-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.fields.closesOn).toBeTruthy();
    const none = await coordinator.post(`/api/v1/questionnaires/${qid}/distribute`, { audience: {}, closesOn: '2026-12-20' });
    expect(none.statusCode).toBe(400);
    const res = await coordinator.post(`/api/v1/questionnaires/${qid}/distribute`, { audience: { groupIds: [zw2a] }, closesOn: '2026-12-20' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ invited: 20, alreadyInvited: 0, mailed: 20 });
    const mail = t.mails.find((m) => m.to === 'student@demo.koers.nl')!;
    expect(mail.subject).toContain('Tevredenheid over loopbaanbegeleiding');
    expect(mail.text).toContain('anoniem');
    expect(mail.text).toContain(`/vragenlijsten/${qid}`);
    expect(mail.text).toContain('2026-12-20');
    // Distributing again adds nobody twice.
    expect((await coordinator.post(`/api/v1/questionnaires/${qid}/distribute`, { audience: { groupIds: [zw2a] }, closesOn: '2026-12-20' })).json()).toMatchObject({ invited: 0, alreadyInvited: 20 });
  });

  it('stores no link to a person: no user id, no session, no time; answers wait until 5 have gathered', async () => {
    const answer = { tv_keuze_opleiding: 4, tv_keuze_verder: 3, tv_gesprek: 5, tv_hielp: ['stage', 'other'], 'tv_hielp.other': 'mijn bijbaan', tv_tip: 'meer stages' };
    for (const [i, s] of students.slice(0, 4).entries()) {
      const c = await signIn(t, s.email);
      const mine = (await c.get('/api/v1/me/questionnaires')).json().items.find((q: any) => q.id === qid);
      expect(mine).toMatchObject({ responded: false, anonymous: true });
      const res = await c.post(`/api/v1/questionnaires/${qid}/answers`, { answers: { ...answer, tv_keuze_opleiding: 1 + i } });
      expect(res.statusCode, res.body).toBe(201);
      const twice = await c.post(`/api/v1/questionnaires/${qid}/answers`, { answers: answer });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.code).toBe('already_responded');
    }
    // Four answers: nothing is a response yet, and the report shows nothing.
    expect(await count(t, 'quality_responses', qid)).toBe(0);
    expect(await count(t, 'quality_response_pool', qid)).toBe(4);
    const early = (await coordinator.get(`/api/v1/questionnaires/${qid}/report`)).json();
    expect(early.respondents).toBeNull();
    const fifth = await signIn(t, students[4].email);
    expect((await fifth.post(`/api/v1/questionnaires/${qid}/answers`, { answers: answer })).statusCode).toBe(201);
    expect(await count(t, 'quality_responses', qid)).toBe(5);
    expect(await count(t, 'quality_response_pool', qid)).toBe(0);

    // In the database: no column can point at a person or a moment.
    const columns = await sql<{ column_name: string; data_type: string }>`select column_name, data_type from information_schema.columns where table_name = 'quality_responses'`.execute(t.deps.db);
    const timeColumns = columns.rows.filter((c) => /time|date/.test(c.data_type)).map((c) => c.column_name);
    expect(timeColumns).toEqual(['submitted_at']);
    const stored = await t.deps.db.selectFrom('quality_responses').selectAll().where('questionnaire_id', '=', qid).execute();
    expect(stored.every((r) => r.respondent_id === null && r.submitted_at === null)).toBe(true);
    const sessions = await sql<{ token_hash: string; csrf_token: string }>`select token_hash, csrf_token from sessions`.execute(t.deps.db);
    expect(sessions.rows.length).toBeGreaterThan(0);
    const needles = [...students.map((s) => s.id), ...students.map((s) => s.email), ...sessions.rows.flatMap((s) => [s.token_hash, s.csrf_token])];
    const text = JSON.stringify(stored);
    for (const needle of needles) expect(text).not.toContain(needle);
    // team and opleiding are the only groups kept, and they are the same for all five
    expect(new Set(stored.map((r) => `${r.team_id}/${r.programme_id}`)).size).toBe(1);
    // The invitation knows only that its person answered, not when.
    const inv = await sql<Record<string, unknown>>`select * from quality_invitations where questionnaire_id = ${qid} and responded`.execute(t.deps.db);
    expect(inv.rows).toHaveLength(5);
    for (const r of inv.rows) expect(Object.keys(r).sort()).toEqual(['invited_on', 'programme_id', 'questionnaire_id', 'reminded_on', 'responded', 'team_id', 'user_id']);
    // Nor does the audit log: answering is not audited per person.
    await t.deps.audit.flush();
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log
      where actor_id = any(${students.map((s) => s.id)}::uuid[]) and (action like 'quality.%' or subject_id = ${qid})`.execute(t.deps.db);
    expect(Number(audit.rows[0].n)).toBe(0);

    const report = (await coordinator.get(`/api/v1/questionnaires/${qid}/report`)).json();
    expect(report.respondents).toBe(5);
    const keuze = report.items.find((i: any) => i.code === 'tv_keuze_opleiding');
    // 1, 2, 3, 4, 4: every count is under 5, so no count shows, but the mean of 5 does.
    expect(keuze.options.every((o: any) => o.n === null || o.n === 0)).toBe(true);
    expect(keuze.mean).toBeCloseTo(14 / 5, 10);
  });

  it('never reports a group below the threshold: a team with fewer than 5 shows nothing', async () => {
    const team = (await t.deps.db.selectFrom('teams').select('id').where('name', 'like', '%ICT%').executeTakeFirst()) ?? (await t.deps.db.selectFrom('teams').select('id').executeTakeFirstOrThrow());
    const res = (await coordinator.get(`/api/v1/questionnaires/${qid}/report?teamId=${team.id}`)).json();
    expect(res.respondents).toBeNull();
    for (const item of res.items) {
      expect(item.n).toBeNull();
      expect(item.mean ?? null).toBeNull();
      for (const o of item.options ?? []) expect(o.n).toBeNull();
    }
  });

  it('counts the response rate, reminds only those who did not answer, and closes', async () => {
    const q = (await coordinator.get(`/api/v1/questionnaires/${qid}`)).json();
    expect(q).toMatchObject({ invited: 20, responded: 5, responseRate: 25, responses: 5, pending: 0 });
    t.mails.length = 0;
    expect((await coordinator.post(`/api/v1/questionnaires/${qid}/remind`)).json()).toEqual({ reminded: 15 });
    expect(t.mails).toHaveLength(15);
    expect(t.mails.every((m) => m.subject.startsWith('Herinnering'))).toBe(true);
    expect(t.mails.some((m) => students.slice(0, 5).some((s) => s.email === m.to))).toBe(false);
    // Once a day at most.
    expect((await coordinator.post(`/api/v1/questionnaires/${qid}/remind`)).json()).toEqual({ reminded: 0 });
    // A sixth answer waits in the pool; closing releases it.
    const sixth = await signIn(t, students[5].email);
    expect((await sixth.post(`/api/v1/questionnaires/${qid}/answers`, { answers: { tv_keuze_opleiding: 2 } })).statusCode).toBe(201);
    expect(await count(t, 'quality_response_pool', qid)).toBe(1);
    expect((await coordinator.post(`/api/v1/questionnaires/${qid}/close`)).json()).toMatchObject({ status: 'closed', responses: 6, pending: 0 });
    const late = await signIn(t, students[6].email);
    expect((await late.post(`/api/v1/questionnaires/${qid}/answers`, { answers: { tv_keuze_opleiding: 2 } })).statusCode).toBe(409);
  });

  it('refuses answers that do not fit the questions, naming the item', async () => {
    const created = (await coordinator.post('/api/v1/quality/templates/satisfaction/questionnaires', {})).json();
    await coordinator.post(`/api/v1/questionnaires/${created.id}/distribute`, { audience: { groupIds: [zw2a] }, closesOn: '2026-12-20' });
    const c = await signIn(t, students[0].email);
    const bad = await c.post(`/api/v1/questionnaires/${created.id}/answers`, { answers: { tv_keuze_opleiding: 9 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['answers.tv_keuze_opleiding']).toMatch(/1 tot en met 5/);
    const empty = await c.post(`/api/v1/questionnaires/${created.id}/answers`, { answers: {} });
    expect(empty.statusCode).toBe(400);
    // A student who is not invited cannot answer or even see it.
    const other = await signIn(t, 'student2@demo.koers.nl');
    expect((await other.get(`/api/v1/questionnaires/${created.id}/form`)).statusCode).toBe(404);
    expect((await other.post(`/api/v1/questionnaires/${created.id}/answers`, { answers: { tv_keuze_opleiding: 3 } })).statusCode).toBe(404);
  });
});

async function count(t: TestApp, table: 'quality_responses' | 'quality_response_pool', qid: string): Promise<number> {
  const r = await t.deps.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).where('questionnaire_id', '=', qid).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe.each(testEngines())('Kwaliteit: team-scan, profile and Kwaliteitskaart on %s', (engine) => {
  let t: TestApp;
  let coordinator: Client, manager: Client, docent: Client, mentor: Client, student: Client;
  let zorg: string;
  let scan: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [coordinator, manager, docent, mentor, student] = await Promise.all(['coordinator', 'manager', 'docent', 'mentor', 'student'].map((r) => signIn(t, `${r}@demo.koers.nl`)));
    zorg = (await sql<{ team_id: string }>`select tm.team_id from team_members tm join users u on u.id = tm.user_id where u.email = 'docent@demo.koers.nl'`.execute(t.deps.db)).rows[0].team_id;
    // The demo school's Kwaliteitskaart is tested below with actions of its own.
    await t.deps.db.deleteFrom('quality_actions').execute();
  });
  afterAll(() => t?.close());

  it('offers the ready instruments, among them the 14-item needs inventory on a 1–5 scale', async () => {
    const res = await coordinator.get('/api/v1/quality/templates');
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((i: any) => i.code);
    expect(codes).toEqual(['team_scan', 'lob_scan', 'needs_inventory', 'satisfaction', 'competence_prepost', 'student_panel']);
    const team = res.json().items.find((i: any) => i.code === 'team_scan');
    expect(team.themes.map((th: any) => th.label)).toEqual([
      'Visie en beleid',
      'LOB in het curriculum',
      'Het loopbaangesprek',
      'Professionalisering',
      'Samenwerking in de keten vmbo–mbo–hbo–werk',
      'Ouderbetrokkenheid',
      'Borging en evaluatie',
    ]);
    const needs = (await coordinator.post('/api/v1/quality/templates/needs_inventory/questionnaires', {})).json();
    const likert = needs.definition.sections[0].items;
    expect(likert).toHaveLength(14);
    expect(likert.every((i: any) => i.type === 'likert5' && i.labels[0].startsWith('1 Geen behoefte') && i.labels[4].startsWith('5 Veel behoefte'))).toBe(true);
    const prepost = (await coordinator.post('/api/v1/quality/templates/competence_prepost/questionnaires', {})).json();
    expect(prepost.definition.themes.map((th: any) => th.code)).toEqual(['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken']);
    expect((await coordinator.post('/api/v1/quality/templates/nope/questionnaires', {})).statusCode).toBe(404);
  });

  it('runs a team-scan: from the template, to the team, two teachers answer, the profile per theme', async () => {
    const created = await coordinator.post('/api/v1/quality/templates/team_scan/questionnaires', { teamId: zorg });
    expect(created.statusCode, created.body).toBe(201);
    scan = created.json().id;
    expect(created.json()).toMatchObject({ anonymous: false, teamId: zorg, templateCode: 'team_scan' });
    const dist = await coordinator.post(`/api/v1/questionnaires/${scan}/distribute`, { audience: { teamIds: [zorg] }, closesOn: '2026-12-15' });
    // Everyone in team Zorg (mentors, docent, manager) is invited.
    const members = await t.deps.db.selectFrom('team_members').select('user_id').where('team_id', '=', zorg).execute();
    expect(members.length).toBeGreaterThanOrEqual(5);
    expect(dist.json().invited).toBe(members.length);
    const form = (await docent.get(`/api/v1/questionnaires/${scan}/form`)).json();
    const items = form.definition.sections.flatMap((s: any) => s.items).filter((i: any) => i.type === 'likert5');
    // docent: 2 on the conversation, 4 elsewhere; mentor: 3 on the conversation, 5 elsewhere.
    const answersOf = (gesprek: number, rest: number) => Object.fromEntries(items.map((i: any) => [i.code, i.theme === 'gesprek' ? gesprek : rest]));
    expect((await docent.post(`/api/v1/questionnaires/${scan}/answers`, { answers: answersOf(2, 4) })).statusCode).toBe(201);
    expect((await mentor.post(`/api/v1/questionnaires/${scan}/answers`, { answers: { ...answersOf(3, 5), ts_trots: 'De stagegesprekken' } })).statusCode).toBe(201);
    // Identified: the team-scan names its respondents, and the time.
    const stored = await t.deps.db.selectFrom('quality_responses').select(['respondent_id', 'submitted_at']).where('questionnaire_id', '=', scan).execute();
    expect(stored.every((r) => r.respondent_id && r.submitted_at)).toBe(true);

    const profile = await coordinator.get(`/api/v1/questionnaires/${scan}/profile`);
    expect(profile.statusCode, profile.body).toBe(200);
    const themes = profile.json().themes;
    expect(themes).toHaveLength(7);
    const gesprek = themes.find((th: any) => th.code === 'gesprek');
    expect(gesprek.team).toEqual({ score: 2.5, n: 2 });
    expect(themes.find((th: any) => th.code === 'visie').team).toEqual({ score: 4.5, n: 2 });
    expect(gesprek.previous).toEqual({ score: null, n: null });
    expect(profile.json().previousWaveId).toBeNull();
    expect((await docent.get(`/api/v1/questionnaires/${scan}/profile`)).statusCode).toBe(404);
  });

  it('shows the profile next to the previous wave', async () => {
    const wave2 = (await coordinator.post(`/api/v1/questionnaires/${scan}/waves`)).json();
    await coordinator.post(`/api/v1/questionnaires/${wave2.id}/distribute`, { audience: { teamIds: [zorg] }, closesOn: '2026-12-20' });
    const form = (await docent.get(`/api/v1/questionnaires/${wave2.id}/form`)).json();
    const items = form.definition.sections.flatMap((s: any) => s.items).filter((i: any) => i.type === 'likert5');
    await docent.post(`/api/v1/questionnaires/${wave2.id}/answers`, { answers: Object.fromEntries(items.map((i: any) => [i.code, 4])) });
    const profile = (await coordinator.get(`/api/v1/questionnaires/${wave2.id}/profile`)).json();
    expect(profile.previousWaveId).toBe(scan);
    const gesprek = profile.themes.find((th: any) => th.code === 'gesprek');
    expect(gesprek.team).toEqual({ score: 4, n: 1 });
    expect(gesprek.previous).toEqual({ score: 2.5, n: 2 });
    // The institution: every team-scan of this school year, 3 respondents: (2 + 3 + 4) / 3
    expect(gesprek.institution).toEqual({ score: 3, n: 3 });
  });

  it('turns a weak theme into a Kwaliteitskaart action; the owner reports progress; the manager sees open and overdue', async () => {
    const docentId = await userIdByEmail(t, 'docent@demo.koers.nl');
    const bad = await coordinator.post('/api/v1/quality/actions', { step: 'verbeteren', theme: 'gesprek', title: 'x', dueOn: '2027-03-01', ownerId: await userIdByEmail(t, 'student@demo.koers.nl') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.ownerId).toBeTruthy();
    const res = await coordinator.post('/api/v1/quality/actions', {
      step: 'verbeteren',
      theme: 'gesprek',
      title: 'Elke student twee loopbaangesprekken per jaar',
      description: 'Gespreksweek in periode 3, training voor nieuwe mentoren.',
      ownerId: docentId,
      dueOn: '2027-03-01',
      teamId: zorg,
      sourceQuestionnaireId: scan,
    });
    expect(res.statusCode, res.body).toBe(201);
    const action = res.json();
    expect(action).toMatchObject({ schoolYear: '2026-2027', status: 'planned', ownerName: 'Peter Claassen', overdue: false });
    const late = (await manager.post('/api/v1/quality/actions', { step: 'faciliteren', theme: 'professionalisering', title: 'Scholing gesprekstechniek', dueOn: '2026-11-01', teamId: zorg })).json();
    expect(late.overdue).toBe(true);

    const overview = (await manager.get('/api/v1/quality/actions?status=open')).json();
    expect(overview.summary).toMatchObject({ open: 2, overdue: 1, done: 0 });
    expect(overview.summary.byStep.verbeteren).toEqual({ open: 1, done: 0 });
    expect((await manager.get('/api/v1/quality/actions?status=overdue')).json().items.map((a: any) => a.id)).toEqual([late.id]);

    // The owner reports progress and evidence, but does not re-plan.
    expect((await docent.patch(`/api/v1/quality/actions/${action.id}`, { dueOn: '2027-06-01' })).statusCode).toBe(403);
    const done = await docent.patch(`/api/v1/quality/actions/${action.id}`, { status: 'done', evidence: 'Gespreksweek gehouden, 38 van 40 studenten gesproken.' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', doneOn: '2026-11-23' });
    // Someone else's action is not theirs to change; a student sees no Kwaliteitskaart.
    expect((await mentor.patch(`/api/v1/quality/actions/${late.id}`, { status: 'done' })).statusCode).toBe(404);
    expect((await student.get('/api/v1/quality/actions')).statusCode).toBe(403);
    // The docent sees the actions of their team.
    expect((await docent.get('/api/v1/quality/actions')).json().items).toHaveLength(2);

    const tl = (await coordinator.get('/api/v1/quality/timeline?schoolYear=2026-2027')).json();
    expect(tl.events.map((e: any) => [e.phase, e.kind])).toEqual(
      expect.arrayContaining([['check', 'scan'], ['do', 'action_due'], ['act', 'action_done'], ['plan', 'action_due']]),
    );

    const progress = await kwaliteitskaartProgress(t.deps.db, action.institutionId, '2026-2027', '2026-11-23');
    expect(progress).toMatchObject({ total: 2, done: 1, open: 1, overdue: 1 });
  });

  it('gives the monitor aggregates with suppression: satisfaction per team, competence pre/post', async () => {
    const inst = (await t.deps.db.selectFrom('institutions').select('id').executeTakeFirstOrThrow()).id;
    const sat = (await coordinator.post('/api/v1/quality/templates/satisfaction/questionnaires', { teamId: zorg })).json();
    await postCsv(t, coordinator, `/api/v1/questionnaires/${sat.id}/responses`, ['tv_keuze_opleiding,tv_keuze_verder', ...times(4, '4,4'), ...times(2, '2,3')].join('\n'));
    const s = await satisfactionByTeam(t.deps.db, inst, '2026-2027');
    // (4·4 + 2·2.5) / 6 = 21 / 6 = 3.5
    expect(s.institution).toEqual({ value: 3.5, n: 6, suppressed: false });
    expect(s.teams).toEqual([{ teamId: zorg, value: 3.5, n: 6, suppressed: false }]);

    const pre = (await coordinator.post('/api/v1/quality/templates/competence_prepost/questionnaires', {})).json();
    const post = (await coordinator.post(`/api/v1/questionnaires/${pre.id}/waves`)).json();
    await postCsv(t, coordinator, `/api/v1/questionnaires/${pre.id}/responses`, ['lc_netwerken_1,lc_netwerken_2,lc_kwaliteiten_1', ...times(5, '2,3,3')].join('\n'));
    await postCsv(t, coordinator, `/api/v1/questionnaires/${post.id}/responses`, ['lc_netwerken_1,lc_netwerken_2,lc_kwaliteiten_1', ...times(5, '4,4,3'), '5,5,'].join('\n'));
    const growth = await competencePrePost(t.deps.db, inst, '2026-2027');
    const netwerken = growth.find((g) => g.code === 'netwerken')!;
    expect(netwerken.pre).toEqual({ value: 2.5, n: 5, suppressed: false });
    // (5·4 + 5) / 6
    expect(netwerken.post.value).toBeCloseTo(25 / 6, 10);
    expect(netwerken.growth).toBeCloseTo(25 / 6 - 2.5, 10);
    expect(growth.find((g) => g.code === 'motieven')!.pre).toEqual({ value: null, n: null, suppressed: true });
    // The demo school's measurement of last year stands on its own.
    const lastYear = await competencePrePost(t.deps.db, inst, '2025-2026');
    expect(lastYear.map((g) => [g.pre.n, g.post.n, g.growth! > 0])).toEqual(Array(5).fill([20, 20, true]));
    const satLastYear = await satisfactionByTeam(t.deps.db, inst, '2025-2026');
    expect(satLastYear.institution).toMatchObject({ n: 24, suppressed: false });
  });

  it('shows a student panel’s results to the students who took part, and only to them', async () => {
    const zw2a = (await t.deps.db.selectFrom('groups').select('id').where('code', '=', 'ZW2A').executeTakeFirstOrThrow()).id;
    const panel = (await coordinator.post('/api/v1/quality/templates/student_panel/questionnaires', { teamId: zorg })).json();
    expect(panel.panel).toBe(true);
    const sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    const dist = await coordinator.post(`/api/v1/questionnaires/${panel.id}/distribute`, { audience: { userIds: [sanne, await userIdByEmail(t, 'student2@demo.koers.nl')], groupIds: [zw2a] }, closesOn: '2026-12-20' });
    expect(dist.json().invited).toBe(21);
    expect((await student.get(`/api/v1/questionnaires/${panel.id}/report`)).statusCode).toBe(404);
    expect((await student.post(`/api/v1/questionnaires/${panel.id}/answers`, { answers: { sp_oordeel: 4, sp_idee: 'Meer bedrijfsbezoeken' } })).statusCode).toBe(201);
    const seen = await student.get(`/api/v1/questionnaires/${panel.id}/report`);
    expect(seen.statusCode).toBe(200);
    // One answer, pooled: the panel sees that there is not enough yet.
    expect(seen.json().respondents).toBeNull();
    const student2 = await signIn(t, 'student2@demo.koers.nl');
    expect((await student2.get(`/api/v1/questionnaires/${panel.id}/report`)).statusCode).toBe(404);
    // The crosstab and export stay with the institution.
    expect((await student.get(`/api/v1/questionnaires/${panel.id}/responses.csv`)).statusCode).toBe(404);
  });
});
