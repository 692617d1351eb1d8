import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseTrustedProxies } from '../../config.js';
import { startTestApp, testEngines, type TestApp } from '../../../test/helpers.js';
import { checkPasswordStrength } from './passwords.js';
import { accountDelayMs, THROTTLE } from './throttle.js';

describe('growing delays per account', () => {
  it('lets the first failures pass and then doubles the wait up to the maximum', () => {
    const delays = Array.from({ length: 12 }, (_, i) => accountDelayMs(i + 1));
    expect(delays.slice(0, THROTTLE.maxPerAccount - 1).every((d) => d === 0)).toBe(true);
    expect(delays[THROTTLE.maxPerAccount - 1]).toBe(THROTTLE.firstDelayMs);
    expect(delays[THROTTLE.maxPerAccount]).toBe(THROTTLE.firstDelayMs * 2);
    expect(delays.at(-1)).toBe(THROTTLE.lockMs);
  });
});

describe('KOERS_TRUST_PROXY', () => {
  it('takes a list of addresses and CIDR ranges, and refuses anything else', () => {
    expect(parseTrustedProxies('0')).toEqual([]);
    expect(parseTrustedProxies('')).toEqual([]);
    expect(parseTrustedProxies('1')).toEqual(['loopback']);
    expect(parseTrustedProxies('10.0.0.1, 192.168.0.0/16,fd00::/8,loopback')).toEqual(['10.0.0.1', '192.168.0.0/16', 'fd00::/8', 'loopback']);
    expect(typeof parseTrustedProxies('10.0.0.1/33')).toBe('string');
    expect(typeof parseTrustedProxies('proxy.school.nl')).toBe('string');
    expect(() => loadConfig({ KOERS_TRUST_PROXY: 'everyone' })).toThrow(/KOERS_TRUST_PROXY/);
    expect(loadConfig({ KOERS_TRUST_PROXY: '10.1.2.3' }).trustProxy).toEqual(['10.1.2.3']);
  });
});

describe('password check', () => {
  const sanne = ['sanne@demo.koers.nl', 'Sanne', 'de Vries', 'Sanne de Vries', 'ROC Koersland'];
  it('refuses the product name, seasons with a year, breached passwords and the school name', () => {
    for (const weak of ['koers-demo-1', 'Zomer2025!!', 'Winter2024!', 'password123', 'Welkom123!!', 'qwertyuiop1', 'ROC Koersland 2026', 'Sanne2009!!']) {
      expect(checkPasswordStrength(weak, sanne), weak).toBe('password_too_common');
    }
  });
  it('accepts a passphrase', () => {
    for (const good of ['Zonnebloem-langs-het-kanaal-88', 'Mijn fiets is groen', 'gT7#kq9!Lm2x']) {
      expect(checkPasswordStrength(good, sanne), good).toBeNull();
    }
  });
});

