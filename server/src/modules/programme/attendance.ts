import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor } from '../../platform/policy.js';
import { recordAttendance } from '../guidance/service.js';
// Creating a session has no export in guidance/service.ts yet; this is guidance's own function,
// so guidance still writes its own table. Move the import to service.ts once it is exported there.
import { createSession } from '../guidance/service.js';

/**
 * Participation in an LOB activity is attendance too: one source of truth for who was there.
 * For every group the participants are in on the activity's date there is one guidance session
 * (kind lob_activity); the participation is recorded in it through guidance's recordAttendance,
 * so it shows in the student's attendance summary. A student without a group on that date has
 * only the participation record. Runs inside the caller's transaction.
 */
export async function mirrorParticipationToAttendance(
  trx: Kysely<DB>,
  clock: Clock,
  actor: Actor,
  activity: { id: string; institutionId: string },
  items: { studentId: string; attended: boolean }[],
): Promise<void> {
  const info = await activityDay(trx, activity.id);
  const groups = await groupsOnDay(trx, items.map((i) => i.studentId), info.heldOn);
  const sessions = await sessionsForGroups(trx, clock, actor, activity, info, [...new Set(groups.values())]);
  const now = clock.now();
  for (const item of items) {
    const groupId = groups.get(item.studentId);
    if (!groupId) continue;
    await recordAttendance(trx, {
      sessionId: sessions.get(groupId)!,
      studentId: item.studentId,
      status: item.attended ? 'present' : 'absent_unexcused',
      recordedBy: actor.userId,
      at: now,
    });
  }
}

async function activityDay(trx: Kysely<DB>, activityId: string): Promise<{ title: string; heldOn: string }> {
  const r = await sql<{ title: string; held_on: string }>`
    select title, to_char(starts_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as held_on
    from lob_activities where id = ${activityId}`.execute(trx);
  return { title: r.rows[0].title, heldOn: r.rows[0].held_on };
}

/** The group each student is enrolled in on the given day (students without one are left out); one query. */
async function groupsOnDay(trx: Kysely<DB>, studentIds: string[], day: string): Promise<Map<string, string>> {
  const r = await sql<{ student_id: string; group_id: string }>`
    select distinct on (e.student_id) e.student_id, e.group_id from enrolments e
    where e.student_id = any(${studentIds}::uuid[]) and e.group_id is not null
      and e.starts_on <= ${day}::date and (e.ends_on is null or e.ends_on >= ${day}::date)
    order by e.student_id, e.starts_on desc`.execute(trx);
  return new Map(r.rows.map((row) => [row.student_id, row.group_id]));
}

/** The activity's session per group, created (through guidance) the first time a group needs one. */
async function sessionsForGroups(
  trx: Kysely<DB>,
  clock: Clock,
  actor: Actor,
  activity: { id: string; institutionId: string },
  info: { title: string; heldOn: string },
  groupIds: string[],
): Promise<Map<string, string>> {
  const existing = groupIds.length
    ? await trx.selectFrom('lob_activity_sessions').select(['group_id', 'session_id']).where('activity_id', '=', activity.id).where('group_id', 'in', groupIds).execute()
    : [];
  const sessions = new Map(existing.map((s) => [s.group_id, s.session_id]));
  for (const groupId of groupIds.filter((g) => !sessions.has(g))) {
    const membership = { groupId, institutionId: activity.institutionId, student: false, mentor: false, teamDocent: false, private: false };
    const { id } = await createSession({ db: trx, clock }, actor, membership, { kind: 'lob_activity', title: info.title, heldOn: info.heldOn });
    await trx.insertInto('lob_activity_sessions').values({ activity_id: activity.id, group_id: groupId, session_id: id }).execute();
    sessions.set(groupId, id);
  }
  return sessions;
}

/**
 * SQL: whether the student took part, with guidance's attendance as the one source of truth where
 * the activity has a session for the student (a correction there counts); otherwise the recorded
 * participation. Reads guidance_attendance read-only (owner: guidance; see decision 0003).
 * Needs the aliases s (lob_activity_signups) and a (lob_activities).
 */
export const tookPart = sql<boolean>`coalesce((
    select at.status in ('present', 'late') from lob_activity_sessions las
    join guidance_attendance at on at.session_id = las.session_id and at.student_id = s.student_id
    where las.activity_id = a.id limit 1), s.attended)`;
