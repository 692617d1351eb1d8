import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Mailer } from './http.js';

/**
 * Background work (docs/decisions/0010): slow or scheduled work runs on a job queue, with
 * retries and visible failures, never inside a request.
 *
 * - On a PostgreSQL server: pg-boss. Jobs are rows in the `pgboss` schema of the same database,
 *   so a job sent in a request survives a crash and is done by whichever Koers process is free;
 *   schedules run once per minute across all processes.
 * - On embedded PostgreSQL (PGlite, one process, no server for pg-boss to connect to): an
 *   in-process queue with the same retries; jobs live in memory and a crash loses the unsent ones,
 *   which is acceptable for a laptop or demo installation and stated in the decision.
 */
export interface JobOptions {
  /** tries after the first failure */
  retryLimit: number;
  /** seconds before the first retry; doubles each time */
  retryDelaySeconds: number;
}

export interface FailedJob {
  name: string;
  error: string;
  at: Date;
}

export interface JobQueue {
  readonly kind: 'pg-boss' | 'in-process';
  /** registers the worker of a kind of job */
  define<T extends object>(name: string, handler: (data: T) => Promise<void>, options: JobOptions): Promise<void>;
  send<T extends object>(name: string, data: T): Promise<void>;
  /**
   * Runs a defined job on a schedule: the cron expression on pg-boss (once across all
   * processes, Europe/Amsterdam time), every `intervalMs` in process.
   */
  every(name: string, cron: string, intervalMs: number): Promise<void>;
  /** jobs that failed after their last retry, newest first */
  failures(limit?: number): Promise<FailedJob[]>;
  stop(): Promise<void>;
}

const SETUP_LOCK_ID = 0x6b6f_626f; // "kobo"

export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss';
  private constructor(
    private readonly boss: PgBoss,
    private readonly setupLock: pg.Client,
  ) {}

  static async start(connectionString: string, onError: (err: unknown) => void, pollingIntervalSeconds = 2): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString,
      schema: 'pgboss',
      max: 4,
      application_name: 'koers-jobs',
      // Mail jobs hold addresses and text: completed jobs are archived after 12 hours, failed
      // ones after 7 days (so they stay visible), and archived jobs deleted after 7 days.
      archiveCompletedAfterSeconds: 12 * 3600,
      archiveFailedAfterSeconds: 7 * 86_400,
      deleteAfterDays: 7,
    });
    boss.on('error', onError);
    const setupLock = new pg.Client({ connectionString });
    setupLock.on('error', onError);
    await setupLock.connect();
    const queue = new PgBossQueue(boss, setupLock);
    queue.polling = pollingIntervalSeconds;
    await queue.exclusive(() => boss.start());
    return queue;
  }

  /**
   * Installing pg-boss's schema and creating a queue (a partition of its job table) deadlock
   * when two Koers processes start at the same moment; one at a time, across processes.
   */
  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    // A session-level advisory lock is re-entrant within its session: calls of this process
    // queue up here first, then take the lock against the other processes.
    const run = this.setupQueue.then(async () => {
      await this.setupLock.query('select pg_advisory_lock($1)', [SETUP_LOCK_ID]);
      try {
        return await work();
      } finally {
        await this.setupLock.query('select pg_advisory_unlock($1)', [SETUP_LOCK_ID]);
      }
    });
    this.setupQueue = run.then(() => undefined, () => undefined);
    return run;
  }
  private setupQueue: Promise<void> = Promise.resolve();

  private polling = 2;

  async define<T extends object>(name: string, handler: (data: T) => Promise<void>, options: JobOptions) {
    await this.exclusive(() => this.boss.createQueue(name, {
      name,
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelaySeconds,
      retryBackoff: true,
    }));
    await this.boss.work<T>(name, { pollingIntervalSeconds: this.polling, batchSize: 1 }, async ([job]) => handler(job.data));
  }

  async send<T extends object>(name: string, data: T) {
    await this.boss.send(name, data);
  }

  async every(name: string, cron: string, _intervalMs?: number) {
    await this.exclusive(() => this.boss.schedule(name, cron, {}, { tz: 'Europe/Amsterdam' }));
  }

  async failures(limit = 50): Promise<FailedJob[]> {
    const r = await this.boss.getDb().executeSql(
      `select name, output, completed_on from pgboss.job where state = 'failed'
       union all select name, output, completed_on from pgboss.archive where state = 'failed'
       order by completed_on desc nulls last limit $1`,
      [limit],
    );
    return r.rows.map((row) => ({ name: row.name, error: errorText(row.output), at: row.completed_on }));
  }

  async stop() {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    await this.setupLock.end().catch(() => {});
  }
}

function errorText(output: unknown): string {
  if (output && typeof output === 'object' && 'message' in output) return String((output as { message: unknown }).message);
  return JSON.stringify(output ?? null);
}

/** The queue of embedded PostgreSQL: the same contract, in this process's memory. */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process';
  private handlers = new Map<string, { handler: (data: any) => Promise<void>; options: JobOptions }>();
  private timers = new Set<NodeJS.Timeout>();
  private running = new Set<Promise<void>>();
  private failed: FailedJob[] = [];
  private stopped = false;

  constructor(private readonly onError: (err: unknown) => void = (err) => console.error('job failed', err)) {}

  async define<T extends object>(name: string, handler: (data: T) => Promise<void>, options: JobOptions) {
    this.handlers.set(name, { handler, options });
  }

  async send<T extends object>(name: string, data: T) {
    const entry = this.handlers.get(name);
    if (!entry) throw new Error(`job ${name} is not defined`);
    this.attempt(name, entry, data, 0);
  }

  async every(name: string, _cron: string, intervalMs: number) {
    const timer = setInterval(() => void this.send(name, {}), intervalMs);
    timer.unref();
    this.timers.add(timer);
  }

  async failures(limit = 50) {
    return this.failed.slice(0, limit);
  }

  async stop() {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.allSettled([...this.running]);
  }

  private attempt(name: string, entry: { handler: (data: any) => Promise<void>; options: JobOptions }, data: unknown, tries: number) {
    if (this.stopped) return;
    const run = entry.handler(data).catch((err) => {
      if (tries < entry.options.retryLimit) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.attempt(name, entry, data, tries + 1);
        }, entry.options.retryDelaySeconds * 1000 * 2 ** tries);
        timer.unref();
        this.timers.add(timer);
      } else {
        this.failed.unshift({ name, error: err instanceof Error ? err.message : String(err), at: new Date() });
        this.failed.length = Math.min(this.failed.length, 200);
        this.onError(err);
      }
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}

export const MAIL_JOB = 'mail.send';

/**
 * A mailer that hands each message to the queue; the worker sends it over SMTP with retries
 * (5 tries, from 30 s apart), so a slow or unreachable mail server never holds up a request.
 */
export async function queuedMailer(queue: JobQueue, smtp: Mailer, options: JobOptions = { retryLimit: 5, retryDelaySeconds: 30 }): Promise<Mailer> {
  await queue.define<Parameters<Mailer['send']>[0]>(MAIL_JOB, (message) => smtp.send(message), options);
  return { send: (message) => queue.send(MAIL_JOB, message) };
}
