import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import { renderCalendar, type CalendarEvent } from './ical.js';
import { formatWhen, mailNotifications, notify, type NewNotification } from './notifications.js';
import type { AppointmentKind, InvitationResponse } from './tables.js';

/**
 * The agenda: appointments (conversations, internship visits, LOB activities) with invitations,
 * reminders in the app and by e-mail, and a per-person iCalendar feed at a secret address.
 */
type D = Pick<Deps, 'db' | 'clock' | 'audit' | 'mailer' | 'config'>;

export interface AgendaItem {
  id: string;
  kind: AppointmentKind;
  title: string;
  location: string;
  startsAt: string;
  endsAt: string;
  organiser: { id: string; displayName: string } | null;
  student: { id: string; displayName: string } | null;
  conversationId: string | null;
  myResponse: InvitationResponse | null;
  isOrganiser: boolean;
  confirmedAt: string | null;
  canConfirm: boolean;
  invitees: { id: string; displayName: string; response: InvitationResponse }[];
  /** raised on every change, so calendar apps replace their copy (iCalendar SEQUENCE) */
  sequence: number;
  /** only in the calendar feed, so calendar apps remove a cancelled appointment */
  cancelled: boolean;
}

/**
 * The appointments a person organises or is invited to, from `from` on, in one query. A
 * praktijkopleider may also confirm an internship visit of their current intern.
 */
export async function listAgenda(deps: Pick<Deps, 'db' | 'clock'>, userId: string, from: Date, to: Date, opts: { includeCancelled?: boolean } = {}): Promise<AgendaItem[]> {
  const r = await sql<any>`
    select a.id, a.kind, a.title, a.location, a.starts_at, a.ends_at, a.conversation_id, a.confirmed_at, a.sequence, a.cancelled_at is not null as cancelled,
      a.organiser_id = ${userId} as is_organiser, mi.response as my_response,
      case when o.id is null then null else json_build_object('id', o.id, 'displayName', o.display_name) end as organiser,
      case when s.id is null then null else json_build_object('id', s.id, 'displayName', s.display_name) end as student,
      (a.kind = 'internship_visit' and exists (select 1 from internships i where i.student_id = a.student_id
        and i.praktijkopleider_id = ${userId} and a.starts_at::date between i.starts_on and i.ends_on)) as can_confirm,
      coalesce((select json_agg(json_build_object('id', iu.id, 'displayName', iu.display_name, 'response', ii.response) order by iu.display_name)
        from guidance_invitations ii join users iu on iu.id = ii.user_id where ii.appointment_id = a.id), '[]'::json) as invitees
    from guidance_appointments a
    left join guidance_invitations mi on mi.appointment_id = a.id and mi.user_id = ${userId}
    left join users o on o.id = a.organiser_id
    left join users s on s.id = a.student_id
    where (a.cancelled_at is null or ${opts.includeCancelled === true}) and a.ends_at >= ${from} and a.starts_at < ${to}
      and (a.organiser_id = ${userId} or mi.user_id is not null)
    order by a.starts_at, a.id
    limit 200`.execute(deps.db);
  return r.rows.map(toAgendaItem);
}

function toAgendaItem(row: any): AgendaItem {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    location: row.location,
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    organiser: row.organiser,
    student: row.student,
    conversationId: row.conversation_id,
    myResponse: row.my_response ?? null,
    isOrganiser: !!row.is_organiser,
    confirmedAt: row.confirmed_at ? new Date(row.confirmed_at).toISOString() : null,
    canConfirm: !!row.can_confirm,
    invitees: row.invitees,
    sequence: Number(row.sequence),
    cancelled: !!row.cancelled,
  };
}

/** A student's upcoming appointments, for the student, their mentor and a parent who may see the record. */
export async function listStudentAppointments(deps: Pick<Deps, 'db' | 'clock'>, studentId: string) {
  const rows = await deps.db
    .selectFrom('guidance_appointments as a')
    .leftJoin('users as o', 'o.id', 'a.organiser_id')
    .select(['a.id', 'a.kind', 'a.title', 'a.location', 'a.starts_at', 'a.ends_at', 'a.confirmed_at', 'o.display_name as organiser'])
    .where('a.cancelled_at', 'is', null)
    .where('a.ends_at', '>=', deps.clock.now())
    .where((eb) => eb.or([eb('a.student_id', '=', studentId), eb.exists(eb.selectFrom('guidance_invitations as i').select('i.user_id').whereRef('i.appointment_id', '=', 'a.id').where('i.user_id', '=', studentId))]))
    .orderBy('a.starts_at')
    .limit(50)
    .execute();
  return rows.map((a) => ({ id: a.id, kind: a.kind, title: a.title, location: a.location, startsAt: a.starts_at.toISOString(), endsAt: a.ends_at.toISOString(), organiser: a.organiser, confirmed: a.confirmed_at !== null }));
}

