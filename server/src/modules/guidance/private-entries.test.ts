import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, type TestApp } from '../../../test/helpers.js';

/**
 * Private LOBbook entries never reach the mentor through guidance either: not as the date of
 * the caseload's "no entry" signal, and not as an entry picked to discuss in a conversation.
 */
describe.each(testEngines())('private entries in guidance on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  const entry = (title: string, sharing: string[]) => ({
    kind: 'school',
    title,
    occurredOn: '2026-11-20',
    competencies: ['kwaliteiten'],
    reflection: { orientatie: 'Wat ik deed.', mening: 'Wat ik ervan vind.', reflectie: 'Wat ik leerde.' },
    sharing,
  });

  it('leaves the caseload untouched by a private entry, and counts a shared one', async () => {
    const sanne = await signIn(t, 'student@demo.koers.nl');
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const row = async () => (await mentor.get('/api/v1/mentor/caseload')).json().items.find((s: any) => s.id === sanne.user.id);
    const before = await row();

    t.clock.advance(60_000);
    expect((await sanne.post('/api/v1/portfolio/entries', entry('Alleen voor mij', []))).statusCode).toBe(201);
    expect(await row()).toEqual(before);

    expect((await sanne.post('/api/v1/portfolio/entries', entry('Voor mijn mentor', ['mentor']))).statusCode).toBe(201);
    expect((await row()).lastEntryOn).toBe('2026-11-23');
  });

  it('shows the mentor only the picked entries the student shared with the mentor', async () => {
    const sanne = await signIn(t, 'student@demo.koers.nl');
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const secret = (await sanne.post('/api/v1/portfolio/entries', entry('Geheim dagboek', []))).json();
    const shared = (await sanne.post('/api/v1/portfolio/entries', entry('Mijn stageweek', ['mentor']))).json();
    const plannedAt = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    const conversation = (await mentor.post('/api/v1/conversations', { studentId: sanne.user.id, plannedAt })).json();
    const prepared = await sanne.put(`/api/v1/conversations/${conversation.id}/preparation`, { answers: {}, entryIds: [secret.id, shared.id] });
    expect(prepared.statusCode).toBe(204);

    const seenByMentor = (await mentor.get(`/api/v1/conversations/${conversation.id}`)).body;
    expect(seenByMentor).toContain('Mijn stageweek');
    expect(seenByMentor).not.toContain('Geheim dagboek');
    expect((await sanne.get(`/api/v1/conversations/${conversation.id}`)).body).toContain('Geheim dagboek');
  });
});
