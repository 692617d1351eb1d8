import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { startSmtpServer, type ReceivedMail } from '../../../test/peers.js';
import { loadConfig } from '../../config.js';
import { createMailer } from '../../platform/mail.js';
import { RESET_TOKEN_MINUTES } from './account.js';

const NEW_PASSWORD = 'Zonnebloem-langs-het-kanaal-88';

async function waitForMail(received: ReceivedMail[], count: number): Promise<ReceivedMail> {
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  expect(received.length).toBeGreaterThanOrEqual(count);
  return received[count - 1];
}

const tokenFrom = (mail: ReceivedMail) => {
  const link = mail.body.match(/(https?:\/\/\S+\/wachtwoord-herstellen\?token=(\S+))/);
  expect(link).not.toBeNull();
  return decodeURIComponent(link![2]);
};

describe.each(testEngines())('password change and reset on %s', (engine) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    const mailer = createMailer(loadConfig({ KOERS_DATA_DIR: ':memory:', SMTP_URL: smtp.url, SMTP_FROM: 'Koers <no-reply@koers.test>' }));
    t = await startTestApp(engine, { mailer, env: { KOERS_PUBLIC_URL: 'https://koers.roc-test.nl' } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const login = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

  it('changes the password, ends every other session and keeps this one', async () => {
    const here = await signIn(t, 'docent@demo.koers.nl');
    const elsewhere = await signIn(t, 'docent@demo.koers.nl');

    const weak = await here.post('/api/v1/auth/password', { currentPassword: 'koers-demo', newPassword: 'wachtwoord1' });
    expect(weak.statusCode).toBe(400);
    expect(Object.keys(weak.json().error.fields)).toEqual(['newPassword']);
    const short = await here.post('/api/v1/auth/password', { currentPassword: 'koers-demo', newPassword: 'kort' });
    expect(short.json().error.code).toBe('password_too_short');
    const english = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: `koers_session=${here.cookie}`, 'x-csrf-token': here.csrfToken, 'accept-language': 'en' },
      payload: { currentPassword: 'koers-demo', newPassword: 'Peter Claassen' },
    });
    expect(english.statusCode).toBe(400);
    expect(english.json().error.fields.newPassword).toMatch(/password/i);
    const wrongCurrent = await here.post('/api/v1/auth/password', { currentPassword: 'not-it', newPassword: NEW_PASSWORD });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(Object.keys(wrongCurrent.json().error.fields)).toEqual(['currentPassword']);
    // Refusals changed nothing.
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(200);

    expect((await here.post('/api/v1/auth/password', { currentPassword: 'koers-demo', newPassword: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await here.get('/api/v1/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(401);
    expect((await login('docent@demo.koers.nl', 'koers-demo')).statusCode).toBe(401);
    expect((await login('docent@demo.koers.nl', NEW_PASSWORD)).statusCode).toBe(200);

    const docent = await userIdByEmail(t, 'docent@demo.koers.nl');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('actor_id', '=', docent).where('action', '=', 'auth.password.change').execute();
    expect(audit).toHaveLength(1);
  });

  it('mails a reset link over SMTP that works once, and ends every session', async () => {
    const before = await signIn(t, 'student@demo.koers.nl');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: 'Student@demo.koers.nl' } });
    expect(res.statusCode).toBe(202);

    const mail = await waitForMail(smtp.received, 1);
    expect(mail.to).toEqual(['student@demo.koers.nl']);
    expect(mail.body).toContain('Hallo Sanne,');
    expect(mail.body).toContain('https://koers.roc-test.nl/wachtwoord-herstellen?token=');
    // Nothing personal beyond the greeting name.
    expect(mail.body).not.toContain('de Wit');
    expect(mail.body).not.toContain('student@demo.koers.nl');
    expect(mail.body).not.toContain('ZW2A');
    const token = tokenFrom(mail);
    const stored = await t.deps.db.selectFrom('password_reset_tokens').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    // A weak password is refused without using up the link.
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, newPassword: 'sanne2010' } });
    expect(weak.statusCode).toBe(400);
    expect(Object.keys(weak.json().error.fields)).toEqual(['newPassword']);

    const done = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, newPassword: NEW_PASSWORD } });
    expect(done.statusCode).toBe(204);
    expect((await before.get('/api/v1/me')).statusCode).toBe(401);
    expect((await login('student@demo.koers.nl', NEW_PASSWORD)).statusCode).toBe(200);

    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, newPassword: 'Een-heel-ander-wachtwoord-77' } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('reset_token_invalid');
    expect(again.json().error.fields.token).toBeTruthy();

    const sanne = await userIdByEmail(t, 'student@demo.koers.nl');
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('actor_id', '=', sanne).where('action', '=', 'auth.password.reset').execute();
    expect(audit).toHaveLength(1);
  });

  it('lets a reset link expire after 30 minutes', async () => {
    const sent = smtp.received.length;
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: 'mentor@demo.koers.nl' } });
    const token = tokenFrom(await waitForMail(smtp.received, sent + 1));
    t.clock.advance((RESET_TOKEN_MINUTES + 1) * 60_000);
    const late = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, newPassword: NEW_PASSWORD } });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('reset_token_invalid');
    expect((await login('mentor@demo.koers.nl', 'koers-demo')).statusCode).toBe(200);
  });

  it('answers an unknown address exactly like a known one, and sends nothing', async () => {
    const sent = smtp.received.length;
    const known = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: 'manager@demo.koers.nl' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email: 'niemand@demo.koers.nl' } });
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    await waitForMail(smtp.received, sent + 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.slice(sent).flatMap((m) => m.to)).toEqual(['manager@demo.koers.nl']);
  });
});