export interface NewAppointment {
  kind: Exclude<AppointmentKind, 'conversation'>;
  title: string;
  location: string;
  startsAt: string;
  endsAt: string;
  studentId?: string | null;
  inviteeIds: string[];
}

/**
 * Staff plan an appointment. Invitees must belong to an institution in which the organiser
 * holds a staff role; an internship visit is about one student and invites their praktijkopleider.
 */
export async function createAppointment(deps: D, actor: Actor, input: NewAppointment, ip?: string) {
  const staffInstitutions = actor.roles.filter((r) => ['mentor', 'docent', 'lob_coordinator'].includes(r.role)).map((r) => r.institutionId);
  const invitees = [...new Set(input.inviteeIds.filter((id) => id !== actor.userId))];
  const now = deps.clock.now();
  const starts = new Date(input.startsAt);
  const ends = new Date(input.endsAt);
  if (ends <= starts) throw badRequest('validation_failed', { endsAt: 'ends_before_start' });
  const known = invitees.length === 0 ? [] : await deps.db
    .selectFrom('user_roles').select('user_id').distinct()
    .where('user_id', 'in', invitees).where('institution_id', 'in', staffInstitutions).execute();
  if (known.length !== invitees.length) throw badRequest('validation_failed', { inviteeIds: 'unknown_invitee' });
  if (input.kind === 'internship_visit' && !input.studentId) throw badRequest('validation_failed', { studentId: 'required' });
  if (input.studentId) {
    const s = await deps.db.selectFrom('user_roles').select('user_id').where('user_id', '=', input.studentId).where('role', '=', 'student').where('institution_id', 'in', staffInstitutions).executeTakeFirst();
    if (!s) throw badRequest('validation_failed', { studentId: 'unknown_student' });
    if (input.kind === 'internship_visit') invitees.push(...(await visitInvitees(deps, input.studentId, starts, invitees)));
  }
  const notes: NewNotification[] = [];
  const created = await deps.db.transaction().execute(async (trx) => {
    const a = await trx
      .insertInto('guidance_appointments')
      .values({ institution_id: staffInstitutions[0], organiser_id: actor.userId, kind: input.kind, title: input.title, location: input.location, starts_at: starts, ends_at: ends, student_id: input.studentId ?? null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('guidance_invitations').values([{ appointment_id: a.id, user_id: actor.userId, response: 'accepted', responded_at: now }, ...invitees.map((id) => ({ appointment_id: a.id, user_id: id }))]).execute();
    notes.push(...invitees.map((id) => ({ userId: id, kind: 'appointment_invited' as const, params: { title: input.title, when: formatWhen(starts) }, link: '/agenda' })));
    await notify(trx, notes, now);
    await deps.audit.record({ action: 'guidance.appointment.create', actorId: actor.userId, studentId: input.studentId ?? null, subjectType: 'appointment', subjectId: a.id, ip }, trx);
    return a;
  });
  await mailNotifications(deps, notes);
  return { id: created.id };
}

/**
 * An internship visit is about one student at their internship: the student and the
 * praktijkopleider of the internship running on the day of the visit are invited too.
 */
async function visitInvitees(deps: Pick<Deps, 'db'>, studentId: string, starts: Date, already: string[]): Promise<string[]> {
  const day = schoolDate(starts);
  const rows = await deps.db
    .selectFrom('internships')
    .select('praktijkopleider_id')
    .where('student_id', '=', studentId)
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day)
    .where('praktijkopleider_id', 'is not', null)
    .execute();
  const ids = [studentId, ...rows.map((r) => r.praktijkopleider_id!)];
  return [...new Set(ids)].filter((id) => !already.includes(id));
}

/**
 * Whom a staff member may invite from the planning screen: the students of the groups they
 * mentor or teach in (today), each with the praktijkopleider of a running internship, in one query.
 */
export async function listInvitees(deps: Pick<Deps, 'db' | 'clock'>, userId: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<{ id: string; code: string; name: string; students: { id: string; displayName: string; praktijkopleider: { id: string; displayName: string } | null }[] }>`
    select g.id, g.code, g.name,
      coalesce((select json_agg(json_build_object('id', u.id, 'displayName', u.display_name, 'praktijkopleider',
          (select json_build_object('id', pu.id, 'displayName', pu.display_name) from internships i join users pu on pu.id = i.praktijkopleider_id
            where i.student_id = u.id and ${today}::date between i.starts_on and i.ends_on order by i.starts_on desc limit 1))
          order by u.display_name)
        from enrolments e join users u on u.id = e.student_id
        where e.group_id = g.id and u.status = 'active' and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)), '[]'::json) as students
    from groups g
    where exists (select 1 from group_mentors gm where gm.group_id = g.id and gm.user_id = ${userId})
      or exists (select 1 from programmes p join team_members tm on tm.team_id = p.team_id and tm.user_id = ${userId}
                 join user_roles ur on ur.user_id = tm.user_id and ur.institution_id = g.institution_id and ur.role in ('docent', 'mentor')
                 where p.id = g.programme_id)
    order by exists (select 1 from group_mentors gm where gm.group_id = g.id and gm.user_id = ${userId}) desc, g.code`.execute(deps.db);
  return { groups: r.rows.map((g) => ({ id: g.id, code: g.code, name: g.name, students: g.students })) };
}

export async function respondToAppointment(deps: D, actor: Actor, appointmentId: string, response: 'accepted' | 'declined') {
  const now = deps.clock.now();
  const notes: NewNotification[] = [];
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('guidance_invitations').set({ response, responded_at: now }).where('appointment_id', '=', appointmentId).where('user_id', '=', actor.userId).execute();
    const a = await trx.selectFrom('guidance_appointments').select(['organiser_id', 'title']).where('id', '=', appointmentId).executeTakeFirstOrThrow();
    if (a.organiser_id && a.organiser_id !== actor.userId) {
      notes.push({ userId: a.organiser_id, kind: 'appointment_response', params: { name: actor.displayName, response, title: a.title }, link: '/agenda' });
      await notify(trx, notes, now);
    }
  });
  await mailNotifications(deps, notes);
}

