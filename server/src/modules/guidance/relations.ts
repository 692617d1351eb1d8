import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { hasRole } from '../../platform/policy.js';
import { schoolDate } from '../../platform/clock.js';
import { loadStudentRelation } from '../org/relations.js';
import type { AppointmentResource, CoachRelation, ConversationResource, GroupMembership, ThreadResource } from './policy.js';

type Ctx = Pick<Deps, 'db' | 'clock'>;

/**
 * Whether the user is assigned to hold career conversations with the student. The assignment is
 * checked when it is made (a teacher of the student's team, or an SLB'er of the institution).
 */
export async function isAssignedCoach(deps: Pick<Deps, 'db'>, userId: string, studentId: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom('guidance_coach_assignments')
    .select('coach_id')
    .where('student_id', '=', studentId)
    .where('coach_id', '=', userId)
    .executeTakeFirst();
  return !!row;
}

/** The student relation plus whether the reader is the student's assigned coach. */
export async function loadCoachRelation(deps: Ctx, actor: Actor, studentId: string): Promise<CoachRelation | null> {
  const rel = await loadStudentRelation(deps, actor, studentId);
  if (!rel) return null;
  return { ...rel, coach: await isAssignedCoach(deps, actor.userId, studentId) };
}

/** A conversation with the reader's relation to its student; null when it does not exist. */
export async function loadConversationResource(deps: Ctx, actor: Actor, conversationId: string): Promise<ConversationResource | null> {
  const c = await deps.db
    .selectFrom('guidance_conversations')
    .select(['id', 'student_id', 'status', 'mentor_id'])
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!c) return null;
  const rel = await loadStudentRelation(deps, actor, c.student_id);
  if (!rel) return null;
  return {
    studentId: c.student_id,
    institutionId: rel.institutionId,
    rel,
    coach: await isAssignedCoach(deps, actor.userId, c.student_id),
    conversation: { id: c.id, status: c.status, mentorId: c.mentor_id },
    private: true,
  };
}

/** The SQL condition "this user is a member of group g today", shared by the single check and lists. */
export function memberOfGroupSql(userId: string, today: string, groupColumn = 'g.id') {
  const g = sql.ref(groupColumn);
  return sql<boolean>`(
    exists (select 1 from enrolments e where e.group_id = ${g} and e.student_id = ${userId}
            and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date))
    or exists (select 1 from group_mentors gm where gm.group_id = ${g} and gm.user_id = ${userId})
    or exists (select 1 from groups gg join programmes p on p.id = gg.programme_id
               join team_members tm on tm.team_id = p.team_id and tm.user_id = ${userId}
               join user_roles ur on ur.user_id = tm.user_id and ur.institution_id = gg.institution_id and ur.role in ('docent', 'mentor')
               where gg.id = ${g}))`;
}

/** How the reader belongs to a group, in one query; null when the group does not exist. */
export async function loadGroupMembership(deps: Ctx, actor: Actor, groupId: string): Promise<GroupMembership | null> {
  const today = schoolDate(deps.clock.now());
  const a = actor.userId;
  const r = await sql<{ institution_id: string; student: boolean; mentor: boolean; team_docent: boolean }>`
    select g.institution_id,
      exists (select 1 from enrolments e where e.group_id = g.id and e.student_id = ${a}
              and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)) as student,
      exists (select 1 from group_mentors gm where gm.group_id = g.id and gm.user_id = ${a}) as mentor,
      exists (select 1 from programmes p join team_members tm on tm.team_id = p.team_id and tm.user_id = ${a}
              join user_roles ur on ur.user_id = tm.user_id and ur.institution_id = g.institution_id and ur.role in ('docent', 'mentor')
              where p.id = g.programme_id) as team_docent
    from groups g where g.id = ${groupId}`.execute(deps.db);
  const row = r.rows[0];
  if (!row) return null;
  const member = row.student || row.mentor || row.team_docent;
  return { groupId, institutionId: row.institution_id, student: row.student, mentor: row.mentor, teamDocent: row.team_docent, private: !member };
}

