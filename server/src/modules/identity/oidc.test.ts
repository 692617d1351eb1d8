import net from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { OIDC_CLIENT_ID as CLIENT_ID, OIDC_CLIENT_SECRET as CLIENT_SECRET, startOpenIdProvider, type TestOpenIdProvider as TestOp } from '../../../test/peers.js';

/**
 * Federated login against a real OpenID provider (the `oidc-provider` package standing in for
 * SURFconext), with Koers listening on a real port: the browser's redirect dance is driven
 * with fetch, manual redirects and a small cookie jar.
 */


async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Cookies per origin, as a browser keeps them (paths are ignored: both servers are tiny). */
class CookieJar {
  private jar = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.jar.get(url.origin) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  store(url: URL, res: Response) {
    const cookies = this.jar.get(url.origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(url.origin, cookies);
  }

  get(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  set(origin: string, name: string, value: string) {
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    cookies.set(name, value);
    this.jar.set(origin, cookies);
  }
}

/** Follows redirects like a browser, but stops before requesting a URL `stopBefore` matches. */
async function browse(jar: CookieJar, start: string, stopBefore: (url: URL) => boolean = () => false) {
  let url = new URL(start);
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, res);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { res, url, stoppedAt: null };
    const next = new URL(location, url);
    if (stopBefore(next)) return { res, url, stoppedAt: next };
    url = next;
  }
  throw new Error(`too many redirects from ${start}`);
}

