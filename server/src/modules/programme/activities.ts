import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import type { Competence } from '../portfolio/schema.js';
import type { ActivityKind, CreateActivityInput, Dimension } from './schema.js';
import { mirrorParticipationToAttendance, tookPart } from './attendance.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

export interface ActivityView {
  id: string;
  kind: ActivityKind;
  title: string;
  description: string;
  competencies: Competence[];
  /** the burgerschap dimensions it addresses */
  dimensions: Dimension[];
  startsAt: string;
  endsAt: string;
  location: string;
  capacity: number | null;
  organiser: { id: string; displayName: string } | null;
  audience: { programmeIds: string[]; levels: number[]; cohortIds: string[] };
  registered: number;
  waitlisted: number;
  /** the signed-in student's own sign-up */
  mySignup: { status: 'registered' | 'waitlisted'; position: number | null; attended: boolean | null } | null;
  canManage: boolean;
}

const ACTIVITY_SELECT = (actorId: string) => sql`
  a.id, a.kind, a.title, a.description, a.competencies, a.dimensions, a.starts_at, a.ends_at, a.location, a.capacity,
  a.organiser_id, o.display_name as organiser_name, a.audience_programme_ids, a.audience_levels, a.audience_cohort_ids, a.institution_id,
  (select count(*) from lob_activity_signups s where s.activity_id = a.id and s.status = 'registered') as registered,
  (select count(*) from lob_activity_signups s where s.activity_id = a.id and s.status = 'waitlisted') as waitlisted,
  (select json_build_object('status', m.status, 'attended', m.attended,
      'position', case when m.status = 'waitlisted' then
        (select count(*) from lob_activity_signups w where w.activity_id = a.id and w.status = 'waitlisted' and w.seq <= m.seq) end)
    from lob_activity_signups m where m.activity_id = a.id and m.student_id = ${actorId} and m.status <> 'cancelled') as my_signup`;

function toView(row: any, canManage: boolean): ActivityView {
  const mine = typeof row.my_signup === 'string' ? JSON.parse(row.my_signup) : row.my_signup;
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    competencies: row.competencies,
    dimensions: row.dimensions ?? [],
    startsAt: new Date(row.starts_at).toISOString(),
    endsAt: new Date(row.ends_at).toISOString(),
    location: row.location,
    capacity: row.capacity === null ? null : Number(row.capacity),
    organiser: row.organiser_id ? { id: row.organiser_id, displayName: row.organiser_name } : null,
    audience: { programmeIds: row.audience_programme_ids, levels: row.audience_levels.map(Number), cohortIds: row.audience_cohort_ids },
    registered: Number(row.registered),
    waitlisted: Number(row.waitlisted),
    mySignup: mine ? { status: mine.status, attended: mine.attended, position: mine.position === null ? null : Number(mine.position) } : null,
    canManage,
  };
}

/** The institutions in which the actor holds one of the given roles. */
export const institutionsWhere = (actor: Actor, roles: readonly string[]) =>
  [...new Set(actor.roles.filter((r) => roles.includes(r.role)).map((r) => r.institutionId))];

/** SQL: the activity's audience includes the student (empty lists mean everyone). */
const inAudience = (studentId: string, today: string) => sql`exists (
  select 1 from enrolments e left join programmes p on p.id = e.programme_id
  where e.student_id = ${studentId} and e.institution_id = a.institution_id
    and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)
    and (cardinality(a.audience_programme_ids) = 0 or e.programme_id = any(a.audience_programme_ids))
    and (cardinality(a.audience_levels) = 0 or p.level = any(a.audience_levels))
    and (cardinality(a.audience_cohort_ids) = 0 or e.cohort_id = any(a.audience_cohort_ids)))`;

const STAFF = ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'];
const MANAGERS = ['lob_coordinator', 'manager', 'institution_admin'];

