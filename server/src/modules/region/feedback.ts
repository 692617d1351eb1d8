import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import type { Role } from '../org/tables.js';
import type { Outcome } from './tables.js';

/** School roles that hear back where their early leavers went. */
export const FEEDBACK_ROLES: readonly Role[] = ['lob_coordinator', 'manager', 'institution_admin', 'decaan'];

/**
 * Terugkoppeling: the school a young person left hears how the case ended (back to school,
 * work, care, moved, unreachable) and when — nothing of the case itself. Only for young people
 * whose last school is an institution where the reader holds one of FEEDBACK_ROLES.
 */
export async function schoolFeedback(deps: Pick<Deps, 'db' | 'audit'>, actor: Actor, ip?: string) {
  const institutions = actor.roles.filter((r) => FEEDBACK_ROLES.includes(r.role)).map((r) => r.institutionId);
  if (institutions.length === 0) return { items: [], nextCursor: null };
  const r = await sql<{ youth_id: string; user_id: string | null; institution_id: string; given_name: string; family_name: string; last_programme: string | null; outcome: Outcome; closed_at: Date }>`
    select y.id as youth_id, y.user_id, y.last_institution_id as institution_id, y.given_name, y.family_name, y.last_programme, c.outcome, c.closed_at
    from region_cases c join region_youth y on y.id = c.youth_id
    where c.closed_at is not null and y.last_institution_id = any(${institutions}::uuid[])
    order by c.closed_at desc limit 200`.execute(deps.db);
  for (const f of r.rows) {
    deps.audit.recordRead({ action: 'region.feedback.read', actorId: actor.userId, studentId: f.user_id, institutionId: f.institution_id, subjectType: 'region_youth', subjectId: f.youth_id, ip });
  }
  return {
    items: r.rows.map((f) => ({ name: `${f.given_name} ${f.family_name}`, programme: f.last_programme, outcome: f.outcome, closedOn: new Date(f.closed_at).toISOString().slice(0, 10) })),
    nextCursor: null,
  };
}
