import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { schoolDate } from '../../platform/clock.js';
import { mailNotifications, notify, type NewNotification } from './notifications.js';
import type { ThreadResource } from './policy.js';

/**
 * Direct messages between a student and their mentor, praktijkopleider or parent, and between a
 * parent and the mentor of their child (while the parent may see the record). A thread is
 * the pair (reader, other person); the policy (loadThreadResource) decides whether the pair is
 * allowed today, lists only show pairs the reader is part of.
 */
type D = Pick<Deps, 'db' | 'clock' | 'mailer' | 'config'>;

/** The people this person may write to today: the same relations as the thread rule, in one query. */
export async function listContacts(deps: Pick<Deps, 'db' | 'clock'>, userId: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<{ id: string; display_name: string; relation: string }>`
    with my_enrolment as (
      select e.group_id from enrolments e where e.student_id = ${userId}
        and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)
    ), guided as (
      select ce.student_id as id, 'student' as relation from enrolments ce join group_mentors gm on gm.group_id = ce.group_id
        where gm.user_id = ${userId} and ce.starts_on <= ${today}::date and (ce.ends_on is null or ce.ends_on >= ${today}::date)
      union select i.student_id, 'student' from internships i where i.praktijkopleider_id = ${userId} and ${today}::date between i.starts_on and i.ends_on
      union select pl.student_id, 'student' from parent_links pl join users s on s.id = pl.student_id where pl.parent_id = ${userId}
        and (pl.adult_opt_in or (s.birth_date is not null and s.birth_date > (${today}::date - interval '18 years')))
      union select gm.user_id, 'mentor' from group_mentors gm where gm.group_id in (select group_id from my_enrolment)
      union select i.praktijkopleider_id, 'praktijkopleider' from internships i where i.student_id = ${userId}
        and i.praktijkopleider_id is not null and ${today}::date between i.starts_on and i.ends_on
      union select pl.parent_id, 'parent' from parent_links pl join users s on s.id = pl.student_id where pl.student_id = ${userId}
        and (pl.adult_opt_in or (s.birth_date is not null and s.birth_date > (${today}::date - interval '18 years')))
      -- a parent and the mentor of their child, while the parent may see the record (same rule as loadThreadResource)
      union select gm.user_id, 'mentor' from parent_links pl join users s on s.id = pl.student_id
        join enrolments ce on ce.student_id = pl.student_id and ce.starts_on <= ${today}::date and (ce.ends_on is null or ce.ends_on >= ${today}::date)
        join group_mentors gm on gm.group_id = ce.group_id
        where pl.parent_id = ${userId} and (pl.adult_opt_in or (s.birth_date is not null and s.birth_date > (${today}::date - interval '18 years')))
      union select pl.parent_id, 'parent' from group_mentors gm
        join enrolments ce on ce.group_id = gm.group_id and ce.starts_on <= ${today}::date and (ce.ends_on is null or ce.ends_on >= ${today}::date)
        join parent_links pl on pl.student_id = ce.student_id join users s on s.id = pl.student_id
        where gm.user_id = ${userId} and (pl.adult_opt_in or (s.birth_date is not null and s.birth_date > (${today}::date - interval '18 years')))
      -- a student and an alumnus in contact (explore_contacts, module explore: read-only; same rule as loadThreadResource)
      union select c.alumnus_id, 'alumnus' from explore_contacts c join explore_alumni al on al.user_id = c.alumnus_id
        where c.student_id = ${userId} and c.ended_at is null and al.withdrawn_at is null and al.contact_allowed
      union select c.student_id, 'student' from explore_contacts c join explore_alumni al on al.user_id = c.alumnus_id
        where c.alumnus_id = ${userId} and c.ended_at is null and al.withdrawn_at is null and al.contact_allowed
    )
    select distinct on (u.id) u.id, u.display_name, g.relation from guided g join users u on u.id = g.id
    where u.id <> ${userId} order by u.id, g.relation`.execute(deps.db);
  return r.rows
    .map((c) => ({ id: c.id, displayName: c.display_name, relation: c.relation }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
}

/** My threads: the last message and unread count per other person, in one query. */
export async function listThreads(deps: Pick<Deps, 'db'>, userId: string) {
  const r = await sql<any>`
    with mine as (
      select case when m.sender_id = ${userId} then m.recipient_id else m.sender_id end as other_id, m.body, m.created_at
      from guidance_messages m where m.sender_id = ${userId} or m.recipient_id = ${userId}
    )
    select distinct on (mine.other_id) mine.other_id, u.display_name, mine.body, mine.created_at,
      (select count(*) from guidance_messages x where x.sender_id = mine.other_id and x.recipient_id = ${userId} and x.read_at is null) as unread
    from mine join users u on u.id = mine.other_id
    order by mine.other_id, mine.created_at desc`.execute(deps.db);
  const items = r.rows
    .map((t) => ({ otherId: t.other_id, displayName: t.display_name, lastMessage: t.body.slice(0, 120), lastAt: new Date(t.created_at).toISOString(), unread: Number(t.unread) }))
    .sort((a, b) => b.lastAt.localeCompare(a.lastAt));
  return { items, nextCursor: null };
}

/** The messages between the reader and the other person (both directions); marks incoming ones read. */
export async function readThread(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, t: ThreadResource) {
  const [other, rows] = await Promise.all([
    deps.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', t.otherId).executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('guidance_messages')
      .select(['id', 'sender_id', 'body', 'created_at', 'read_at'])
      .where((eb) => eb.or([
        eb.and([eb('sender_id', '=', actor.userId), eb('recipient_id', '=', t.otherId)]),
        eb.and([eb('sender_id', '=', t.otherId), eb('recipient_id', '=', actor.userId)]),
      ]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(200)
      .execute(),
  ]);
  await deps.db.updateTable('guidance_messages').set({ read_at: deps.clock.now() }).where('sender_id', '=', t.otherId).where('recipient_id', '=', actor.userId).where('read_at', 'is', null).execute();
  return {
    other: { id: other.id, displayName: other.display_name },
    items: rows.map((m) => ({ id: m.id, mine: m.sender_id === actor.userId, body: m.body, createdAt: m.created_at.toISOString(), read: m.read_at !== null })),
    nextCursor: null,
  };
}

export async function sendMessage(deps: D, actor: Actor, t: ThreadResource, body: string) {
  const now = deps.clock.now();
  const notes: NewNotification[] = [{ userId: t.otherId, kind: 'message', params: { name: actor.displayName }, link: `/berichten/${actor.userId}` }];
  const m = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('guidance_messages')
      .values({ student_id: t.studentId, sender_id: actor.userId, recipient_id: t.otherId, body, created_at: now })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await notify(trx, notes, now);
    return row;
  });
  await mailNotifications(deps, notes);
  return { id: m.id, mine: true, body, createdAt: m.created_at.toISOString(), read: false };
}
