import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** A route that may read from the replica, and how old the data it shows may be. */
export interface ReplicaRead {
  /** the most a user may see behind the primary, in seconds; stated in the route's docs */
  stalenessSeconds: number;
}

/** 'X/Y' (pg_lsn text) as one comparable number. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/**
 * A PostgreSQL streaming replica (DATABASE_READ_URL) for read-only work (docs/decisions/0011).
 *
 * How fresh the replica is, is measured, not assumed: every `pollMs` the primary's WAL position
 * is noted with the time, and the replica's replayed position is read. Everything committed on
 * the primary before a noted time whose position the replica has replayed is visible there:
 * that time is `visibleUpTo`. A read goes to the replica only when
 * - the route allows it and the replica is at most the route's staleness behind, and
 * - the reader's own last write (this process's note, or the `koers_wrote` cookie other
 *   processes set) is older than `visibleUpTo`: a user always reads her own writes.
 * Otherwise, and whenever the replica cannot be reached, the read goes to the primary.
 * Wall-clock time is right here (not deps.clock): this is about real replication delay.
 */
export class ReadReplica {
  visibleUpTo = 0;
  private samples: { at: number; lsn: bigint }[] = [];
  private lastWrite = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    readonly db: Kysely<DB>,
    private readonly primary: Kysely<DB>,
    private readonly close: () => Promise<void>,
    private readonly pollMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.polling = this.poll().catch(() => {
        // Unreachable replica: visibleUpTo stops moving, so reads fall back to the primary.
      });
    };
    tick();
    this.timer = setInterval(tick, this.pollMs);
    this.timer.unref();
  }

  /** One measurement of how far the replica is; exposed for tests. */
  async poll(): Promise<void> {
    const at = this.now();
    const primary = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(this.primary);
    this.samples.push({ at, lsn: lsnValue(primary.rows[0].lsn) });
    const replica = await sql<{ lsn: string | null; standby: boolean }>`
      select pg_last_wal_replay_lsn()::text as lsn, pg_is_in_recovery() as standby`.execute(this.db);
    const r = replica.rows[0];
    // Not a standby (the same server, or one promoted by failover): it is as current as it gets.
    const replayed = r.standby && r.lsn ? lsnValue(r.lsn) : null;
    let visible = this.visibleUpTo;
    const pending: typeof this.samples = [];
    for (const s of this.samples) {
      if (replayed === null || s.lsn <= replayed) visible = Math.max(visible, s.at);
      else pending.push(s);
    }
    this.visibleUpTo = visible;
    this.samples = pending.slice(-1000);
  }

  /** How far behind the primary the replica is known to be, in milliseconds. */
  lagMs(): number {
    return this.visibleUpTo ? this.now() - this.visibleUpTo : Infinity;
  }

  /** Whether this read may go to the replica (see the class comment). */
  serves(route: ReplicaRead, userId: string | undefined, wroteAtFromCookie?: number): boolean {
    if (this.lagMs() > route.stalenessSeconds * 1000) return false;
    const ownWrite = Math.max(userId ? (this.lastWrite.get(userId) ?? 0) : 0, wroteAtFromCookie ?? 0);
    return ownWrite < this.visibleUpTo;
  }

  /** Called after a committed write: the writer reads from the primary until the replica has it. */
  noteWrite(userId: string): number {
    const at = this.now();
    this.lastWrite.set(userId, at);
    // Notes older than any staleness a route allows are of no use any more.
    if (this.lastWrite.size > 10_000) {
      for (const [u, t] of this.lastWrite) if (at - t > 10 * 60_000) this.lastWrite.delete(u);
    }
    return at;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.polling;
    await this.close();
  }
}