describe.each(testEngines())('login protection for a school behind one address on %s', (engine) => {
  let t: TestApp;
  const saved = { ...THROTTLE };
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());
  afterEach(() => Object.assign(THROTTLE, saved));

  const login = (email: string, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress, headers });

  it('300 failed logins of one user from the school address do not block another user from it', async () => {
    const school = '203.0.113.10';
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i++) statuses.add((await login('student2@demo.koers.nl', `fout-${i}`, school)).statusCode);
    // The first failures are wrong passwords, then the account waits.
    expect([...statuses].sort()).toEqual([401, 429]);
    // Another user at the same school logs in at once, and keeps doing so.
    for (let i = 0; i < 20; i++) expect((await login('student@demo.koers.nl', 'koers-demo', school)).statusCode, `login ${i}`).toBe(200);
    // The attacked account itself waits (per-account delay), whatever address it comes from.
    expect((await login('student2@demo.koers.nl', 'koers-demo', '198.51.100.7')).statusCode).toBe(429);
    t.clock.advance(THROTTLE.lockMs + 1_000);
    expect((await login('student2@demo.koers.nl', 'koers-demo', '198.51.100.7')).statusCode).toBe(200);
  });

  it('grows the per-account delay with each failure after the free ones', async () => {
    const email = 'docent@demo.koers.nl';
    for (let i = 0; i < THROTTLE.maxPerAccount; i++) expect((await login(email, `fout-${i}`, '203.0.113.20')).statusCode).toBe(401);
    expect((await login(email, 'koers-demo', '203.0.113.20')).statusCode).toBe(429);
    t.clock.advance(THROTTLE.firstDelayMs + 1_000);
    expect((await login(email, 'nog-fout', '203.0.113.20')).statusCode).toBe(401);
    // The next wait is twice as long: after the first delay it is still locked.
    t.clock.advance(THROTTLE.firstDelayMs + 1_000);
    expect((await login(email, 'koers-demo', '203.0.113.20')).statusCode).toBe(429);
    t.clock.advance(THROTTLE.firstDelayMs);
    expect((await login(email, 'koers-demo', '203.0.113.20')).statusCode).toBe(200);
  });

  it('an address over its failure limit gets 429 for failures, yet every correct password from it still logs in', async () => {
    THROTTLE.maxPerAddress = 30;
    const school = '203.0.113.30';
    // A password sprayer tries one password on many (non-existent) accounts from the address.
    for (let i = 0; i <= 30; i++) await login(`leerling${i}@demo.koers.nl`, 'Zomer2025!!', school);
    const sprayed = await login('nog-een@demo.koers.nl', 'Zomer2025!!', school);
    expect(sprayed.statusCode).toBe(429);
    expect(sprayed.json().error.code).toBe('too_many_attempts');
    // The school keeps logging in: far more than 600 a minute would be allowed.
    for (let i = 0; i < 25; i++) expect((await login('mentor@demo.koers.nl', 'koers-demo', school)).statusCode).toBe(200);
  });
});

describe.each(testEngines())('X-Forwarded-For on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { env: { KOERS_TRUST_PROXY: '10.9.0.1,10.8.0.0/16' } });
  });
  afterAll(() => t?.close());

  const login = (password: string, remoteAddress: string, forwardedFor: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'mentor@demo.koers.nl', password },
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
    });

  async function lastLoginIp(): Promise<string | null> {
    const row = await t.deps.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirst();
    return row?.ip ?? null;
  }

  it('is ignored from a peer that is not a configured proxy', async () => {
    expect((await login('koers-demo', '198.51.100.66', '192.0.2.1')).statusCode).toBe(200);
    expect(await lastLoginIp()).toBe('198.51.100.66');
    // Rotating forged addresses does not escape the count, spoofing does not touch the victim's.
    for (let i = 0; i < 3; i++) expect((await login(`fout-${i}`, '198.51.100.66', `192.0.2.${i + 10}`)).statusCode).toBe(401);
    const keys = (await t.deps.db.selectFrom('login_throttle').select(['key', 'failures']).where('key', 'like', 'address:%').execute()).map((r) => r.key);
    expect(keys).toEqual(['address:198.51.100.66']);
  });

  it('is believed from a configured proxy, by address or range', async () => {
    expect((await login('koers-demo', '10.9.0.1', '192.0.2.55')).statusCode).toBe(200);
    expect(await lastLoginIp()).toBe('192.0.2.55');
    expect((await login('koers-demo', '10.8.3.4', '192.0.2.56')).statusCode).toBe(200);
    expect(await lastLoginIp()).toBe('192.0.2.56');
    // A client behind the proxy cannot prepend its own forged hop: the rightmost untrusted counts.
    expect((await login('koers-demo', '10.9.0.1', '1.1.1.1, 192.0.2.57')).statusCode).toBe(200);
    expect(await lastLoginIp()).toBe('192.0.2.57');
  });
});
