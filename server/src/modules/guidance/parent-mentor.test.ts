import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';

/**
 * A parent of a minor (or of an adult who opted in) reaches the mentor inside the existing
 * messages, and reads the answer; the mentor can start such a thread too. The access ends at 18
 * like the rest of the guidance record.
 */
describe.each(testEngines())('messages between a parent and the mentor on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('lets the parent write to the mentor and read the answer, and the mentor start a thread', async () => {
    const [ouder, mentor, docent] = await Promise.all(['ouder', 'mentor', 'docent'].map((k) => signIn(t, `${k}@demo.koers.nl`)));
    const contacts = (await ouder.get('/api/v1/messages/contacts')).json().items;
    expect(contacts).toContainEqual({ id: mentor.user.id, displayName: 'Mirjam Hoekstra', relation: 'mentor' });
    expect((await mentor.get('/api/v1/messages/contacts')).json().items).toContainEqual({ id: ouder.user.id, displayName: expect.any(String), relation: 'parent' });

    const sent = await ouder.post(`/api/v1/messages/with/${mentor.user.id}`, { body: 'Sanne vindt haar stage zwaar. Kunnen we even bellen?' });
    expect(sent.statusCode, sent.body).toBe(201);
    t.clock.advance(60_000);
    const inbox = (await mentor.get(`/api/v1/messages/with/${ouder.user.id}`)).json();
    expect(inbox.items.map((m: any) => [m.mine, m.body])).toEqual([[false, 'Sanne vindt haar stage zwaar. Kunnen we even bellen?']]);
    expect((await mentor.post(`/api/v1/messages/with/${ouder.user.id}`, { body: 'Ja, ik bel u donderdag na 15 uur.' })).statusCode).toBe(201);
    const answer = (await ouder.get(`/api/v1/messages/with/${mentor.user.id}`)).json();
    expect(answer.items.map((m: any) => m.body)).toEqual(['Sanne vindt haar stage zwaar. Kunnen we even bellen?', 'Ja, ik bel u donderdag na 15 uur.']);
    // The message is about Sanne: it belongs to her guidance record.
    const row = await t.deps.db.selectFrom('guidance_messages').select('student_id').where('sender_id', '=', ouder.user.id).executeTakeFirstOrThrow();
    expect(row.student_id).toBe(await userIdByEmail(t, 'student@demo.koers.nl'));
    // A teacher who is not Sanne's mentor is not a contact of the parent.
    expect((await ouder.post(`/api/v1/messages/with/${docent.user.id}`, { body: 'Hallo' })).statusCode).toBe(404);
  });

  it('ends when the child turns 18 without opting in', async () => {
    t.clock.set(new Date(t.clock.now().getTime() + 2 * 365 * 86_400_000));
    const [ouder, mentor] = await Promise.all(['ouder', 'mentor'].map((k) => signIn(t, `${k}@demo.koers.nl`)));
    expect((await ouder.post(`/api/v1/messages/with/${mentor.user.id}`, { body: 'Nog een vraag' })).statusCode).toBe(404);
    expect((await mentor.post(`/api/v1/messages/with/${ouder.user.id}`, { body: 'Nog een vraag' })).statusCode).toBe(404);
    expect((await ouder.get('/api/v1/messages/contacts')).json().items.some((c: any) => c.id === mentor.user.id)).toBe(false);
  });
});
