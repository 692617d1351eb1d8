import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { schoolDate } from '../../platform/clock.js';
import { badRequest } from '../../platform/errors.js';
import { mailNotifications, notify, type NewNotification } from './notifications.js';
import type { GroupMembership } from './policy.js';
import { memberOfGroupSql } from './relations.js';
import type { CheckedAttachment } from './attachments.js';
import type { Reaction } from './tables.js';

/**
 * The closed feed of a group (klas): its students, its mentors and the docenten of its team.
 * Posts with replies and reactions; anyone in the group may report a post, a mentor may hide it,
 * and both are audited. A hidden post keeps its place but loses its text for everyone but mentors.
 */
type D = Pick<Deps, 'db' | 'clock' | 'audit' | 'mailer' | 'config'>;

/** The groups whose feed this person may read, with unread counts, in one query. */
export async function listMyGroups(deps: Pick<Deps, 'db' | 'clock'>, userId: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<{ id: string; code: string; name: string; unread: number; mentor: boolean }>`
    select g.id, g.code, g.name,
      exists (select 1 from group_mentors gm where gm.group_id = g.id and gm.user_id = ${userId}) as mentor,
      (select count(*) from guidance_feed_posts p where p.group_id = g.id and p.hidden_at is null
         and (p.author_id is distinct from ${userId})
         and p.created_at > coalesce((select fr.read_at from guidance_feed_reads fr where fr.group_id = g.id and fr.user_id = ${userId}), '-infinity'::timestamptz)) as unread
    from groups g
    where ${memberOfGroupSql(userId, today)}
    order by mentor desc, g.code`.execute(deps.db);
  // The groups one mentors come first: that is where a mentor usually takes attendance.
  return r.rows.map((g) => ({ id: g.id, code: g.code, name: g.name, unread: Number(g.unread), mentor: g.mentor }));
}

export interface FeedPost {
  id: string;
  author: { id: string; displayName: string } | null;
  body: string | null;
  createdAt: string;
  hidden: boolean;
  reactions: Record<Reaction, number>;
  myReactions: Reaction[];
  reports: number | null;
  attachments: FeedAttachment[];
  replies: FeedPost[];
}

export interface FeedAttachment {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
}

/** The latest posts of a group with their replies, reactions and (for mentors) reports; marks the feed read. */
export async function readFeed(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, g: GroupMembership, limit = 30) {
  const r = await sql<any>`
    with top as (
      select id from guidance_feed_posts where group_id = ${g.groupId} and parent_id is null
      order by created_at desc, id desc limit ${limit}
    )
    select p.id, p.parent_id, p.body, p.created_at, p.hidden_at is not null as hidden,
      case when u.id is null then null else json_build_object('id', u.id, 'displayName', u.display_name) end as author,
      (select count(*) filter (where reaction = 'like') from guidance_feed_reactions r where r.post_id = p.id) as likes,
      (select count(*) filter (where reaction = 'heart') from guidance_feed_reactions r where r.post_id = p.id) as hearts,
      (select count(*) filter (where reaction = 'clap') from guidance_feed_reactions r where r.post_id = p.id) as claps,
      coalesce((select array_agg(reaction) from guidance_feed_reactions r where r.post_id = p.id and r.user_id = ${actor.userId}), '{}') as mine,
      (select count(*) from guidance_feed_reports rp where rp.post_id = p.id and rp.resolved_at is null) as reports,
      coalesce((select json_agg(json_build_object('id', fa.id, 'filename', fa.filename, 'mediaType', fa.media_type, 'sizeBytes', fa.size_bytes) order by fa.position, fa.id)
        from guidance_feed_attachments fa where fa.post_id = p.id), '[]'::json) as attachments
    from guidance_feed_posts p left join users u on u.id = p.author_id
    where p.group_id = ${g.groupId} and (p.id in (select id from top) or p.parent_id in (select id from top))
    order by p.created_at, p.id`.execute(deps.db);
  await deps.db
    .insertInto('guidance_feed_reads')
    .values({ group_id: g.groupId, user_id: actor.userId, read_at: deps.clock.now() })
    .onConflict((oc) => oc.columns(['group_id', 'user_id']).doUpdateSet({ read_at: deps.clock.now() }))
    .execute();
  const posts = new Map<string, FeedPost>();
  const top: FeedPost[] = [];
  for (const row of r.rows) {
    const post = toPost(row, g.mentor);
    posts.set(post.id, post);
    if (row.parent_id) posts.get(row.parent_id)?.replies.push(post);
    else top.push(post);
  }
  return { items: top.reverse(), nextCursor: null, canModerate: g.mentor };
}

function toPost(row: any, moderator: boolean): FeedPost {
  const mine = Array.isArray(row.mine) ? row.mine : String(row.mine).replace(/[{}]/g, '').split(',').filter(Boolean);
  return {
    id: row.id,
    author: row.author,
    body: row.hidden && !moderator ? null : row.body,
    createdAt: new Date(row.created_at).toISOString(),
    hidden: row.hidden,
    reactions: { like: Number(row.likes), heart: Number(row.hearts), clap: Number(row.claps) },
    myReactions: mine,
    reports: moderator ? Number(row.reports) : null,
    // A hidden post loses its files too, for everyone but the mentors (as its text).
    attachments: row.hidden && !moderator ? [] : row.attachments,
    replies: [],
  };
}

