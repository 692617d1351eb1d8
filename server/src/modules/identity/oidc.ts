import * as client from 'openid-client';
import type { Deps } from '../../platform/http.js';
import { AppError, errorMessage, registerErrorMessages } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import type { Actor } from '../../platform/policy.js';
import { sha256, type SessionStore } from './sessions.js';

/**
 * Federated login with OpenID Connect (SURFconext, Entree, eduID), one or more providers per
 * institution. Koers is the relying party: authorization code flow with state, nonce and PKCE.
 * A federated subject only signs someone in when an administrator linked it to that account;
 * an e-mail address from the provider is never used to find the account.
 */

export const OIDC_PATH = '/api/v1/auth/oidc';
export const OIDC_CALLBACK_PATH = `${OIDC_PATH}/callback`;
/** Binds a pending login to the browser that started it (prevents login CSRF). */
export const OIDC_STATE_COOKIE = 'koers_oidc_state';
/** How long a started login may take at the provider. */
export const ATTEMPT_TTL_MS = 10 * 60_000;
/** Discovery documents change rarely; a short cache keeps a login to one metadata fetch at most. */
const DISCOVERY_TTL_MS = 5 * 60_000;
const DISCOVERY_TIMEOUT_S = 10;

export type OidcFailureCode =
  | 'oidc_state_invalid'
  | 'oidc_exchange_failed'
  | 'oidc_unknown_subject'
  | 'oidc_provider_unknown'
  | 'oidc_provider_unavailable';

registerErrorMessages({
  oidc_state_invalid: {
    nl: 'Deze inlogpoging is verlopen of ongeldig. Probeer opnieuw in te loggen.',
    en: 'This sign-in attempt has expired or is invalid. Please sign in again.',
  },
  oidc_exchange_failed: {
    nl: 'Inloggen via je instelling is niet gelukt. Probeer het opnieuw.',
    en: 'Signing in through your institution did not succeed. Please try again.',
  },
  oidc_unknown_subject: {
    nl: 'Dit account van je instelling is niet gekoppeld aan een Koers-account. Vraag je beheerder om het te koppelen.',
    en: 'This institution account is not linked to a Koers account. Ask your administrator to link it.',
  },
  oidc_provider_unknown: {
    nl: 'Deze inlogmethode bestaat niet of staat uit.',
    en: 'This sign-in method does not exist or is switched off.',
  },
  oidc_provider_unavailable: {
    nl: 'De inlogdienst van je instelling is nu niet bereikbaar. Probeer het later opnieuw.',
    en: 'Your institution’s sign-in service cannot be reached right now. Try again later.',
  },
  oidc_issuer_insecure: {
    nl: 'Gebruik een https-adres (http alleen voor localhost).',
    en: 'Use an https address (http only for localhost).',
  },
  oidc_provider_name_taken: {
    nl: 'Deze instelling heeft al een inlogmethode met deze naam.',
    en: 'This institution already has a sign-in method with this name.',
  },
  oidc_subject_taken: {
    nl: 'Dit federatieve account is al aan een ander Koers-account gekoppeld.',
    en: 'This federated account is already linked to another Koers account.',
  },
});

/** A refused federated login: the browser is sent back to the login page with `code`. */
export class OidcLoginError extends Error {
  constructor(
    public readonly code: OidcFailureCode,
    /** for the audit log and server log only, never shown to the user */
    public readonly reason: string,
    public readonly provider?: Pick<ProviderRow, 'id' | 'institution_id'>,
  ) {
    super(`${code}: ${reason}`);
  }
}

interface ProviderRow {
  id: string;
  institution_id: string;
  name: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  scopes: string;
  subject_claim: string;
  enabled: boolean;
  created_at: Date;
}

/** http is accepted only for an issuer on this machine (development and tests), never across a network. */
export function isAllowedIssuer(issuer: string): boolean {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return false;
  }
  if (url.search || url.hash || url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export function callbackUrl(deps: Pick<Deps, 'config'>): string {
  return `${deps.config.publicUrl}${OIDC_CALLBACK_PATH}`;
}

/**
 * Discovered provider configurations, cached briefly per app instance. The key includes the
 * issuer and client credentials, so an administrator's change applies at the next login in
 * every process without explicit invalidation.
 */
export class OidcDiscovery {
  private cache = new Map<string, { providerId: string; config: client.Configuration; fetchedAt: number }>();

  constructor(private readonly deps: Pick<Deps, 'clock'>) {}

  async configFor(provider: ProviderRow): Promise<client.Configuration> {
    const key = sha256([provider.id, provider.issuer, provider.client_id, provider.client_secret].join('\n'));
    const now = this.deps.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && now - hit.fetchedAt < DISCOVERY_TTL_MS) return hit.config;
    const config = await discover(provider);
    // An older entry of this provider (before a change of issuer or secret) is dead weight.
    for (const [k, entry] of this.cache) if (entry.providerId === provider.id) this.cache.delete(k);
    this.cache.set(key, { providerId: provider.id, config, fetchedAt: now });
    return config;
  }
}

