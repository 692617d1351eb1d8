import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import { createEntry, deleteEntry } from '../portfolio/service.js';
import type { CompleteInput } from './schema.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

/** SQL: today's enrolments, the base of "who is in the group". */
const currentEnrolment = (today: string) => sql`e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)`;

/** SQL: the actor teaches group g (mentor, or member of the team of its opleiding). */
export const teachesGroup = (actorId: string) => sql`(
  exists (select 1 from group_mentors gm where gm.group_id = g.id and gm.user_id = ${actorId})
  or exists (select 1 from programmes p join team_members tm on tm.team_id = p.team_id where p.id = g.programme_id and tm.user_id = ${actorId}))`;

/** The groups a teacher may assign to: their own groups, and for a coordinator every group of the institution. */
export async function teachingGroups(deps: Pick<Deps, 'db'>, actor: Actor) {
  const coordinatorOf = actor.roles.filter((r) => r.role === 'lob_coordinator').map((r) => r.institutionId);
  const r = await sql<{ id: string; code: string; name: string }>`
    select g.id, g.code, g.name from groups g
    where ${teachesGroup(actor.userId)} or g.institution_id = any(${coordinatorOf}::uuid[])
    order by g.code`.execute(deps.db);
  return r.rows;
}

export async function createAssignment(deps: Ctx, actor: Actor, exerciseId: string, group: { id: string; institutionId: string }, input: { dueOn: string; note: string }, ip?: string) {
  if (input.dueOn < schoolDate(deps.clock.now())) throw badRequest('validation_failed', { dueOn: 'Kies een datum vanaf vandaag.' });
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('library_assignments')
      .values({ exercise_id: exerciseId, group_id: group.id, assigned_by: actor.userId, due_on: input.dueOn, note: input.note, created_at: deps.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record({ action: 'library.assignment.create', actorId: actor.userId, institutionId: group.institutionId, subjectType: 'library_assignment', subjectId: row.id, ip, details: { exerciseId, groupId: group.id } }, trx);
    return { id: row.id };
  });
}

export interface AssignmentSummary {
  id: string;
  exercise: { id: string; title: string; competencies: string[]; durationMinutes: number };
  group: { id: string; code: string; name: string };
  dueOn: string;
  note: string;
  students: number;
  completed: number;
  assignedBy: string | null;
}

const SUMMARY_SELECT = (today: string) => sql`
  a.id, a.due_on, a.note, ab.display_name as assigned_by_name,
  x.id as exercise_id, x.title, x.competencies, x.duration_minutes, g.id as group_id, g.code, g.name,
  (select count(*) from enrolments e where e.group_id = g.id and ${currentEnrolment(today)}) as students,
  (select count(*) from library_completions c where c.assignment_id = a.id) as completed`;

function toSummary(row: any): AssignmentSummary {
  return {
    id: row.id,
    exercise: { id: row.exercise_id, title: row.title, competencies: row.competencies, durationMinutes: Number(row.duration_minutes) },
    group: { id: row.group_id, code: row.code, name: row.name },
    dueOn: typeof row.due_on === 'string' ? row.due_on.slice(0, 10) : schoolDate(new Date(row.due_on)),
    note: row.note,
    students: Number(row.students),
    completed: Number(row.completed),
    assignedBy: row.assigned_by_name,
  };
}

/** The assignments of the groups a teacher teaches or that they gave, with how many completed; one query. */
export async function listTeacherAssignments(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<any>`
    select ${SUMMARY_SELECT(today)}
    from library_assignments a join groups g on g.id = a.group_id join library_exercises x on x.id = a.exercise_id
    left join users ab on ab.id = a.assigned_by
    where a.assigned_by = ${actor.userId} or ${teachesGroup(actor.userId)}
    order by a.due_on desc, a.id
    limit 200`.execute(deps.db);
  return r.rows.map(toSummary);
}