/** A post or reply, with its attachments (already checked) in the same transaction. */
export async function createPost(deps: D, actor: Actor, g: GroupMembership, input: { body: string; parentId?: string | null; files?: CheckedAttachment[] }) {
  const now = deps.clock.now();
  const notes: NewNotification[] = [];
  const post = await deps.db.transaction().execute(async (trx) => {
    let parentAuthor: string | null = null;
    if (input.parentId) {
      const parent = await trx.selectFrom('guidance_feed_posts').select(['author_id', 'parent_id']).where('id', '=', input.parentId).where('group_id', '=', g.groupId).executeTakeFirst();
      if (!parent || parent.parent_id) throw badRequest('validation_failed', { parentId: 'unknown_post' });
      parentAuthor = parent.author_id;
    }
    const p = await trx
      .insertInto('guidance_feed_posts')
      .values({ group_id: g.groupId, author_id: actor.userId, parent_id: input.parentId ?? null, body: input.body, created_at: now })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await storeAttachments(trx, p.id, actor.userId, input.files ?? [], now);
    if (parentAuthor && parentAuthor !== actor.userId) {
      const group = await trx.selectFrom('groups').select('code').where('id', '=', g.groupId).executeTakeFirstOrThrow();
      notes.push({ userId: parentAuthor, kind: 'feed_reply', params: { group: group.code }, link: `/groepen/${g.groupId}` });
      await notify(trx, notes, now);
    }
    return p;
  });
  await mailNotifications(deps, notes);
  return { id: post.id, createdAt: post.created_at.toISOString() };
}

async function storeAttachments(trx: Kysely<DB>, postId: string, uploaderId: string, files: CheckedAttachment[], at: Date) {
  if (files.length === 0) return;
  await trx
    .insertInto('guidance_feed_attachments')
    .values(files.map((f, position) => ({ post_id: postId, position, uploader_id: uploaderId, filename: f.filename, media_type: f.mediaType, size_bytes: f.content.length, content: f.content, created_at: at })))
    .execute();
}

/** The post with the group it belongs to, so the route can check membership of that group. */
export async function postGroup(deps: Pick<Deps, 'db'>, postId: string) {
  return deps.db.selectFrom('guidance_feed_posts').select(['id', 'group_id', 'author_id']).where('id', '=', postId).executeTakeFirst();
}

/** A reaction is a toggle: the same reaction again takes it back. */
export async function toggleReaction(deps: Pick<Deps, 'db'>, actor: Actor, postId: string, reaction: Reaction) {
  const removed = await deps.db.deleteFrom('guidance_feed_reactions').where('post_id', '=', postId).where('user_id', '=', actor.userId).where('reaction', '=', reaction).executeTakeFirst();
  if (Number(removed.numDeletedRows) > 0) return { reacted: false };
  await deps.db.insertInto('guidance_feed_reactions').values({ post_id: postId, user_id: actor.userId, reaction }).onConflict((oc) => oc.doNothing()).execute();
  return { reacted: true };
}

export async function reportPost(deps: D, actor: Actor, g: GroupMembership, postId: string, reason: string, ip?: string) {
  const now = deps.clock.now();
  const notes: NewNotification[] = [];
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('guidance_feed_reports').values({ post_id: postId, reporter_id: actor.userId, reason, created_at: now }).execute();
    await deps.audit.record({ action: 'guidance.feed.report', actorId: actor.userId, institutionId: g.institutionId, subjectType: 'feed_post', subjectId: postId, ip, details: { groupId: g.groupId } }, trx);
    const mentors = await trx.selectFrom('group_mentors').select('user_id').where('group_id', '=', g.groupId).execute();
    const group = await trx.selectFrom('groups').select('code').where('id', '=', g.groupId).executeTakeFirstOrThrow();
    notes.push(...mentors.map((m) => ({ userId: m.user_id, kind: 'feed_report' as const, params: { group: group.code }, link: `/groepen/${g.groupId}` })));
    await notify(trx, notes, now);
  });
  await mailNotifications(deps, notes);
}

/** A mentor hides (or shows again) a post; the reports on it are resolved. Audited. */
export async function setPostHidden(deps: Pick<Deps, 'db' | 'clock' | 'audit'>, actor: Actor, g: GroupMembership, postId: string, hidden: boolean, ip?: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('guidance_feed_posts').set({ hidden_at: hidden ? now : null, hidden_by: hidden ? actor.userId : null }).where('id', '=', postId).execute();
    if (hidden) await trx.updateTable('guidance_feed_reports').set({ resolved_at: now }).where('post_id', '=', postId).where('resolved_at', 'is', null).execute();
    await deps.audit.record({ action: hidden ? 'guidance.feed.hide' : 'guidance.feed.unhide', actorId: actor.userId, institutionId: g.institutionId, subjectType: 'feed_post', subjectId: postId, ip, details: { groupId: g.groupId } }, trx);
  });
}
