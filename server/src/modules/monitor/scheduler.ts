import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import { refreshAll } from './rollup.js';

/**
 * Refreshes the rollups of every institution every hour, so dashboards, region and nation read
 * figures at most an hour old without recomputing anything per request. Under a session-level
 * advisory lock (as the reminder scheduler), so of several processes one refreshes.
 */
const MONITOR_LOCK_ID = 0x6d6f_6e69; // "moni"
type D = Pick<Deps, 'db' | 'clock'>;

export async function refreshUnderLock(deps: D): Promise<number | null> {
  return deps.db.connection().execute(async (conn) => {
    const got = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${MONITOR_LOCK_ID}) as locked`.execute(conn);
    if (!got.rows[0]?.locked) return null;
    try {
      return await refreshAll({ ...deps, db: conn });
    } finally {
      await sql`select pg_advisory_unlock(${MONITOR_LOCK_ID})`.execute(conn);
    }
  });
}

export function startMonitorScheduler(deps: D, opts: { intervalMs?: number; onError?: (err: unknown) => void } = {}) {
  const onError = opts.onError ?? ((err) => console.error('monitor refresh failed', err));
  let running: Promise<number | null> | null = null;
  let stopped = false;
  const tick = () => {
    if (!running) running = refreshUnderLock(deps).finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) tick().catch(onError);
  }, opts.intervalMs ?? 3_600_000);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