/** One assignment for its teacher: every student of the group and whether they completed it. */
export async function getAssignmentForTeacher(deps: Pick<Deps, 'db' | 'clock'>, id: string) {
  const today = schoolDate(deps.clock.now());
  const [summary, students] = await Promise.all([
    sql<any>`select ${SUMMARY_SELECT(today)} from library_assignments a join groups g on g.id = a.group_id
      join library_exercises x on x.id = a.exercise_id left join users ab on ab.id = a.assigned_by where a.id = ${id}`.execute(deps.db),
    sql<{ id: string; display_name: string; completed_at: Date | null }>`
      select u.id, u.display_name, c.completed_at
      from library_assignments a join enrolments e on e.group_id = a.group_id and ${currentEnrolment(today)}
      join users u on u.id = e.student_id
      left join library_completions c on c.assignment_id = a.id and c.student_id = u.id
      where a.id = ${id}
      order by u.family_name, u.given_name, u.id`.execute(deps.db),
  ]);
  return {
    ...toSummary(summary.rows[0]),
    completions: students.rows.map((s) => ({ studentId: s.id, displayName: s.display_name, completedAt: s.completed_at ? new Date(s.completed_at).toISOString() : null })),
  };
}

/** A student's assignments: those of their current groups, open first, with their own completion; one query. */
export async function listStudentAssignments(deps: Pick<Deps, 'db' | 'clock'>, studentId: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<any>`
    select ${SUMMARY_SELECT(today)}, c.completed_at, c.entry_id, x.student_instructions
    from library_assignments a join groups g on g.id = a.group_id join library_exercises x on x.id = a.exercise_id
    left join users ab on ab.id = a.assigned_by
    left join library_completions c on c.assignment_id = a.id and c.student_id = ${studentId}
    where exists (select 1 from enrolments e where e.group_id = a.group_id and e.student_id = ${studentId} and ${currentEnrolment(today)})
    order by (c.completed_at is not null), a.due_on, a.id`.execute(deps.db);
  return r.rows.map((row) => {
    const { students: _s, completed: _c, ...rest } = toSummary(row);
    return {
      ...rest,
      studentInstructions: row.student_instructions,
      completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
      entryId: row.entry_id ?? null,
    };
  });
}

export async function getAssignmentForStudent(deps: Pick<Deps, 'db' | 'clock'>, studentId: string, id: string) {
  return (await listStudentAssignments(deps, studentId)).find((a) => a.id === id) ?? null;
}

/**
 * The student completes an assignment. Usually with a new entry in their LOBbook, written
 * through the portfolio module (kind 'school', the exercise's competencies, the student's own
 * sharing choice); or with an entry they already wrote. The link lives in this module.
 */
export async function completeAssignment(deps: Ctx, actor: Actor, assignment: { id: string; exerciseId: string }, input: CompleteInput, ip?: string) {
  const done = await deps.db
    .selectFrom('library_completions')
    .select('entry_id')
    .where('assignment_id', '=', assignment.id)
    .where('student_id', '=', actor.userId)
    .executeTakeFirst();
  if (done) throw conflict('assignment_completed');
  let entryId: string;
  let created = false;
  if ('entryId' in input) {
    const own = await deps.db.selectFrom('portfolio_entries').select('id').where('id', '=', input.entryId).where('student_id', '=', actor.userId).executeTakeFirst();
    if (!own) throw badRequest('validation_failed', { entryId: 'Deze ervaring staat niet in jouw LOBbook.' });
    entryId = own.id;
  } else {
    const x = await deps.db.selectFrom('library_exercises').select(['title', 'competencies']).where('id', '=', assignment.exerciseId).executeTakeFirstOrThrow();
    const entry = await createEntry(
      deps,
      actor,
      {
        kind: 'school',
        title: input.title ?? x.title,
        occurredOn: input.occurredOn ?? schoolDate(deps.clock.now()),
        place: null,
        competencies: input.competencies ?? x.competencies,
        reflection: input.reflection,
        sharing: input.sharing,
        status: 'published',
        activityId: null,
      },
      ip,
    );
    entryId = entry.id;
    created = true;
  }
  try {
    await deps.db
      .insertInto('library_completions')
      .values({ assignment_id: assignment.id, student_id: actor.userId, entry_id: entryId, completed_at: deps.clock.now() })
      .execute();
  } catch (err) {
    // A double submit that lost the race: take back the entry this request wrote.
    if (created) await deleteEntry(deps, actor, entryId, ip);
    throw conflict('assignment_completed');
  }
  return { assignmentId: assignment.id, entryId, completedAt: deps.clock.now().toISOString() };
}
