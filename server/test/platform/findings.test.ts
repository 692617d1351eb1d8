import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEvidence } from '../../src/modules/portfolio/evidence.js';
import { startTestApp, type TestApp } from '../helpers.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('smaller findings of the security review', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { env: { KOERS_TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => t?.close());

  const login = (headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'student@demo.koers.nl', password: 'koers-demo' }, headers });

  it('removes bidi overrides from uploaded file names', () => {
    const checked = checkEvidence('foto\u202egpj\u2066.png', PNG);
    expect(checked.filename).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('answers personal JSON with Cache-Control: no-store', async () => {
    const res = await login();
    const cookie = res.cookies.find((c) => c.name === 'koers_session')!;
    expect(res.headers['cache-control']).toBe('no-store');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `koers_session=${cookie.value}` } });
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('marks the session cookie Secure when the request came over https, even with an http public URL', async () => {
    const plain = await login();
    expect(plain.cookies.find((c) => c.name === 'koers_session')!.secure).toBeFalsy();
    const viaProxy = await login({ 'x-forwarded-proto': 'https' });
    expect(viaProxy.cookies.find((c) => c.name === 'koers_session')!.secure).toBe(true);
  });
});