/** An appointment and whether the reader organises it, is invited, or may confirm it as praktijkopleider. */
export async function loadAppointmentResource(deps: Ctx, actor: Actor, appointmentId: string): Promise<AppointmentResource | null> {
  const today = schoolDate(deps.clock.now());
  const a = actor.userId;
  const r = await sql<{ student_id: string | null; organiser: boolean; invited: boolean; confirmer: boolean }>`
    select ap.student_id, ap.organiser_id = ${a} as organiser,
      exists (select 1 from guidance_invitations i where i.appointment_id = ap.id and i.user_id = ${a}) as invited,
      (ap.kind = 'internship_visit' and exists (select 1 from internships i where i.student_id = ap.student_id
         and i.praktijkopleider_id = ${a} and ${today}::date between i.starts_on and i.ends_on)) as confirmer
    from guidance_appointments ap where ap.id = ${appointmentId} and ap.cancelled_at is null`.execute(deps.db);
  const row = r.rows[0];
  if (!row) return null;
  return {
    appointmentId,
    studentId: row.student_id ?? undefined,
    organiser: !!row.organiser,
    invited: row.invited,
    visitConfirmer: row.confirmer,
    private: true,
  };
}

/**
 * A direct-message thread is always between a student and one of their guides. From the
 * student's side the other person must be their mentor, current praktijkopleider or a parent
 * who may see the record; from the guide's side the other person must be such a student.
 */
export async function loadThreadResource(deps: Ctx, actor: Actor, otherId: string): Promise<ThreadResource | null> {
  if (otherId === actor.userId) return { studentId: otherId, otherId, allowed: false, private: true };
  const asGuide = await loadStudentRelation(deps, actor, otherId);
  if (asGuide && (asGuide.mentor || asGuide.praktijkopleider || asGuide.parentSeesRecord)) {
    return { studentId: otherId, otherId, allowed: true, private: true };
  }
  if (hasRole(actor, 'student')) {
    const other: Actor = { userId: otherId, displayName: '', roles: [] };
    const asStudent = await loadStudentRelation(deps, other, actor.userId);
    if (asStudent && (asStudent.mentor || asStudent.praktijkopleider || asStudent.parentSeesRecord)) {
      return { studentId: actor.userId, otherId, allowed: true, private: true };
    }
  }
  const alumniContact = await loadAlumnusContact(deps, actor.userId, otherId);
  if (alumniContact) return { studentId: alumniContact, otherId, allowed: true, private: true };
  const parentMentor = await loadParentMentorStudent(deps, actor.userId, otherId);
  if (parentMentor) return { studentId: parentMentor, otherId, allowed: true, private: true };
  return { studentId: otherId, otherId, allowed: false, private: true };
}

/**
 * A parent and the mentor of their child write to each other about that child, while the parent
 * may see the guidance record: the child is under 18, or opted in as an adult (the same rule as
 * parentSeesRecord). Either side may start. Returns the student the thread is about.
 */
async function loadParentMentorStudent(deps: Ctx, a: string, b: string): Promise<string | null> {
  const today = schoolDate(deps.clock.now());
  const r = await sql<{ student_id: string }>`
    select pl.student_id from parent_links pl
    join users s on s.id = pl.student_id
    join enrolments e on e.student_id = pl.student_id and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)
    join group_mentors gm on gm.group_id = e.group_id
    where ((pl.parent_id = ${a} and gm.user_id = ${b}) or (pl.parent_id = ${b} and gm.user_id = ${a}))
      and (pl.adult_opt_in or (s.birth_date is not null and s.birth_date > (${today}::date - interval '18 years')))
    order by pl.student_id
    limit 1`.execute(deps.db);
  return r.rows[0]?.student_id ?? null;
}

/**
 * A student and an alumnus write to each other once the student asked a question or they were
 * matched as buddies (explore_contacts, owned by module explore: a read-only check here), while
 * the alumnus still consents to contact. Returns the student the thread is about. Only the two
 * of them read it: a thread is always the reader's own, so the mentor never sees it.
 */
async function loadAlumnusContact(deps: Ctx, a: string, b: string): Promise<string | null> {
  const r = await sql<{ student_id: string }>`
    select c.student_id from explore_contacts c
    join explore_alumni al on al.user_id = c.alumnus_id and al.withdrawn_at is null and al.contact_allowed
    where c.ended_at is null and ((c.student_id = ${a} and c.alumnus_id = ${b}) or (c.student_id = ${b} and c.alumnus_id = ${a}))
    limit 1`.execute(deps.db);
  return r.rows[0]?.student_id ?? null;
}
