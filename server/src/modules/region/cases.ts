import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest, conflict, registerErrorMessages } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import { accessLateral } from './access.js';
import { overdueSql } from './registry.js';
import type { YouthResource } from './policy.js';
import type { ActionKind, Outcome, PlaceStatus } from './tables.js';

type D = Pick<Deps, 'db' | 'clock' | 'audit'>;

registerErrorMessages({
  region_owner_not_eligible: {
    nl: 'Deze persoon kan geen casuseigenaar van deze jongere zijn: er is geen regionale rol met een wettelijke grondslag voor deze jongere.',
    en: 'This person cannot own the case of this young person: they hold no regional role with a legal basis for them.',
  },
  region_case_not_open: { nl: 'Deze jongere heeft geen open casus.', en: 'This young person has no open case.' },
  region_service_unknown: { nl: 'Deze voorziening staat niet op de sociale kaart van deze regio.', en: 'This service is not on the sociale kaart of this region.' },
  region_follow_up_past: { nl: 'De datum voor opvolging moet vandaag of later zijn.', en: 'The follow-up date must be today or later.' },
});

/** The status a young person has once a case closes with this outcome. */
const OUTCOME_STATUS: Record<Outcome, PlaceStatus> = {
  back_to_school: 'school',
  work: 'work',
  care: 'care',
  moved_out: 'moved_out',
  unreachable: 'unreachable',
};

