import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';

describe.each(testEngines())('student profile access on %s', (engine) => {
  let t: TestApp;
  let sanne: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    sanne = await userIdByEmail(t, 'student@demo.koers.nl');
  });
  afterAll(() => t?.close());

  it('lets Sanne, her mentor and her parent read her profile', async () => {
    for (const email of ['student@demo.koers.nl', 'mentor@demo.koers.nl', 'ouder@demo.koers.nl']) {
      const c = await signIn(t, email);
      const res = await c.get(`/api/v1/students/${sanne}`);
      expect(res.statusCode, email).toBe(200);
      expect(res.json().displayName).toBe('Sanne de Wit');
      expect(res.json().enrolment.group.code).toBe('ZW2A');
    }
  });

  it('refuses the docent in her team and another student', async () => {
    for (const email of ['docent@demo.koers.nl', 'student2@demo.koers.nl']) {
      const c = await signIn(t, email);
      const res = await c.get(`/api/v1/students/${sanne}`);
      expect([403, 404], email).toContain(res.statusCode);
      expect(res.json().error.code).toBeTruthy();
    }
  });
});
