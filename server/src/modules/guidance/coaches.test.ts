import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';

type Client = Awaited<ReturnType<typeof signIn>>;

/**
 * A teacher of the student's team, or a named SLB'er who is not the group mentor, plans and holds
 * a career conversation once assigned to the student; it counts for the inspanningsverplichting
 * and shows in the student's and the mentor's view. Without the assignment they cannot.
 */
describe.each(testEngines())('conversations held by an assigned teacher on %s', (engine) => {
  let t: TestApp;
  let student: Client, mentor: Client, docent: Client, coordinator: Client, otherMentor: Client, ictMentor: Client;
  let sanne: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    [student, mentor, docent, coordinator, otherMentor, ictMentor] = await Promise.all(
      ['student', 'mentor', 'docent', 'coordinator', 'mentor.zw2b', 'mentor.sd4a'].map((k) => signIn(t, `${k}@demo.koers.nl`)),
    );
    sanne = await userIdByEmail(t, 'student@demo.koers.nl');
  });
  afterAll(() => t?.close());

  const conversationsDone = async () =>
    (await student.get(`/api/v1/students/${sanne}/lob-status`)).json().components.find((c: any) => c.kind === 'conversation').done as number;

  it('refuses a team teacher who is not assigned', async () => {
    expect((await docent.post('/api/v1/conversations', { studentId: sanne, plannedAt: '2026-11-25T10:00:00+01:00' })).statusCode).toBe(404);
    expect((await docent.put(`/api/v1/students/${sanne}/coaches/${docent.user.id}`, {})).statusCode).toBe(404);
  });

  it('lets the mentor assign a teacher of the team, who then plans and holds a conversation that counts', async () => {
    const before = await conversationsDone();
    // Only a teacher of the student's team or an SLB'er of the school can be assigned.
    const stranger = await mentor.put(`/api/v1/students/${sanne}/coaches/${sanne}`, {});
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.fields).toHaveProperty('userId');

    const assigned = await mentor.put(`/api/v1/students/${sanne}/coaches/${docent.user.id}`, {});
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().items).toEqual([expect.objectContaining({ userId: docent.user.id, displayName: 'Peter Claassen' })]);
    expect((await student.get(`/api/v1/students/${sanne}/coaches`)).json().items).toHaveLength(1);

    const planned = await docent.post('/api/v1/conversations', { studentId: sanne, plannedAt: '2026-11-23T10:00:00+01:00' });
    expect(planned.statusCode, planned.body).toBe(201);
    const id = planned.json().id;
    expect((await docent.get(`/api/v1/conversations/${id}`)).statusCode).toBe(200);
    const held = await docent.patch(`/api/v1/conversations/${id}`, { held: true, heldOn: '2026-11-23' });
    expect(held.statusCode, held.body).toBe(204);
    expect((await docent.post(`/api/v1/conversations/${id}/agreements`, { action: 'Twee stageplekken opzoeken', dueOn: '2026-12-15' })).statusCode).toBe(201);

    // It counts, and both the student and the mentor see it, held by the teacher.
    expect(await conversationsDone()).toBe(before + 1);
    for (const reader of [student, mentor]) {
      const list = (await reader.get(`/api/v1/students/${sanne}/conversations`)).json().items;
      expect(list.find((c: any) => c.id === id)).toMatchObject({ status: 'held', mentor: { id: docent.user.id } });
    }
    // The teacher holds only their own conversations, not the mentor's.
    const mentorsOwn = await mentor.post('/api/v1/conversations', { studentId: sanne, plannedAt: '2026-12-01T10:00:00+01:00' });
    expect((await docent.patch(`/api/v1/conversations/${mentorsOwn.json().id}`, { held: true, heldOn: '2026-12-01' })).statusCode).toBe(404);

    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('student_id', '=', sanne).where('action', '=', 'guidance.coach.assign').execute();
    expect(audit).toHaveLength(1);
  });

  it('lets the coordinator name an SLB’er who is not the group mentor, and ends the assignment', async () => {
    expect((await otherMentor.put(`/api/v1/students/${sanne}/coaches/${otherMentor.user.id}`, {})).statusCode).toBe(404);
    const named = await coordinator.put(`/api/v1/students/${sanne}/coaches/${ictMentor.user.id}`, {});
    expect(named.statusCode, named.body).toBe(200);
    expect((await ictMentor.post('/api/v1/conversations', { studentId: sanne, plannedAt: '2026-11-26T10:00:00+01:00' })).statusCode).toBe(201);
    expect((await coordinator.delete(`/api/v1/students/${sanne}/coaches/${ictMentor.user.id}`)).statusCode).toBe(200);
    expect((await ictMentor.post('/api/v1/conversations', { studentId: sanne, plannedAt: '2026-11-27T10:00:00+01:00' })).statusCode).toBe(404);
  });
});
