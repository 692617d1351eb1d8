import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { hashPassword } from '../identity/passwords.js';

type Client = Awaited<ReturnType<typeof signIn>>;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** A multipart upload with one field "file", sent as the given client. */
async function upload(t: TestApp, c: Client, url: string, filename: string, content: Buffer, contentType = 'application/octet-stream') {
  const boundary = '----koers' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: `koers_session=${c.cookie}`, 'x-csrf-token': c.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, content, tail]),
  });
}
const COMPETENCES = ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'];

describe('Loopbaanmagazijn starter set', () => {
  it('is loaded on every installation, also without the demo school', async () => {
    const t = await startTestApp('pglite', { demo: false });
    try {
      const rows = await t.deps.db.selectFrom('library_exercises').select(['title', 'competencies', 'series', 'series_position', 'student_instructions']).where('institution_id', 'is', null).execute();
      expect(rows.length).toBeGreaterThanOrEqual(25);
      for (const c of COMPETENCES) expect(rows.filter((r) => r.competencies.includes(c as any)).length, c).toBeGreaterThanOrEqual(5);
      const series = rows.filter((r) => r.series === 'Lessenserie Netwerken').sort((a, b) => a.series_position! - b.series_position!);
      expect(series.map((r) => r.title)).toEqual(['Les 1: Breng je netwerk in kaart', 'Les 2: Vraag om steun', 'Les 3: Zet je netwerk in beweging']);
      expect(rows.every((r) => r.student_instructions.length > 40)).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe.each(testEngines())('Loopbaanmagazijn API on %s', (engine) => {
  let t: TestApp;
  let student: Client, student2: Client, mentor: Client, docent: Client, coordinator: Client, ictMentor: Client, otherDocent: Client;
  let sanne: string;
  let zw2a: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    [student, student2, mentor, docent, coordinator, ictMentor] = await Promise.all(
      ['student@demo.koers.nl', 'student2@demo.koers.nl', 'mentor@demo.koers.nl', 'docent@demo.koers.nl', 'coordinator@demo.koers.nl', 'mentor.sd4a@demo.koers.nl'].map((e) => signIn(t, e)),
    );
    sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    zw2a = (await t.deps.db.selectFrom('groups').select('id').where('code', '=', 'ZW2A').executeTakeFirstOrThrow()).id;
    // A teacher of another institution on the same installation.
    const inst = await t.deps.db.insertInto('institutions').values({ name: 'ROC Anderland', brin: '98AL', rmc_region_id: null }).returning('id').executeTakeFirstOrThrow();
    const user = await t.deps.db.insertInto('users').values({ email: 'docent@anderland.nl', given_name: 'Ada', family_name: 'Anders', display_name: 'Ada Anders', birth_date: null }).returning('id').executeTakeFirstOrThrow();
    await t.deps.db.insertInto('credentials').values({ user_id: user.id, password_hash: await hashPassword('koers-demo'), password_changed_at: t.clock.now() }).execute();
    await t.deps.db.insertInto('user_roles').values({ user_id: user.id, institution_id: inst.id, role: 'docent' }).execute();
    otherDocent = await signIn(t, 'docent@anderland.nl');
  });
  afterAll(() => t?.close());

  it('lets teachers browse by competence, series first; students and parents may not browse', async () => {
    const all = (await docent.get('/api/v1/library/exercises')).json().items;
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(all.slice(0, 3).map((x: any) => x.seriesPosition)).toEqual([1, 2, 3]);
    const netwerken = (await docent.get('/api/v1/library/exercises?competence=netwerken')).json().items;
    expect(netwerken.length).toBeGreaterThanOrEqual(5);
    expect(netwerken.every((x: any) => x.competencies.includes('netwerken'))).toBe(true);
    const page = (await docent.get('/api/v1/library/exercises?limit=10')).json();
    const next = (await docent.get(`/api/v1/library/exercises?limit=10&cursor=${page.nextCursor}`)).json();
    expect(next.items[0].id).toBe(all[10].id);
    expect((await student.get('/api/v1/library/exercises')).statusCode).toBe(403);
    expect((await student.get(`/api/v1/library/exercises/${all[0].id}`)).statusCode).toBe(404);
  });

  it('lets a mentor assign an exercise to the group; the student completes it as a portfolio entry; the mentor sees who did', async () => {
    const exercise = (await mentor.get('/api/v1/library/exercises?competence=netwerken')).json().items[0];
    expect((await ictMentor.post(`/api/v1/library/exercises/${exercise.id}/assignments`, { groupId: zw2a, dueOn: '2026-12-10' })).statusCode).toBe(403);
    expect((await student.post(`/api/v1/library/exercises/${exercise.id}/assignments`, { groupId: zw2a, dueOn: '2026-12-10' })).statusCode).toBe(403);
    expect((await mentor.post(`/api/v1/library/exercises/${exercise.id}/assignments`, { groupId: zw2a, dueOn: '2026-01-10' })).statusCode).toBe(400);
    const created = await mentor.post(`/api/v1/library/exercises/${exercise.id}/assignments`, { groupId: zw2a, dueOn: '2026-12-10', note: 'Bespreken in de mentorles' });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    // The docent of the same team may assign as well.
    expect((await docent.post(`/api/v1/library/exercises/${exercise.id}/assignments`, { groupId: zw2a, dueOn: '2026-12-17' })).statusCode).toBe(201);

    const mine = (await student.get('/api/v1/me/assignments')).json().items;
    expect(mine.find((a: any) => a.id === id)).toMatchObject({ exercise: { title: exercise.title }, completedAt: null });
    expect((await student.get(`/api/v1/library/exercises/${exercise.id}`)).json().teacherInstructions).toBeUndefined();
    expect((await student2.get('/api/v1/me/assignments')).json().items.some((a: any) => a.id === id)).toBe(false);
    expect((await student2.post(`/api/v1/library/assignments/${id}/complete`, { reflection: { reflectie: 'Klaar' } })).statusCode).toBe(404);

    const done = await student.post(`/api/v1/library/assignments/${id}/complete`, { reflection: { orientatie: 'Ik heb mijn netwerk getekend.', reflectie: 'Mijn tante kan mij helpen.' }, sharing: ['mentor'] });
    expect(done.statusCode, done.body).toBe(201);
    const entry = (await student.get(`/api/v1/portfolio/entries/${done.json().entryId}`)).json();
    expect(entry).toMatchObject({ title: exercise.title, kind: 'school', competencies: exercise.competencies, sharing: ['mentor'] });
    expect((await student.post(`/api/v1/library/assignments/${id}/complete`, { reflection: { reflectie: 'Nog eens' } })).statusCode).toBe(409);

    const view = (await mentor.get(`/api/v1/library/assignments/${id}`)).json();
    expect(view.view).toBe('teacher');
    expect(view.completions).toHaveLength(20);
    expect(view.completions.filter((c: any) => c.completedAt).map((c: any) => c.studentId)).toEqual([sanne]);
    expect((await mentor.get('/api/v1/library/assignments')).json().items.find((a: any) => a.id === id)).toMatchObject({ students: 20, completed: 1 });
    expect((await student.get(`/api/v1/library/assignments/${id}`)).json()).toMatchObject({ view: 'student', completedAt: expect.any(String) });
    expect((await ictMentor.get(`/api/v1/library/assignments/${id}`)).statusCode).toBe(404);

    // Removing the entry undoes the completion.
    expect((await student.delete(`/api/v1/portfolio/entries/${done.json().entryId}`)).statusCode).toBe(204);
    expect((await mentor.get(`/api/v1/library/assignments/${id}`)).json().completions.every((c: any) => !c.completedAt)).toBe(true);
  });

  it('keeps an institution’s own exercise to itself until it shares it', async () => {
    const body = { title: 'Ons eigen stagegesprek', competencies: ['werkexploratie'], durationMinutes: 30, studentInstructions: 'Voer een gesprek met je stagebegeleider en schrijf op wat je leerde.' };
    expect((await student.post('/api/v1/library/exercises', body)).statusCode).toBe(403);
    expect((await docent.post('/api/v1/library/exercises', { ...body, competencies: [] })).statusCode).toBe(400);
    const created = await docent.post('/api/v1/library/exercises', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ source: 'own', shared: false });
    expect((await otherDocent.get(`/api/v1/library/exercises/${id}`)).statusCode).toBe(404);
    expect((await otherDocent.get('/api/v1/library/exercises?q=eigen stagegesprek')).json().items).toHaveLength(0);
    expect((await mentor.patch(`/api/v1/library/exercises/${id}`, { shared: true })).statusCode).toBe(403);
    const shared = await coordinator.patch(`/api/v1/library/exercises/${id}`, { shared: true });
    expect(shared.statusCode).toBe(200);
    const seen = (await otherDocent.get('/api/v1/library/exercises?q=eigen stagegesprek')).json().items;
    expect(seen).toMatchObject([{ id, source: 'shared', institutionName: 'ROC Koersland' }]);
    expect((await otherDocent.patch(`/api/v1/library/exercises/${id}`, { shared: false })).statusCode).toBe(403);
    const starter = (await docent.get('/api/v1/library/exercises')).json().items.find((x: any) => x.source === 'starter');
    expect((await coordinator.patch(`/api/v1/library/exercises/${starter.id}`, { title: 'Anders' })).statusCode).toBe(403);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'library.exercise.update' and subject_id = ${id}`.execute(t.deps.db);
    expect(audit.rows[0].n).toBe(1);
  });

  describe('attachments of an exercise', () => {
    let exerciseId: string;
    const rows = async () => Number((await sql<{ n: number }>`select count(*)::int as n from library_attachments where exercise_id = ${exerciseId}`.execute(t.deps.db)).rows[0].n);
    const url = () => `/api/v1/library/exercises/${exerciseId}/attachments`;

    beforeAll(async () => {
      const created = await docent.post('/api/v1/library/exercises', {
        title: 'Werkblad beroepenmarkt',
        competencies: ['werkexploratie'],
        durationMinutes: 45,
        studentInstructions: 'Vul het werkblad in tijdens de beroepenmarkt en neem het mee naar je mentor.',
      });
      expect(created.statusCode, created.body).toBe(201);
      exerciseId = created.json().id;
    });

    it('lets the author and the coordinator attach a real PDF or picture; only those who may see the exercise download it', async () => {
      const pdf = await upload(t, docent, url(), 'werkblad beroepen.pdf', PDF, 'application/pdf');
      expect(pdf.statusCode, pdf.body).toBe(201);
      expect(pdf.json()).toMatchObject({ filename: 'werkblad beroepen.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length });
      const png = await upload(t, coordinator, url(), '../../plaatje.png', PNG, 'image/png');
      expect(png.statusCode, png.body).toBe(201);
      expect(png.json().filename).toBe('plaatje.png');
      // Not the author, not the coordinator: no upload. Students neither; another school does not even see it.
      expect((await upload(t, mentor, url(), 'werkblad.pdf', PDF)).statusCode).toBe(403);
      expect((await upload(t, student, url(), 'werkblad.pdf', PDF)).statusCode).toBe(404);
      expect((await upload(t, otherDocent, url(), 'werkblad.pdf', PDF)).statusCode).toBe(404);

      const exercise = (await mentor.get(`/api/v1/library/exercises/${exerciseId}`)).json();
      expect(exercise.attachments.map((a: any) => a.filename).sort()).toEqual(['plaatje.png', 'werkblad beroepen.pdf']);
      const file = await mentor.get(`/api/v1/library/attachments/${pdf.json().id}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(String(file.headers['content-disposition'])).toMatch(/^attachment; filename="werkblad beroepen.pdf"; filename\*=UTF-8''werkblad%20beroepen.pdf$/);
      expect(file.rawPayload.equals(PDF)).toBe(true);

      // A student downloads only once the exercise is given to their group; another school never.
      expect((await student.get(`/api/v1/library/attachments/${pdf.json().id}`)).statusCode).toBe(404);
      expect((await otherDocent.get(`/api/v1/library/attachments/${pdf.json().id}`)).statusCode).toBe(404);
      const assigned = await mentor.post(`/api/v1/library/exercises/${exerciseId}/assignments`, { groupId: zw2a, dueOn: '2026-12-20' });
      expect(assigned.statusCode, assigned.body).toBe(201);
      expect((await student.get(`/api/v1/library/attachments/${pdf.json().id}`)).statusCode).toBe(200);
      const ownView = (await student.get(`/api/v1/library/assignments/${assigned.json().id}`)).json();
      expect(ownView.attachments.map((a: any) => a.filename).sort()).toEqual(['plaatje.png', 'werkblad beroepen.pdf']);
      expect((await student2.get(`/api/v1/library/attachments/${pdf.json().id}`)).statusCode).toBe(404);

      // Removing: the author may, a student may not; audited.
      expect((await student.delete(`/api/v1/library/attachments/${png.json().id}`)).statusCode).toBe(403);
      expect((await docent.delete(`/api/v1/library/attachments/${png.json().id}`)).statusCode).toBe(204);
      expect((await mentor.get(`/api/v1/library/attachments/${png.json().id}`)).statusCode).toBe(404);
      const audit = await sql<{ action: string }>`select action from audit_log where subject_id = ${exerciseId} and action like 'library.attachment.%'`.execute(t.deps.db);
      expect(audit.rows.map((r) => r.action).sort()).toEqual(['library.attachment.create', 'library.attachment.create', 'library.attachment.delete']);
    });

    it('refuses a disguised, a wrongly typed and an empty file, and leaves nothing behind', async () => {
      const before = await rows();
      const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
      const disguised = await upload(t, docent, url(), 'werkblad.pdf', exe, 'application/pdf');
      expect(disguised.statusCode).toBe(415);
      expect(disguised.json().error).toMatchObject({ code: 'attachment_content_mismatch', fields: { file: expect.stringMatching(/geen echte pdf/) } });
      const html = await upload(t, docent, url(), 'plaatje.png', Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/png');
      expect(html.statusCode).toBe(415);
      const pngAsPdf = await upload(t, docent, url(), 'werkblad.pdf', PNG, 'application/pdf');
      expect(pngAsPdf.statusCode).toBe(415);
      // Audio is real evidence for the LOBbook, but not an exercise attachment.
      const mp3 = await upload(t, docent, url(), 'uitleg.mp3', Buffer.concat([Buffer.from('ID3'), Buffer.alloc(100)]), 'audio/mpeg');
      expect(mp3.statusCode).toBe(415);
      expect(mp3.json().error.code).toBe('attachment_type_not_allowed');
      expect((await upload(t, docent, url(), 'setup.exe', exe)).json().error.code).toBe('attachment_type_not_allowed');
      expect((await upload(t, docent, url(), 'leeg.pdf', Buffer.alloc(0))).statusCode).toBe(400);
      const big = await upload(t, docent, url(), 'groot.png', Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), 'image/png');
      expect(big.statusCode).toBe(413);
      expect(big.json().error.fields.file).toMatch(/5 MB/);
      expect(await rows()).toBe(before);
      const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where subject_id = ${exerciseId} and action = 'library.attachment.create'`.execute(t.deps.db);
      expect(audit.rows[0].n).toBe(2);
    });
  });
});
