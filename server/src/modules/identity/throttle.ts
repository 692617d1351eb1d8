import type { Deps } from '../../platform/http.js';

/**
 * Failed-login throttling, per account and per address, stored in the database so every
 * process sees it. Only failures count: a whole school behind one address can log in
 * successfully as often as it needs; an address is only slowed after many failures.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxPerAccount: 8,
  maxPerAddress: 200,
};

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
