import type { Deps } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import type { Role } from '../org/tables.js';
import { burnPasswordCheck, verifyPassword } from './passwords.js';
import { accountKey, addressKey, clearFailures, isLocked, recordAccountFailure, recordAddressFailure } from './throttle.js';
import type { SessionStore } from './sessions.js';

/**
 * Roles that can read many young people's records must confirm sign-in with a second factor:
 * the institution's managers, the exam board, intake and the regional roles.
 */
export const MFA_REQUIRED_ROLES: readonly Role[] = [
  'institution_admin',
  'manager',
  'lob_coordinator',
  'examencommissie',
  'intake',
  'rmc_trajectbegeleider',
  'leerplichtambtenaar',
  'jongerencoach',
  'regional_coordinator',
];

export type MfaState = 'none' | 'verify' | 'enrol';

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  givenName: string;
  familyName: string;
  locale: 'nl' | 'en';
  birthDate: string | null;
  roles: { institutionId: string; role: Role }[];
}

export async function loadUserView(deps: Pick<Deps, 'db'>, userId: string): Promise<UserView | null> {
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'given_name', 'family_name', 'locale', 'birth_date'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  const roles = await deps.db
    .selectFrom('user_roles')
    .select(['institution_id', 'role'])
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    givenName: user.given_name,
    familyName: user.family_name,
    locale: user.locale,
    birthDate: user.birth_date,
    roles: roles.map((r) => ({ institutionId: r.institution_id, role: r.role })),
  };
}

/** Demo accounts skip MFA, and only while Koers runs in demo mode (contract). */
export function isDemoExempt(deps: Pick<Deps, 'config'>, email: string) {
  return deps.config.demo && email.toLowerCase().endsWith('@demo.koers.nl');
}

interface LoginInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
}

/**
 * Password login. Every failure answers the same way whether or not the account exists.
 * An account locked by its own failures waits (growing delays); an address only matters for
 * failed attempts, so a school's shared address never blocks a correct password (throttle.ts).
 */
export async function login(deps: Deps, sessions: SessionStore, input: LoginInput) {
  const keys = [accountKey(input.email), addressKey(input.ip)];
  if (await isLocked(deps, [keys[0]])) {
    await deps.audit.record({ action: 'auth.login', outcome: 'denied', ip: input.ip, details: { reason: 'throttled' } });
    throw new AppError(429, 'too_many_attempts');
  }
  const account = await deps.db
    .selectFrom('users as u')
    .leftJoin('credentials as c', 'c.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.status', 'c.password_hash', 'c.totp_secret'])
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', input.email.trim().toLowerCase()))
    .executeTakeFirst();

  const ok = account?.password_hash
    ? await verifyPassword(account.password_hash, input.password)
    : (await burnPasswordCheck(input.password), false);

  if (!account || !ok || account.status !== 'active') {
    await recordAccountFailure(deps, keys[0]);
    const addressOverLimit = await recordAddressFailure(deps, keys[1]);
    await deps.audit.record({
      action: 'auth.login',
      actorId: account?.id,
      outcome: 'failed',
      ip: input.ip,
      details: addressOverLimit ? { reason: 'address_over_limit' } : {},
    });
    throw new AppError(addressOverLimit ? 429 : 401, addressOverLimit ? 'too_many_attempts' : 'invalid_credentials');
  }

  await clearFailures(deps, keys[0]);
  const user = (await loadUserView(deps, account.id))!;
  const mfa = mfaStateAtLogin(deps, user, account.totp_secret);
  const session = await sessions.create(user.id, { mfaPassed: mfa === 'none', ip: input.ip, userAgent: input.userAgent });
  await deps.audit.record({
    action: 'auth.login',
    actorId: user.id,
    institutionId: user.roles[0]?.institutionId,
    ip: input.ip,
    details: { mfa },
  });
  return { user, session, mfa };
}

/** Whether this user must confirm every sign-in with a second factor. */
export function mfaRequired(deps: Pick<Deps, 'config'>, user: Pick<UserView, 'email' | 'roles'>): boolean {
  return user.roles.some((r) => MFA_REQUIRED_ROLES.includes(r.role)) && !isDemoExempt(deps, user.email);
}

function mfaStateAtLogin(deps: Pick<Deps, 'config'>, user: UserView, totpSecret: string | null | undefined): MfaState {
  if (totpSecret) return 'verify';
  return mfaRequired(deps, user) ? 'enrol' : 'none';
}

/** Sessions, for the HTTP layer (app.ts) and the modules that end them (admin, privacy). */
export { SessionStore, sessionToken } from './sessions.js';
/** Password hashing, for accounts created outside sign-up (the demo school). */
export { hashPassword } from './passwords.js';