function encodeCursor(startsAt: Date | string, id: string) {
  return Buffer.from(`${new Date(startsAt).toISOString()}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string) {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) throw badRequest('validation_failed', { cursor: 'invalid_cursor' });
  return { at, id };
}

/**
 * The catalogue: staff see every activity of their institutions; a student sees those whose
 * audience includes them. Filtered in SQL, soonest first, one page at a time.
 */
export async function listActivities(deps: Ctx, actor: Actor, opts: { limit: number; cursor?: string; past: boolean }) {
  const staffIn = institutionsWhere(actor, STAFF);
  const studentIn = institutionsWhere(actor, ['student']);
  const managerIn = institutionsWhere(actor, MANAGERS);
  const today = schoolDate(deps.clock.now());
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const visible = sql`(a.institution_id = any(${staffIn}::uuid[])
    or (a.institution_id = any(${studentIn}::uuid[]) and ${inAudience(actor.userId, today)}))`;
  const r = await sql<any>`
    select ${ACTIVITY_SELECT(actor.userId)}
    from lob_activities a left join users o on o.id = a.organiser_id
    where ${visible}
      ${opts.past ? sql`` : sql`and a.ends_at >= ${deps.clock.now()}`}
      ${after ? sql`and (a.starts_at, a.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
    order by a.starts_at, a.id
    limit ${opts.limit + 1}`.execute(deps.db);
  const rows = r.rows.slice(0, opts.limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => toView(row, row.organiser_id === actor.userId || managerIn.includes(row.institution_id))),
    nextCursor: r.rows.length > opts.limit && last ? encodeCursor(last.starts_at, last.id) : null,
  };
}

/** One activity, as the actor may see it; the route has checked the actor may. */
export async function getActivity(deps: Ctx, actor: Actor, id: string, canManage: boolean): Promise<ActivityView> {
  const r = await sql<any>`select ${ACTIVITY_SELECT(actor.userId)} from lob_activities a left join users o on o.id = a.organiser_id where a.id = ${id}`.execute(deps.db);
  return toView(r.rows[0], canManage);
}

export async function createActivity(deps: Ctx, actor: Actor, institutionId: string, input: CreateActivityInput, ip?: string) {
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('lob_activities')
      .values({
        institution_id: institutionId,
        kind: input.kind,
        title: input.title,
        description: input.description,
        competencies: input.competencies,
        dimensions: input.dimensions,
        starts_at: new Date(input.startsAt),
        ends_at: new Date(input.endsAt),
        location: input.location,
        capacity: input.capacity,
        organiser_id: actor.userId,
        audience_programme_ids: input.audience.programmeIds,
        audience_levels: input.audience.levels,
        audience_cohort_ids: input.audience.cohortIds,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record({ action: 'programme.activity.create', actorId: actor.userId, institutionId, subjectType: 'lob_activity', subjectId: row.id, ip }, trx);
    return row.id;
  });
  return getActivity(deps, actor, id, true);
}

export type SignupResult = { status: 'registered' | 'waitlisted'; position: number | null };

/**
 * A student signs up. The activity row is locked for the rest of the transaction, so two
 * students taking the last place at once cannot both get it. When it is full the sign-up is
 * refused (409 activity_full) unless the student asked for the waiting list.
 */
export async function signUp(deps: Ctx, actor: Actor, activityId: string, waitlist: boolean): Promise<SignupResult> {
  const now = deps.clock.now();
  const today = schoolDate(now);
  return deps.db.transaction().execute(async (trx) => {
    const a = await sql<{ capacity: number | null; starts_at: Date; eligible: boolean }>`
      select a.capacity, a.starts_at, ${inAudience(actor.userId, today)} as eligible
      from lob_activities a where a.id = ${activityId} for update`.execute(trx);
    const activity = a.rows[0];
    if (!activity || !activity.eligible) throw notFound();
    if (new Date(activity.starts_at) <= now) throw conflict('activity_started');
    const existing = await trx
      .selectFrom('lob_activity_signups')
      .select('status')
      .where('activity_id', '=', activityId)
      .where('student_id', '=', actor.userId)
      .executeTakeFirst();
    if (existing && existing.status !== 'cancelled') throw conflict('already_signed_up');
    const taken = await trx
      .selectFrom('lob_activity_signups')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('activity_id', '=', activityId)
      .where('status', '=', 'registered')
      .executeTakeFirstOrThrow();
    const full = activity.capacity !== null && Number(taken.n) >= Number(activity.capacity);
    if (full && !waitlist) throw new AppError(409, 'activity_full', { waitlist: 'available' });
    const status = full ? 'waitlisted' : 'registered';
    // A fresh row (new seq) puts someone who cancelled earlier at the back of the list.
    await trx.deleteFrom('lob_activity_signups').where('activity_id', '=', activityId).where('student_id', '=', actor.userId).execute();
    await trx
      .insertInto('lob_activity_signups')
      .values({ activity_id: activityId, student_id: actor.userId, status, signed_up_at: now, attended: null, recorded_by: null, recorded_at: null })
      .execute();
    if (status === 'registered') return { status, position: null };
    const pos = await trx
      .selectFrom('lob_activity_signups')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('activity_id', '=', activityId)
      .where('status', '=', 'waitlisted')
      .executeTakeFirstOrThrow();
    return { status, position: Number(pos.n) };
  });
}

/**
 * A student cancels. When a place frees up, the first on the waiting list gets it, in the same
 * transaction under the same row lock, so a place is never given twice or lost.
 */
export async function cancelSignup(deps: Ctx, actor: Actor, activityId: string): Promise<{ promoted: string | null }> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const a = await sql<{ starts_at: Date; capacity: number | null }>`select starts_at, capacity from lob_activities where id = ${activityId} for update`.execute(trx);
    if (!a.rows[0]) throw notFound();
    if (new Date(a.rows[0].starts_at) <= now) throw conflict('activity_started');
    const cancelled = await trx
      .updateTable('lob_activity_signups')
      .set({ status: 'cancelled' })
      .where('activity_id', '=', activityId)
      .where('student_id', '=', actor.userId)
      .where('status', '<>', 'cancelled')
      .returning('status')
      .executeTakeFirst();
    if (!cancelled) throw notFound();
    const promoted = await sql<{ student_id: string }>`
      update lob_activity_signups set status = 'registered'
      where activity_id = ${activityId} and student_id = (
        select w.student_id from lob_activity_signups w where w.activity_id = ${activityId} and w.status = 'waitlisted'
        order by w.seq limit 1)
        and (${a.rows[0].capacity}::int is null or (select count(*) from lob_activity_signups r
             where r.activity_id = ${activityId} and r.status = 'registered') < ${a.rows[0].capacity}::int)
      returning student_id`.execute(trx);
    return { promoted: promoted.rows[0]?.student_id ?? null };
  });
}