describe.each(testEngines())('federated login (OpenID Connect) on %s', (engine) => {
  let t: TestApp;
  let op: TestOp;
  let koers: string;
  let providerId: string;
  let sanne: string;
  const SANNE_SUBJECT = 'surf-sanne-8f3a2c';

  const isCallback = (url: URL) => url.origin === koers && url.pathname === '/api/v1/auth/oidc/callback';

  /** Signs in at the provider as `subject` and returns the callback URL the provider sends back. */
  async function authorizeAt(jar: CookieJar, subject: string): Promise<URL> {
    op.nextSubject = subject;
    const { stoppedAt, res } = await browse(jar, `${koers}/api/v1/auth/oidc/${providerId}/start`, isCallback);
    if (!stoppedAt) throw new Error(`no callback reached: ${res.status} ${await res.text()}`);
    expect(stoppedAt.searchParams.get('code')).toBeTruthy();
    return stoppedAt;
  }

  /** Requests the callback; returns where Koers sends the browser next. */
  async function callback(jar: CookieJar, url: URL) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, res);
    expect(res.status).toBe(302);
    return res.headers.get('location');
  }

  async function me(jar: CookieJar) {
    const url = new URL(`${koers}/api/v1/me`);
    return fetch(url, { headers: { cookie: jar.header(url) } });
  }

  async function sessionCount(userId?: string): Promise<number> {
    let q = t.deps.db.selectFrom('sessions').select(sql<string>`count(*)`.as('n'));
    if (userId) q = q.where('user_id', '=', userId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  async function lastLoginAudit() {
    return t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_id', 'details'])
      .where('action', '=', 'auth.login')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    const port = await freePort();
    koers = `http://127.0.0.1:${port}`;
    t = await startTestApp(engine, { env: { KOERS_PUBLIC_URL: koers } });
    await t.app.listen({ port, host: '127.0.0.1' });
    op = await startOpenIdProvider(`${koers}/api/v1/auth/oidc/callback`);
    sanne = await userIdByEmail(t, 'student@demo.koers.nl');

    // Set up through the admin API, as an institution administrator would.
    const admin = await signIn(t, 'admin@demo.koers.nl');
    const institutionId = admin.user.roles.find((r: { role: string }) => r.role === 'institution_admin').institutionId;
    const created = await admin.post('/api/v1/admin/oidc-providers', {
      institutionId,
      name: 'SURFconext',
      issuer: op.issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      scopes: 'openid email',
    });
    expect(created.statusCode, created.body).toBe(201);
    providerId = created.json().id;
    const linked = await admin.post(`/api/v1/admin/users/${sanne}/identities`, { providerId, subject: SANNE_SUBJECT });
    expect(linked.statusCode, linked.body).toBe(201);
  });
  afterAll(async () => {
    await op?.close();
    await t?.close();
  });

  it('lists the enabled providers for the login page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/providers' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual(expect.objectContaining({ id: providerId, name: 'SURFconext' }));
  });

  it('starts with a redirect to the provider carrying state, nonce and PKCE (S256)', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/auth/oidc/${providerId}/start` });
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(location.origin).toBe(op.issuer);
    expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(location.searchParams.get('redirect_uri')).toBe(`${koers}/api/v1/auth/oidc/callback`);
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    expect(location.searchParams.get('code_challenge')).toBeTruthy();
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('signs in a linked subject: /me returns that user', async () => {
    const jar = new CookieJar();
    const cb = await authorizeAt(jar, SANNE_SUBJECT);
    expect(await callback(jar, cb)).toBe('/');
    expect(jar.get(koers, 'koers_session')).toBeTruthy();
    const res = await me(jar);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.id).toBe(sanne);
    expect(body.email).toBe('student@demo.koers.nl');
    const audit = await lastLoginAudit();
    expect(audit).toMatchObject({ outcome: 'ok', actor_id: sanne });
    expect(audit.details).toMatchObject({ method: 'oidc', providerId });
  });

  it('refuses a wrong state', async () => {
    const before = await sessionCount();
    const jar = new CookieJar();
    const cb = await authorizeAt(jar, SANNE_SUBJECT);
    cb.searchParams.set('state', 'not-the-state-koers-issued');
    expect(await callback(jar, cb)).toBe('/inloggen?fout=oidc_state_invalid');
    expect(jar.get(koers, 'koers_session')).toBeUndefined();
    expect(await sessionCount()).toBe(before);
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'failed', details: expect.objectContaining({ code: 'oidc_state_invalid' }) });
  });

  it('refuses a state Koers never issued, even when the browser cookie matches it', async () => {
    const jar = new CookieJar();
    const cb = await authorizeAt(jar, SANNE_SUBJECT);
    cb.searchParams.set('state', 'forged-state-value');
    jar.set(koers, 'koers_oidc_state', 'forged-state-value');
    expect(await callback(jar, cb)).toBe('/inloggen?fout=oidc_state_invalid');
    expect(jar.get(koers, 'koers_session')).toBeUndefined();
  });

  it('refuses an expired state', async () => {
    const jar = new CookieJar();
    const cb = await authorizeAt(jar, SANNE_SUBJECT);
    t.clock.advance(11 * 60_000);
    try {
      expect(await callback(jar, cb)).toBe('/inloggen?fout=oidc_state_invalid');
      expect(jar.get(koers, 'koers_session')).toBeUndefined();
    } finally {
      t.clock.advance(-11 * 60_000);
    }
  });

  it('refuses the same authorization code a second time', async () => {
    const jar = new CookieJar();
    const cb = await authorizeAt(jar, SANNE_SUBJECT);
    const stateCookie = jar.get(koers, 'koers_oidc_state')!;
    expect(await callback(jar, cb)).toBe('/');
    const before = await sessionCount(sanne);

    // Replayed as it was, from a browser that still holds the state cookie: the state is spent.
    const replayJar = new CookieJar();
    replayJar.set(koers, 'koers_oidc_state', stateCookie);
    expect(await callback(replayJar, cb)).toBe('/inloggen?fout=oidc_state_invalid');
    expect(replayJar.get(koers, 'koers_session')).toBeUndefined();

    // Injected into a fresh login of the attacker's own: the provider refuses the spent code.
    const attackerJar = new CookieJar();
    const own = await authorizeAt(attackerJar, 'surf-attacker-1');
    own.searchParams.set('code', cb.searchParams.get('code')!);
    expect(await callback(attackerJar, own)).toBe('/inloggen?fout=oidc_exchange_failed');
    expect(attackerJar.get(koers, 'koers_session')).toBeUndefined();
    expect(await sessionCount(sanne)).toBe(before);
    expect(await lastLoginAudit()).toMatchObject({ outcome: 'failed', details: expect.objectContaining({ code: 'oidc_exchange_failed' }) });
  });

  it('refuses a subject that is not linked, and makes no session', async () => {
    const before = await sessionCount();
    const jar = new CookieJar();
    const cb = await authorizeAt(jar, 'surf-stranger-42');
    expect(await callback(jar, cb)).toBe('/inloggen?fout=oidc_unknown_subject');
    expect(jar.get(koers, 'koers_session')).toBeUndefined();
    expect((await me(jar)).status).toBe(401);
    expect(await sessionCount()).toBe(before);
    expect(await lastLoginAudit()).toMatchObject({
      outcome: 'failed',
      actor_id: null,
      details: expect.objectContaining({ method: 'oidc', code: 'oidc_unknown_subject' }),
    });
  });

  it('does not sign in by e-mail: same address as Sanne, no linked identity', async () => {
    op.claims.set('surf-lookalike-7', { email: 'student@demo.koers.nl', email_verified: true });
    const before = await sessionCount(sanne);
    const jar = new CookieJar();
    const cb = await authorizeAt(jar, 'surf-lookalike-7');
    expect(await callback(jar, cb)).toBe('/inloggen?fout=oidc_unknown_subject');
    expect(jar.get(koers, 'koers_session')).toBeUndefined();
    expect((await me(jar)).status).toBe(401);
    expect(await sessionCount(sanne)).toBe(before);
  });

  it('never returns the client secret to administrators', async () => {
    const admin = await signIn(t, 'admin@demo.koers.nl');
    const res = await admin.get('/api/v1/admin/oidc-providers');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { id: string }) => p.id)).toContain(providerId);
    expect(res.body).not.toContain(CLIENT_SECRET);
    expect(res.body).not.toMatch(/secret/i);
    const patched = await admin.patch(`/api/v1/admin/oidc-providers/${providerId}`, { clientSecret: CLIENT_SECRET });
    expect(patched.statusCode).toBe(200);
    expect(patched.body).not.toContain(CLIENT_SECRET);
  });

  it('lets only the institution administrator manage providers and links', async () => {
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    expect((await mentor.get('/api/v1/admin/oidc-providers')).statusCode).toBe(403);
    expect((await mentor.patch(`/api/v1/admin/oidc-providers/${providerId}`, { enabled: false })).statusCode).toBe(403);
    const link = await mentor.post(`/api/v1/admin/users/${sanne}/identities`, { providerId, subject: 'surf-mentor-takeover' });
    expect([403, 404]).toContain(link.statusCode);
    const rows = await t.deps.db.selectFrom('user_identities').select('subject').where('subject', '=', 'surf-mentor-takeover').execute();
    expect(rows).toEqual([]);
  });

  it('refuses an issuer over plain http outside this machine', async () => {
    const admin = await signIn(t, 'admin@demo.koers.nl');
    const institutionId = admin.user.roles.find((r: { role: string }) => r.role === 'institution_admin').institutionId;
    const res = await admin.post('/api/v1/admin/oidc-providers', {
      institutionId,
      name: 'Entree',
      issuer: 'http://idp.example.org',
      clientId: 'x',
      clientSecret: 'y',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.issuer).toBeTruthy();
  });

  it('unlinks a subject, after which it no longer signs in', async () => {
    const admin = await signIn(t, 'admin@demo.koers.nl');
    const subject = 'surf-sanne-second';
    expect((await admin.post(`/api/v1/admin/users/${sanne}/identities`, { providerId, subject })).statusCode).toBe(201);
    const unlink = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/users/${sanne}/identities`,
      headers: { cookie: `koers_session=${admin.cookie}`, 'x-csrf-token': admin.csrfToken },
      payload: { providerId, subject },
    });
    expect(unlink.statusCode, unlink.body).toBe(204);
    const jar = new CookieJar();
    const cb = await authorizeAt(jar, subject);
    expect(await callback(jar, cb)).toBe('/inloggen?fout=oidc_unknown_subject');
  });
});
