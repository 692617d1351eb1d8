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

type AuditRow = ReturnType<AuditLog['toRow']>;

/**
 * The append-only audit log. Security-relevant changes (logins, sharing, roles, exports,
 * erasure) are written with `record` inside the caller's transaction, so the change and its
 * trace commit together. Staff reads are frequent and written with `recordRead` (group commit):
 * entries that arrive while a write is under way go together in the next multi-row insert, the
 * HTTP layer runs that insert beside the handler's own queries and answers only once both are
 * done. So a read costs no extra round trip in sequence, and no read is ever answered without
 * its entry being committed: a crash loses no entry of a read anybody saw.
 */
export class AuditLog {
  private queue: { row: AuditRow; done: (err?: unknown) => void; retried?: boolean }[] = [];
  private writing: Promise<void> | null = null;
  private scheduled = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void = (err) => console.error('audit write failed', err),
    /** most rows in one insert */
    private readonly batchSize = 500,
  ) {}

  async record(event: AuditEvent, trx: Kysely<DB> = this.db): Promise<void> {
    await trx.insertInto('audit_log').values(this.toRow(event)).execute();
  }

  /**
   * Writes a read (or a refused attempt) in the next group commit. The promise settles when the
   * entry is committed and rejects when it could not be written: a caller that shows data
   * awaits it and fails rather than show data without its trace.
   */
  recordRead(event: AuditEvent): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.queue.push({ row: this.toRow(event), done: (err) => (err ? reject(err) : resolve()) });
    });
    this.schedule();
    // A caller that does not wait must not crash the process with an unhandled rejection.
    written.catch(this.onError);
    return written;
  }

  /** Waits until every entry recorded so far is written; called on shutdown and by tests. */
  async flush(): Promise<void> {
    while (this.writing || this.queue.length > 0) {
      if (this.writing) await this.writing.catch(() => {});
      else this.writeBatch();
    }
  }

  // Entries recorded in the same turn of the event loop go together; while a batch is being
  // written the next one collects, so under load batches grow and round trips do not.
  private schedule() {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.writing) this.writeBatch();
    });
  }

  private writeBatch() {
    const batch = this.queue.splice(0, this.batchSize);
    if (batch.length === 0) return;
    this.writing = this.db
      .insertInto('audit_log')
      .values(batch.map((b) => b.row))
      .execute()
      .then(
        () => batch.forEach((b) => b.done()),
        (err) => this.retryOnce(batch, err),
      )
      .finally(() => {
        this.writing = null;
        if (this.queue.length > 0) this.schedule();
      });
  }

  /**
   * A lost database connection must not lose the trace of staff reads: entries that failed
   * because the connection or server went away are tried once more (the pool reconnects) while
   * their requests wait; a second failure, or any other error, rejects them.
   */
  private retryOnce(batch: typeof this.queue, err: unknown) {
    const failure = err ?? new Error('audit write failed');
    const again = isDatabaseUnavailable(err) ? batch.filter((b) => !b.retried) : [];
    for (const b of batch) if (!again.includes(b)) b.done(failure);
    for (const b of again) b.retried = true;
    this.queue.unshift(...again);
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
