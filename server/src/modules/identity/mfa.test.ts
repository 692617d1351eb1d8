import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import type { Role } from '../org/tables.js';
import { hashPassword } from './passwords.js';

const PASSWORD = 'Beheer-van-de-rivierkade-2026';

/** A real (non-demo) account in the demo institution: the MFA requirement applies in full. */
async function createAccount(t: TestApp, email: string, roles: Role[]) {
  const admin = await userIdByEmail(t, 'admin@demo.koers.nl');
  const { institution_id } = await t.deps.db.selectFrom('user_roles').select('institution_id').where('user_id', '=', admin).executeTakeFirstOrThrow();
  const user = await t.deps.db
    .insertInto('users')
    .values({ email, given_name: 'Wies', family_name: 'Brandsma', display_name: 'Wies Brandsma' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.deps.db.insertInto('credentials').values({ user_id: user.id, password_hash: await hashPassword(PASSWORD), password_changed_at: t.clock.now() }).execute();
  await t.deps.db.insertInto('user_roles').values(roles.map((role) => ({ user_id: user.id, institution_id, role }))).execute();
  return user.id;
}

const codeAt = (t: TestApp, secret: string, offsetMs = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: t.clock.now().getTime() + offsetMs });

/** A code that is not the current one (nor its neighbours), for the wrong-code paths. */
const wrongCodeAt = (t: TestApp, secret: string) => {
  const valid = new Set([-30_000, 0, 30_000].map((o) => codeAt(t, secret, o)));
  let code = '000000';
  for (let i = 0; valid.has(code); i++) code = String(i).padStart(6, '0');
  return code;
};

describe.each(testEngines())('MFA with TOTP on %s', (engine) => {
  let t: TestApp;
  let sanne: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    sanne = await userIdByEmail(t, 'student@demo.koers.nl');
  });
  afterAll(() => t?.close());

  it('makes a non-demo administrator enrol before anything else, then verify at every sign-in', async () => {
    await createAccount(t, 'beheer@roc-test.nl', ['institution_admin']);
    const first = await signIn(t, 'beheer@roc-test.nl', PASSWORD);
    expect((await first.get('/api/v1/me')).json().mfa).toBe('enrol');
    const refused = await first.get(`/api/v1/students/${sanne}`);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('mfa_required');

    const enrol = await first.post('/api/v1/auth/mfa/enrol');
    expect(enrol.statusCode).toBe(200);
    const { secret, uri } = enrol.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Koers:beheer%40roc-test\.nl\?/);
    expect(uri).toContain(`secret=${secret}`);
    // Not active until a code proves the app has the secret.
    expect((await first.get(`/api/v1/students/${sanne}`)).statusCode).toBe(401);

    const wrong = await first.post('/api/v1/auth/mfa/confirm', { code: wrongCodeAt(t, secret) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.code).toBeTruthy();

    const confirm = await first.post('/api/v1/auth/mfa/confirm', { code: codeAt(t, secret) });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // Enrolled with password and a code: this session is through.
    expect((await first.get(`/api/v1/students/${sanne}`)).statusCode).toBe(200);

    // The secret and the codes are stored server-side only, the codes hashed.
    const cred = await t.deps.db.selectFrom('credentials').selectAll().where('user_id', '=', first.user.id).executeTakeFirstOrThrow();
    expect(cred.totp_secret).toBe(secret);
    expect(cred.totp_pending_secret).toBeNull();
    expect(cred.recovery_code_hashes).toHaveLength(10);
    for (const code of recoveryCodes) expect(cred.recovery_code_hashes).not.toContain(code);
    expect(JSON.stringify(await first.get('/api/v1/me').then((r) => r.json()))).not.toContain(secret);

    // Next sign-in: verify with a code from the app.
    t.clock.advance(60_000);
    const second = await signIn(t, 'beheer@roc-test.nl', PASSWORD);
    expect((await second.get('/api/v1/me')).json().mfa).toBe('verify');
    expect((await second.get(`/api/v1/students/${sanne}`)).statusCode).toBe(401);
    // A session that has only the password cannot replace the authenticator.
    expect((await second.post('/api/v1/auth/mfa/enrol')).statusCode).toBe(409);
    const verify = await second.post('/api/v1/auth/mfa/verify', { code: codeAt(t, secret) });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toEqual({ mfa: 'none', recoveryCodesLeft: 10 });
    expect((await second.get(`/api/v1/students/${sanne}`)).statusCode).toBe(200);

    // The same code, seen once, is not accepted again (replay).
    const third = await signIn(t, 'beheer@roc-test.nl', PASSWORD);
    expect((await third.post('/api/v1/auth/mfa/verify', { code: codeAt(t, secret) })).statusCode).toBe(400);
    t.clock.advance(30_000);
    expect((await third.post('/api/v1/auth/mfa/verify', { code: codeAt(t, secret) })).statusCode).toBe(200);

    // A recovery code works once.
    const fourth = await signIn(t, 'beheer@roc-test.nl', PASSWORD);
    const recovered = await fourth.post('/api/v1/auth/mfa/verify', { recoveryCode: recoveryCodes[3].toUpperCase() });
    expect(recovered.statusCode).toBe(200);
    expect(recovered.json().recoveryCodesLeft).toBe(9);
    const fifth = await signIn(t, 'beheer@roc-test.nl', PASSWORD);
    const reused = await fifth.post('/api/v1/auth/mfa/verify', { recoveryCode: recoveryCodes[3] });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.fields.recoveryCode).toBeTruthy();
    expect((await fifth.get(`/api/v1/students/${sanne}`)).statusCode).toBe(401);

    // The required role cannot switch MFA off.
    const off = await second.post('/api/v1/auth/mfa/disable', { currentPassword: PASSWORD });
    expect(off.statusCode).toBe(403);
    expect(off.json().error.code).toBe('mfa_required_for_role');

    await t.deps.audit.flush();
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'outcome']).where('actor_id', '=', first.user.id).execute();
    expect(audit).toContainEqual({ action: 'auth.mfa.enrol', outcome: 'ok' });
    expect(audit).toContainEqual({ action: 'auth.mfa.enrol', outcome: 'failed' });
    expect(audit).toContainEqual({ action: 'auth.mfa.verify', outcome: 'failed' });
  });

  it('throttles wrong codes: after five, even the right code waits', async () => {
    const id = await createAccount(t, 'manager@roc-test.nl', ['manager']);
    const c = await signIn(t, 'manager@roc-test.nl', PASSWORD);
    const { secret } = (await c.post('/api/v1/auth/mfa/enrol')).json();
    expect((await c.post('/api/v1/auth/mfa/confirm', { code: codeAt(t, secret) })).statusCode).toBe(200);
    t.clock.advance(60_000);
    const next = await signIn(t, 'manager@roc-test.nl', PASSWORD);
    for (let i = 0; i < 5; i++) {
      expect((await next.post('/api/v1/auth/mfa/verify', { code: wrongCodeAt(t, secret) })).statusCode).toBe(400);
    }
    const locked = await next.post('/api/v1/auth/mfa/verify', { code: codeAt(t, secret) });
    expect(locked.statusCode).toBe(429);
    expect((await next.get('/api/v1/me')).json().mfa).toBe('verify');
    // After the lock period the right code works again.
    t.clock.advance(16 * 60_000);
    expect((await next.post('/api/v1/auth/mfa/verify', { code: codeAt(t, secret) })).statusCode).toBe(200);
    await t.deps.audit.flush();
    const denied = await t.deps.db.selectFrom('audit_log').select('outcome').where('actor_id', '=', id).where('action', '=', 'auth.mfa.verify').execute();
    expect(denied.map((r) => r.outcome)).toEqual(expect.arrayContaining(['failed', 'denied', 'ok']));
  });

  it('lets a user whose role does not require MFA turn it on and off, with the password', async () => {
    const c = await signIn(t, 'mentor@demo.koers.nl');
    expect((await c.get('/api/v1/auth/mfa')).json()).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
    const { secret } = (await c.post('/api/v1/auth/mfa/enrol')).json();
    expect((await c.post('/api/v1/auth/mfa/confirm', { code: codeAt(t, secret) })).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/mfa')).json()).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });

    // Once on, it applies to the mentor's next sign-in like to anyone's.
    t.clock.advance(60_000);
    const again = await signIn(t, 'mentor@demo.koers.nl');
    expect(again.user).toBeTruthy();
    expect((await again.get('/api/v1/me')).json().mfa).toBe('verify');

    // Replacing the app takes a fully signed-in session; the old app's codes stop working.
    const { secret: newSecret } = (await c.post('/api/v1/auth/mfa/enrol')).json();
    expect(newSecret).not.toBe(secret);
    expect((await c.post('/api/v1/auth/mfa/confirm', { code: codeAt(t, newSecret) })).statusCode).toBe(200);
    t.clock.advance(30_000);
    expect((await again.post('/api/v1/auth/mfa/verify', { code: codeAt(t, secret) })).statusCode).toBe(400);
    expect((await again.post('/api/v1/auth/mfa/verify', { code: codeAt(t, newSecret) })).statusCode).toBe(200);

    const wrongPassword = await c.post('/api/v1/auth/mfa/disable', { currentPassword: 'not-my-password' });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().error.fields.currentPassword).toBeTruthy();
    expect((await c.post('/api/v1/auth/mfa/disable', { currentPassword: 'koers-demo' })).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/mfa')).json().enabled).toBe(false);
    expect((await signIn(t, 'mentor@demo.koers.nl').then((s) => s.get('/api/v1/me'))).json().mfa).toBe('none');

    await t.deps.audit.flush();
    const disabled = await t.deps.db.selectFrom('audit_log').select('action').where('actor_id', '=', c.user.id).where('action', '=', 'auth.mfa.disable').execute();
    expect(disabled).toHaveLength(1);
  });

  it('exempts demo accounts only in demo mode', async () => {
    const demoAdmin = await signIn(t, 'admin@demo.koers.nl');
    expect((await demoAdmin.get('/api/v1/me')).json().mfa).toBe('none');
    expect((await demoAdmin.get(`/api/v1/students/${sanne}`)).statusCode).toBe(200);

    // The same database outside demo mode: the demo administrator must enrol.
    const strict = await startTestApp(engine, { env: { KOERS_DEMO: '0' } });
    try {
      // KOERS_DEMO=0 turns demo mode off; the helper still loads the demo people (opts.demo is unset).
      expect(strict.config.demo).toBe(false);
      const admin = await signIn(strict, 'admin@demo.koers.nl');
      expect((await admin.get('/api/v1/me')).json().mfa).toBe('enrol');
      const sanneThere = await userIdByEmail(strict, 'student@demo.koers.nl');
      expect((await admin.get(`/api/v1/students/${sanneThere}`)).statusCode).toBe(401);
    } finally {
      await strict.close();
    }
  });
});
