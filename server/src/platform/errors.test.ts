import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { signIn, startTestApp, type TestApp } from '../../test/helpers.js';
import Fastify from 'fastify';
import { AppError, handleError, parseInput } from './errors.js';

/** What a client sends can never produce a 500; every error has the contract's shape. */
describe('error format', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { env: { KOERS_BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t?.close());

  const expectErrorShape = (body: any, code: string) => {
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  };

  it('answers bad JSON with 400 invalid_json', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'invalid_json');
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.nl', password: 'x'.repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expectErrorShape(res.json(), 'payload_too_large');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(res.statusCode).toBe(415);
    expectErrorShape(res.json(), 'unsupported_media_type');
  });

  it('answers an unknown API route with 404 in the same shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expectErrorShape(res.json(), 'route_not_found');
  });

  it('names each wrong field, in Dutch by default and in English on request', async () => {
    const nl = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 42 } });
    expect(nl.statusCode).toBe(400);
    expectErrorShape(nl.json(), 'validation_failed');
    expect(Object.keys(nl.json().error.fields).sort()).toEqual(['email', 'password']);
    expect(nl.json().error.message).toBe('Niet alle velden zijn goed ingevuld.');
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': 'en-GB,en;q=0.9' }, payload: {} });
    expect(en.json().error.message).toBe('Some fields are not valid.');
  });

  it('answers a malformed id in a path with 400, not a database error', async () => {
    const c = await signIn(t, 'mentor@demo.koers.nl');
    const res = await c.get('/api/v1/students/not-a-uuid');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.id).toBeTruthy();
  });

  it('requires a session (401) and a CSRF token on writes (403)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    const c = await signIn(t, 'student@demo.koers.nl');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `koers_session=${c.cookie}` } });
    expect(res.statusCode).toBe(403);
    expectErrorShape(res.json(), 'csrf_invalid');
  });

  it('serves security headers: a CSP without inline scripts, no sniffing, no framing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('hides internals of an unexpected failure behind a 500 without details', async () => {
    // The same error handler as the app, on a route that fails the way a bug would.
    const app = Fastify({ logger: false });
    app.setErrorHandler(handleError);
    app.get('/crash', async () => {
      throw new Error('secret internal detail at /srv/koers/db.ts:12');
    });
    const res = await app.inject({ method: 'GET', url: '/crash' });
    expect(res.statusCode).toBe(500);
    expectErrorShape(res.json(), 'internal');
    expect(res.body).not.toContain('secret internal detail');
  });
});

describe('parseInput', () => {
  it('throws an AppError with a message per field path', () => {
    const schema = z.object({ scores: z.object({ kwaliteiten: z.number().int().min(1).max(5) }) });
    try {
      parseInput(schema, { scores: { kwaliteiten: 9 } }, 'nl');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect(Object.keys((err as AppError).fields!)).toEqual(['scores.kwaliteiten']);
    }
  });
});
