import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditAction } from '../../src/platform/http.js';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../helpers.js';

describe('staff reads are audited by default', () => {
  it('audits every GET about a student unless the route opts out', () => {
    expect(readAuditAction({ method: 'GET', action: 'guidance.messages.thread' })).toBe('read:guidance.messages.thread');
    expect(readAuditAction({ method: 'GET', action: 'x', auditRead: 'portfolio.read' })).toBe('portfolio.read');
    expect(readAuditAction({ method: 'GET', action: 'x', auditRead: false })).toBeNull();
    expect(readAuditAction({ method: 'POST', action: 'x' })).toBeNull();
  });
});

describe.each(testEngines())('read audit on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it("records a mentor reading a student's message thread, visible to the student; not the student's own reads", async () => {
    const sanneId = await userIdByEmail(t, 'student@demo.koers.nl');
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    expect((await mentor.get(`/api/v1/messages/with/${sanneId}`)).statusCode).toBe(200);
    const sanne = await signIn(t, 'student@demo.koers.nl');
    expect((await sanne.get(`/api/v1/messages/with/${mentor.user.id}`)).statusCode).toBe(200);
    await t.deps.audit.flush();
    const rows = await t.deps.db.selectFrom('audit_log').select(['actor_id', 'student_id']).where('action', '=', 'read:guidance.messages.thread').execute();
    expect(rows).toEqual([{ actor_id: mentor.user.id, student_id: sanneId }]);
  });
});
