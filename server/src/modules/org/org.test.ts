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

describe('students a person guides', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(() => t?.close());

  it('gives the mentor exactly their group, the parent their child, the praktijkopleider their intern', async () => {
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const list = (await mentor.get('/api/v1/me/students')).json().items;
    expect(list).toHaveLength(20);
    expect(new Set(list.map((s: any) => s.groupCode))).toEqual(new Set(['ZW2A']));

    const parent = (await (await signIn(t, 'ouder@demo.koers.nl')).get('/api/v1/me/students')).json().items;
    expect(parent.map((s: any) => s.displayName)).toEqual(['Sanne de Wit']);

    const praktijk = (await (await signIn(t, 'praktijk@demo.koers.nl')).get('/api/v1/me/students')).json().items;
    expect(praktijk.map((s: any) => s.displayName)).toEqual(['Sanne de Wit']);

    const docent = (await (await signIn(t, 'docent@demo.koers.nl')).get('/api/v1/me/students')).json().items;
    expect(docent).toEqual([]);
  });
});
