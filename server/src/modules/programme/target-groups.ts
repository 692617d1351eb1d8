import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { AppError, badRequest } from '../../platform/errors.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

/**
 * Target groups (doelgroepen) an institution defines besides level and BOL/BBL, such as entree,
 * oudere instromers or students with an extra support need. A programme component can apply to
 * some of them only. Membership is kept by the LOB-coördinator and the manager, audited.
 */
export interface TargetGroupView {
  id: string;
  name: string;
  description: string;
  members: number;
}

export async function listTargetGroups(deps: Pick<Deps, 'db'>, institutionIds: string[]): Promise<TargetGroupView[]> {
  if (institutionIds.length === 0) return [];
  const r = await sql<{ id: string; name: string; description: string; members: number }>`
    select g.id, g.name, g.description, (select count(*) from lob_target_group_members m where m.target_group_id = g.id) as members
    from lob_target_groups g where g.institution_id = any(${institutionIds}::uuid[])
    order by g.name`.execute(deps.db);
  return r.rows.map((g) => ({ ...g, members: Number(g.members) }));
}

export async function createTargetGroup(deps: Ctx, actor: Actor, institutionId: string, input: { name: string; description: string }, ip?: string): Promise<TargetGroupView> {
  return deps.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('lob_target_groups').select('id').where('institution_id', '=', institutionId).where('name', '=', input.name).executeTakeFirst();
    if (exists) throw new AppError(409, 'target_group_exists', { name: 'Deze doelgroep bestaat al.' });
    const g = await trx
      .insertInto('lob_target_groups')
      .values({ institution_id: institutionId, name: input.name, description: input.description, created_by: actor.userId, created_at: deps.clock.now() })
      .returning(['id', 'name', 'description'])
      .executeTakeFirstOrThrow();
    await deps.audit.record({ action: 'programme.target_group.create', actorId: actor.userId, institutionId, subjectType: 'lob_target_group', subjectId: g.id, ip }, trx);
    return { ...g, members: 0 };
  });
}

export async function listMembers(deps: Pick<Deps, 'db'>, groupId: string) {
  return deps.db
    .selectFrom('lob_target_group_members as m')
    .innerJoin('users as u', 'u.id', 'm.student_id')
    .select(['u.id as studentId', 'u.display_name as displayName'])
    .where('m.target_group_id', '=', groupId)
    .orderBy('u.family_name')
    .orderBy('u.given_name')
    .execute();
}

/** Adds a student of the same institution; adding twice changes nothing. Audited on the student. */
export async function addMember(deps: Ctx, actor: Actor, group: { id: string; institutionId: string }, studentId: string, ip?: string): Promise<void> {
  const student = await deps.db
    .selectFrom('user_roles')
    .select('user_id')
    .where('user_id', '=', studentId)
    .where('institution_id', '=', group.institutionId)
    .where('role', '=', 'student')
    .executeTakeFirst();
  if (!student) throw badRequest('validation_failed', { studentId: 'Deze student staat niet ingeschreven bij jouw instelling.' });
  await deps.db.transaction().execute(async (trx) => {
    const added = await trx
      .insertInto('lob_target_group_members')
      .values({ target_group_id: group.id, student_id: studentId, added_by: actor.userId, added_at: deps.clock.now() })
      .onConflict((oc) => oc.columns(['target_group_id', 'student_id']).doNothing())
      .returning('student_id')
      .executeTakeFirst();
    if (added) {
      await deps.audit.record(
        { action: 'programme.target_group.member.add', actorId: actor.userId, institutionId: group.institutionId, studentId, subjectType: 'lob_target_group', subjectId: group.id, ip },
        trx,
      );
    }
  });
}

export async function removeMember(deps: Ctx, actor: Actor, group: { id: string; institutionId: string }, studentId: string, ip?: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('lob_target_group_members')
      .where('target_group_id', '=', group.id)
      .where('student_id', '=', studentId)
      .returning('student_id')
      .executeTakeFirst();
    if (removed) {
      await deps.audit.record(
        { action: 'programme.target_group.member.remove', actorId: actor.userId, institutionId: group.institutionId, studentId, subjectType: 'lob_target_group', subjectId: group.id, ip },
        trx,
      );
    }
  });
}
