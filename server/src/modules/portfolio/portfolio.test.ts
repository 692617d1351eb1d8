import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { addPlanActionFromConversation, CONVERSATION_GOAL_TITLE } from './service.js';

type Client = Awaited<ReturnType<typeof signIn>>;

const reflection = { orientatie: 'Wat ik deed', mening: 'Wat ik ervan vind', reflectie: 'Wat ik leerde' };
const entry = (title: string, sharing: string[] = []) => ({
  kind: 'bpv',
  title,
  occurredOn: '2026-11-20',
  competencies: ['werkexploratie', 'kwaliteiten'],
  reflection,
  sharing,
});

/** A tiny valid PNG (1x1 pixel). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(filename: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----koers' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(t: TestApp, c: Client, entryId: string, filename: string, content: Buffer, type?: string) {
  const body = multipart(filename, content, type);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/portfolio/entries/${entryId}/evidence`,
    headers: { cookie: `koers_session=${c.cookie}`, 'x-csrf-token': c.csrfToken, ...body.headers },
    payload: body.payload,
  });
}

/** Every entry id a reader can list for a student, following the cursor to the end. */
async function allVisible(c: Client, studentId: string): Promise<string[] | number> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res = await c.get(`/api/v1/students/${studentId}/portfolio/entries?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.statusCode !== 200) return res.statusCode;
    const body = res.json();
    ids.push(...body.items.map((i: any) => i.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

/** Text of a PDF: its uncompressed objects plus every inflated stream. */
function pdfText(pdf: Buffer): string {
  let out = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(out))) {
    const start = m.index + m[0].length;
    const end = out.indexOf('endstream', start);
    try {
      out += zlib.inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      /* not deflated */
    }
  }
  return out;
}

describe.each(testEngines())('LOBbook (portfolio) on %s', (engine) => {
  let t: TestApp;
  let sanneId: string;
  let sanne: Client, mentor: Client, docent: Client, ouder: Client, admin: Client, peer: Client, praktijk: Client, student2: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    sanneId = await userIdByEmail(t, 'student@demo.koers.nl');
    [sanne, mentor, docent, ouder, admin, praktijk, student2] = await Promise.all(
      ['student@demo.koers.nl', 'mentor@demo.koers.nl', 'docent@demo.koers.nl', 'ouder@demo.koers.nl', 'admin@demo.koers.nl', 'praktijk@demo.koers.nl', 'student2@demo.koers.nl'].map((e) => signIn(t, e)),
    );
    // A fellow student of Sanne's group ZW2A.
    const peerRow = await t.deps.db
      .selectFrom('enrolments as e')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .innerJoin('users as u', 'u.id', 'e.student_id')
      .select('u.email')
      .where('g.code', '=', 'ZW2A')
      .where('e.student_id', '!=', sanneId)
      .orderBy('u.email')
      .executeTakeFirstOrThrow();
    peer = await signIn(t, peerRow.email);
  });
  afterAll(() => t?.close());

  it('has demo LOBbooks for every demo student', async () => {
    // the ROC's 80 students (other demo schools, such as De Brug, have their own pupils)
    const perStudent = await t.deps.db
      .selectFrom('portfolio_entries')
      .select(['student_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('student_id', 'in', (eb) =>
        eb.selectFrom('user_roles as r').innerJoin('institutions as i', 'i.id', 'r.institution_id').select('r.user_id').where('r.role', '=', 'student').where('i.brin', '=', '99KL'),
      )
      .groupBy('student_id')
      .execute();
    expect(perStudent).toHaveLength(80);
    const assessments = await t.deps.db.selectFrom('portfolio_self_assessments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(assessments.n)).toBe(320);
  });

  it('keeps a private entry from the mentor, the group, the parent and the admin in every list and count', async () => {
    const created = await sanne.post('/api/v1/portfolio/entries', entry('Privé: alleen voor mij'));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json().sharing).toEqual([]);
    expect(await allVisible(sanne, sanneId)).toContain(id);

    for (const [who, c] of [['mentor', mentor], ['peer', peer], ['ouder', ouder], ['admin', admin], ['docent', docent], ['praktijk', praktijk]] as const) {
      const listed = await allVisible(c, sanneId);
      if (typeof listed !== 'number') expect(listed, who).not.toContain(id);
      else expect([403, 404], who).toContain(listed);
      const one = await c.get(`/api/v1/portfolio/entries/${id}`);
      expect(one.statusCode, who).toBe(404);
      const fb = await c.post(`/api/v1/portfolio/entries/${id}/feedback`, { body: 'hallo' });
      expect(fb.statusCode, who).toBe(404);
      const growth = await c.get(`/api/v1/students/${sanneId}/portfolio/growth`);
      if (growth.statusCode === 200) {
        // The count must not move when a private entry is added: compare with the owner's view.
        const own = (await sanne.get(`/api/v1/students/${sanneId}/portfolio/growth`)).json().entryCounts;
        expect(growth.json().entryCounts.werkexploratie, who).toBeLessThan(own.werkexploratie);
      } else expect([403, 404], who).toContain(growth.statusCode);
    }
    // The mentor's count of werkexploratie equals the number of visible entries with it, exactly.
    const visible = await mentor.get(`/api/v1/students/${sanneId}/portfolio/entries?limit=100&competence=werkexploratie`);
    const counts = (await mentor.get(`/api/v1/students/${sanneId}/portfolio/growth`)).json().entryCounts;
    expect(counts.werkexploratie).toBe(visible.json().items.length);
    expect(visible.json().items.every((i: any) => i.sharing === undefined)).toBe(true);
  });

  it('shows an entry shared with the mentor to Sanne’s mentor and not to the docent; with parents to ouder', async () => {
    const toMentor = (await sanne.post('/api/v1/portfolio/entries', entry('Gedeeld met mentor', ['mentor']))).json().id;
    const toParents = (await sanne.post('/api/v1/portfolio/entries', entry('Gedeeld met ouders', ['parents']))).json().id;
    expect(await allVisible(mentor, sanneId)).toContain(toMentor);
    expect(await allVisible(mentor, sanneId)).not.toContain(toParents);
    expect((await mentor.get(`/api/v1/portfolio/entries/${toMentor}`)).statusCode).toBe(200);
    const docentList = await allVisible(docent, sanneId);
    if (typeof docentList !== 'number') expect(docentList).not.toContain(toMentor);
    expect((await docent.get(`/api/v1/portfolio/entries/${toMentor}`)).statusCode).toBe(404);
    expect(await allVisible(ouder, sanneId)).toContain(toParents);
    expect(await allVisible(ouder, sanneId)).not.toContain(toMentor);
    // a student of another group sees nothing of Sanne's
    const other = await allVisible(student2, sanneId);
    if (typeof other !== 'number') expect(other).toEqual([]);
  });

  it('applies a sharing change at once and audits it in the same transaction', async () => {
    const id = (await sanne.post('/api/v1/portfolio/entries', entry('Eerst privé'))).json().id;
    expect(await allVisible(mentor, sanneId)).not.toContain(id);
    const shared = await sanne.patch(`/api/v1/portfolio/entries/${id}`, { sharing: ['mentor', 'group'] });
    expect(shared.statusCode).toBe(200);
    expect(await allVisible(mentor, sanneId)).toContain(id);
    expect(await allVisible(peer, sanneId)).toContain(id);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'details']).where('subject_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('portfolio.entry.share');
    await sanne.patch(`/api/v1/portfolio/entries/${id}`, { sharing: [] });
    expect(await allVisible(mentor, sanneId)).not.toContain(id);
    expect(await allVisible(peer, sanneId)).not.toContain(id);
  });

  it('hides drafts from readers even when shared, and lets only the owner change or remove an entry', async () => {
    const draft = (await sanne.post('/api/v1/portfolio/entries', { ...entry('Concept', ['mentor']), competencies: [], status: 'draft' })).json();
    expect(draft.status).toBe('draft');
    expect(await allVisible(mentor, sanneId)).not.toContain(draft.id);
    const publishEmpty = await sanne.patch(`/api/v1/portfolio/entries/${draft.id}`, { status: 'published' });
    expect(publishEmpty.statusCode).toBe(400);
    expect(publishEmpty.json().error.fields.competencies).toBeTruthy();
    await sanne.patch(`/api/v1/portfolio/entries/${draft.id}`, { status: 'published', competencies: ['motieven'] });
    expect(await allVisible(mentor, sanneId)).toContain(draft.id);
    expect((await mentor.patch(`/api/v1/portfolio/entries/${draft.id}`, { title: 'overgenomen' })).statusCode).toBe(403);
    expect((await mentor.delete(`/api/v1/portfolio/entries/${draft.id}`)).statusCode).toBe(403);
    expect((await sanne.delete(`/api/v1/portfolio/entries/${draft.id}`)).statusCode).toBe(204);
    expect((await sanne.get(`/api/v1/portfolio/entries/${draft.id}`)).statusCode).toBe(404);
  });

  it('names the wrong field on bad input', async () => {
    const bad = await sanne.post('/api/v1/portfolio/entries', { ...entry('x'), kind: 'vakantie', occurredOn: 'gisteren', sharing: ['iedereen'] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['kind', 'occurredOn', 'sharing.0']));
    const noComp = await sanne.post('/api/v1/portfolio/entries', { ...entry('x'), competencies: [] });
    expect(noComp.statusCode).toBe(400);
    expect(noComp.json().error.fields.competencies).toBeTruthy();
    expect((await mentor.post('/api/v1/portfolio/entries', entry('mentor kan niet'))).statusCode).toBe(403);
    expect((await sanne.get(`/api/v1/students/${sanneId}/portfolio/entries?cursor=rommel`)).statusCode).toBe(400);
  });

  it('lets the mentor and praktijkopleider give feedback, notifies Sanne and lets her reply', async () => {
    const id = (await sanne.post('/api/v1/portfolio/entries', entry('Feedback graag', ['mentor', 'praktijkopleider']))).json().id;
    expect((await mentor.post(`/api/v1/portfolio/entries/${id}/feedback`, { body: '' })).json().error.fields.body).toBeTruthy();
    expect((await mentor.post(`/api/v1/portfolio/entries/${id}/feedback`, { body: 'Goed gedaan!' })).statusCode).toBe(201);
    const p = await praktijk.post(`/api/v1/portfolio/entries/${id}/feedback`, { body: 'Herken ik.' });
    expect(p.statusCode).toBe(201);
    expect(p.json().authorRole).toBe('praktijkopleider');
    // the parent cannot see it (not shared with parents) and so cannot respond
    expect((await ouder.post(`/api/v1/portfolio/entries/${id}/feedback`, { body: 'hoi' })).statusCode).toBe(404);
    const summary = (await sanne.get(`/api/v1/students/${sanneId}/portfolio/summary`)).json();
    expect(summary.newFeedback).toContainEqual({ entryId: id, title: 'Feedback graag', count: 2 });
    expect((await sanne.post(`/api/v1/portfolio/entries/${id}/feedback`, { body: 'Dank je!' })).json().authorRole).toBe('student');
    await sanne.post(`/api/v1/portfolio/entries/${id}/feedback/read`);
    const after = (await sanne.get(`/api/v1/students/${sanneId}/portfolio/summary`)).json();
    expect(after.newFeedback.find((f: any) => f.entryId === id)).toBeUndefined();
    const thread = (await mentor.get(`/api/v1/portfolio/entries/${id}`)).json().feedback;
    expect(thread.map((f: any) => [f.authorRole, f.body])).toEqual([
      ['mentor', 'Goed gedaan!'],
      ['praktijkopleider', 'Herken ik.'],
      ['student', 'Dank je!'],
    ]);
  });

  describe('evidence uploads', () => {
    let id: string;
    const evidenceRows = async () =>
      Number((await t.deps.db.selectFrom('portfolio_evidence').select((eb) => eb.fn.countAll<number>().as('n')).where('entry_id', '=', id).executeTakeFirstOrThrow()).n);
    beforeAll(async () => {
      id = (await sanne.post('/api/v1/portfolio/entries', entry('Met bewijs', ['mentor']))).json().id;
    });

    it('stores a real photo and serves it only to readers, with nosniff and a disposition', async () => {
      const res = await upload(t, sanne, id, 'foto.png', PNG, 'image/png');
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ filename: 'foto.png', mediaType: 'image/png', sizeBytes: PNG.length });
      const file = await mentor.get(`/api/v1/portfolio/evidence/${res.json().id}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(String(file.headers['content-disposition'])).toMatch(/^inline; filename="foto.png"/);
      expect(file.rawPayload.equals(PNG)).toBe(true);
      expect((await docent.get(`/api/v1/portfolio/evidence/${res.json().id}`)).statusCode).toBe(404);
      expect((await mentor.get(`/api/v1/portfolio/entries/${id}`)).json().evidence).toHaveLength(1);
      // readers cannot add evidence
      expect((await upload(t, mentor, id, 'foto.png', PNG)).statusCode).toBe(403);
    });

    it('refuses a disguised, a wrongly typed and an oversized file, and stores nothing', async () => {
      const before = await evidenceRows();
      const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
      const disguisedExe = await upload(t, sanne, id, 'vakantie.jpg', exe, 'image/jpeg');
      expect(disguisedExe.statusCode).toBe(415);
      expect(disguisedExe.json().error.code).toBe('evidence_content_mismatch');
      expect(disguisedExe.json().error.fields.file).toMatch(/geen echte jpg/);
      const html = await upload(t, sanne, id, 'foto.jpg', Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/jpeg');
      expect(html.statusCode).toBe(415);
      expect(html.json().error.fields.file).toBeTruthy();
      const pngAsPdf = await upload(t, sanne, id, 'verslag.pdf', PNG, 'application/pdf');
      expect(pngAsPdf.statusCode).toBe(415);
      const wrongType = await upload(t, sanne, id, 'script.exe', exe);
      expect(wrongType.statusCode).toBe(415);
      expect(wrongType.json().error.code).toBe('evidence_type_not_allowed');
      expect(wrongType.json().error.message).toMatch(/foto, een pdf/);
      // a photo over 5 MB: a real PNG header with padding
      const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
      const tooBig = await upload(t, sanne, id, 'groot.png', big, 'image/png');
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().error.code).toBe('evidence_too_large');
      expect(tooBig.json().error.fields.file).toMatch(/5 MB/);
      // over every limit: cut off while streaming
      const huge = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024)]);
      const tooHuge = await upload(t, sanne, id, 'boek.pdf', huge, 'application/pdf');
      expect(tooHuge.statusCode).toBe(413);
      expect(tooHuge.json().error.fields.file).toBeTruthy();
      expect(await evidenceRows()).toBe(before);
      // the English message for an English reader
      const form = multipart('x.jpg', exe);
      const en = await t.app.inject({
        method: 'POST',
        url: `/api/v1/portfolio/entries/${id}/evidence`,
        headers: { cookie: `koers_session=${sanne.cookie}`, 'x-csrf-token': sanne.csrfToken, 'accept-language': 'en', ...form.headers },
        payload: form.payload,
      });
      expect(en.statusCode).toBe(415);
      expect(en.json().error.message).toBe('This file is not what its name says. It was not stored.');
      expect(await evidenceRows()).toBe(before);
    });
  });

  it('validates self-assessments and shows growth per competence', async () => {
    const before = (await sanne.get(`/api/v1/students/${sanneId}/portfolio/growth`)).json();
    expect(before.assessments.length).toBe(4);
    for (const bad of [{ scores: { kwaliteiten: 6, motieven: 3, werkexploratie: 3, loopbaansturing: 3, netwerken: 3 } }, { scores: { kwaliteiten: 3 } }, { scores: { kwaliteiten: 2.5, motieven: 3, werkexploratie: 3, loopbaansturing: 3, netwerken: 0 } }, {}]) {
      const res = await sanne.post('/api/v1/portfolio/self-assessments', bad);
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().error.fields).some((f) => f.startsWith('scores'))).toBe(true);
    }
    const bad = await sanne.post('/api/v1/portfolio/self-assessments', { scores: { kwaliteiten: 6, motieven: 3, werkexploratie: 3, loopbaansturing: 3, netwerken: 0 } });
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['scores.kwaliteiten', 'scores.netwerken']);
    const scores = { kwaliteiten: 4, motieven: 5, werkexploratie: 3, loopbaansturing: 2, netwerken: 1 };
    expect((await sanne.post('/api/v1/portfolio/self-assessments', { scores })).statusCode).toBe(201);
    expect((await mentor.post('/api/v1/portfolio/self-assessments', { scores })).statusCode).toBe(403);
    const after = (await sanne.get(`/api/v1/students/${sanneId}/portfolio/growth`)).json();
    expect(after.assessments).toHaveLength(5);
    expect(after.assessments.at(-1).scores).toEqual(scores);
    expect(Object.keys(after.entryCounts).sort()).toEqual(['kwaliteiten', 'loopbaansturing', 'motieven', 'netwerken', 'werkexploratie']);
    expect((await mentor.get(`/api/v1/students/${sanneId}/portfolio/growth`)).statusCode).toBe(200);
    expect([403, 404]).toContain((await docent.get(`/api/v1/students/${sanneId}/portfolio/growth`)).statusCode);
  });

  it('adds a plan action from a career conversation under one goal, created when missing', async () => {
    const student2Id = await userIdByEmail(t, 'student2@demo.koers.nl');
    const conversationId = crypto.randomUUID();
    await t.deps.db.deleteFrom('portfolio_goals').where('student_id', '=', student2Id).where('kind', '=', 'conversations').execute();
    const first = await t.deps.db.transaction().execute((trx) =>
      addPlanActionFromConversation(trx, { studentId: student2Id, action: 'Open dag bezoeken', dueOn: '2026-12-01', conversationId }),
    );
    const second = await t.deps.db.transaction().execute((trx) =>
      addPlanActionFromConversation(trx, { studentId: student2Id, action: 'Cv laten nakijken', dueOn: '2026-11-01', conversationId }),
    );
    expect(second.goalId).toBe(first.goalId);
    const plan = (await student2.get(`/api/v1/students/${student2Id}/portfolio/plan`)).json();
    const goal = plan.goals.find((g: any) => g.kind === 'conversations');
    expect(goal.title).toBe(CONVERSATION_GOAL_TITLE);
    expect(goal.actions.map((a: any) => [a.description, a.conversationId, a.overdue])).toEqual([
      ['Cv laten nakijken', conversationId, true],
      ['Open dag bezoeken', conversationId, false],
    ]);
    // the overdue agreement shows on the student's home and cannot be thrown away
    const summary = (await student2.get(`/api/v1/students/${student2Id}/portfolio/summary`)).json();
    expect(summary.overdueActions.map((a: any) => a.description)).toContain('Cv laten nakijken');
    expect((await student2.delete(`/api/v1/portfolio/actions/${second.actionId}`)).statusCode).toBe(409);
    expect((await student2.patch(`/api/v1/portfolio/actions/${second.actionId}`, { status: 'done' })).json().status).toBe('done');
    // nobody else may change it
    expect((await sanne.patch(`/api/v1/portfolio/actions/${first.actionId}`, { status: 'done' })).statusCode).toBe(404);
    // a rolled-back conversation leaves nothing behind
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await addPlanActionFromConversation(trx, { studentId: student2Id, action: 'Teruggedraaid', dueOn: null, conversationId });
        throw new Error('conversation failed');
      }),
    ).rejects.toThrow();
    expect(await t.deps.db.selectFrom('portfolio_actions').select('id').where('description', '=', 'Teruggedraaid').execute()).toEqual([]);
  });

  it('keeps the plan, network and journey to the student', async () => {
    const goal = (await sanne.post('/api/v1/portfolio/goals', { title: 'Naar niveau 3' })).json();
    const action = await sanne.post(`/api/v1/portfolio/goals/${goal.id}/actions`, { description: 'Gesprek met decaan', dueOn: '2026-12-10' });
    expect(action.statusCode).toBe(201);
    expect((await mentor.post(`/api/v1/portfolio/goals/${goal.id}/actions`, { description: 'x' })).statusCode).toBe(404);
    const contact = await sanne.post('/api/v1/portfolio/contacts', { name: 'Oom Henk', relation: 'familie', canHelpWith: 'stage in de thuiszorg' });
    expect(contact.statusCode).toBe(201);
    expect((await sanne.patch(`/api/v1/portfolio/contacts/${contact.json().id}`, { step: 'asked' })).json().step).toBe('asked');
    expect((await sanne.get(`/api/v1/students/${sanneId}/portfolio/network`)).json().items.map((c: any) => c.name)).toContain('Oom Henk');
    expect((await mentor.get(`/api/v1/students/${sanneId}/portfolio/network`)).statusCode).toBe(404);
    const m = await sanne.post('/api/v1/portfolio/milestones', { kind: 'next_step', title: 'Aanmelden niveau 3', occurredOn: '2027-06-01' });
    expect(m.statusCode).toBe(201);
    const journey = (await sanne.get(`/api/v1/students/${sanneId}/portfolio/journey`)).json().items;
    expect(journey[0]).toMatchObject({ type: 'milestone', title: 'Aanmelden niveau 3' });
    expect(journey.map((j: any) => j.type)).toEqual(expect.arrayContaining(['entry', 'enrolment', 'internship', 'milestone']));
    expect((await ouder.get(`/api/v1/students/${sanneId}/portfolio/journey`)).statusCode).toBe(404);
  });

  it('exports every entry of the student as JSON and PDF, nothing of anyone else, audited', async () => {
    const mine = (await sanne.post('/api/v1/portfolio/entries', entry('UNIEK-SANNE-EXPORT'))).json().id;
    const theirs = (await student2.post('/api/v1/portfolio/entries', entry('UNIEK-ANDER-EXPORT', ['mentor']))).json().id;
    const expected = (await t.deps.db.selectFrom('portfolio_entries').select('id').where('student_id', '=', sanneId).execute()).map((r) => r.id).sort();

    const json = await sanne.get(`/api/v1/students/${sanneId}/portfolio/export.json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toMatch(/^attachment/);
    const data = json.json();
    expect(data.entries.map((e: any) => e.id).sort()).toEqual(expected);
    expect(data.entries.every((e: any) => e.studentId === sanneId)).toBe(true);
    expect(json.body).toContain(mine);
    expect(json.body).not.toContain(theirs);
    expect(json.body).not.toContain('UNIEK-ANDER-EXPORT');

    const pdf = await sanne.get(`/api/v1/students/${sanneId}/portfolio/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.rawPayload);
    // Each entry is a bookmark (outline item) titled with the entry title.
    expect(text).toContain(`(Ervaringen \\(${expected.length}\\))`);
    expect(text).toContain('(UNIEK-SANNE-EXPORT)');
    expect(text).not.toContain('UNIEK-ANDER-EXPORT');

    expect((await mentor.get(`/api/v1/students/${sanneId}/portfolio/export.json`)).statusCode).toBe(404);
    expect((await ouder.get(`/api/v1/students/${sanneId}/portfolio/export.pdf`)).statusCode).toBe(404);
    const audit = await t.deps.db.selectFrom('audit_log').select(['details']).where('action', '=', 'portfolio.export').where('student_id', '=', sanneId).execute();
    expect(audit.map((a: any) => (typeof a.details === 'string' ? JSON.parse(a.details) : a.details).format).sort()).toEqual(['json', 'pdf']);
  });

  it('exports and erases one person through the privacy provider', async () => {
    const { portfolioPrivacy } = await import('./privacy.js');
    const student2Id = await userIdByEmail(t, 'student2@demo.koers.nl');
    const exported: any = await portfolioPrivacy.exportFor(t.deps.db, student2Id);
    expect(exported.entries.length).toBeGreaterThan(0);
    await t.deps.db.transaction().execute((trx) => portfolioPrivacy.eraseFor(trx, student2Id));
    const left = await t.deps.db.selectFrom('portfolio_entries').select('id').where('student_id', '=', student2Id).execute();
    expect(left).toEqual([]);
    expect((await portfolioPrivacy.exportFor(t.deps.db, student2Id) as any).selfAssessments).toEqual([]);
  });
});
