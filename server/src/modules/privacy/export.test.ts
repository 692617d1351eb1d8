import crypto from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, type TestApp } from '../../../test/helpers.js';

/** A tiny valid PNG (1x1 pixel). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(filename: string, content: Buffer, contentType: string) {
  const boundary = '----koers' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const entry = (title: string) => ({
  kind: 'bpv',
  title,
  occurredOn: '2026-11-20',
  competencies: ['werkexploratie'],
  reflection: { orientatie: 'Wat ik deed', mening: 'Wat ik ervan vind', reflectie: 'Wat ik leerde' },
  sharing: ['mentor'],
});

describe.each(testEngines())('person export on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('holds every category, with the bytes of uploaded files, reactions, reports and the calendar token, as a zip with a manifest', async () => {
    const sanne = await signIn(t, 'student@demo.koers.nl');
    const created = await sanne.post('/api/v1/portfolio/entries', entry('Met foto'));
    expect(created.statusCode).toBe(201);
    const form = multipart('foto.png', PNG, 'image/png');
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/portfolio/entries/${created.json().id}/evidence`,
      headers: { cookie: `koers_session=${sanne.cookie}`, 'x-csrf-token': sanne.csrfToken, ...form.headers },
      payload: form.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const group = await t.deps.db.selectFrom('groups').select('id').where('code', '=', 'ZW2A').executeTakeFirstOrThrow();
    const post = await sanne.post(`/api/v1/groups/${group.id}/feed`, { body: 'Wie gaat er mee naar de open dag?' });
    expect(post.statusCode).toBe(201);
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const other = await mentor.post(`/api/v1/groups/${group.id}/feed`, { body: 'Denk aan je stageverslag.' });
    expect((await sanne.post(`/api/v1/feed/posts/${other.json().id}/reactions`, { reaction: 'heart' })).statusCode).toBeLessThan(300);
    expect((await sanne.post(`/api/v1/feed/posts/${other.json().id}/report`, { reason: 'test' })).statusCode).toBeLessThan(300);
    expect((await sanne.post('/api/v1/calendar/token')).statusCode).toBe(201);

    const res = await sanne.get('/api/v1/me/data-export?format=zip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['cache-control']).toBe('no-store');
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    const manifest = JSON.parse(new TextDecoder().decode(zip['manifest.json']));
    const data = JSON.parse(new TextDecoder().decode(zip['data.json']));
    expect(data.personId).toBe(sanne.user.id);

    // The file's bytes are in the zip, and the manifest says so with size and checksum.
    const file = manifest.files.find((f: any) => f.filename === 'foto.png');
    expect(file).toMatchObject({ category: 'portfolio_evidence', mediaType: 'image/png', bytes: PNG.length, sha256: crypto.createHash('sha256').update(PNG).digest('hex') });
    expect(Buffer.from(zip[file.path]).equals(PNG)).toBe(true);
    expect(manifest.data.sha256).toBe(crypto.createHash('sha256').update(zip['data.json']).digest('hex'));

    // Every category of every module is in the data and named in the manifest.
    for (const [module, categories] of Object.entries(manifest.categories) as [string, string[]][]) {
      for (const c of categories) expect(data.modules[module], `${module}.${c}`).toHaveProperty(c);
    }
    expect(data.modules.guidance.feedReactions).toHaveLength(1);
    expect(data.modules.guidance.feedReports).toHaveLength(1);
    expect(data.modules.guidance.calendarTokens).toHaveLength(1);
    expect(JSON.stringify(data.modules.guidance.calendarTokens)).not.toMatch(/token_hash/);
    expect(data.modules.portfolio.entries.some((e: any) => e.title === 'Met foto')).toBe(true);

    // The JSON form keeps working as before.
    const json = await sanne.get('/api/v1/me/data-export');
    expect(json.statusCode).toBe(200);
    expect(json.json().modules.guidance.feedReactions).toHaveLength(1);
  });

  it("an administrator's export of a mentor holds no note about a student; the mentor's own export does", async () => {
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const conversation = await t.deps.db.selectFrom('guidance_conversations').select('id').where('mentor_id', '=', mentor.user.id).executeTakeFirstOrThrow();
    const secret = 'Privé: maakt zich zorgen over thuis';
    expect((await mentor.post(`/api/v1/conversations/${conversation.id}/notes`, { body: secret, visibility: 'private' })).statusCode).toBe(201);
    const shared = 'Gedeeld: goede voorbereiding';
    expect((await mentor.post(`/api/v1/conversations/${conversation.id}/notes`, { body: shared, visibility: 'shared' })).statusCode).toBe(201);

    const own = await mentor.get('/api/v1/me/data-export');
    expect(own.body).toContain(secret);

    const admin = await signIn(t, 'admin@demo.koers.nl');
    for (const format of ['json', 'zip']) {
      const res = await admin.get(`/api/v1/admin/people/${mentor.user.id}/data-export?format=${format}`);
      expect(res.statusCode).toBe(200);
      const text = format === 'zip' ? new TextDecoder().decode(unzipSync(new Uint8Array(res.rawPayload))['data.json']) : res.body;
      expect(text).not.toContain(secret);
      expect(text).not.toContain(shared);
      expect(JSON.parse(text).modules.guidance.notesIWrote.count).toBeGreaterThanOrEqual(2);
    }
  });
});
