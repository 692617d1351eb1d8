import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import type { Actor } from '../../platform/policy.js';
import { fieldError } from './messages.js';
import { assertAcceptablePassword, hashPassword, verifyPassword } from './passwords.js';
import { randomToken, sha256, type SessionStore } from './sessions.js';
import { accountKey, clearFailures, isLocked, recordFailure, THROTTLE } from './throttle.js';

/** Password change and password reset by e-mail. */

export const RESET_TOKEN_MINUTES = 30;
/** Reset mails per e-mail address and per client address within the throttle window. */
const MAX_RESET_MAILS_PER_ACCOUNT = 5;
const MAX_RESET_REQUESTS_PER_ADDRESS = 100;

const reauthKey = (userId: string) => `reauth:${userId}`;

/**
 * Asks for the current password before a sensitive change, so an unattended session is not
 * enough to lock its owner out. Wrong guesses are throttled like logins.
 */
export async function confirmCurrentPassword(deps: Deps, userId: string, password: string, locale: Locale, ip: string) {
  if (await isLocked(deps, [reauthKey(userId)])) throw new AppError(429, 'too_many_attempts');
  const cred = await deps.db.selectFrom('credentials').select('password_hash').where('user_id', '=', userId).executeTakeFirst();
  if (!cred?.password_hash) throw fieldError(400, 'no_password_set', 'currentPassword', locale);
  if (!(await verifyPassword(cred.password_hash, password))) {
    await recordFailure(deps, reauthKey(userId), THROTTLE.maxPerAccount);
    await deps.audit.record({ action: 'auth.reauth', actorId: userId, outcome: 'failed', ip });
    throw fieldError(400, 'password_incorrect', 'currentPassword', locale);
  }
  await clearFailures(deps, reauthKey(userId));
}

async function personalWords(db: Kysely<DB>, userId: string): Promise<string[]> {
  const u = await db.selectFrom('users').select(['email', 'given_name', 'family_name']).where('id', '=', userId).executeTakeFirstOrThrow();
  return [u.email, u.given_name, u.family_name, `${u.given_name} ${u.family_name}`, ...(await schoolWords(db, userId))];
}

/** The names of the person's schools: the first words an attacker who knows them tries. */
export async function schoolWords(db: Kysely<DB>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles as r')
    .innerJoin('institutions as i', 'i.id', 'r.institution_id')
    .select('i.name')
    .distinct()
    .where('r.user_id', '=', userId)
    .execute();
  return rows.map((r) => r.name);
}

async function storePassword(trx: Kysely<DB>, userId: string, passwordHash: string, now: Date) {
  await trx
    .insertInto('credentials')
    .values({ user_id: userId, password_hash: passwordHash, password_changed_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ password_hash: passwordHash, password_changed_at: now }))
    .execute();
}

/** Changes the password and ends every other session: whoever else was signed in is out. */
export async function changePassword(
  deps: Deps,
  sessions: SessionStore,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  locale: Locale,
  ip: string,
) {
  await confirmCurrentPassword(deps, actor.userId, input.currentPassword, locale, ip);
  if (input.newPassword === input.currentPassword) throw fieldError(400, 'password_unchanged', 'newPassword', locale);
  assertAcceptablePassword(input.newPassword, await personalWords(deps.db, actor.userId), locale);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await storePassword(trx, actor.userId, passwordHash, deps.clock.now());
    // A pending reset link would otherwise still set a password the owner did not choose.
    await trx.deleteFrom('password_reset_tokens').where('user_id', '=', actor.userId).execute();
    await deps.audit.record({ action: 'auth.password.change', actorId: actor.userId, subjectType: 'user', subjectId: actor.userId, ip }, trx);
  });
  await sessions.revokeAllFor(actor.userId, actor.sessionId);
}

/**
 * Sends a reset link when the address belongs to an active account. The caller answers the
 * same in every case, and the mail leaves in the background, so neither the answer nor its
 * timing tells whether the account exists.
 */
