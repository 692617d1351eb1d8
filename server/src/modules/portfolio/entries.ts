import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest } from '../../platform/errors.js';
import { readerTargets, type PortfolioRelation } from './policy.js';
import type { Competence, CreateEntryInput, EntryView, SharingTarget, UpdateEntryInput } from './schema.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

/** Cursor of the entry list: the sort key of the last item, opaque to clients. */
function encodeCursor(occurredOn: string, id: string): string {
  return Buffer.from(`${occurredOn}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { occurredOn: string; id: string } {
  const [occurredOn, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(occurredOn ?? '') || !/^[0-9a-f-]{36}$/i.test(id ?? '')) {
    throw badRequest('validation_failed', { cursor: 'invalid_cursor' });
  }
  return { occurredOn, id };
}

/**
 * The SQL condition "this reader may see the entry", built from the same relation facts as the
 * policy rule entryVisible: the owner sees all; others only published entries shared with a
 * target their relation opens (array overlap). Private entries never leave the database.
 */
export function visibleToReader(rel: PortfolioRelation) {
  if (rel.self) return sql<boolean>`true`;
  const targets = readerTargets(rel);
  if (targets.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(e.status = 'published' and e.sharing && ${targets}::text[])`;
}

interface EntryRow {
  id: string;
  student_id: string;
  kind: EntryView['kind'];
  title: string;
  occurred_on: string;
  place: string | null;
  competencies: Competence[];
  orientatie: string;
  mening: string;
  reflectie: string;
  sharing: SharingTarget[];
  status: EntryView['status'];
  activity_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  feedback_count: number;
  unread_feedback: number;
  evidence: EntryView['evidence'] | string | null;
}

/** Entry columns plus counts and the evidence list, as one select (no N+1). */
const ENTRY_SELECT = sql`
  e.id, e.student_id, e.kind, e.title, e.occurred_on, e.place, e.competencies, e.orientatie, e.mening,
  e.reflectie, e.sharing, e.status, e.activity_id, e.created_at, e.updated_at,
  (select count(*) from portfolio_feedback f where f.entry_id = e.id) as feedback_count,
  (select count(*) from portfolio_feedback f where f.entry_id = e.id and f.read_by_student_at is null) as unread_feedback,
  (select json_agg(json_build_object('id', v.id, 'filename', v.filename, 'mediaType', v.media_type, 'sizeBytes', v.size_bytes) order by v.created_at)
     from portfolio_evidence v where v.entry_id = e.id) as evidence`;

function toView(row: EntryRow, owner: boolean): EntryView {
  const evidence = typeof row.evidence === 'string' ? JSON.parse(row.evidence) : row.evidence;
  return {
    id: row.id,
    studentId: row.student_id,
    kind: row.kind,
    title: row.title,
    occurredOn: row.occurred_on,
    place: row.place,
    competencies: row.competencies,
    reflection: { orientatie: row.orientatie, mening: row.mening, reflectie: row.reflectie },
    ...(owner ? { sharing: row.sharing, unreadFeedback: Number(row.unread_feedback) } : {}),
    status: row.status,
    activityId: row.activity_id,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    feedbackCount: Number(row.feedback_count),
    evidence: evidence ?? [],
  };
}

/** The entries of one student this reader may see, newest first, one page at a time. */
export async function listEntries(
  deps: Pick<Deps, 'db'>,
  rel: PortfolioRelation,
  opts: { limit: number; cursor?: string; competence?: Competence },
): Promise<{ items: EntryView[]; nextCursor: string | null }> {
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const r = await sql<EntryRow>`
    select ${ENTRY_SELECT}
    from portfolio_entries e
    where e.student_id = ${rel.studentId} and ${visibleToReader(rel)}
      ${opts.competence ? sql`and ${opts.competence} = any(e.competencies)` : sql``}
      ${after ? sql`and (e.occurred_on, e.id) < (${after.occurredOn}::date, ${after.id}::uuid)` : sql``}
    order by e.occurred_on desc, e.id desc
    limit ${opts.limit + 1}
  `.execute(deps.db);
  const rows = r.rows.slice(0, opts.limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => toView(row, rel.self)),
    nextCursor: r.rows.length > opts.limit && last ? encodeCursor(last.occurred_on, last.id) : null,
  };
}

export interface FeedbackView {
  id: string;
  authorId: string | null;
  authorName: string | null;
  authorRole: 'student' | 'mentor' | 'praktijkopleider' | 'parent';
  body: string;
  createdAt: string;
}

/** One entry with its feedback thread; the caller has checked that the reader may see it. */
export async function getEntry(deps: Pick<Deps, 'db'>, entryId: string, owner: boolean) {
  const r = await sql<EntryRow>`select ${ENTRY_SELECT} from portfolio_entries e where e.id = ${entryId}`.execute(deps.db);
  const row = r.rows[0];
  if (!row) return null;
  const feedback = await deps.db
    .selectFrom('portfolio_feedback as f')
    .leftJoin('users as u', 'u.id', 'f.author_id')
    .select(['f.id', 'f.author_id', 'u.display_name', 'f.author_role', 'f.body', 'f.created_at'])
    .where('f.entry_id', '=', entryId)
    .orderBy('f.seq')
    .execute();
  return {
    ...toView(row, owner),
    feedback: feedback.map(
      (f): FeedbackView => ({
        id: f.id,
        authorId: f.author_id,
        authorName: f.display_name,
        authorRole: f.author_role,
        body: f.body,
        createdAt: new Date(f.created_at).toISOString(),
      }),
    ),
  };
}

