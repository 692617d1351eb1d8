import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, type TestApp } from '../../../test/helpers.js';
import { THROTTLE } from './throttle.js';

/** The contract's login rules, exercised through the HTTP API. */
describe.each(testEngines())('login rules on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  // Each test uses its own client address so the per-address failure count of one test does
  // not leak into another.
  const login = (email: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });

  it('answers a wrong password and an unknown e-mail with the identical 401', async () => {
    const wrongPassword = await login('mentor@demo.koers.nl', 'not-the-password', '10.0.1.1');
    const unknownEmail = await login('nobody@demo.koers.nl', 'not-the-password', '10.0.1.1');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(unknownEmail.body).toBe(wrongPassword.body);
    expect(wrongPassword.json().error.code).toBe('invalid_credentials');
    expect(wrongPassword.cookies.find((c) => c.name === 'koers_session')).toBeUndefined();
  });

  it('locks an account after repeated failures, whether it exists or not', async () => {
    for (const email of ['docent@demo.koers.nl', 'ghost@demo.koers.nl']) {
      for (let i = 0; i < THROTTLE.maxPerAccount; i++) {
        expect((await login(email, `wrong-${i}`, '10.0.2.1')).statusCode, `${email} attempt ${i}`).toBe(401);
      }
      const locked = await login(email, 'still-wrong', '10.0.2.1');
      expect(locked.statusCode, email).toBe(429);
      expect(locked.json().error.code).toBe('too_many_attempts');
    }
    // Locked means locked: the right password from another address does not get in either.
    expect((await login('docent@demo.koers.nl', 'koers-demo', '10.0.2.2')).statusCode).toBe(429);
    // The lock ends after the lock period.
    t.clock.advance(THROTTLE.lockMs + 1_000);
    expect((await login('docent@demo.koers.nl', 'koers-demo', '10.0.2.2')).statusCode).toBe(200);
  });

  it('never throttles successful logins from one address (a whole school behind one NAT)', async () => {
    for (let i = 0; i < 100; i++) {
      const res = await login('student2@demo.koers.nl', 'koers-demo', '10.0.3.1');
      expect(res.statusCode, `login ${i}`).toBe(200);
    }
  });

  it('refuses a state-changing request with the cookie but without X-CSRF-Token', async () => {
    const c = await signIn(t, 'mentor@demo.koers.nl');
    const cookie = `koers_session=${c.cookie}`;
    const noToken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_invalid');
    const wrongToken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': 'forged' } });
    expect(wrongToken.statusCode).toBe(403);
    // The refused request changed nothing: the session still works.
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('ends the session on the server at logout', async () => {
    const c = await signIn(t, 'mentor@demo.koers.nl');
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    // The old cookie, replayed, is worthless.
    const after = await c.get('/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('expires a session after the idle timeout, not before', async () => {
    const c = await signIn(t, 'mentor@demo.koers.nl');
    t.clock.advance((t.config.sessionIdleMinutes - 5) * 60_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
    t.clock.advance((t.config.sessionIdleMinutes + 1) * 60_000);
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });
});
