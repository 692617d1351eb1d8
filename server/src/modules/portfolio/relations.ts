import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { hasRole } from '../../platform/policy.js';
import { schoolDate } from '../../platform/clock.js';
import { loadStudentRelation } from '../org/relations.js';
import type { Role } from '../org/tables.js';
import { entryVisible, type EntryResource, type PortfolioRelation } from './policy.js';

type Ctx = Pick<Deps, 'db' | 'clock'>;

/**
 * org's relation facts plus `groupPeer`. The extra query only runs for a reader who is a
 * student themselves (a fellow student), so mentors and parents stay at one query.
 */
export async function loadPortfolioRelation(deps: Ctx, actor: Actor, studentId: string): Promise<PortfolioRelation | null> {
  const rel = await loadStudentRelation(deps, actor, studentId);
  if (!rel) return null;
  const groupPeer = !rel.self && hasRole(actor, 'student') ? await isGroupPeer(deps, actor.userId, studentId) : false;
  const nextSchool = !rel.self && actor.roles.some((r) => NEXT_SCHOOL_ROLES.includes(r.role)) ? await isNextSchool(deps, actor.userId, studentId) : false;
  return { ...rel, groupPeer, nextSchool };
}

/** Roles of the receiving school that read what the student shared with 'next_school'. */
const NEXT_SCHOOL_ROLES: readonly Role[] = ['intake', 'lob_coordinator'];

/**
 * The reader holds a next-school role at an institution that accepted a transfer of this
 * student. Reads the transition module's `transfers` table read-only (decision 0003): the
 * transfer, sent with the student's consent, is what opens 'next_school' to that school.
 */
async function isNextSchool(deps: Ctx, readerId: string, studentId: string): Promise<boolean> {
  const r = await sql<{ next: boolean }>`
    select exists (
      select 1 from transfers t
      join user_roles r on r.institution_id = t.to_institution_id and r.user_id = ${readerId}
        and r.role in ('intake', 'lob_coordinator')
      where t.student_id = ${studentId} and t.status = 'accepted'
    ) as next`.execute(deps.db);
  return r.rows[0]?.next ?? false;
}

/** Both students are enrolled today in the same group. */
async function isGroupPeer(deps: Ctx, readerId: string, studentId: string): Promise<boolean> {
  const today = schoolDate(deps.clock.now());
  const r = await sql<{ peer: boolean }>`
    select exists (
      select 1 from enrolments a join enrolments b on b.group_id = a.group_id
      where a.student_id = ${studentId} and b.student_id = ${readerId}
        and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date)
        and b.starts_on <= ${today}::date and (b.ends_on is null or b.ends_on >= ${today}::date)
    ) as peer`.execute(deps.db);
  return r.rows[0]?.peer ?? false;
}

/** An entry and the reader's relation to its student; null when the entry does not exist. */
export async function loadEntryResource(deps: Ctx, actor: Actor, entryId: string): Promise<EntryResource | null> {
  const entry = await deps.db
    .selectFrom('portfolio_entries')
    .select(['id', 'student_id', 'sharing', 'status'])
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!entry) return null;
  const rel = await loadPortfolioRelation(deps, actor, entry.student_id);
  if (!rel) return null;
  const e = { id: entry.id, sharing: entry.sharing, status: entry.status };
  return { studentId: entry.student_id, institutionId: rel.institutionId, rel, entry: e, private: !entryVisible(rel, e) };
}