export async function requestPasswordReset(deps: Deps, email: string, ip: string, onMailError: (err: unknown) => void) {
  const normalized = email.trim().toLowerCase();
  const keys = [`reset:${normalized}`, `reset-address:${ip}`];
  if (await isLocked(deps, keys)) {
    await deps.audit.record({ action: 'auth.password.reset_request', outcome: 'denied', ip, details: { reason: 'throttled' } });
    return;
  }
  // Every request counts, not only failures: each one may send a mail.
  await recordFailure(deps, keys[0], MAX_RESET_MAILS_PER_ACCOUNT);
  await recordFailure(deps, keys[1], MAX_RESET_REQUESTS_PER_ADDRESS);

  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'given_name', 'locale', 'status'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', normalized))
    .executeTakeFirst();
  if (!user || user.status !== 'active') {
    await deps.audit.record({ action: 'auth.password.reset_request', outcome: 'failed', ip, details: { reason: 'unknown_account' } });
    return;
  }
  const token = randomToken();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    // Only the newest link works: an older mail that leaked is worthless.
    await trx.deleteFrom('password_reset_tokens').where('user_id', '=', user.id).execute();
    await trx
      .insertInto('password_reset_tokens')
      .values({ token_hash: sha256(token), user_id: user.id, created_at: now, expires_at: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000) })
      .execute();
    await deps.audit.record({ action: 'auth.password.reset_request', actorId: user.id, subjectType: 'user', subjectId: user.id, ip }, trx);
  });
  const link = `${deps.config.publicUrl}/wachtwoord-herstellen?token=${encodeURIComponent(token)}`;
  void deps.mailer.send({ to: user.email, ...resetMail(user.locale, user.given_name, link) }).catch(onMailError);
}

/** The reset mail: the greeting name and the link, nothing else about the person. */
export function resetMail(locale: Locale, givenName: string, link: string) {
  if (locale === 'en') {
    return {
      subject: 'Choose a new password for Koers',
      text:
        `Hello ${givenName},\n\nSomeone asked to choose a new password for your Koers account. ` +
        `Open this link within ${RESET_TOKEN_MINUTES} minutes to do so:\n\n${link}\n\n` +
        'The link works once. If you did not ask for this, ignore this e-mail: your password stays the same.\n\nKoers',
    };
  }
  return {
    subject: 'Nieuw wachtwoord kiezen voor Koers',
    text:
      `Hallo ${givenName},\n\nEr is gevraagd om een nieuw wachtwoord voor je Koers-account. ` +
      `Open binnen ${RESET_TOKEN_MINUTES} minuten deze link om er een te kiezen:\n\n${link}\n\n` +
      'De link werkt één keer. Heb je dit niet zelf gevraagd? Dan kun je deze e-mail negeren: je wachtwoord blijft hetzelfde.\n\nKoers',
  };
}

/** Sets a new password with a reset link: once, within 30 minutes; every session ends. */
export async function completePasswordReset(
  deps: Deps,
  sessions: SessionStore,
  input: { token: string; newPassword: string },
  locale: Locale,
  ip: string,
) {
  const tokenHash = sha256(input.token);
  const now = deps.clock.now();
  const found = await deps.db
    .selectFrom('password_reset_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.user_id', 'u.email', 'u.given_name', 'u.family_name'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', now)
    .executeTakeFirst();
  if (!found) throw fieldError(400, 'reset_token_invalid', 'token', locale);
  // Checked before the token is used up, so a weak choice does not cost the person their link.
  assertAcceptablePassword(input.newPassword, await personalWords(deps.db, found.user_id), locale);
  const passwordHash = await hashPassword(input.newPassword);

  await deps.db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('password_reset_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    if (!claimed) throw fieldError(400, 'reset_token_invalid', 'token', locale);
    await storePassword(trx, found.user_id, passwordHash, now);
    await trx.deleteFrom('password_reset_tokens').where('user_id', '=', found.user_id).where('token_hash', '!=', tokenHash).execute();
    await deps.audit.record({ action: 'auth.password.reset', actorId: found.user_id, subjectType: 'user', subjectId: found.user_id, ip }, trx);
  });
  await sessions.revokeAllFor(found.user_id);
  // Whoever controls the mailbox may sign in again at once, even after a lock-out.
  await clearFailures(deps, accountKey(found.email));
}
