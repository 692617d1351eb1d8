import crypto from 'node:crypto';
import { sql } from 'kysely';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { startSmtpServer } from '../../../test/peers.js';
import { loadConfig } from '../../config.js';
import { createMailer } from '../../platform/mail.js';
import { foldLine, renderCalendar } from './ical.js';
import { listAttendance, listHeldConversations } from './service.js';
import { at as demoTime } from './demo.js';
import { sendDueReminders } from './agenda.js';
import { remindUnderLock, startReminderScheduler } from './scheduler.js';
import { openDatabase } from '../../db/connection.js';
import { periodStart } from './caseload.js';

async function waitFor<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

type Client = Awaited<ReturnType<typeof signIn>>;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');

/** A multipart body with text fields and files, as a browser's FormData sends it. */
function multipart(fields: Record<string, string>, files: { name: string; content: Buffer; type?: string }[]) {
  const boundary = '----koers' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Posts with attachments as a signed-in client (cookie and CSRF token). */
function postWithFiles(t: TestApp, client: Client, groupId: string, fields: Record<string, string>, files: { name: string; content: Buffer; type?: string }[]) {
  const form = multipart(fields, files);
  return t.app.inject({ method: 'POST', url: `/api/v1/groups/${groupId}/feed/attachments`, headers: { cookie: `koers_session=${client.cookie}`, 'x-csrf-token': client.csrfToken, ...form.headers }, payload: form.payload });
}

/** Refused: 403, or 404 where the existence of a student's record is private. */
function expectRefused(res: { statusCode: number }, who: string) {
  expect([403, 404], `${who} got ${res.statusCode}`).toContain(res.statusCode);
}

describe.each(testEngines())('guidance (begeleiding) on %s', (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const ids: Record<string, string> = {};
  const c: Record<string, Client> = {};

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const mailer = createMailer(loadConfig({ KOERS_DATA_DIR: ':memory:', SMTP_URL: smtp.url, SMTP_FROM: 'Koers <no-reply@koers.test>' }));
    t = await startTestApp(engine, { mailer, env: { KOERS_PUBLIC_URL: 'https://koers.roc-test.nl' } });
    for (const who of ['student', 'student2', 'mentor', 'docent', 'coordinator', 'manager', 'admin', 'ouder', 'praktijk']) {
      ids[who] = await userIdByEmail(t, `${who}@demo.koers.nl`);
      c[who] = await signIn(t, `${who}@demo.koers.nl`);
    }
    for (const [key, email] of [['mentorZw2b', 'mentor.zw2b@demo.koers.nl'], ['mentorSd', 'mentor.sd4a@demo.koers.nl']]) {
      ids[key] = await userIdByEmail(t, email);
      c[key] = await signIn(t, email);
    }
    const groups = await t.deps.db.selectFrom('groups').select(['id', 'code']).execute();
    for (const g of groups) ids[g.code] = g.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  describe('caseload', () => {
    it("gives mentor@ only the students of their own group, each signal in words", async () => {
      const res = await c.mentor.get('/api/v1/mentor/caseload');
      expect(res.statusCode).toBe(200);
      const items = res.json().items as any[];
      const own = await t.deps.db.selectFrom('enrolments').select('student_id').where('group_id', '=', ids.ZW2A).execute();
      expect(items.map((s) => s.id).sort()).toEqual(own.map((o) => o.student_id).sort());
      expect(items.every((s) => s.groupCode === 'ZW2A')).toBe(true);
      const sanne = items.find((s) => s.id === ids.student);
      const noConversation = sanne.signals.find((x: any) => x.code === 'no_conversation');
      expect(noConversation.text).toMatch(/Nog geen loopbaangesprek gehad in deze periode/);
      for (const s of items) for (const sig of s.signals) expect(sig.text.length).toBeGreaterThan(10);
    });

    it('filters and sorts, and refuses anyone who is not a mentor', async () => {
      const filtered = (await c.mentor.get('/api/v1/mentor/caseload?signal=no_conversation&sort=name')).json().items as any[];
      expect(filtered.length).toBeGreaterThan(0);
      expect(filtered.every((s) => s.signals.some((x: any) => x.code === 'no_conversation'))).toBe(true);
      const names = filtered.map((s) => s.displayName);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')));
      for (const who of ['student', 'docent', 'admin', 'ouder', 'praktijk']) expect((await c[who].get('/api/v1/mentor/caseload')).statusCode, who).toBe(403);
      expect((await c.mentor.get('/api/v1/mentor/caseload?sort=nonsense')).statusCode).toBe(400);
    });

    it('explains absence, overdue agreements and waiting feedback', async () => {
      const items = (await c.mentor.get('/api/v1/mentor/caseload')).json().items as any[];
      const codes = new Set(items.flatMap((s) => s.signals.map((x: any) => x.code)));
      expect(codes.has('no_conversation')).toBe(true);
      const absent = items.find((s) => s.signals.some((x: any) => x.code === 'absence'));
      if (absent) expect(absent.signals.find((x: any) => x.code === 'absence').text).toMatch(/Afwezig bij \d+%/);
    });
  });

  describe('career conversation', () => {
    let conversationId: string;

    it('lets the mentor plan one, invites and notifies Sanne (also by e-mail over SMTP, without personal details)', async () => {
      smtp.received.length = 0;
      const plannedAt = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString();
      const res = await c.mentor.post('/api/v1/conversations', { studentId: ids.student, plannedAt, location: 'Lokaal 1.02' });
      expect(res.statusCode).toBe(201);
      conversationId = res.json().id;
      const mail = await waitFor(() => smtp.received.find((m) => m.to.includes('student@demo.koers.nl')), 'mail to Sanne');
      expect(mail.raw).toContain('https://koers.roc-test.nl/gesprekken/');
      expect(mail.raw).not.toContain('Hoekstra');
      expect(mail.raw).not.toContain('Lokaal 1.02');
      const notes = (await c.student.get('/api/v1/notifications')).json();
      expect(notes.items.some((n: any) => n.link === `/gesprekken/${conversationId}`)).toBe(true);
      expect(notes.unread.notifications).toBeGreaterThan(0);
      const agenda = (await c.student.get('/api/v1/agenda')).json().items as any[];
      expect(agenda.some((a) => a.conversationId === conversationId && a.myResponse === 'pending')).toBe(true);
    });

    it('refuses planning by a docent, a mentor of another group and the student', async () => {
      const plannedAt = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
      for (const who of ['docent', 'mentorZw2b', 'student', 'admin', 'ouder']) {
        const res = await c[who].post('/api/v1/conversations', { studentId: ids.student, plannedAt });
        expect([403, 404], who).toContain(res.statusCode);
      }
      expect((await c.mentor.post('/api/v1/conversations', { studentId: ids.student, plannedAt: 'morgen' })).json().error.fields.plannedAt).toBeTruthy();
    });

    it('lets Sanne prepare with answers and her own entries, and nobody else', async () => {
      const entries = await t.deps.db.selectFrom('portfolio_entries').select('id').where('student_id', '=', ids.student).limit(2).execute();
      const body = { answers: { terugkijken: 'Mijn stage ging goed.', reflecteren: 'Ik wil beter plannen.', vooruitkijken: 'Niveau 3.' }, entryIds: entries.map((e) => e.id) };
      expectRefused(await c.mentor.put(`/api/v1/conversations/${conversationId}/preparation`, body), 'mentor');
      expect((await c.student2.put(`/api/v1/conversations/${conversationId}/preparation`, body)).statusCode).toBe(404);
      const other = await t.deps.db.selectFrom('portfolio_entries').select('id').where('student_id', '=', ids.student2).limit(1).executeTakeFirstOrThrow();
      expect((await c.student.put(`/api/v1/conversations/${conversationId}/preparation`, { ...body, entryIds: [other.id] })).statusCode).toBe(400);
      expect((await c.student.put(`/api/v1/conversations/${conversationId}/preparation`, body)).statusCode).toBe(204);
      const seen = (await c.mentor.get(`/api/v1/conversations/${conversationId}`)).json();
      expect(seen.preparation.answers.reflecteren).toBe('Ik wil beter plannen.');
      expect(seen.preparation.entries).toHaveLength(2);
    });

    it('records the four steps with two agreements that land in Sanne’s plan in the same transaction', async () => {
      const patch = await c.mentor.patch(`/api/v1/conversations/${conversationId}`, { steps: { terugkijken: 'Stage loopt goed.', reflecteren: 'Plannen blijft lastig.', vooruitkijken: 'Oriënteren op niveau 3.' }, held: true });
      expect(patch.statusCode).toBe(204);
      const a1 = await c.mentor.post(`/api/v1/conversations/${conversationId}/agreements`, { action: 'Open dag niveau 3 bezoeken', dueOn: '2026-12-10' });
      const a2 = await c.mentor.post(`/api/v1/conversations/${conversationId}/agreements`, { action: 'Planning maken voor de stageopdracht', dueOn: '2026-12-03' });
      expect(a1.statusCode).toBe(201);
      expect(a2.statusCode).toBe(201);
      expect(a1.json().owner).toBe('student');
      const plan = (await c.student.get(`/api/v1/students/${ids.student}/portfolio/plan`)).json();
      const actions = plan.goals.flatMap((g: any) => g.actions).filter((a: any) => a.conversationId === conversationId);
      expect(actions.map((a: any) => a.description).sort()).toEqual(['Open dag niveau 3 bezoeken', 'Planning maken voor de stageopdracht']);
      const bad = await c.mentor.post(`/api/v1/conversations/${conversationId}/agreements`, { action: '', dueOn: 'gisteren' });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().error.fields).sort()).toEqual(['action', 'dueOn']);
      // nothing half-written: no extra plan action from the refused agreement
      const after = (await c.student.get(`/api/v1/students/${ids.student}/portfolio/plan`)).json();
      expect(after.goals.flatMap((g: any) => g.actions).filter((a: any) => a.conversationId === conversationId)).toHaveLength(2);
    });

    it('makes the no-conversation signal disappear once it is held', async () => {
      const items = (await c.mentor.get('/api/v1/mentor/caseload')).json().items as any[];
      const sanne = items.find((s) => s.id === ids.student);
      expect(sanne.signals.map((x: any) => x.code)).not.toContain('no_conversation');
      expect(sanne.lastConversationOn).toBe('2026-11-23');
    });

    it('keeps a private mentor note unreadable for Sanne, the parent and the admin', async () => {
      const priv = await c.mentor.post(`/api/v1/conversations/${conversationId}/notes`, { body: 'GEHEIM: zorgen over thuissituatie', visibility: 'private' });
      expect(priv.statusCode).toBe(201);
      const shared = await c.mentor.post(`/api/v1/conversations/${conversationId}/notes`, { body: 'Goed voorbereid, Sanne!', visibility: 'shared' });
      expect(shared.statusCode).toBe(201);
      const mine = (await c.mentor.get(`/api/v1/conversations/${conversationId}`)).json();
      expect(mine.notes.map((n: any) => n.body)).toContain('GEHEIM: zorgen over thuissituatie');
      for (const who of ['student', 'ouder', 'admin', 'coordinator', 'docent', 'praktijk']) {
        for (const url of [`/api/v1/conversations/${conversationId}`, `/api/v1/students/${ids.student}/conversations`]) {
          const res = await c[who].get(url);
          expect(res.body, `${who} ${url}`).not.toContain('GEHEIM');
        }
      }
      const sanneView = (await c.student.get(`/api/v1/conversations/${conversationId}`)).json();
      expect(sanneView.notes.map((n: any) => n.body)).toEqual(['Goed voorbereid, Sanne!']);
      // the parent sees date, status and agreements, but no notes, steps or preparation
      const parentView = (await c.ouder.get(`/api/v1/conversations/${conversationId}`)).json();
      expect(parentView.notes).toBeUndefined();
      expect(parentView.steps).toBeUndefined();
      expect(parentView.preparation).toBeUndefined();
      expect(parentView.agreements).toHaveLength(2);
      // the person's own export (the mentor side) holds the private note where the law requires it
      const { guidancePrivacy } = await import('./privacy.js');
      const mentorExport = JSON.stringify(await guidancePrivacy.exportFor(t.deps.db, ids.mentor));
      expect(mentorExport).toContain('GEHEIM');
      const studentExport = JSON.stringify(await guidancePrivacy.exportFor(t.deps.db, ids.student));
      expect(studentExport).not.toContain('GEHEIM');
    });

    it('lists Sanne’s conversations with agreements for her, her mentor and her parent; not for a docent or others', async () => {
      for (const who of ['student', 'mentor', 'ouder']) {
        const res = await c[who].get(`/api/v1/students/${ids.student}/conversations`);
        expect(res.statusCode, who).toBe(200);
        const held = res.json().items.find((x: any) => x.id === conversationId);
        expect(held.agreements.map((a: any) => a.action)).toContain('Open dag niveau 3 bezoeken');
      }
      for (const who of ['docent', 'student2', 'mentorZw2b', 'praktijk', 'admin', 'coordinator', 'manager']) {
        const list = await c[who].get(`/api/v1/students/${ids.student}/conversations`);
        expect([403, 404], who).toContain(list.statusCode);
        const one = await c[who].get(`/api/v1/conversations/${conversationId}`);
        expect([403, 404], who).toContain(one.statusCode);
        expect(one.body).not.toContain('Open dag niveau 3');
      }
    });

    it('exports held conversations and attendance set-based for the programme module', async () => {
      const held = await listHeldConversations(t.deps.db, [ids.student, ids.student2], '2026-11-01', '2026-11-30');
      expect(held).toContainEqual({ studentId: ids.student, conversationId, heldOn: '2026-11-23' });
      expect(held.every((h) => h.heldOn >= '2026-11-01' && h.heldOn <= '2026-11-30')).toBe(true);
      const att = await listAttendance(t.deps.db, [ids.student], '2026-10-01', '2026-11-30');
      expect(att.length).toBeGreaterThan(0);
      expect(Object.keys(att[0]).sort()).toEqual(['date', 'kind', 'sessionId', 'status', 'studentId']);
      expect(await listHeldConversations(t.deps.db, [], '2026-01-01', '2026-12-31')).toEqual([]);
    });
  });

  describe('group feed and messages', () => {
    it('keeps the feed of ZW2A closed to members of another group, through every route', async () => {
      const post = await c.student.post(`/api/v1/groups/${ids.ZW2A}/feed`, { body: 'Alleen voor ZW2A: wie gaat mee?' });
      expect(post.statusCode).toBe(201);
      const postId = post.json().id;
      for (const who of ['student', 'mentor', 'docent', 'mentorZw2b']) expect((await c[who].get(`/api/v1/groups/${ids.ZW2A}/feed`)).statusCode, who).toBe(200);
      // the mentor of ZW2B is a docent in the same team and so a reader by design; the mentor of SD4A is not
      for (const who of ['student2', 'mentorSd', 'ouder', 'praktijk', 'admin', 'manager', 'coordinator']) {
        expect((await c[who].get(`/api/v1/groups/${ids.ZW2A}/feed`)).statusCode, who).toBe(404);
        expect((await c[who].post(`/api/v1/groups/${ids.ZW2A}/feed`, { body: 'hoi' })).statusCode, who).toBe(404);
        expect((await c[who].post(`/api/v1/groups/${ids.ZW2A}/feed`, { body: 'reply', parentId: postId })).statusCode, who).toBe(404);
        expect((await c[who].post(`/api/v1/feed/posts/${postId}/reactions`, { reaction: 'like' })).statusCode, who).toBe(404);
        expect((await c[who].post(`/api/v1/feed/posts/${postId}/report`, { reason: 'x' })).statusCode, who).toBe(404);
        expect((await c[who].post(`/api/v1/feed/posts/${postId}/hidden`, { hidden: true })).statusCode, who).toBe(404);
        const groups = (await c[who].get('/api/v1/me/groups')).json().items as any[];
        expect(groups.map((g) => g.id), who).not.toContain(ids.ZW2A);
      }
      // and the other way round: ZW2B's feed is not Sanne's
      expect((await c.student.get(`/api/v1/groups/${ids.ZW2B}/feed`)).statusCode).toBe(404);
      expect((await c.student2.get(`/api/v1/groups/${ids.ZW2B}/feed`)).statusCode).toBe(200);
    });

    it('has replies, reactions, unread counts, reports and hiding by the mentor, all audited', async () => {
      t.clock.advance(1000);
      const post = await c.mentor.post(`/api/v1/groups/${ids.ZW2A}/feed`, { body: 'Vraag van de mentor' });
      t.clock.advance(1000);
      const postId = post.json().id;
      const unread = (await c.student.get('/api/v1/me/groups')).json().items.find((g: any) => g.id === ids.ZW2A);
      expect(unread.unread).toBeGreaterThan(0);
      expect((await c.student.post(`/api/v1/groups/${ids.ZW2A}/feed`, { body: 'Mijn antwoord', parentId: postId })).statusCode).toBe(201);
      expect((await c.student.post(`/api/v1/feed/posts/${postId}/reactions`, { reaction: 'heart' })).json().reacted).toBe(true);
      const feed = (await c.student.get(`/api/v1/groups/${ids.ZW2A}/feed`)).json();
      const p = feed.items.find((x: any) => x.id === postId);
      expect(p.replies.map((r: any) => r.body)).toEqual(['Mijn antwoord']);
      expect(p.reactions.heart).toBe(1);
      expect(p.myReactions).toEqual(['heart']);
      expect((await c.student.get('/api/v1/me/groups')).json().items.find((g: any) => g.id === ids.ZW2A).unread).toBe(0);

      const bad = await c.student.post(`/api/v1/groups/${ids.ZW2A}/feed`, { body: 'Iets gemeens' });
      const badId = bad.json().id;
      expect((await c.docent.post(`/api/v1/feed/posts/${badId}/report`, { reason: 'Niet aardig' })).statusCode).toBe(204);
      expect((await c.student.post(`/api/v1/feed/posts/${badId}/hidden`, { hidden: true })).statusCode).toBe(403);
      expect((await c.docent.post(`/api/v1/feed/posts/${badId}/hidden`, { hidden: true })).statusCode).toBe(403);
      expect((await c.mentor.post(`/api/v1/feed/posts/${badId}/hidden`, { hidden: true })).statusCode).toBe(204);
      const studentView = (await c.student.get(`/api/v1/groups/${ids.ZW2A}/feed`)).json().items.find((x: any) => x.id === badId);
      expect(studentView.hidden).toBe(true);
      expect(studentView.body).toBeNull();
      const mentorView = (await c.mentor.get(`/api/v1/groups/${ids.ZW2A}/feed`)).json().items.find((x: any) => x.id === badId);
      expect(mentorView.body).toBe('Iets gemeens');
      const trail = await t.deps.db.selectFrom('audit_log').select('action').where('subject_id', '=', badId).execute();
      expect(trail.map((x) => x.action).sort()).toEqual(['guidance.feed.hide', 'guidance.feed.report']);
      const mentorNotes = (await c.mentor.get('/api/v1/notifications')).json().items as any[];
      expect(mentorNotes.some((n) => n.text.includes('gemeld'))).toBe(true);
    });

    it('takes photos and PDFs on a post, sniffed by content, and serves them only to those who may read the post', async () => {
      const res = await postWithFiles(t, c.student, ids.ZW2A, { body: 'Mijn stageplanning en een foto' }, [
        { name: 'planning.pdf', content: PDF, type: 'application/pdf' },
        { name: 'foto stage.png', content: PNG, type: 'image/png' },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const postId = res.json().id;
      const feed = (await c.student.get(`/api/v1/groups/${ids.ZW2A}/feed`)).json();
      const post = feed.items.find((p: any) => p.id === postId);
      expect(post.attachments.map((a: any) => [a.filename, a.mediaType, a.sizeBytes])).toEqual([
        ['planning.pdf', 'application/pdf', PDF.length],
        ['foto stage.png', 'image/png', PNG.length],
      ]);
      const [pdf, png] = post.attachments;
      for (const who of ['student', 'mentor', 'docent']) {
        const file = await c[who].get(`/api/v1/feed/attachments/${pdf.id}`);
        expect(file.statusCode, who).toBe(200);
        expect(file.rawPayload.equals(PDF), who).toBe(true);
        expect(file.headers['content-type']).toBe('application/pdf');
        expect(file.headers['content-disposition']).toMatch(/^attachment; filename="planning.pdf"/);
        expect(file.headers['x-content-type-options']).toBe('nosniff');
        expect(file.headers['cache-control']).toContain('no-store');
      }
      const image = await c.student.get(`/api/v1/feed/attachments/${png.id}`);
      expect(image.headers['content-disposition']).toMatch(/^inline; filename="foto stage.png"/);
      // a member of another group, a parent, the praktijkopleider and nobody signed in do not get it
      for (const who of ['student2', 'mentorSd', 'ouder', 'praktijk', 'admin']) {
        expect((await c[who].get(`/api/v1/feed/attachments/${pdf.id}`)).statusCode, who).toBe(404);
      }
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/feed/attachments/${pdf.id}` })).statusCode).toBe(401);
      expect((await c.student.get(`/api/v1/feed/attachments/${crypto.randomUUID()}`)).statusCode).toBe(404);
      // and a student of ZW2B cannot post with files in ZW2A's feed
      expect((await postWithFiles(t, c.student2, ids.ZW2A, { body: 'hoi' }, [{ name: 'a.png', content: PNG }])).statusCode).toBe(404);
      // once the mentor hides the post, its files are for the mentors only
      expect((await c.mentor.post(`/api/v1/feed/posts/${postId}/hidden`, { hidden: true })).statusCode).toBe(204);
      expect((await c.student.get(`/api/v1/feed/attachments/${pdf.id}`)).statusCode).toBe(403);
      expect((await c.student.get(`/api/v1/groups/${ids.ZW2A}/feed`)).json().items.find((p: any) => p.id === postId).attachments).toEqual([]);
      expect((await c.mentor.get(`/api/v1/feed/attachments/${pdf.id}`)).statusCode).toBe(200);
    });

    it('refuses a disguised file and leaves nothing behind: no post, no attachment', async () => {
      const count = async () => {
        const posts = await t.deps.db.selectFrom('guidance_feed_posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const files = await t.deps.db.selectFrom('guidance_feed_attachments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        return [Number(posts.n), Number(files.n)];
      };
      const before = await count();
      // a web page named .jpg, next to a real PDF: the whole post is refused
      const disguised = await postWithFiles(t, c.student, ids.ZW2A, { body: 'Kijk mijn foto' }, [
        { name: 'verslag.pdf', content: PDF },
        { name: 'foto.jpg', content: HTML, type: 'image/jpeg' },
      ]);
      expect(disguised.statusCode).toBe(415);
      expect(disguised.json().error.code).toBe('attachment_content_mismatch');
      expect(disguised.json().error.fields).toHaveProperty('file');
      // a PNG named .pdf is refused too: the name must agree with the content
      expect((await postWithFiles(t, c.student, ids.ZW2A, { body: 'x' }, [{ name: 'brief.pdf', content: PNG }])).json().error.code).toBe('attachment_content_mismatch');
      // programs and text are not feed attachments (audio and video are, since students record them; see platform/uploads.test.ts)
      expect((await postWithFiles(t, c.student, ids.ZW2A, { body: 'x' }, [{ name: 'notities.txt', content: Buffer.from('gewoon tekst') }])).statusCode).toBe(415);
      expect((await postWithFiles(t, c.student, ids.ZW2A, { body: 'x' }, [{ name: 'run.exe', content: Buffer.from('MZ\x90\x00') }])).json().error.code).toBe('attachment_type_not_allowed');
      expect((await postWithFiles(t, c.student, ids.ZW2A, { body: 'x' }, [{ name: 'leeg.png', content: Buffer.alloc(0) }])).statusCode).toBe(400);
      const five = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.png`, content: PNG }));
      expect((await postWithFiles(t, c.student, ids.ZW2A, { body: 'x' }, five)).statusCode).toBe(422);
      expect((await postWithFiles(t, c.student, ids.ZW2A, { body: '' }, [{ name: 'a.png', content: PNG }])).statusCode).toBe(400);
      // JSON is not an upload
      expect((await c.student.post(`/api/v1/groups/${ids.ZW2A}/feed/attachments`, { body: 'x' })).statusCode).toBe(415);
      expect(await count()).toEqual(before);
    });

    it('lets Sanne and her mentor, praktijkopleider and parent exchange messages, and nobody else read them', async () => {
      expect((await c.mentor.post(`/api/v1/messages/with/${ids.student}`, { body: 'Hoi Sanne, hoe gaat het op stage?' })).statusCode).toBe(201);
      expect((await c.student.post(`/api/v1/messages/with/${ids.mentor}`, { body: 'Goed! Tot donderdag.' })).statusCode).toBe(201);
      expect((await c.student.get('/api/v1/notifications/unread')).json().messages).toBeGreaterThan(0);
      const threads = (await c.student.get('/api/v1/messages')).json().items as any[];
      expect(threads.find((x) => x.otherId === ids.mentor).unread).toBeGreaterThan(0);
      const thread = (await c.student.get(`/api/v1/messages/with/${ids.mentor}`)).json();
      expect((await c.student.get('/api/v1/messages')).json().items.find((x: any) => x.otherId === ids.mentor).unread).toBe(0);
      expect(thread.items.map((m: any) => m.body)).toContain('Hoi Sanne, hoe gaat het op stage?');
      for (const who of ['praktijk', 'ouder']) expect((await c[who].post(`/api/v1/messages/with/${ids.student}`, { body: 'hallo' })).statusCode, who).toBe(201);
      const contacts = (await c.student.get('/api/v1/messages/contacts')).json().items.map((x: any) => x.id);
      expect(contacts.sort()).toEqual([ids.mentor, ids.ouder, ids.praktijk].sort());
      for (const who of ['student2', 'mentorZw2b', 'mentorSd', 'docent', 'admin', 'coordinator', 'manager']) {
        expect((await c[who].get(`/api/v1/messages/with/${ids.student}`)).statusCode, who).toBe(404);
        expect((await c[who].post(`/api/v1/messages/with/${ids.student}`, { body: 'hoi' })).statusCode, who).toBe(404);
        expect((await c[who].get(`/api/v1/messages/with/${ids.mentor}`)).statusCode, who).toBe(404);
        expect((await c[who].get('/api/v1/messages')).body, who).not.toContain('hoe gaat het op stage');
      }
      // Sanne cannot write to a mentor of another group, nor to herself
      expect((await c.student.post(`/api/v1/messages/with/${ids.mentorZw2b}`, { body: 'hoi' })).statusCode).toBe(404);
      expect((await c.student.post(`/api/v1/messages/with/${ids.student}`, { body: 'hoi' })).statusCode).toBe(404);
    });
  });

  describe('agenda and calendar feed', () => {
    it('serves an iCalendar feed a standard parser reads, and 404 once revoked', async () => {
      const created = await c.student.post('/api/v1/calendar/token');
      expect(created.statusCode).toBe(201);
      const url = new URL(created.json().url);
      expect(url.pathname).toMatch(/^\/api\/v1\/calendar\/[A-Za-z0-9_-]+\.ics$/);
      const res = await t.app.inject({ method: 'GET', url: url.pathname });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/calendar');
      expect(res.body).toMatch(/\r\n/);
      for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      const cal = new ICAL.Component(ICAL.parse(res.body));
      const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      expect(events.length).toBeGreaterThan(0);
      const conversation = events.find((e) => e.summary === 'Loopbaangesprek');
      expect(conversation).toBeDefined();
      expect(conversation!.uid).toMatch(/@koers\.roc-test\.nl$/);
      expect(conversation!.startDate.zone.tzid).toBe('UTC');
      expect(conversation!.startDate.toJSDate().getTime()).toBeGreaterThan(t.clock.now().getTime());
      expect(events.some((e) => e.summary === 'Open dag Verzorgende-IG (niveau 3)')).toBe(true);
      // the token is not a session: another person's token gives their own calendar only
      expect((await c.student.get('/api/v1/calendar/token')).json().active).toBe(true);
      expect((await c.student.delete('/api/v1/calendar/token')).statusCode).toBe(204);
      expect((await t.app.inject({ method: 'GET', url: url.pathname })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/calendar/nonsense.ics' })).statusCode).toBe(404);
      // a new address replaces the old one
      const first = new URL((await c.mentor.post('/api/v1/calendar/token')).json().url).pathname;
      const second = new URL((await c.mentor.post('/api/v1/calendar/token')).json().url).pathname;
      expect((await t.app.inject({ method: 'GET', url: first })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: second })).statusCode).toBe(200);
    });

    it('folds long lines at 75 octets without splitting a character, and escapes text', () => {
      const long = 'SUMMARY:' + 'Één gesprek, met; komma\'s en é '.repeat(8);
      const folded = foldLine(long);
      for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
      expect(folded.replace(/\r\n /g, '')).toBe(long);
      const text = renderCalendar({ name: 'K', stamp: new Date('2026-11-23T10:00:00Z'), events: [{ uid: 'x@y', sequence: 0, start: new Date('2026-11-24T13:00:00Z'), end: new Date('2026-11-24T13:30:00Z'), summary: 'A, B; C\\D\nE' }] });
      const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
      expect(ev.summary).toBe('A, B; C\\D\nE');
      expect(text).toContain('DTSTAMP:20261123T100000Z');
    });

    it('lets invitees respond, the praktijkopleider confirm the internship visit, and reminds by app and e-mail', async () => {
      const agenda = (await c.praktijk.get('/api/v1/agenda')).json().items as any[];
      const visit = agenda.find((a) => a.kind === 'internship_visit');
      expect(visit.canConfirm).toBe(true);
      expect((await c.student2.post(`/api/v1/appointments/${visit.id}/confirm`)).statusCode).toBe(404);
      expectRefused(await c.mentor.post(`/api/v1/appointments/${visit.id}/confirm`), 'mentor');
      expect((await c.praktijk.post(`/api/v1/appointments/${visit.id}/confirm`)).statusCode).toBe(204);
      expect((await c.mentor.get('/api/v1/agenda')).json().items.find((a: any) => a.id === visit.id).confirmedAt).toBeTruthy();
      // the praktijkopleider sees nothing else of the guidance record
      expectRefused(await c.praktijk.get(`/api/v1/students/${ids.student}/conversations`), 'praktijk');
      expectRefused(await c.praktijk.get(`/api/v1/students/${ids.student}/attendance`), 'praktijk');

      const sanneAgenda = (await c.student.get('/api/v1/agenda')).json().items as any[];
      const openDay = sanneAgenda.find((a) => a.kind === 'lob_activity');
      expect((await c.student.post(`/api/v1/appointments/${openDay.id}/response`, { response: 'accepted' })).statusCode).toBe(204);
      expect((await c.student2.post(`/api/v1/appointments/${openDay.id}/response`, { response: 'accepted' })).statusCode).toBe(404);

      const created = await c.mentor.post('/api/v1/appointments', { kind: 'lob_activity', title: 'Gastles wijkverpleging', location: 'Lokaal 3', startsAt: new Date(t.clock.now().getTime() + 5 * 3_600_000).toISOString(), endsAt: new Date(t.clock.now().getTime() + 6 * 3_600_000).toISOString(), inviteeIds: [ids.student] });
      expect(created.statusCode).toBe(201);
      expect((await c.student.post('/api/v1/appointments', { kind: 'other', title: 'x', startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z' })).statusCode).toBe(403);
      smtp.received.length = 0;
      t.clock.advance(2 * 60_000);
      await sendDueReminders(t.deps);
      const notes = (await c.student.get('/api/v1/notifications')).json().items as any[];
      expect(notes.some((n) => n.text.startsWith('Herinnering: Gastles wijkverpleging'))).toBe(true);
      await waitFor(() => smtp.received.find((m) => m.to.includes('student@demo.koers.nl')), 'reminder mail');
      t.clock.advance(2 * 60_000);
      await sendDueReminders(t.deps);
      await c.student.get('/api/v1/notifications');
      const reminders = await t.deps.db.selectFrom('guidance_notifications').select('id').where('user_id', '=', ids.student).where('kind', '=', 'appointment_reminder').execute();
      expect(reminders.length).toBe(new Set(reminders.map((r) => r.id)).size);
      const again = (await c.student.get('/api/v1/notifications')).json().items.filter((n: any) => n.text.startsWith('Herinnering: Gastles'));
      expect(again).toHaveLength(1);
    });

    it('sends a reminder e-mail exactly once from the scheduler, also with two processes', async () => {
      // Two processes on one database: a second connection pool when the engine is a server.
      const other = engine === 'postgresql' ? await openDatabase({ databaseUrl: t.config.databaseUrl, dataDir: ':memory:', poolSize: 2 }) : null;
      const deps2 = { ...t.deps, db: other?.db ?? t.deps.db };
      const startsAt = new Date(t.clock.now().getTime() + 24 * 3_600_000 + 20 * 60_000);
      const created = await c.mentor.post('/api/v1/appointments', { kind: 'other', title: 'Overleg stageplek', location: 'Kamer 1.02', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), inviteeIds: [ids.docent] });
      expect(created.statusCode).toBe(201);
      const toDocent = () => smtp.received.filter((m) => m.to.includes('docent@demo.koers.nl') && /Nieuwe melding/.test(m.raw));
      await waitFor(() => toDocent().length > 0 || undefined, 'invitation mail');
      smtp.received.length = 0;
      const first = startReminderScheduler(t.deps, { intervalMs: 40 });
      const second = startReminderScheduler(deps2, { intervalMs: 40 });
      try {
        // not yet within a day: nothing
        await new Promise((r) => setTimeout(r, 200));
        expect(toDocent()).toEqual([]);
        // (sessions stay valid: they end after an hour without use)
        t.clock.advance(30 * 60_000);
        await waitFor(() => toDocent().length > 0 || undefined, 'reminder mail');
        // many more ticks of both schedulers, and a manual run: still one mail
        await new Promise((r) => setTimeout(r, 400));
        await Promise.all([first.tick(), second.tick()]);
        await new Promise((r) => setTimeout(r, 200));
        expect(toDocent()).toHaveLength(1);
      } finally {
        await Promise.all([first.stop(), second.stop()]);
        await other?.close();
      }
      const appointmentId = created.json().id;
      const note = (await c.docent.get('/api/v1/notifications')).json().items.filter((n: any) => n.text === `Herinnering: Overleg stageplek (${new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(startsAt)}).`);
      expect(note).toHaveLength(1);
      const invitation = await t.deps.db.selectFrom('guidance_invitations').select('reminded_at').where('appointment_id', '=', appointmentId).where('user_id', '=', ids.docent).executeTakeFirstOrThrow();
      expect(invitation.reminded_at).not.toBeNull();
    });

    it.runIf(engine === 'postgresql')('lets only the process holding the advisory lock send', async () => {
      const other = await openDatabase({ databaseUrl: t.config.databaseUrl, dataDir: ':memory:', poolSize: 1 });
      try {
        await other.db.connection().execute(async (conn) => {
          await sql`select pg_advisory_lock(${0x6b6f_6572})`.execute(conn);
          expect(await remindUnderLock(t.deps)).toBeNull();
          await sql`select pg_advisory_unlock(${0x6b6f_6572})`.execute(conn);
        });
        expect(await remindUnderLock(t.deps)).toEqual(expect.any(Number));
      } finally {
        await other.close();
      }
    });

    it('raises the iCalendar SEQUENCE when an appointment changes', async () => {
      const visitAt = new Date(t.clock.now().getTime() + 3 * 86_400_000);
      const created = await c.mentor.post('/api/v1/appointments', { kind: 'internship_visit', title: 'Tweede stagebezoek', location: 'De Linde', startsAt: visitAt.toISOString(), endsAt: new Date(visitAt.getTime() + 3_600_000).toISOString(), studentId: ids.student });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      // the visit invites Sanne and the praktijkopleider of her running internship
      const invited = await t.deps.db.selectFrom('guidance_invitations').select('user_id').where('appointment_id', '=', id).execute();
      expect(invited.map((i) => i.user_id).sort()).toEqual([ids.mentor, ids.student, ids.praktijk].sort());
      const feedPath = new URL((await c.mentor.post('/api/v1/calendar/token')).json().url).pathname;
      const sequenceOf = async () => {
        const body = (await t.app.inject({ method: 'GET', url: feedPath })).body;
        const vevent = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('summary') === 'Tweede stagebezoek')!;
        return new ICAL.Event(vevent).sequence;
      };
      const before = await sequenceOf();
      expect(before).toBe(0);
      expect((await c.praktijk.post(`/api/v1/appointments/${id}/confirm`)).statusCode).toBe(204);
      const after = await sequenceOf();
      expect(after).toBeGreaterThan(before);
      const stored = await t.deps.db.selectFrom('guidance_appointments').select('sequence').where('id', '=', id).executeTakeFirstOrThrow();
      expect(after).toBe(stored.sequence);
      // an internship visit without a student is refused
      expect((await c.mentor.post('/api/v1/appointments', { kind: 'internship_visit', title: 'x', startsAt: visitAt.toISOString(), endsAt: new Date(visitAt.getTime() + 3_600_000).toISOString() })).statusCode).toBe(400);
    });

    it('offers staff the students of their groups to invite, with the praktijkopleider of a running internship', async () => {
      const res = await c.mentor.get('/api/v1/appointments/invitees');
      expect(res.statusCode).toBe(200);
      const groups = res.json().groups as any[];
      expect(groups[0].code).toBe('ZW2A');
      const sanne = groups[0].students.find((s: any) => s.id === ids.student);
      expect(sanne.praktijkopleider.id).toBe(ids.praktijk);
      expect(groups.some((g) => g.code === 'SD4A')).toBe(false);
      for (const who of ['student', 'ouder', 'praktijk']) expect((await c[who].get('/api/v1/appointments/invitees')).statusCode, who).toBe(403);
    });

    it('lets the organiser cancel, and nobody else', async () => {
      const startsAt = new Date(t.clock.now().getTime() + 4 * 86_400_000);
      const id = (await c.mentor.post('/api/v1/appointments', { kind: 'lob_activity', title: 'Bedrijfsbezoek', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(), inviteeIds: [ids.student] })).json().id;
      expectRefused(await c.student.delete(`/api/v1/appointments/${id}`), 'invitee');
      expect((await c.mentorSd.delete(`/api/v1/appointments/${id}`)).statusCode).toBe(404);
      expect((await c.mentor.delete(`/api/v1/appointments/${id}`)).statusCode).toBe(204);
      expect((await c.student.get('/api/v1/agenda')).json().items.some((a: any) => a.id === id)).toBe(false);
      // the calendar feed keeps it as CANCELLED with a higher SEQUENCE, so a phone removes it
      const feedPath = new URL((await c.student.post('/api/v1/calendar/token')).json().url).pathname;
      const body = (await t.app.inject({ method: 'GET', url: feedPath })).body;
      const vevent = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('summary') === 'Bedrijfsbezoek')!;
      expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(new ICAL.Event(vevent).sequence).toBeGreaterThan(0);
    });

    it('respects per-person e-mail preferences', async () => {
      expect((await c.student.put('/api/v1/notifications/preferences', { kinds: [] })).json().kinds).toEqual([]);
      smtp.received.length = 0;
      await c.mentor.post(`/api/v1/messages/with/${ids.student}`, { body: 'Nog een vraag' });
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received.filter((m) => m.to.includes('student@demo.koers.nl'))).toEqual([]);
      await c.student.put('/api/v1/notifications/preferences', { kinds: ['message'] });
      await c.mentor.post(`/api/v1/messages/with/${ids.student}`, { body: 'En nog een' });
      const mail = await waitFor(() => smtp.received.find((m) => m.to.includes('student@demo.koers.nl')), 'message mail');
      expect(mail.raw).not.toContain('En nog een');
      expect((await c.student.put('/api/v1/notifications/preferences', { kinds: ['spam'] })).statusCode).toBe(400);
      expect((await c.student.post('/api/v1/notifications/read', {})).statusCode).toBe(204);
      expect((await c.student.get('/api/v1/notifications')).json().unread.notifications).toBe(0);
    });

    it('shows a parent the student’s upcoming appointments while allowed', async () => {
      const res = await c.ouder.get(`/api/v1/students/${ids.student}/agenda`);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.some((a: any) => a.kind === 'internship_visit')).toBe(true);
      expectRefused(await c.docent.get(`/api/v1/students/${ids.student}/agenda`), 'docent');
    });
  });

  describe('attendance', () => {
    it('is taken by the mentor or a docent of the team in a few calls, never by a student', async () => {
      const session = await c.docent.post(`/api/v1/groups/${ids.ZW2A}/attendance/sessions`, { kind: 'lesson', title: 'Les Nederlands' });
      expect(session.statusCode).toBe(201);
      const sessionId = session.json().id;
      const detail = (await c.mentor.get(`/api/v1/attendance/sessions/${sessionId}`)).json();
      expect(detail.students).toHaveLength(20);
      const url = `/api/v1/attendance/sessions/${sessionId}/students/${ids.student}`;
      // Sanne is in the group, so she is told no (403) rather than that it does not exist
      expect((await c.student.put(url, { status: 'present' })).statusCode).toBe(403);
      expect((await c.student2.put(url, { status: 'present' })).statusCode).toBe(404);
      expect((await c.ouder.put(url, { status: 'present' })).statusCode).toBe(404);
      expect((await c.mentorSd.put(url, { status: 'present' })).statusCode).toBe(404);
      expect((await c.student.post(`/api/v1/groups/${ids.ZW2A}/attendance/sessions`, { kind: 'lesson', title: 'x' })).statusCode).toBe(403);
      expect((await c.student.get(`/api/v1/attendance/sessions/${sessionId}`)).statusCode).toBe(403);
      expect((await t.deps.db.selectFrom('guidance_attendance').select('status').where('session_id', '=', sessionId).execute())).toEqual([]);
      expect((await c.mentor.put(url, { status: 'absent_excused', reason: 'Tandarts' })).statusCode).toBe(204);
      expect((await c.docent.put(url, { status: 'late' })).statusCode).toBe(204);
      expect((await c.mentor.put(`/api/v1/attendance/sessions/${sessionId}/students/${ids.student2}`, { status: 'present' })).statusCode).toBe(400);
      expect((await c.mentor.put(url, { status: 'weg' })).statusCode).toBe(400);
      const row = await t.deps.db.selectFrom('guidance_attendance').select(['status', 'recorded_by']).where('session_id', '=', sessionId).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'late', recorded_by: ids.docent });
    });

    it('summarises absence for the student, the mentor and the parent (reasons not for the parent)', async () => {
      const own = (await c.student.get(`/api/v1/students/${ids.student}/attendance`)).json();
      expect(own.total).toBeGreaterThan(0);
      const parent = (await c.ouder.get(`/api/v1/students/${ids.student}/attendance`)).json();
      expect(parent.recent.every((r: any) => r.reason === '')).toBe(true);
      expectRefused(await c.docent.get(`/api/v1/students/${ids.student}/attendance`), 'docent');
      expect((await c.student2.get(`/api/v1/students/${ids.student}/attendance`)).statusCode).toBe(404);
    });
  });

  it('places demo appointments at Dutch wall-clock times, in winter and in summer time', () => {
    expect(demoTime('2026-11-23', 10).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(demoTime('2026-07-01', 10).toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(demoTime('2026-03-29', 14).toISOString()).toBe('2026-03-29T12:00:00.000Z');
    expect(demoTime('2026-10-25', 14, 30).toISOString()).toBe('2026-10-25T13:30:00.000Z');
    expect(demoTime('2026-03-29', 0).toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('knows the four periods of the school year', () => {
    expect(periodStart('2026-11-23')).toBe('2026-11-01');
    expect(periodStart('2027-01-15')).toBe('2026-11-01');
    expect(periodStart('2027-03-01')).toBe('2027-02-01');
    expect(periodStart('2027-06-30')).toBe('2027-05-01');
    expect(periodStart('2026-09-01')).toBe('2026-08-01');
  });
});