export async function cancelAppointment(deps: Pick<Deps, 'db' | 'clock' | 'audit'>, actor: Actor, appointmentId: string, ip?: string) {
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('guidance_appointments').set((eb) => ({ cancelled_at: deps.clock.now(), sequence: eb('sequence', '+', 1) })).where('id', '=', appointmentId).execute();
    await trx.updateTable('guidance_conversations').set({ status: 'cancelled' })
      .where('id', '=', (eb) => eb.selectFrom('guidance_appointments').select('conversation_id').where('id', '=', appointmentId))
      .where('status', '=', 'planned').execute();
    await deps.audit.record({ action: 'guidance.appointment.cancel', actorId: actor.userId, subjectType: 'appointment', subjectId: appointmentId, ip }, trx);
  });
}

/** The praktijkopleider confirms an internship visit; the organiser hears of it. */
export async function confirmVisit(deps: D, actor: Actor, appointmentId: string) {
  const now = deps.clock.now();
  const notes: NewNotification[] = [];
  await deps.db.transaction().execute(async (trx) => {
    const a = await trx
      .updateTable('guidance_appointments')
      .set((eb) => ({ confirmed_by: actor.userId, confirmed_at: now, sequence: eb('sequence', '+', 1) }))
      .where('id', '=', appointmentId)
      .returning(['organiser_id', 'title'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('guidance_invitations')
      .values({ appointment_id: appointmentId, user_id: actor.userId, response: 'accepted', responded_at: now })
      .onConflict((oc) => oc.columns(['appointment_id', 'user_id']).doUpdateSet({ response: 'accepted', responded_at: now }))
      .execute();
    if (a.organiser_id) {
      notes.push({ userId: a.organiser_id, kind: 'visit_confirmed', params: { title: a.title }, link: '/agenda' });
      await notify(trx, notes, now);
    }
  });
  await mailNotifications(deps, notes);
}

const REMINDER_HOURS = 24;

/**
 * Reminders for appointments that start within a day, once per invitee who did not decline:
 * a notification in the app and, if wanted, an e-mail. Sent once: the update that claims an
 * invitation (reminded_at is null) is the guarantee, also when two processes run it at the same
 * time. The reminder scheduler (scheduler.ts) calls it every minute.
 */
export async function sendDueReminders(deps: D): Promise<number> {
  const nowMs = deps.clock.now().getTime();
  const now = deps.clock.now();
  const horizon = new Date(nowMs + REMINDER_HOURS * 3_600_000);
  const notes: NewNotification[] = [];
  await deps.db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable('guidance_invitations as i')
      .from('guidance_appointments as a')
      .set({ reminded_at: now })
      .whereRef('a.id', '=', 'i.appointment_id')
      .where('a.cancelled_at', 'is', null)
      .where('a.starts_at', '>', now)
      .where('a.starts_at', '<=', horizon)
      .where('i.reminded_at', 'is', null)
      .where('i.response', '<>', 'declined')
      .returning(['i.user_id', 'a.title', 'a.starts_at', 'a.conversation_id'])
      .execute();
    notes.push(...due.map((d) => ({ userId: d.user_id, kind: 'appointment_reminder' as const, params: { title: d.title, when: formatWhen(d.starts_at) }, link: d.conversation_id ? `/gesprekken/${d.conversation_id}` : '/agenda' })));
    await notify(trx, notes, now);
  });
  await mailNotifications(deps, notes);
  return notes.length;
}

