import crypto from 'node:crypto';
import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import type { Deps } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import type { Actor } from '../../platform/policy.js';
import { fieldError } from './messages.js';
import { loadUserView, mfaRequired } from './service.js';
import { sha256, type SessionStore } from './sessions.js';
import { clearFailures, isLocked, recordFailure } from './throttle.js';
import { confirmCurrentPassword } from './account.js';

/**
 * TOTP (RFC 6238) as the second factor. The secret is shown once, at enrolment, and never
 * leaves the server again; recovery codes are shown once and stored as sha-256 hashes (they
 * carry 50 random bits each, so a slow hash adds nothing).
 */
const TOTP_PERIOD_S = 30;
const TOTP_DIGITS = 6;
const TOTP_ALGORITHM = 'SHA1'; // what every authenticator app supports
const RECOVERY_CODE_COUNT = 10;
/** Wrong codes per user before verification locks for the throttle period. */
const MAX_WRONG_CODES = 5;

const mfaThrottleKey = (userId: string) => `mfa:${userId}`;

export interface MfaStatus {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

function totpFor(secretBase32: string, label: string) {
  return new TOTP({
    issuer: 'Koers',
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
  });
}

/** The time step a code belongs to (one step of clock drift either way), or null. */
export function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secretBase32),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_S,
    timestamp: now.getTime(),
    window: 1,
  });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S) + delta;
}

/** "k7m2p-x9qfa": 10 characters of base32 (50 bits), grouped for reading aloud. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => alphabet[b & 31]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Case, spaces and dashes do not matter when a person types a recovery code. */
const hashRecoveryCode = (code: string) => sha256(code.toLowerCase().replace(/[^a-z0-9]/g, ''));

export async function mfaStatus(deps: Deps, userId: string): Promise<MfaStatus> {
  const user = await loadUserView(deps, userId);
  const cred = await deps.db
    .selectFrom('credentials')
    .select(['totp_secret', sql<number>`cardinality(recovery_code_hashes)`.as('codes_left')])
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    enabled: !!cred?.totp_secret,
    required: !!user && mfaRequired(deps, user),
    recoveryCodesLeft: cred?.totp_secret ? Number(cred.codes_left) : 0,
  };
}

/**
 * Starts linking an authenticator app: a new secret, kept pending until a code proves the
 * app has it. A session that still has to pass MFA may not replace an active authenticator:
 * the password alone must never be enough to take over the second factor.
 */
export async function startEnrolment(deps: Deps, actor: Actor, sessionMfaPending: boolean) {
  const user = (await loadUserView(deps, actor.userId))!;
  const cred = await deps.db.selectFrom('credentials').select('totp_secret').where('user_id', '=', actor.userId).executeTakeFirst();
  if (cred?.totp_secret && sessionMfaPending) throw new AppError(409, 'mfa_already_enrolled');
  const secret = new Secret({ size: 20 }).base32;
  await deps.db
    .insertInto('credentials')
    .values({ user_id: actor.userId, totp_pending_secret: secret })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ totp_pending_secret: secret }))
    .execute();
  return { secret, uri: totpFor(secret, user.email).toString() };
}

/** Activates the pending secret once a code from it is shown; returns the recovery codes, once. */
export async function confirmEnrolment(
  deps: Deps,
  sessions: SessionStore,
  actor: Actor,
  sessionMfaPending: boolean,
  code: string,
  locale: Locale,
  ip: string,
) {
  await refuseWhenThrottled(deps, actor, ip);
  const cred = await deps.db
    .selectFrom('credentials')
    .select(['totp_pending_secret', 'totp_secret'])
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  // Same rule as at the start: replacing an active authenticator takes a fully signed-in session.
  if (cred?.totp_secret && sessionMfaPending) throw new AppError(409, 'mfa_already_enrolled');
  const pending = cred?.totp_pending_secret;
  if (!pending) throw new AppError(409, 'mfa_not_started');
  const step = matchTotp(pending, code, deps.clock.now());
  if (step === null) return wrongCode(deps, actor, ip, 'code', locale, 'enrol');

  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const activated = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('credentials')
      .set({
        totp_secret: pending,
        totp_pending_secret: null,
        totp_enabled_at: deps.clock.now(),
        totp_last_step: step,
        recovery_code_hashes: recoveryCodes.map(hashRecoveryCode),
      })
      .where('user_id', '=', actor.userId)
      // another confirm with the same secret may have won the race
      .where('totp_pending_secret', '=', pending)
      .returning('user_id')
      .executeTakeFirst();
    if (row) {
      await deps.audit.record(
        { action: 'auth.mfa.enrol', actorId: actor.userId, subjectType: 'user', subjectId: actor.userId, ip, details: { replaced: !!cred?.totp_secret } },
        trx,
      );
    }
    return !!row;
  });
  if (!activated) throw new AppError(409, 'mfa_not_started');
  await clearFailures(deps, mfaThrottleKey(actor.userId));
  // Password and a fresh code from the new app: this sign-in has passed both factors.
  if (actor.sessionId) await sessions.markMfaPassed(actor.sessionId);
  return { recoveryCodes };
}

