import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest, registerErrorMessages } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import { accessLateral } from './access.js';
import { addCaseAction } from './cases.js';
import type { MeetingResource, YouthResource } from './policy.js';
import type { ActionKind, MeetingKind } from './tables.js';

type D = Pick<Deps, 'db' | 'clock' | 'audit'>;

registerErrorMessages({
  region_meeting_youth: {
    nl: 'Je kunt alleen jongeren agenderen voor wie je zelf een wettelijke grondslag hebt.',
    en: 'You can only put young people on the agenda you have a legal basis for yourself.',
  },
  region_meeting_participant: { nl: 'Een deelnemer bestaat niet.', en: 'A participant does not exist.' },
  region_meeting_not_running: { nl: 'Dit overleg loopt nu niet.', en: 'This meeting is not running now.' },
  region_meeting_not_on_agenda: { nl: 'Deze jongere staat niet op de agenda van dit overleg.', en: 'This young person is not on the agenda of this meeting.' },
});

export interface MeetingInput {
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt: string;
  participantIds: string[];
  youthIds: string[];
}

/**
 * Plans a meeting in the organiser's region. The organiser may only put young people on the
 * agenda they have a legal basis for; participants (school care coordinators, jongerencoaches,
 * partners) then see exactly those young people, and only while the meeting runs.
 */
export async function createMeeting(deps: D, actor: Actor, org: { id: string; rmc_region_id: string }, input: MeetingInput, ip?: string) {
  const now = deps.clock.now();
  const today = schoolDate(now);
  if (new Date(input.endsAt) <= new Date(input.startsAt)) throw badRequest('validation_failed', { endsAt: 'Het einde moet na het begin liggen / the end must be after the start.' });
  const youthIds = [...new Set(input.youthIds)];
  const participantIds = [...new Set([actor.userId, ...input.participantIds])];
  return deps.db.transaction().execute(async (trx) => {
    if (youthIds.length) {
      const ok = await sql<{ id: string }>`
        select y.id from region_youth y join lateral ${accessLateral(actor.userId, today)} acc on true
        where y.id = any(${youthIds}::uuid[]) and y.rmc_region_id = ${org.rmc_region_id}`.execute(trx);
      if (ok.rows.length !== youthIds.length) throw badRequest('region_meeting_youth', { youthIds: 'Alleen jongeren met grondslag / only young people you have a basis for.' });
    }
    const users = await trx.selectFrom('users').select('id').where('id', 'in', participantIds).where('status', '=', 'active').execute();
    if (users.length !== participantIds.length) throw badRequest('region_meeting_participant', { participantIds: 'Onbekende deelnemer / unknown participant.' });
    const m = await trx
      .insertInto('region_meetings')
      .values({ rmc_region_id: org.rmc_region_id, kind: input.kind, title: input.title, starts_at: new Date(input.startsAt), ends_at: new Date(input.endsAt), created_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('region_meeting_participants').values(participantIds.map((user_id) => ({ meeting_id: m.id, user_id }))).execute();
    if (youthIds.length) await trx.insertInto('region_meeting_items').values(youthIds.map((youth_id) => ({ meeting_id: m.id, youth_id, added_by: actor.userId, added_at: now }))).execute();
    await deps.audit.record({ action: 'region.meeting.create', actorId: actor.userId, institutionId: org.id, subjectType: 'region_meeting', subjectId: m.id, ip, details: { kind: input.kind, participants: participantIds.length, youth: youthIds.length } }, trx);
    return { id: m.id };
  });
}

/** Loads a meeting with the reader's relation to it. */
export async function loadMeetingResource(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, meetingId: string): Promise<MeetingResource | null> {
  const now = deps.clock.now();
  const r = await sql<{ id: string; rmc_region_id: string; created_by: string | null; participant: boolean; running: boolean; regional: boolean }>`
    select m.id, m.rmc_region_id, m.created_by,
      exists (select 1 from region_meeting_participants p where p.meeting_id = m.id and p.user_id = ${actor.userId}) as participant,
      (m.starts_at <= ${now} and m.ends_at > ${now}) as running,
      exists (select 1 from user_roles ur join institutions gi on gi.id = ur.institution_id and gi.type = 'gemeente'
        where ur.user_id = ${actor.userId} and gi.rmc_region_id = m.rmc_region_id
          and ur.role in ('rmc_trajectbegeleider', 'leerplichtambtenaar', 'jongerencoach', 'regional_coordinator')) as regional
    from region_meetings m where m.id = ${meetingId}`.execute(deps.db);
  const m = r.rows[0];
  if (!m) return null;
  return { id: m.id, rmcRegionId: m.rmc_region_id, participant: m.participant, running: m.running, regionalStaff: m.regional, organiser: m.created_by === actor.userId, private: !(m.participant || m.regional || m.created_by === actor.userId) };
}

/** The meetings the reader takes part in or organised, newest first. */
export async function listMeetings(deps: D, actor: Actor) {
  const r = await sql<{ id: string; kind: MeetingKind; title: string; starts_at: Date; ends_at: Date; participants: number; items: number }>`
    select m.id, m.kind, m.title, m.starts_at, m.ends_at,
      (select count(*) from region_meeting_participants p where p.meeting_id = m.id)::int as participants,
      (select count(*) from region_meeting_items i where i.meeting_id = m.id)::int as items
    from region_meetings m
    where m.created_by = ${actor.userId}
      or exists (select 1 from region_meeting_participants p where p.meeting_id = m.id and p.user_id = ${actor.userId})
    order by m.starts_at desc limit 200`.execute(deps.db);
  const now = deps.clock.now();
  return {
    items: r.rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      startsAt: new Date(m.starts_at).toISOString(),
      endsAt: new Date(m.ends_at).toISOString(),
      running: new Date(m.starts_at) <= now && new Date(m.ends_at) > now,
      participants: Number(m.participants),
      agendaItems: Number(m.items),
    })),
    nextCursor: null,
  };
}