/**
 * An entry may reflect on an LOB activity of the student's institution (lob_activities is owned
 * by the programme module; read-only here). Anything else is bad input, named on the field.
 */
async function assertActivityExists(db: Kysely<DB>, studentId: string, activityId: string): Promise<void> {
  const r = await sql<{ ok: boolean }>`
    select exists (select 1 from lob_activities a join user_roles ur on ur.institution_id = a.institution_id
      where a.id = ${activityId} and ur.user_id = ${studentId} and ur.role = 'student') as ok`.execute(db);
  if (!r.rows[0]?.ok) throw badRequest('validation_failed', { activityId: 'Deze activiteit bestaat niet of is niet van jouw school.' });
}

/** Adds an entry for the signed-in student; a non-empty sharing choice is audited with it. */
export async function createEntry(deps: Ctx, actor: Actor, input: CreateEntryInput, ip?: string): Promise<EntryView> {
  const now = deps.clock.now();
  if (input.activityId) await assertActivityExists(deps.db, actor.userId, input.activityId);
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('portfolio_entries')
      .values({
        student_id: actor.userId,
        kind: input.kind,
        title: input.title,
        occurred_on: input.occurredOn,
        place: input.place ?? null,
        competencies: input.competencies,
        orientatie: input.reflection.orientatie,
        mening: input.reflection.mening,
        reflectie: input.reflection.reflectie,
        sharing: input.sharing,
        status: input.status,
        activity_id: input.activityId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.sharing.length > 0) await recordSharing(deps, trx, actor, row.id, [], input.sharing, ip);
    return row.id;
  });
  return (await getEntry(deps, id, true))!;
}

/** The owner changes an entry. A change of readers takes effect at once and is audited. */
export async function updateEntry(deps: Ctx, actor: Actor, entryId: string, input: UpdateEntryInput, ip?: string): Promise<EntryView> {
  if (input.activityId) await assertActivityExists(deps.db, actor.userId, input.activityId);
  await deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('portfolio_entries')
      .select(['sharing', 'status', 'competencies'])
      .where('id', '=', entryId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const status = input.status ?? current.status;
    const competencies = input.competencies ?? current.competencies;
    if (status === 'published' && competencies.length === 0) {
      throw badRequest('validation_failed', { competencies: 'Kies minstens één loopbaancompetentie.' });
    }
    await trx
      .updateTable('portfolio_entries')
      .set({
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.occurredOn ? { occurred_on: input.occurredOn } : {}),
        ...(input.place !== undefined ? { place: input.place } : {}),
        ...(input.competencies ? { competencies: input.competencies } : {}),
        ...(input.reflection?.orientatie !== undefined ? { orientatie: input.reflection.orientatie } : {}),
        ...(input.reflection?.mening !== undefined ? { mening: input.reflection.mening } : {}),
        ...(input.reflection?.reflectie !== undefined ? { reflectie: input.reflection.reflectie } : {}),
        ...(input.sharing ? { sharing: input.sharing } : {}),
        ...(input.activityId !== undefined ? { activity_id: input.activityId } : {}),
        status,
        updated_at: deps.clock.now(),
      })
      .where('id', '=', entryId)
      .execute();
    if (input.sharing && !sameSet(input.sharing, current.sharing)) {
      await recordSharing(deps, trx, actor, entryId, current.sharing, input.sharing, ip);
    }
  });
  return (await getEntry(deps, entryId, true))!;
}

export async function deleteEntry(deps: Ctx, actor: Actor, entryId: string, ip?: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('portfolio_entries').where('id', '=', entryId).returning('sharing').executeTakeFirst();
    // Removing a shared entry withdraws it from its readers: that is a sharing change too.
    if (gone && gone.sharing.length > 0) {
      await deps.audit.record(
        { action: 'portfolio.entry.delete', actorId: actor.userId, studentId: actor.userId, subjectType: 'portfolio_entry', subjectId: entryId, ip, details: { sharing: gone.sharing } },
        trx,
      );
    }
  });
}

async function recordSharing(deps: Ctx, trx: Kysely<DB>, actor: Actor, entryId: string, before: SharingTarget[], after: SharingTarget[], ip?: string) {
  await deps.audit.record(
    {
      action: 'portfolio.entry.share',
      actorId: actor.userId,
      studentId: actor.userId,
      subjectType: 'portfolio_entry',
      subjectId: entryId,
      ip,
      details: { before, after },
    },
    trx,
  );
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Adds a message to an entry's thread. A message by someone else is a notification for the student. */
export async function addFeedback(
  deps: Ctx,
  actor: Actor,
  entryId: string,
  role: FeedbackView['authorRole'],
  body: string,
): Promise<FeedbackView> {
  const now = deps.clock.now();
  const row = await deps.db
    .insertInto('portfolio_feedback')
    .values({
      entry_id: entryId,
      author_id: actor.userId,
      author_role: role,
      body,
      created_at: now,
      // The student's own reply is never "unread" for the student.
      read_by_student_at: role === 'student' ? now : null,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, authorId: actor.userId, authorName: actor.displayName, authorRole: role, body, createdAt: new Date(row.created_at).toISOString() };
}

/** The student opened the thread: its feedback no longer counts as new. */
export async function markFeedbackRead(deps: Pick<Deps, 'db' | 'clock'>, entryId: string): Promise<void> {
  await deps.db
    .updateTable('portfolio_feedback')
    .set({ read_by_student_at: deps.clock.now() })
    .where('entry_id', '=', entryId)
    .where('read_by_student_at', 'is', null)
    .execute();
}