/** The second step of a sign-in: a TOTP code, or one recovery code, which then is used up. */
export async function verifySecondFactor(
  deps: Deps,
  sessions: SessionStore,
  actor: Actor,
  input: { code?: string; recoveryCode?: string },
  locale: Locale,
  ip: string,
) {
  await refuseWhenThrottled(deps, actor, ip);
  const cred = await deps.db.selectFrom('credentials').select('totp_secret').where('user_id', '=', actor.userId).executeTakeFirst();
  if (!cred?.totp_secret) throw new AppError(409, 'mfa_not_enrolled');
  const method = input.code !== undefined ? 'totp' : 'recovery_code';
  const ok = input.code !== undefined ? await useTotpCode(deps, actor.userId, cred.totp_secret, input.code) : await useRecoveryCode(deps, actor.userId, input.recoveryCode!);
  if (!ok) return wrongCode(deps, actor, ip, method === 'totp' ? 'code' : 'recoveryCode', locale, 'verify');

  await clearFailures(deps, mfaThrottleKey(actor.userId));
  if (actor.sessionId) await sessions.markMfaPassed(actor.sessionId);
  await deps.audit.record({ action: 'auth.mfa.verify', actorId: actor.userId, ip, details: { method } });
  return { mfa: 'none' as const, recoveryCodesLeft: (await mfaStatus(deps, actor.userId)).recoveryCodesLeft };
}

/** Accepts a code only for a time step after the last accepted one: a seen code cannot be replayed. */
async function useTotpCode(deps: Deps, userId: string, secret: string, code: string): Promise<boolean> {
  const step = matchTotp(secret, code, deps.clock.now());
  if (step === null) return false;
  const claimed = await deps.db
    .updateTable('credentials')
    .set({ totp_last_step: step })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('user_id')
    .executeTakeFirst();
  return !!claimed;
}

/** Removes the code's hash in the same statement that finds it, so two requests cannot both use it. */
async function useRecoveryCode(deps: Deps, userId: string, code: string): Promise<boolean> {
  const hash = hashRecoveryCode(code);
  const used = await deps.db
    .updateTable('credentials')
    .set({ recovery_code_hashes: sql`array_remove(recovery_code_hashes, ${hash})` })
    .where('user_id', '=', userId)
    .where(sql<boolean>`${hash} = any(recovery_code_hashes)`)
    .returning('user_id')
    .executeTakeFirst();
  return !!used;
}

/** Turns MFA off, for users whose roles do not require it, after they confirm their password. */
export async function disableMfa(deps: Deps, actor: Actor, currentPassword: string, locale: Locale, ip: string) {
  const user = (await loadUserView(deps, actor.userId))!;
  if (mfaRequired(deps, user)) throw new AppError(403, 'mfa_required_for_role');
  await confirmCurrentPassword(deps, actor.userId, currentPassword, locale, ip);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('credentials')
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, recovery_code_hashes: [] })
      .where('user_id', '=', actor.userId)
      .execute();
    await deps.audit.record({ action: 'auth.mfa.disable', actorId: actor.userId, subjectType: 'user', subjectId: actor.userId, ip }, trx);
  });
}

async function refuseWhenThrottled(deps: Deps, actor: Actor, ip: string) {
  if (await isLocked(deps, [mfaThrottleKey(actor.userId)])) {
    await deps.audit.record({ action: 'auth.mfa.verify', actorId: actor.userId, outcome: 'denied', ip, details: { reason: 'throttled' } });
    throw new AppError(429, 'too_many_attempts');
  }
}

async function wrongCode(deps: Deps, actor: Actor, ip: string, field: string, locale: Locale, step: 'enrol' | 'verify'): Promise<never> {
  await recordFailure(deps, mfaThrottleKey(actor.userId), MAX_WRONG_CODES);
  await deps.audit.record({ action: `auth.mfa.${step}`, actorId: actor.userId, outcome: 'failed', ip });
  throw fieldError(400, 'mfa_code_invalid', field, locale);
}
