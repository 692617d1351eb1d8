import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AttendanceStatus, SessionKind } from './tables.js';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { sendMessage } from './messages.js';
import { toDateString } from '../../platform/clock.js';

/**
 * What other modules may call. The guidance module is the only writer of its tables.
 * The programme module reads held conversations and attendance to judge the
 * inspanningsverplichting; both functions are set-based (one query for many students).
 */

export interface HeldConversation {
  studentId: string;
  conversationId: string;
  /** YYYY-MM-DD */
  heldOn: string;
}

/** Career conversations held with these students between from and to (inclusive, YYYY-MM-DD). */
export async function listHeldConversations(db: Kysely<DB>, studentIds: string[], from: string, to: string): Promise<HeldConversation[]> {
  if (studentIds.length === 0) return [];
  const rows = await db
    .selectFrom('guidance_conversations')
    .select(['student_id', 'id', 'held_on'])
    .where('student_id', 'in', studentIds)
    .where('status', '=', 'held')
    .where('held_on', '>=', from)
    .where('held_on', '<=', to)
    .orderBy('student_id')
    .orderBy('held_on')
    .execute();
  return rows.map((r) => ({ studentId: r.student_id, conversationId: r.id, heldOn: toDateString(r.held_on!) }));
}

export interface AttendanceRecord {
  studentId: string;
  sessionId: string;
  kind: SessionKind;
  /** YYYY-MM-DD */
  date: string;
  status: AttendanceStatus;
}

/** Recorded attendance of these students in sessions held between from and to (inclusive). */
export async function listAttendance(db: Kysely<DB>, studentIds: string[], from: string, to: string): Promise<AttendanceRecord[]> {
  if (studentIds.length === 0) return [];
  const rows = await db
    .selectFrom('guidance_attendance as a')
    .innerJoin('guidance_sessions as s', 's.id', 'a.session_id')
    .select(['a.student_id', 'a.session_id', 's.kind', 's.held_on', 'a.status'])
    .where('a.student_id', 'in', studentIds)
    .where('s.held_on', '>=', from)
    .where('s.held_on', '<=', to)
    .orderBy('a.student_id')
    .orderBy('s.held_on')
    .execute();
  return rows.map((r) => ({ studentId: r.student_id, sessionId: r.session_id, kind: r.kind, date: toDateString(r.held_on), status: r.status }));
}

export { toDateString };

/** Recording attendance from another module (for example a LOB activity of the programme module). */
export { createSession, recordAttendance, type AttendanceInput } from './attendance.js';
/** One notification centre for all of Koers: other modules notify through here. */
export { notify, mailNotifications, type NewNotification, type NotificationKind } from './notifications.js';
/** Extension point for extra caseload signals (the inspanningsverplichting, programme module). */
export { registerCaseloadSignals, type CaseloadSignalSource, type Signal } from './caseload.js';

/**
 * Module explore: a student's question to an alumnus (or a buddy's first message) goes through
 * the direct messages, so the answer arrives where every other message does. The caller has
 * decided that the pair may write (explore's policy); the thread rule agrees from then on.
 */
export async function sendDirectMessage(deps: Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>, actor: Actor, otherId: string, studentId: string, body: string) {
  return sendMessage(deps, actor, { studentId, otherId, allowed: true, private: true }, body);
}
/**
 * The reminder run main.ts schedules: on the job queue (pg-boss) on a server, by the in-process
 * scheduler on embedded PostgreSQL; either way under an advisory lock.
 */
export { remindUnderLock, startReminderScheduler } from './scheduler.js';
