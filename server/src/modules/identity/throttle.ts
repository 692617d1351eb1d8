import type { Deps } from '../../platform/http.js';

/**
 * Failed-login throttling, per account and per address, stored in the database so every
 * process sees it.
 *
 * Per account: the first `maxPerAccount` failures are free; every failure after that locks the
 * account for a growing delay (`firstDelayMs`, doubled per further failure, at most `lockMs`).
 * A success clears the count. This stops guessing one account's password from anywhere.
 *
 * Per address: only failures count, and only failed answers are affected. A whole school sits
 * behind one address, so an address over `maxPerAddress` failures in the window gets 429 for
 * its *failed* attempts (slowing a sprayer) while every correct password from it still logs in:
 * another user's login is never blocked by someone else's failures (contract: successful logins
 * from one address are never throttled below 600 a minute).
 */
export const THROTTLE = {
  /** how long failures are remembered */
  windowMs: 15 * 60_000,
  /** the account counter keeps growing for this long after its first failure */
  accountWindowMs: 24 * 60 * 60_000,
  /** the longest delay (and the lock of the other counters) */
  lockMs: 15 * 60_000,
  firstDelayMs: 30_000,
  maxPerAccount: 5,
  maxPerAddress: 1_000,
};

/** The delay after `failures` failures of one account: 0, then 30 s, 1, 2, 4, 8, 15 minutes. */
export function accountDelayMs(failures: number): number {
  if (failures < THROTTLE.maxPerAccount) return 0;
  return Math.min(THROTTLE.firstDelayMs * 2 ** (failures - THROTTLE.maxPerAccount), THROTTLE.lockMs);
}

/** Counts one failed login of an account and locks it for the delay that count earns. */
export async function recordAccountFailure(deps: Pick<Deps, 'db' | 'clock'>, key: string): Promise<number> {
  const now = deps.clock.now();
  const windowStart = new Date(now.getTime() - THROTTLE.accountWindowMs);
  const row = await deps.db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const expired = eb('login_throttle.window_started_at', '<', windowStart);
        return {
          failures: eb.case().when(expired).then(1).else(eb('login_throttle.failures', '+', 1)).end(),
          window_started_at: eb.case().when(expired).then(now).else(eb.ref('login_throttle.window_started_at')).end(),
        };
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const delay = accountDelayMs(row.failures);
  if (delay > 0) {
    await deps.db
      .updateTable('login_throttle')
      .set({ locked_until: new Date(now.getTime() + delay) })
      .where('key', '=', key)
      .execute();
  }
  return row.failures;
}

/** Counts one failed login from an address; true when the address is now over its limit. */
export async function recordAddressFailure(deps: Pick<Deps, 'db' | 'clock'>, key: string): Promise<boolean> {
  const now = deps.clock.now();
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  const row = await deps.db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const expired = eb('login_throttle.window_started_at', '<', windowStart);
        return {
          failures: eb.case().when(expired).then(1).else(eb('login_throttle.failures', '+', 1)).end(),
          window_started_at: eb.case().when(expired).then(now).else(eb.ref('login_throttle.window_started_at')).end(),
        };
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures > THROTTLE.maxPerAddress;
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

export async function isLocked(deps: Pick<Deps, 'db' | 'clock'>, keys: string[]): Promise<boolean> {
  const now = deps.clock.now();
  const row = await deps.db
    .selectFrom('login_throttle')
    .select('key')
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .executeTakeFirst();
  return !!row;
}

export async function recordFailure(deps: Pick<Deps, 'db' | 'clock'>, key: string, max: number) {
  const now = deps.clock.now();
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  const lockUntil = new Date(now.getTime() + THROTTLE.lockMs);
  // One statement: start a new window when the old one expired, lock when the count hits max.
  await deps.db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: now, locked_until: max <= 1 ? lockUntil : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const expired = eb('login_throttle.window_started_at', '<', windowStart);
        const failures = eb.case().when(expired).then(1).else(eb('login_throttle.failures', '+', 1)).end();
        return {
          failures,
          window_started_at: eb.case().when(expired).then(now).else(eb.ref('login_throttle.window_started_at')).end(),
          locked_until: eb.case().when(eb(failures, '>=', max)).then(lockUntil).else(eb.ref('login_throttle.locked_until')).end(),
        };
      }),
    )
    .execute();
}

export async function clearFailures(deps: Pick<Deps, 'db'>, key: string) {
  await deps.db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
