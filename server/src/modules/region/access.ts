import { sql, type RawBuilder } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { schoolDate } from '../../platform/clock.js';
import type { Role } from '../org/tables.js';
import type { YouthResource } from './policy.js';
import type { LegalBasis } from './tables.js';

/**
 * Access to a young person, decided in SQL so lists and single records use one rule:
 * the reader holds a regional role at a gemeente/RMC organisation of the young person's RMC
 * region, and the young person's age today lies in the range of a legal basis of that role
 * (region_legal_bases), with recorded consent where the basis is consent.
 *
 * Used as `left join lateral ${accessLateral(...)} acc on true` over `region_youth y`;
 * it yields acc.basis, acc.role and acc.institution_id (null: no basis).
 */
export function accessLateral(actorId: string | RawBuilder<unknown>, today: string): RawBuilder<unknown> {
  return sql`(
    select lb.basis, lb.role, gi.id as institution_id
    from user_roles ur
    join institutions gi on gi.id = ur.institution_id and gi.type = 'gemeente'
    join region_legal_bases lb on lb.role = ur.role
    where ur.user_id = ${actorId} and gi.rmc_region_id = y.rmc_region_id
      and ${ageSql(today)} >= lb.min_age and ${ageSql(today)} < lb.max_age
      and (not lb.requires_consent or y.consent_at is not null)
    order by lb.requires_consent, lb.basis
    limit 1)`;
}

/** Whole years of age on a school date, in SQL, of `y.birth_date`. */
export function ageSql(today: string): RawBuilder<number> {
  return sql<number>`date_part('year', age(${today}::date, y.birth_date))::int`;
}

/**
 * Whether the reader takes part in a meeting (overleg) that has this young person on its
 * agenda and runs right now: a participant sees the cases discussed only during the meeting.
 */
export function meetingWindowSql(actorId: string, now: Date): RawBuilder<boolean> {
  return sql<boolean>`exists (
    select 1 from region_meeting_items mi
    join region_meetings m on m.id = mi.meeting_id
    join region_meeting_participants mp on mp.meeting_id = m.id
    where mi.youth_id = y.id and mp.user_id = ${actorId}
      and m.starts_at <= ${now} and m.ends_at > ${now})`;
}

/** Loads one young person with the reader's access to them; null when the id is unknown. */
export async function loadYouthResource(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, youthId: string): Promise<YouthResource | null> {
  const now = deps.clock.now();
  const today = schoolDate(now);
  const r = await sql<{ id: string; rmc_region_id: string; user_id: string | null; basis: LegalBasis | null; role: Role | null; institution_id: string | null; meeting: boolean }>`
    select y.id, y.rmc_region_id, y.user_id, acc.basis, acc.role, acc.institution_id, ${meetingWindowSql(actor.userId, now)} as meeting
    from region_youth y
    left join lateral ${accessLateral(actor.userId, today)} acc on true
    where y.id = ${youthId}`.execute(deps.db);
  const y = r.rows[0];
  if (!y) return null;
  return {
    id: y.id,
    rmcRegionId: y.rmc_region_id,
    ...(y.user_id ? { studentId: y.user_id } : {}),
    ...(y.institution_id ? { institutionId: y.institution_id } : {}),
    legalBasis: y.basis,
    viaRole: y.role,
    inMeetingWindow: y.meeting,
    private: true,
  };
}

/** The gemeente/RMC organisations where the actor holds one of the given roles, with their region. */
export async function regionalOrganisations(deps: Pick<Deps, 'db'>, actor: Actor, roles: readonly Role[]) {
  const ids = actor.roles.filter((r) => roles.includes(r.role)).map((r) => r.institutionId);
  if (ids.length === 0) return [];
  return deps.db
    .selectFrom('institutions')
    .select(['id', 'name', 'rmc_region_id'])
    .where('id', 'in', ids)
    .where('type', '=', 'gemeente')
    .where('rmc_region_id', 'is not', null)
    .orderBy('name')
    .execute() as Promise<{ id: string; name: string; rmc_region_id: string }[]>;
}