/**
 * One meeting. The agenda's young people are shown to a participant only while the meeting
 * runs; regional staff see the items they have a legal basis for at any time. Each young
 * person shown is an audited read.
 */
export async function getMeeting(deps: D, actor: Actor, m: MeetingResource, ip?: string) {
  const now = deps.clock.now();
  const today = schoolDate(now);
  const meeting = await deps.db.selectFrom('region_meetings').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
  const participants = await sql<{ id: string; display_name: string }>`
    select u.id, u.display_name from region_meeting_participants p join users u on u.id = p.user_id
    where p.meeting_id = ${m.id} order by u.display_name`.execute(deps.db);
  const items = await sql<{ id: string; youth_id: string; given_name: string; family_name: string; user_id: string | null; decision: string; basis: string | null; institution_id: string | null }>`
    select i.id, i.youth_id, y.given_name, y.family_name, y.user_id, i.decision, acc.basis, acc.institution_id
    from region_meeting_items i join region_youth y on y.id = i.youth_id
    left join lateral ${accessLateral(actor.userId, today)} acc on true
    where i.meeting_id = ${m.id} order by i.added_at, i.id`.execute(deps.db);
  const visible = items.rows.filter((i) => i.basis !== null || (m.participant && m.running));
  for (const i of visible) {
    deps.audit.recordRead({ action: 'region.meeting.read', actorId: actor.userId, studentId: i.user_id, institutionId: i.institution_id, subjectType: 'region_youth', subjectId: i.youth_id, ip, details: { meetingId: m.id } });
  }
  return {
    id: meeting.id,
    kind: meeting.kind,
    title: meeting.title,
    startsAt: new Date(meeting.starts_at).toISOString(),
    endsAt: new Date(meeting.ends_at).toISOString(),
    running: m.running,
    participants: participants.rows.map((p) => ({ id: p.id, displayName: p.display_name })),
    agenda: visible.map((i) => ({ itemId: i.id, youthId: i.youth_id, name: `${i.given_name} ${i.family_name}`, decision: i.decision })),
    /** items the reader cannot see now (outside the window, or no basis) */
    hiddenItems: items.rows.length - visible.length,
  };
}

/**
 * Records the meeting's decision about a young person on its agenda and, when given, the
 * follow-up action, which lands in the young person's case. Only while the meeting runs.
 */
export async function recordDecision(deps: D, actor: Actor, m: MeetingResource, youthId: string, input: { decision: string; action?: { kind: ActionKind; body: string; followUpOn?: string | null } }, ip?: string) {
  return deps.db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('region_meeting_items').select(['id']).where('meeting_id', '=', m.id).where('youth_id', '=', youthId).forUpdate().executeTakeFirst();
    if (!item) throw badRequest('region_meeting_not_on_agenda', { youthId: 'Niet op de agenda / not on the agenda.' });
    await trx.updateTable('region_meeting_items').set({ decision: input.decision }).where('id', '=', item.id).execute();
    const y = await trx.selectFrom('region_youth').select(['id', 'rmc_region_id', 'user_id']).where('id', '=', youthId).executeTakeFirstOrThrow();
    const youth: YouthResource = { id: y.id, rmcRegionId: y.rmc_region_id, ...(y.user_id ? { studentId: y.user_id } : {}), legalBasis: null, viaRole: null, inMeetingWindow: true, private: true };
    let action = null;
    if (input.action) action = await addCaseAction(deps, actor, youth, { ...input.action, meetingId: m.id }, ip, trx);
    else await deps.audit.record({ action: 'region.meeting.decision', actorId: actor.userId, studentId: y.user_id, subjectType: 'region_youth', subjectId: y.id, ip, details: { meetingId: m.id } }, trx);
    return { itemId: item.id, decision: input.decision, action };
  });
}
