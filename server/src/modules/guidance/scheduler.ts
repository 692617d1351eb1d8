import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import { sendDueReminders } from './agenda.js';

/**
 * The reminder scheduler: sends due appointment reminders every minute without anyone opening
 * a page. Started by the server (main.ts), never at import, and stopped when the app closes.
 *
 * Several Koers processes may run against one PostgreSQL server. Each tick takes a session-level
 * advisory lock with pg_try_advisory_lock on one pinned connection: the process that gets it
 * sends, the others skip this minute. Should two ticks still overlap (a lock lost with its
 * connection), sendDueReminders claims each invitation with one update, so a reminder goes out once.
 */
const REMINDER_LOCK_ID = 0x6b6f_6572; // "koer"
type D = Pick<Deps, 'db' | 'clock' | 'audit' | 'mailer' | 'config'>;

export interface ReminderScheduler {
  /** one run now: the number of reminders sent, or null when another process holds the lock */
  tick(): Promise<number | null>;
  /** stops the timer and waits for a running tick */
  stop(): Promise<void>;
}

/** Runs sendDueReminders under the advisory lock; null when another process is sending. */
export async function remindUnderLock(deps: D): Promise<number | null> {
  return deps.db.connection().execute(async (conn) => {
    const got = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${REMINDER_LOCK_ID}) as locked`.execute(conn);
    if (!got.rows[0]?.locked) return null;
    try {
      return await sendDueReminders({ ...deps, db: conn });
    } finally {
      await sql`select pg_advisory_unlock(${REMINDER_LOCK_ID})`.execute(conn);
    }
  });
}

export function startReminderScheduler(deps: D, opts: { intervalMs?: number; onError?: (err: unknown) => void } = {}): ReminderScheduler {
  const intervalMs = opts.intervalMs ?? 60_000;
  const onError = opts.onError ?? ((err) => console.error('reminder run failed', err));
  let running: Promise<number | null> | null = null;
  let stopped = false;

  const tick = () => {
    // One run at a time per process; a slow run is not stacked.
    if (!running) {
      running = remindUnderLock(deps).finally(() => {
        running = null;
      });
    }
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) tick().catch(onError);
  }, intervalMs);
  // The timer alone does not keep a process alive.
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