async function discover(provider: ProviderRow): Promise<client.Configuration> {
  const insecure = new URL(provider.issuer).protocol === 'http:';
  return client.discovery(
    new URL(provider.issuer),
    provider.client_id,
    { client_secret: provider.client_secret },
    client.ClientSecretBasic(provider.client_secret),
    {
      timeout: DISCOVERY_TIMEOUT_S,
      // Check the ID token's signature against the provider's keys as well, not only TLS.
      execute: [...(insecure ? [client.allowInsecureRequests] : []), client.enableNonRepudiationChecks],
    },
  );
}

// ---------------------------------------------------------------------------------------------
// The login itself

export async function listEnabledProviders(deps: Pick<Deps, 'db'>, institutionId?: string) {
  let q = deps.db
    .selectFrom('oidc_providers')
    .select(['id', 'name', 'institution_id'])
    .where('enabled', '=', true)
    .orderBy('name')
    .orderBy('id');
  if (institutionId) q = q.where('institution_id', '=', institutionId);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, institutionId: r.institution_id }));
}

async function loadEnabledProvider(deps: Pick<Deps, 'db'>, providerId: string): Promise<ProviderRow | null> {
  const row = await deps.db
    .selectFrom('oidc_providers')
    .selectAll()
    .where('id', '=', providerId)
    .where('enabled', '=', true)
    .executeTakeFirst();
  return (row as ProviderRow | undefined) ?? null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Starts a login: remembers state, nonce and PKCE verifier, and returns the provider's
 * authorization URL. The state is also returned for the browser-binding cookie.
 */
export async function startLogin(deps: Deps, discovery: OidcDiscovery, providerId: string) {
  const provider = UUID.test(providerId) ? await loadEnabledProvider(deps, providerId) : null;
  if (!provider) throw new OidcLoginError('oidc_provider_unknown', 'no enabled provider with this id');
  let config: client.Configuration;
  try {
    config = await discovery.configFor(provider);
  } catch (err) {
    throw new OidcLoginError('oidc_provider_unavailable', `discovery failed: ${describeError(err)}`, provider);
  }
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const now = deps.clock.now();
  await deleteExpiredAttempts(deps, now);
  await deps.db
    .insertInto('oidc_login_attempts')
    .values({ state_hash: sha256(state), provider_id: provider.id, nonce, code_verifier: codeVerifier, created_at: now, used_at: null })
    .execute();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(deps),
    scope: normaliseScopes(provider.scopes),
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url, state };
}

/** Pending logins are useless after their lifetime; they are cleared as new ones start. */
async function deleteExpiredAttempts(deps: Pick<Deps, 'db'>, now: Date) {
  await deps.db
    .deleteFrom('oidc_login_attempts')
    .where('created_at', '<', new Date(now.getTime() - ATTEMPT_TTL_MS))
    .execute();
}

export interface CallbackInput {
  /** the query string of the callback request, including the leading '?' */
  search: string;
  /** the state cookie set at start, if the browser sent it */
  stateCookie: string | undefined;
  ip: string;
  userAgent?: string;
}

/**
 * Completes a login at the callback: consumes the state (once, within its lifetime), exchanges
 * the code, validates the ID token (issuer, audience, nonce, signature) and signs in the
 * account linked to the federated subject. Throws OidcLoginError for every refusal.
 */
