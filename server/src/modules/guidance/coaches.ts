import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest } from '../../platform/errors.js';
import type { StudentRelation } from '../org/relations.js';
import { notify } from './notifications.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

/**
 * Besides the group mentor, a teacher of the student's team or a named SLB'er can hold the
 * student's career conversations when assigned to the student. Their conversations count for
 * the inspanningsverplichting and show in the student's and the mentor's view.
 */
export interface CoachView {
  userId: string;
  displayName: string;
  assignedAt: string;
}

export async function listCoaches(deps: Pick<Deps, 'db'>, studentId: string): Promise<CoachView[]> {
  const rows = await deps.db
    .selectFrom('guidance_coach_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.coach_id')
    .select(['u.id', 'u.display_name', 'a.assigned_at'])
    .where('a.student_id', '=', studentId)
    .orderBy('u.family_name')
    .execute();
  return rows.map((r) => ({ userId: r.id, displayName: r.display_name, assignedAt: new Date(r.assigned_at).toISOString() }));
}

/**
 * A coach must be a teacher (docent or mentor) in the team that runs the student's opleiding, or
 * a mentor (SLB'er) of the student's institution; anyone else is bad input on the field.
 */
async function assertEligibleCoach(deps: Pick<Deps, 'db' | 'clock'>, rel: StudentRelation, coachId: string): Promise<void> {
  const r = await sql<{ ok: boolean }>`
    select (
      exists (select 1 from enrolments e join programmes p on p.id = e.programme_id
              join team_members tm on tm.team_id = p.team_id and tm.user_id = ${coachId}
              join user_roles ur on ur.user_id = tm.user_id and ur.institution_id = e.institution_id and ur.role in ('docent', 'mentor')
              where e.student_id = ${rel.studentId} and e.institution_id = ${rel.institutionId})
      or exists (select 1 from user_roles ur where ur.user_id = ${coachId} and ur.institution_id = ${rel.institutionId} and ur.role = 'mentor')
    ) as ok`.execute(deps.db);
  if (!r.rows[0]?.ok || coachId === rel.studentId) {
    throw badRequest('validation_failed', { userId: 'Kies een docent uit het team van de student of een SLB’er van de school.' });
  }
}

export async function assignCoach(deps: Ctx, actor: Actor, rel: StudentRelation, coachId: string, ip?: string): Promise<CoachView[]> {
  await assertEligibleCoach(deps, rel, coachId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('guidance_coach_assignments')
      .values({ student_id: rel.studentId, coach_id: coachId, assigned_by: actor.userId, assigned_at: now })
      .onConflict((oc) => oc.columns(['student_id', 'coach_id']).doNothing())
      .returning('coach_id')
      .executeTakeFirst();
    if (!added) return;
    const student = await trx.selectFrom('users').select('display_name').where('id', '=', rel.studentId).executeTakeFirstOrThrow();
    await notify(trx, [{ userId: coachId, kind: 'coach_assigned', params: { student: student.display_name }, link: `/gesprekken` }], now);
    await deps.audit.record(
      { action: 'guidance.coach.assign', actorId: actor.userId, studentId: rel.studentId, institutionId: rel.institutionId, subjectType: 'user', subjectId: coachId, ip },
      trx,
    );
  });
  return listCoaches(deps, rel.studentId);
}

export async function unassignCoach(deps: Ctx, actor: Actor, rel: StudentRelation, coachId: string, ip?: string): Promise<CoachView[]> {
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('guidance_coach_assignments')
      .where('student_id', '=', rel.studentId)
      .where('coach_id', '=', coachId)
      .returning('coach_id')
      .executeTakeFirst();
    if (!removed) return;
    await deps.audit.record(
      { action: 'guidance.coach.unassign', actorId: actor.userId, studentId: rel.studentId, institutionId: rel.institutionId, subjectType: 'user', subjectId: coachId, ip },
      trx,
    );
  });
  return listCoaches(deps, rel.studentId);
}
