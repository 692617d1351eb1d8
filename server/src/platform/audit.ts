import type { Kysely } from 'kysely';
import { isDatabaseUnavailable } from '../db/connection.js';
import type { DB } from '../db/schema.js';
import type { Clock } from './clock.js';

export interface AuditEvent {
  action: string;
  actorId?: string | null;
  institutionId?: string | null;
  subjectType?: string;
  subjectId?: string | null;
  studentId?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  ip?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The append-only audit log. Security-relevant changes (logins, sharing, roles, exports,
 * erasure) are written with `record` inside the caller's transaction, so the change and its
 * trace commit together. Staff reads are frequent and written with `recordRead`, which
 * batches them (at most `flushMs` late) so a read endpoint stays one round trip.
 */
export class AuditLog {
  private buffer: ReturnType<AuditLog['toRow']>[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pending: Promise<void> = Promise.resolve();
  private readonly retried = new WeakSet<object>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void = (err) => console.error('audit flush failed', err),
    private readonly flushMs = 50,
  ) {}

  async record(event: AuditEvent, trx: Kysely<DB> = this.db): Promise<void> {
    await trx.insertInto('audit_log').values(this.toRow(event)).execute();
  }

  recordRead(event: AuditEvent): void {
    this.buffer.push(this.toRow(event));
    if (this.buffer.length >= 200) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Writes buffered reads now; called on shutdown and by tests before they look. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.buffer;
    this.buffer = [];
    if (rows.length > 0) {
      this.pending = this.pending.then(() =>
        this.db
          .insertInto('audit_log')
          .values(rows)
          .execute()
          .then(
            () => undefined,
            (err) => this.keepForRetry(rows, err),
          ),
      );
    }
    await this.pending;
  }

  /**
   * A lost database connection must not lose the trace of staff reads: the batch goes back into
   * the buffer and is written with the next flush (once; a second failure is reported).
   */
  private keepForRetry(rows: ReturnType<AuditLog['toRow']>[], err: unknown) {
    this.onError(err);
    if (!isDatabaseUnavailable(err)) return;
    const fresh = rows.filter((row) => !this.retried.has(row));
    if (fresh.length === 0) return;
    for (const row of fresh) this.retried.add(row);
    this.buffer.unshift(...fresh);
    this.timer ??= setTimeout(() => void this.flush(), 1_000);
    this.timer.unref?.();
  }

  private toRow(e: AuditEvent) {
    return {
      at: this.clock.now(),
      action: e.action,
      actor_id: e.actorId ?? null,
      institution_id: e.institutionId ?? null,
      subject_type: e.subjectType ?? null,
      subject_id: e.subjectId ?? null,
      student_id: e.studentId ?? null,
      outcome: e.outcome ?? 'ok',
      ip: e.ip ?? null,
      details: JSON.stringify(e.details ?? {}),
    };
  }
}