export async function completeLogin(deps: Deps, discovery: OidcDiscovery, sessions: SessionStore, input: CallbackInput) {
  const params = new URLSearchParams(input.search);
  const attempt = await consumeAttempt(deps, params, input.stateCookie);
  const provider = await loadEnabledProvider(deps, attempt.provider_id);
  if (!provider) throw new OidcLoginError('oidc_provider_unknown', 'provider removed or disabled during login');
  if (params.has('error')) {
    throw new OidcLoginError('oidc_exchange_failed', `provider answered error=${params.get('error')?.slice(0, 100)}`, provider);
  }
  const subject = await exchangeForSubject(deps, discovery, provider, attempt, params);
  const userId = await linkedUser(deps, provider, subject);
  if (!userId) throw new OidcLoginError('oidc_unknown_subject', 'subject not linked to an active account of the institution', provider);
  // The federation authenticated the person; Koers does not ask for its own second factor.
  const session = await sessions.create(userId, { mfaPassed: true, ip: input.ip, userAgent: input.userAgent });
  await deps.audit.record({
    action: 'auth.login',
    actorId: userId,
    institutionId: provider.institution_id,
    ip: input.ip,
    details: { method: 'oidc', providerId: provider.id, mfa: 'federation' },
  });
  return { userId, session };
}

/** Marks the attempt used in one statement, so two callbacks with one state cannot both pass. */
async function consumeAttempt(deps: Deps, params: URLSearchParams, stateCookie: string | undefined) {
  const states = params.getAll('state');
  const state = states.length === 1 ? states[0] : '';
  if (!state || state.length > 200) throw new OidcLoginError('oidc_state_invalid', 'state missing or malformed');
  if (!stateCookie || sha256(stateCookie) !== sha256(state)) {
    throw new OidcLoginError('oidc_state_invalid', 'state does not belong to this browser');
  }
  const now = deps.clock.now();
  const attempt = await deps.db
    .updateTable('oidc_login_attempts')
    .set({ used_at: now })
    .where('state_hash', '=', sha256(state))
    .where('used_at', 'is', null)
    .where('created_at', '>', new Date(now.getTime() - ATTEMPT_TTL_MS))
    .returning(['provider_id', 'nonce', 'code_verifier'])
    .executeTakeFirst();
  if (!attempt) throw new OidcLoginError('oidc_state_invalid', 'state unknown, already used or expired');
  return { ...attempt, state };
}

async function exchangeForSubject(
  deps: Deps,
  discovery: OidcDiscovery,
  provider: ProviderRow,
  attempt: { nonce: string; code_verifier: string; state: string },
  params: URLSearchParams,
): Promise<string> {
  try {
    const config = await discovery.configFor(provider);
    // The URL the provider redirected to, rebuilt from the public address (not from Host headers).
    const currentUrl = new URL(`${callbackUrl(deps)}?${params.toString()}`);
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: attempt.code_verifier,
      expectedNonce: attempt.nonce,
      expectedState: attempt.state,
      idTokenExpected: true,
    });
    const subject = await subjectFrom(config, provider, tokens);
    if (!subject) throw new Error(`claim ${provider.subject_claim} missing or not a string`);
    return subject;
  } catch (err) {
    throw new OidcLoginError('oidc_exchange_failed', describeError(err), provider);
  }
}

/** The configured claim from the ID token, or from the userinfo endpoint when the token lacks it. */
async function subjectFrom(
  config: client.Configuration,
  provider: ProviderRow,
  tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>,
): Promise<string | null> {
  const claims = tokens.claims();
  if (!claims) return null;
  let value: unknown = claims[provider.subject_claim];
  if (value === undefined && provider.subject_claim !== 'sub' && config.serverMetadata().userinfo_endpoint) {
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    value = info[provider.subject_claim];
  }
  return typeof value === 'string' && value.length > 0 && value.length <= 500 ? value : null;
}

