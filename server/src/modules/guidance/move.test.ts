import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, type TestApp } from '../../../test/helpers.js';

/**
 * Moving an appointment: either side proposes a new time, the other is notified and decides;
 * accepted, the calendar feed shows the same event (same UID) moved, with a higher SEQUENCE.
 */
describe.each(testEngines())('moving an appointment on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('lets the student propose a new time for a conversation, the mentor accept, and the feed show it moved', async () => {
    const [student, mentor, ouder] = await Promise.all(['student', 'mentor', 'ouder'].map((k) => signIn(t, `${k}@demo.koers.nl`)));
    const plannedAt = new Date(t.clock.now().getTime() + 2 * 86_400_000);
    const conversation = await mentor.post('/api/v1/conversations', { studentId: student.user.id, plannedAt: plannedAt.toISOString() });
    expect(conversation.statusCode, conversation.body).toBe(201);
    const appointment = await t.deps.db.selectFrom('guidance_appointments').select(['id', 'sequence']).where('conversation_id', '=', conversation.json().id).executeTakeFirstOrThrow();
    const feedPath = new URL((await student.post('/api/v1/calendar/token')).json().url).pathname;
    const eventInFeed = async () => {
      const body = (await t.app.inject({ method: 'GET', url: feedPath })).body;
      const events = new ICAL.Component(ICAL.parse(body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      return events.filter((e) => e.uid.includes(appointment.id));
    };
    const [before] = await eventInFeed();

    const newTime = new Date(plannedAt.getTime() + 86_400_000);
    expect((await ouder.post(`/api/v1/appointments/${appointment.id}/proposals`, { startsAt: newTime.toISOString() })).statusCode).toBe(404);
    expect((await student.post(`/api/v1/appointments/${appointment.id}/proposals`, { startsAt: '2020-01-01T10:00:00Z' })).statusCode).toBe(400);
    const proposal = await student.post(`/api/v1/appointments/${appointment.id}/proposals`, { startsAt: newTime.toISOString() });
    expect(proposal.statusCode, proposal.body).toBe(201);
    const proposalId = proposal.json().id;
    // Until the mentor decides, nothing moves; the mentor is notified.
    expect((await eventInFeed())[0].startDate.toJSDate().getTime()).toBe(plannedAt.getTime());
    const notes = (await mentor.get('/api/v1/notifications')).json().items;
    expect(notes.some((n: any) => n.kind === 'appointment_move_proposed' && n.text.includes('stelt een andere tijd voor'))).toBe(true);
    // The proposer cannot accept their own proposal.
    expect((await student.post(`/api/v1/appointments/${appointment.id}/proposals/${proposalId}/decision`, { decision: 'accept' })).statusCode).toBe(403);

    expect((await mentor.post(`/api/v1/appointments/${appointment.id}/proposals/${proposalId}/decision`, { decision: 'accept' })).statusCode).toBe(204);
    const moved = await eventInFeed();
    expect(moved).toHaveLength(1);
    expect(moved[0].uid).toBe(before.uid);
    expect(moved[0].sequence).toBeGreaterThan(before.sequence);
    expect(moved[0].startDate.toJSDate().getTime()).toBe(newTime.getTime());
    expect(moved[0].endDate.toJSDate().getTime() - moved[0].startDate.toJSDate().getTime()).toBe(30 * 60_000);
    const c = (await student.get(`/api/v1/conversations/${conversation.json().id}`)).json();
    expect(new Date(c.plannedAt).getTime()).toBe(newTime.getTime());
    expect((await student.get('/api/v1/notifications')).json().items.some((n: any) => n.kind === 'appointment_moved')).toBe(true);
    expect((await mentor.post(`/api/v1/appointments/${appointment.id}/proposals/${proposalId}/decision`, { decision: 'decline' })).statusCode).toBe(409);
  });

  it('lets the mentor propose and the student decline: the appointment stays', async () => {
    const [student, mentor] = await Promise.all(['student', 'mentor'].map((k) => signIn(t, `${k}@demo.koers.nl`)));
    const startsAt = new Date(t.clock.now().getTime() + 5 * 86_400_000);
    const id = (await mentor.post('/api/v1/appointments', { kind: 'other', title: 'Gesprek over stage', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), inviteeIds: [student.user.id] })).json().id;
    const proposal = await mentor.post(`/api/v1/appointments/${id}/proposals`, { startsAt: new Date(startsAt.getTime() + 3_600_000).toISOString() });
    expect(proposal.statusCode, proposal.body).toBe(201);
    expect((await student.get(`/api/v1/appointments/${id}/proposals`)).json().items[0]).toMatchObject({ status: 'pending', proposedBy: mentor.user.id });
    expect((await student.post(`/api/v1/appointments/${id}/proposals/${proposal.json().id}/decision`, { decision: 'decline' })).statusCode).toBe(204);
    const stored = await t.deps.db.selectFrom('guidance_appointments').select(['starts_at', 'sequence']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.starts_at.getTime()).toBe(startsAt.getTime());
    expect((await mentor.get('/api/v1/notifications')).json().items.some((n: any) => n.kind === 'appointment_move_declined')).toBe(true);
  });
});
