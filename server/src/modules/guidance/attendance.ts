import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { schoolDate, toDateString } from '../../platform/clock.js';
import { badRequest } from '../../platform/errors.js';
import type { GroupMembership } from './policy.js';
import type { AttendanceStatus, SessionKind } from './tables.js';

/**
 * Attendance (presentie): sessions of a group — lessons, LOB activities, conversations — and per
 * student present, absent with reason, absent without reason, or late. Taken by the group's
 * mentor or a docent of its team, on a phone in a few taps. Never by the student.
 */
export async function createSession(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, g: GroupMembership, input: { kind: SessionKind; title: string; heldOn?: string }) {
  const row = await deps.db
    .insertInto('guidance_sessions')
    .values({ institution_id: g.institutionId, group_id: g.groupId, kind: input.kind, title: input.title, held_on: input.heldOn ?? schoolDate(deps.clock.now()), created_by: actor.userId, created_at: deps.clock.now() })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

export async function listSessions(deps: Pick<Deps, 'db'>, groupId: string) {
  const r = await sql<any>`
    select s.id, s.kind, s.title, s.held_on, count(a.student_id) as recorded
    from guidance_sessions s left join guidance_attendance a on a.session_id = s.id
    where s.group_id = ${groupId} group by s.id order by s.held_on desc, s.created_at desc limit 50`.execute(deps.db);
  return { items: r.rows.map((s) => ({ id: s.id, kind: s.kind, title: s.title, heldOn: toDateString(s.held_on), recorded: Number(s.recorded) })), nextCursor: null };
}

/** The session with the group's students (enrolled on the session's date) and what was recorded. */
export async function getSession(deps: Pick<Deps, 'db'>, sessionId: string) {
  const s = await deps.db
    .selectFrom('guidance_sessions as s')
    .innerJoin('groups as g', 'g.id', 's.group_id')
    .select(['s.id', 's.kind', 's.title', 's.held_on', 's.group_id', 'g.code as group_code'])
    .where('s.id', '=', sessionId)
    .executeTakeFirstOrThrow();
  const r = await sql<any>`
    select u.id, u.display_name, a.status, a.reason
    from enrolments e join users u on u.id = e.student_id
    left join guidance_attendance a on a.session_id = ${sessionId} and a.student_id = u.id
    where e.group_id = ${s.group_id} and e.starts_on <= ${s.held_on}::date and (e.ends_on is null or e.ends_on >= ${s.held_on}::date)
    order by u.family_name, u.given_name, u.id`.execute(deps.db);
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    heldOn: toDateString(s.held_on),
    group: { id: s.group_id, code: s.group_code },
    students: r.rows.map((x) => ({ id: x.id, displayName: x.display_name, status: x.status ?? null, reason: x.reason ?? '' })),
  };
}

/** The group the session belongs to, for the policy. */
export async function sessionGroup(deps: Pick<Deps, 'db'>, sessionId: string) {
  return deps.db.selectFrom('guidance_sessions').select(['id', 'group_id', 'held_on']).where('id', '=', sessionId).executeTakeFirst();
}

export interface AttendanceInput {
  sessionId: string;
  studentId: string;
  status: AttendanceStatus;
  reason?: string;
  recordedBy: string;
  at: Date;
}

/**
 * Records (or corrects) one student's attendance. Exported through service.ts for other modules
 * (the programme module's LOB activities); the caller has decided the policy. The student must
 * be enrolled in the session's group on its date, and nobody records their own attendance.
 */
export async function recordAttendance(db: Kysely<DB>, input: AttendanceInput): Promise<void> {
  if (input.recordedBy === input.studentId) throw badRequest('validation_failed', { studentId: 'own_attendance' });
  const enrolled = await sql<{ ok: boolean }>`
    select exists (select 1 from guidance_sessions s join enrolments e on e.group_id = s.group_id
      where s.id = ${input.sessionId} and e.student_id = ${input.studentId}
        and e.starts_on <= s.held_on and (e.ends_on is null or e.ends_on >= s.held_on)) as ok`.execute(db);
  if (!enrolled.rows[0]?.ok) throw badRequest('validation_failed', { studentId: 'not_in_group' });
  const reason = input.status === 'absent_excused' ? (input.reason ?? '').trim() : '';
  await db
    .insertInto('guidance_attendance')
    .values({ session_id: input.sessionId, student_id: input.studentId, status: input.status, reason, recorded_by: input.recordedBy, recorded_at: input.at })
    .onConflict((oc) => oc.columns(['session_id', 'student_id']).doUpdateSet({ status: input.status, reason, recorded_by: input.recordedBy, recorded_at: input.at }))
    .execute();
}

/** A student's attendance over the last weeks: counts per status and the latest sessions. */
export async function studentAttendanceSummary(deps: Pick<Deps, 'db' | 'clock'>, studentId: string, weeks = 8) {
  const today = schoolDate(deps.clock.now());
  const from = new Date(`${today}T12:00:00Z`);
  from.setUTCDate(from.getUTCDate() - weeks * 7);
  const r = await sql<any>`
    select s.id, s.kind, s.title, s.held_on, a.status, a.reason
    from guidance_attendance a join guidance_sessions s on s.id = a.session_id
    where a.student_id = ${studentId} and s.held_on > ${from.toISOString().slice(0, 10)}::date and s.held_on <= ${today}::date
    order by s.held_on desc, s.created_at desc`.execute(deps.db);
  const counts = { present: 0, late: 0, absent_excused: 0, absent_unexcused: 0 } as Record<AttendanceStatus, number>;
  for (const row of r.rows) counts[row.status as AttendanceStatus]++;
  const total = r.rows.length;
  const absent = counts.absent_excused + counts.absent_unexcused;
  return {
    weeks,
    total,
    counts,
    absencePercent: total > 0 ? Math.round((absent / total) * 100) : null,
    recent: r.rows.slice(0, 10).map((x) => ({ sessionId: x.id, kind: x.kind, title: x.title, date: toDateString(x.held_on), status: x.status, reason: x.reason })),
  };
}