/** The active account linked to this subject that still belongs to the provider's institution. */
async function linkedUser(deps: Pick<Deps, 'db'>, provider: ProviderRow, subject: string): Promise<string | null> {
  const row = await deps.db
    .selectFrom('user_identities as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select('u.id')
    .where('i.provider_id', '=', provider.id)
    .where('i.subject', '=', subject)
    .where('u.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .select('r.user_id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.institution_id', '=', provider.institution_id),
      ),
    )
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function auditLoginFailure(deps: Deps, err: OidcLoginError, ip: string) {
  await deps.audit.record({
    action: 'auth.login',
    outcome: 'failed',
    institutionId: err.provider?.institution_id,
    ip,
    details: { method: 'oidc', code: err.code, reason: err.reason, providerId: err.provider?.id },
  });
}

function describeError(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${err.name}${typeof code === 'string' ? ` ${code}` : ''}: ${err.message}`.slice(0, 300);
  }
  return 'unknown error';
}

/** 'openid' first and exactly once; other scopes in the order given. */
export function normaliseScopes(scopes: string): string {
  const list = scopes.split(/\s+/).filter(Boolean);
  return ['openid', ...new Set(list.filter((s) => s !== 'openid'))].join(' ');
}

// ---------------------------------------------------------------------------------------------
// Administration of providers and linked identities

export interface ProviderInput {
  institutionId: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes?: string;
  subjectClaim?: string;
  enabled?: boolean;
}

/** The administrator's view: the client secret is write-only and never leaves Koers. */
function providerView(deps: Pick<Deps, 'config'>, row: ProviderRow) {
  return {
    id: row.id,
    institutionId: row.institution_id,
    name: row.name,
    issuer: row.issuer,
    clientId: row.client_id,
    scopes: row.scopes,
    subjectClaim: row.subject_claim,
    enabled: row.enabled,
    createdAt: new Date(row.created_at).toISOString(),
    // the redirect URI the administrator registers at SURFconext / Entree / eduID
    callbackUrl: callbackUrl(deps),
  };
}

export function assertIssuerAllowed(issuer: string | undefined, locale: Locale) {
  if (issuer !== undefined && !isAllowedIssuer(issuer)) {
    throw new AppError(400, 'validation_failed', { issuer: errorMessage('oidc_issuer_insecure', locale) });
  }
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

function adminInstitutions(actor: Actor): string[] {
  return actor.roles.filter((r) => r.role === 'institution_admin').map((r) => r.institutionId);
}

export async function listProvidersForAdmin(
  deps: Deps,
  actor: Actor,
  page: { institutionId?: string; limit: number; cursor?: string },
) {
  const institutions = adminInstitutions(actor);
  let q = deps.db
    .selectFrom('oidc_providers')
    .selectAll()
    .where('institution_id', 'in', institutions)
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.institutionId) q = q.where('institution_id', '=', page.institutionId);
  if (page.cursor) q = q.where('id', '>', page.cursor);
  const rows = (await q.execute()) as ProviderRow[];
  const items = rows.slice(0, page.limit);
  return {
    items: items.map((r) => providerView(deps, r)),
    nextCursor: rows.length > page.limit ? items.at(-1)!.id : null,
  };
}

export async function loadProviderInstitution(deps: Pick<Deps, 'db'>, providerId: string) {
  const row = await deps.db.selectFrom('oidc_providers').select('institution_id').where('id', '=', providerId).executeTakeFirst();
  return row ? { institutionId: row.institution_id } : null;
}

export async function createProvider(deps: Deps, actor: Actor, input: ProviderInput) {
  return deps.db.transaction().execute(async (trx) => {
    let row: ProviderRow;
    try {
      row = (await trx
        .insertInto('oidc_providers')
        .values({
          institution_id: input.institutionId,
          name: input.name,
          issuer: input.issuer,
          client_id: input.clientId,
          client_secret: input.clientSecret,
          scopes: normaliseScopes(input.scopes ?? 'openid'),
          subject_claim: input.subjectClaim ?? 'sub',
          enabled: input.enabled ?? true,
          created_at: deps.clock.now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow()) as ProviderRow;
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(409, 'oidc_provider_name_taken', { name: 'oidc_provider_name_taken' });
      throw err;
    }
    await deps.audit.record(
      {
        action: 'oidc_provider.create',
        actorId: actor.userId,
        institutionId: row.institution_id,
        subjectType: 'oidc_provider',
        subjectId: row.id,
        details: { name: row.name, issuer: row.issuer, clientId: row.client_id },
      },
      trx,
    );
    return providerView(deps, row);
  });
}

export type ProviderPatch = Partial<Omit<ProviderInput, 'institutionId'>>;

export async function updateProvider(deps: Deps, actor: Actor, providerId: string, patch: ProviderPatch) {
  return deps.db.transaction().execute(async (trx) => {
    const changes = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.issuer !== undefined ? { issuer: patch.issuer } : {}),
      ...(patch.clientId !== undefined ? { client_id: patch.clientId } : {}),
      ...(patch.clientSecret !== undefined ? { client_secret: patch.clientSecret } : {}),
      ...(patch.scopes !== undefined ? { scopes: normaliseScopes(patch.scopes) } : {}),
      ...(patch.subjectClaim !== undefined ? { subject_claim: patch.subjectClaim } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    };
    let row: ProviderRow | undefined;
    try {
      row = (await (Object.keys(changes).length > 0
        ? trx.updateTable('oidc_providers').set(changes).where('id', '=', providerId).returningAll().executeTakeFirst()
        : trx.selectFrom('oidc_providers').selectAll().where('id', '=', providerId).executeTakeFirst())) as ProviderRow | undefined;
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(409, 'oidc_provider_name_taken', { name: 'oidc_provider_name_taken' });
      throw err;
    }
    if (!row) throw new AppError(404, 'not_found');
    await deps.audit.record(
      {
        action: 'oidc_provider.update',
        actorId: actor.userId,
        institutionId: row.institution_id,
        subjectType: 'oidc_provider',
        subjectId: row.id,
        // Which fields changed; the secret's value is never written to the log.
        details: { fields: Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined) },
      },
      trx,
    );
    return providerView(deps, row);
  });
}

export async function deleteProvider(deps: Deps, actor: Actor, providerId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('oidc_providers')
      .where('id', '=', providerId)
      .returning(['id', 'institution_id', 'name'])
      .executeTakeFirst();
    if (!row) throw new AppError(404, 'not_found');
    await deps.audit.record(
      {
        action: 'oidc_provider.delete',
        actorId: actor.userId,
        institutionId: row.institution_id,
        subjectType: 'oidc_provider',
        subjectId: row.id,
        details: { name: row.name },
      },
      trx,
    );
  });
}

/** What linking decides on: the provider's institution and the user's place in it. */
export async function loadIdentityLinkResource(deps: Pick<Deps, 'db'>, userId: string, providerId: string) {
  const row = await deps.db
    .selectFrom('oidc_providers as p')
    .select((eb) => [
      'p.institution_id',
      eb
        .exists(
          eb
            .selectFrom('user_roles as r')
            .select('r.user_id')
            .where('r.user_id', '=', userId)
            .whereRef('r.institution_id', '=', 'p.institution_id'),
        )
        .as('user_in_institution'),
      eb
        .exists(
          eb
            .selectFrom('user_roles as r')
            .select('r.user_id')
            .where('r.user_id', '=', userId)
            .where('r.role', '=', 'student')
            .whereRef('r.institution_id', '=', 'p.institution_id'),
        )
        .as('is_student'),
    ])
    .where('p.id', '=', providerId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    institutionId: row.institution_id,
    userInInstitution: Boolean(row.user_in_institution),
    // audit entries about a student's account belong in that student's trail
    studentId: row.is_student ? userId : undefined,
    private: true as const,
  };
}

export async function linkIdentity(
  deps: Deps,
  actor: Actor,
  target: { userId: string; providerId: string; subject: string; institutionId: string; studentId?: string },
) {
  return deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('user_identities')
      .values({ user_id: target.userId, provider_id: target.providerId, subject: target.subject, created_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['provider_id', 'subject']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (!inserted) {
      const owner = await trx
        .selectFrom('user_identities')
        .select('user_id')
        .where('provider_id', '=', target.providerId)
        .where('subject', '=', target.subject)
        .executeTakeFirst();
      if (owner?.user_id !== target.userId) throw new AppError(409, 'oidc_subject_taken', { subject: 'oidc_subject_taken' });
      return { userId: target.userId, providerId: target.providerId, subject: target.subject };
    }
    await deps.audit.record(
      {
        action: 'user_identity.link',
        actorId: actor.userId,
        institutionId: target.institutionId,
        subjectType: 'user',
        subjectId: target.userId,
        studentId: target.studentId,
        details: { providerId: target.providerId, subject: target.subject },
      },
      trx,
    );
    return { userId: target.userId, providerId: target.providerId, subject: target.subject };
  });
}

export async function unlinkIdentity(
  deps: Deps,
  actor: Actor,
  target: { userId: string; providerId: string; subject: string; institutionId: string; studentId?: string },
) {
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('user_identities')
      .where('user_id', '=', target.userId)
      .where('provider_id', '=', target.providerId)
      .where('subject', '=', target.subject)
      .returning('subject')
      .executeTakeFirst();
    if (!removed) throw new AppError(404, 'not_found');
    await deps.audit.record(
      {
        action: 'user_identity.unlink',
        actorId: actor.userId,
        institutionId: target.institutionId,
        subjectType: 'user',
        subjectId: target.userId,
        studentId: target.studentId,
        details: { providerId: target.providerId, subject: target.subject },
      },
      trx,
    );
  });
}