// ---------------------------------------------------------------- iCalendar feed

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A new secret address for the person's feed; the previous one stops working at once. */
export async function createCalendarToken(deps: Pick<Deps, 'db' | 'clock' | 'audit' | 'config'>, actor: Actor, ip?: string) {
  const token = crypto.randomBytes(24).toString('base64url');
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('guidance_calendar_tokens').set({ revoked_at: deps.clock.now() }).where('user_id', '=', actor.userId).where('revoked_at', 'is', null).execute();
    await trx.insertInto('guidance_calendar_tokens').values({ user_id: actor.userId, token_hash: hashToken(token), created_at: deps.clock.now() }).execute();
    await deps.audit.record({ action: 'guidance.calendar.token_created', actorId: actor.userId, subjectType: 'user', subjectId: actor.userId, ip }, trx);
  });
  return { url: `${deps.config.publicUrl}/api/v1/calendar/${token}.ics`, active: true };
}

export async function revokeCalendarToken(deps: Pick<Deps, 'db' | 'clock' | 'audit'>, actor: Actor, ip?: string) {
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('guidance_calendar_tokens').set({ revoked_at: deps.clock.now() }).where('user_id', '=', actor.userId).where('revoked_at', 'is', null).execute();
    await deps.audit.record({ action: 'guidance.calendar.token_revoked', actorId: actor.userId, subjectType: 'user', subjectId: actor.userId, ip }, trx);
  });
}

export async function calendarTokenStatus(deps: Pick<Deps, 'db'>, userId: string) {
  const row = await deps.db.selectFrom('guidance_calendar_tokens').select('created_at').where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return { active: !!row, createdAt: row ? row.created_at.toISOString() : null };
}

/** The feed for a secret token; null for an unknown or revoked token (the route answers 404). */
export async function calendarFeed(deps: Pick<Deps, 'db' | 'clock' | 'config'>, token: string): Promise<string | null> {
  const owner = await deps.db
    .selectFrom('guidance_calendar_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.status'])
    .where('t.token_hash', '=', hashToken(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!owner || owner.status !== 'active') return null;
  const now = deps.clock.now();
  // Cancelled appointments stay in the feed as CANCELLED (with a higher SEQUENCE), so phones drop them.
  const items = await listAgenda(deps, owner.id, new Date(now.getTime() - 30 * 86_400_000), new Date(now.getTime() + 365 * 86_400_000), { includeCancelled: true });
  const host = new URL(deps.config.publicUrl).hostname;
  const events: CalendarEvent[] = items
    .filter((i) => i.myResponse !== 'declined')
    .map((i) => ({
      uid: `${i.id}@${host}`,
      sequence: i.sequence,
      start: new Date(i.startsAt),
      end: new Date(i.endsAt),
      // The feed lives outside Koers (in a phone's calendar): the title and place, no notes.
      summary: i.title,
      location: i.location,
      description: `${deps.config.publicUrl}/agenda`,
      status: i.cancelled ? 'CANCELLED' : i.myResponse === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
    }));
  return renderCalendar({ name: 'Koers', events, stamp: now });
}
