import type { Kysely } from 'kysely';
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
          .then(() => undefined, this.onError),
      );
    }
    await this.pending;
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