export interface Participant {
  studentId: string;
  displayName: string;
  groupCode: string | null;
  status: 'registered' | 'waitlisted';
  position: number | null;
  attended: boolean | null;
}

/** Who signed up, in order, for the organiser; one query. */
export async function listParticipants(deps: Pick<Deps, 'db' | 'clock'>, activityId: string): Promise<Participant[]> {
  const today = schoolDate(deps.clock.now());
  const r = await sql<any>`
    select s.student_id, u.display_name, s.status, ${tookPart} as attended,
      (select g.code from enrolments e join groups g on g.id = e.group_id where e.student_id = s.student_id
        and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date) limit 1) as group_code,
      case when s.status = 'waitlisted' then row_number() over (partition by s.status order by s.seq) end as position
    from lob_activity_signups s join users u on u.id = s.student_id join lob_activities a on a.id = s.activity_id
    where s.activity_id = ${activityId} and s.status <> 'cancelled'
    order by s.status, s.seq`.execute(deps.db);
  return r.rows.map((row) => ({
    studentId: row.student_id,
    displayName: row.display_name,
    groupCode: row.group_code,
    status: row.status,
    position: row.position === null ? null : Number(row.position),
    attended: row.attended,
  }));
}

/**
 * The organiser records who took part. A student of the institution who came without signing
 * up is added as registered (a walk-in); students of other institutions are refused. The same
 * record goes into guidance's attendance (see attendance.ts), in the same transaction.
 */
export async function recordParticipation(
  deps: Ctx,
  actor: Actor,
  activity: { id: string; institutionId: string },
  items: { studentId: string; attended: boolean }[],
  ip?: string,
) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const ids = items.map((i) => i.studentId);
    const known = await trx
      .selectFrom('user_roles')
      .select('user_id')
      .where('user_id', 'in', ids)
      .where('institution_id', '=', activity.institutionId)
      .where('role', '=', 'student')
      .execute();
    const knownIds = new Set(known.map((k) => k.user_id));
    const unknown = ids.find((id) => !knownIds.has(id));
    if (unknown) throw badRequest('validation_failed', { items: `Onbekende student: ${unknown}` });
    await trx
      .insertInto('lob_activity_signups')
      .values(items.map((i) => ({ activity_id: activity.id, student_id: i.studentId, status: 'registered' as const, signed_up_at: now, attended: i.attended, recorded_by: actor.userId, recorded_at: now })))
      .onConflict((oc) =>
        oc.columns(['activity_id', 'student_id']).doUpdateSet((eb) => ({
          attended: eb.ref('excluded.attended'),
          recorded_by: eb.ref('excluded.recorded_by'),
          recorded_at: eb.ref('excluded.recorded_at'),
          status: sql`case when lob_activity_signups.status = 'cancelled' and excluded.attended then 'registered' else lob_activity_signups.status end`,
        })),
      )
      .execute();
    await mirrorParticipationToAttendance(trx, deps.clock, actor, activity, items);
    await deps.audit.record(
      { action: 'programme.participation.record', actorId: actor.userId, institutionId: activity.institutionId, subjectType: 'lob_activity', subjectId: activity.id, ip, details: { count: items.length } },
      trx,
    );
  });
  return listParticipants(deps, activity.id);
}
