import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { studentStatus } from './progress.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

/**
 * The mentor decides, in an exceptional case, that a component counts as met (for example a
 * long illness with a replacement assignment). The reason is required, the decision is kept
 * with its author and written to the audit log; it can be revoked, never silently changed.
 */
export async function addOverride(deps: Ctx, actor: Actor, studentId: string, institutionId: string, componentId: string, reason: string, ip?: string) {
  const status = await studentStatus(deps, studentId);
  if (!status?.components.some((c) => c.id === componentId)) {
    throw badRequest('validation_failed', { componentId: 'Dit onderdeel hoort niet bij het programma van deze student.' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('lob_status_overrides')
      .select('id')
      .where('student_id', '=', studentId)
      .where('component_id', '=', componentId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (existing) throw conflict('override_exists');
    const row = await trx
      .insertInto('lob_status_overrides')
      .values({ student_id: studentId, component_id: componentId, reason, decided_by: actor.userId, decided_at: deps.clock.now(), revoked_by: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record(
      { action: 'programme.override.create', actorId: actor.userId, studentId, institutionId, subjectType: 'lob_status_override', subjectId: row.id, ip, details: { componentId, reason } },
      trx,
    );
    return row.id;
  });
}

export async function revokeOverride(deps: Ctx, actor: Actor, studentId: string, institutionId: string, overrideId: string, ip?: string) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('lob_status_overrides')
      .set({ revoked_at: deps.clock.now(), revoked_by: actor.userId })
      .where('id', '=', overrideId)
      .where('student_id', '=', studentId)
      .where('revoked_at', 'is', null)
      .returning('component_id')
      .executeTakeFirst();
    if (!row) throw notFound();
    await deps.audit.record(
      { action: 'programme.override.revoke', actorId: actor.userId, studentId, institutionId, subjectType: 'lob_status_override', subjectId: overrideId, ip, details: { componentId: row.component_id } },
      trx,
    );
  });
}