/** The people who may own this young person's case: regional roles of the region with a legal basis for them. */
export async function ownerCandidates(deps: Pick<Deps, 'db' | 'clock'>, youthId: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<{ id: string; display_name: string; role: string }>`
    select u.id, u.display_name, acc.role
    from region_youth y
    join users u on u.status = 'active' and u.id in (select user_id from user_roles
      where role in ('rmc_trajectbegeleider', 'leerplichtambtenaar', 'jongerencoach', 'regional_coordinator'))
    join lateral ${accessLateral(sql.ref('u.id'), today)} acc on true
    where y.id = ${youthId}`.execute(deps.db);
  return r.rows
    .map((c) => ({ id: c.id, displayName: c.display_name, role: c.role }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
}

async function isEligibleOwner(trx: Transaction<DB>, youthId: string, userId: string, today: string) {
  const r = await sql<{ ok: boolean }>`
    select exists (select 1 from region_youth y join users u on u.id = ${userId} and u.status = 'active'
      join lateral ${accessLateral(userId, today)} acc on true where y.id = ${youthId}) as ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

/** The open case of a young person, locked; opened (without owner) when there is none. */
async function openCase(trx: Transaction<DB>, actor: Actor, youthId: string, now: Date) {
  // Lock the young person so two parallel first actions cannot both open a case.
  await trx.selectFrom('region_youth').select('id').where('id', '=', youthId).forUpdate().executeTakeFirstOrThrow();
  const open = await trx.selectFrom('region_cases').selectAll().where('youth_id', '=', youthId).where('closed_at', 'is', null).executeTakeFirst();
  if (open) return { case: open, created: false };
  const created = await trx
    .insertInto('region_cases')
    .values({ youth_id: youthId, owner_id: null, opened_at: now, opened_by: actor.userId, last_activity_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { case: created, created: true };
}

/** Assigns or changes the case owner; the owner history keeps who owned it when, and who decided. */
export async function assignCaseOwner(deps: D, actor: Actor, youth: YouthResource, ownerId: string, ip?: string) {
  const now = deps.clock.now();
  const today = schoolDate(now);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await isEligibleOwner(trx, youth.id, ownerId, today))) throw badRequest('region_owner_not_eligible', { userId: 'Kies een regionale medewerker met een grondslag voor deze jongere / choose a regional worker with a legal basis.' });
    const { case: c } = await openCase(trx, actor, youth.id, now);
    if (c.owner_id !== ownerId) {
      await trx.updateTable('region_case_owners').set({ ended_at: now }).where('case_id', '=', c.id).where('ended_at', 'is', null).execute();
      await trx.insertInto('region_case_owners').values({ case_id: c.id, owner_id: ownerId, assigned_by: actor.userId, assigned_at: now, ended_at: null }).execute();
      await trx.updateTable('region_cases').set({ owner_id: ownerId, last_activity_at: now }).where('id', '=', c.id).execute();
      await deps.audit.record(
        { action: 'region.case.owner', actorId: actor.userId, institutionId: youth.institutionId, studentId: youth.studentId, subjectType: 'region_youth', subjectId: youth.id, ip, details: { caseId: c.id, from: c.owner_id, to: ownerId } },
        trx,
      );
    }
    const owner = await trx.selectFrom('users').select(['id', 'display_name']).where('id', '=', ownerId).executeTakeFirstOrThrow();
    return { youthId: youth.id, caseId: c.id, caseOwner: { id: owner.id, displayName: owner.display_name } };
  });
}

/** Records an action (nazorg) in the case and, when given, the next follow-up date. */
export async function addCaseAction(deps: D, actor: Actor, youth: YouthResource, input: { kind: ActionKind; body: string; followUpOn?: string | null; meetingId?: string | null; serviceId?: string | null }, ip?: string, outer?: Transaction<DB>) {
  const now = deps.clock.now();
  const today = schoolDate(now);
  if (input.followUpOn && input.followUpOn < today) throw badRequest('region_follow_up_past', { followUpOn: 'Vandaag of later / today or later.' });
  const work = async (trx: Transaction<DB>) => {
    if (input.serviceId) {
      // only a service of the young person's own region's sociale kaart
      const service = await trx.selectFrom('region_services').select('id').where('id', '=', input.serviceId).where('rmc_region_id', '=', youth.rmcRegionId).executeTakeFirst();
      if (!service) throw badRequest('region_service_unknown', { serviceId: 'Niet op de sociale kaart van deze regio / not on this region\'s map.' });
    }
    const { case: c } = await openCase(trx, actor, youth.id, now);
    const action = await trx
      .insertInto('region_case_actions')
      .values({ case_id: c.id, kind: input.kind, body: input.body, follow_up_on: input.followUpOn ?? null, created_by: actor.userId, created_at: now, meeting_id: input.meetingId ?? null, service_id: input.serviceId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('region_cases')
      .set({ last_activity_at: now, ...(input.followUpOn !== undefined ? { follow_up_on: input.followUpOn } : {}) })
      .where('id', '=', c.id)
      .execute();
    await deps.audit.record(
      { action: 'region.case.action', actorId: actor.userId, institutionId: youth.institutionId, studentId: youth.studentId, subjectType: 'region_youth', subjectId: youth.id, ip, details: { caseId: c.id, kind: input.kind, meetingId: input.meetingId ?? null } },
      trx,
    );
    return { id: action.id, caseId: c.id, followUpOn: input.followUpOn ?? c.follow_up_on };
  };
  return outer ? work(outer) : deps.db.transaction().execute(work);
}

/**
 * Closes the case with its outcome. The outcome is also the young person's new place, kept in
 * the placement history, so the school they left can be told where they went.
 */
export async function closeCase(deps: D, actor: Actor, youth: YouthResource, input: { outcome: Outcome; note: string; since?: string }, ip?: string) {
  const now = deps.clock.now();
  const since = input.since ?? schoolDate(now);
  return deps.db.transaction().execute(async (trx) => {
    await trx.selectFrom('region_youth').select('id').where('id', '=', youth.id).forUpdate().executeTakeFirstOrThrow();
    const c = await trx.selectFrom('region_cases').select(['id']).where('youth_id', '=', youth.id).where('closed_at', 'is', null).executeTakeFirst();
    if (!c) throw conflict('region_case_not_open');
    await trx
      .updateTable('region_cases')
      .set({ closed_at: now, closed_by: actor.userId, outcome: input.outcome, outcome_note: input.note || null, last_activity_at: now, follow_up_on: null })
      .where('id', '=', c.id)
      .execute();
    await trx.updateTable('region_case_owners').set({ ended_at: now }).where('case_id', '=', c.id).where('ended_at', 'is', null).execute();
    const status = OUTCOME_STATUS[input.outcome];
    await trx.updateTable('region_youth').set({ status, since, reason: null, updated_at: now }).where('id', '=', youth.id).execute();
    await trx
      .insertInto('region_placements')
      .values({ youth_id: youth.id, status, since, reason: null, institution_id: null, institution_name: null, programme: null, level: null, programme_started_on: null, source: 'case_outcome', recorded_by: actor.userId, recorded_at: now })
      .execute();
    await deps.audit.record(
      { action: 'region.case.close', actorId: actor.userId, institutionId: youth.institutionId, studentId: youth.studentId, subjectType: 'region_youth', subjectId: youth.id, ip, details: { caseId: c.id, outcome: input.outcome } },
      trx,
    );
    return { caseId: c.id, outcome: input.outcome, status, since };
  });
}

/** Days a young person may be without a place and without a case owner before it is a signal. */
export const NO_OWNER_SIGNAL_DAYS = 14;

/**
 * Signals for the regional coordinator: open cases whose follow-up date passed without
 * activity, and young people without a place who have had no case owner for two weeks.
 */
export async function listSignals(deps: D, actor: Actor, ip?: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<{ kind: 'follow_up_overdue' | 'no_owner'; id: string; user_id: string | null; institution_id: string; given_name: string; family_name: string; case_id: string | null; owner_id: string | null; owner_name: string | null; follow_up_on: string | null; since: string; days: number }>`
    select case when ${overdueSql(today)} then 'follow_up_overdue' else 'no_owner' end as kind,
      y.id, y.user_id, acc.institution_id, y.given_name, y.family_name, c.id as case_id, c.owner_id, u.display_name as owner_name,
      to_char(c.follow_up_on, 'YYYY-MM-DD') as follow_up_on, to_char(y.since, 'YYYY-MM-DD') as since,
      case when ${overdueSql(today)} then (${today}::date - c.follow_up_on) else (${today}::date - y.since - ${NO_OWNER_SIGNAL_DAYS}::int) end::int as days
    from region_youth y
    join lateral ${accessLateral(actor.userId, today)} acc on true
    left join region_cases c on c.youth_id = y.id and c.closed_at is null
    left join users u on u.id = c.owner_id
    where ${overdueSql(today)}
      or (y.status = 'without_place' and c.owner_id is null and y.since <= ${today}::date - ${NO_OWNER_SIGNAL_DAYS}::int)
    order by days desc, y.id
    limit 500`.execute(deps.db);
  for (const s of r.rows) {
    deps.audit.recordRead({ action: 'region.signals.read', actorId: actor.userId, studentId: s.user_id, institutionId: s.institution_id, subjectType: 'region_youth', subjectId: s.id, ip });
  }
  return {
    items: r.rows.map((s) => ({
      kind: s.kind,
      youthId: s.id,
      name: `${s.given_name} ${s.family_name}`,
      caseId: s.case_id,
      owner: s.owner_id ? { id: s.owner_id, displayName: s.owner_name ?? '' } : null,
      followUpOn: s.follow_up_on,
      since: s.since,
      daysOverdue: Number(s.days),
    })),
    nextCursor: null,
  };
}
