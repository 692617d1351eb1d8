import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import type { StudentRelation } from '../org/relations.js';
import { addPlanActionFromConversation } from '../portfolio/service.js';
import { formatWhen, mailNotifications, notify, type NewNotification } from './notifications.js';
import type { ConversationResource } from './policy.js';
import { toDateString } from './service.js';

/**
 * Career conversations (loopbaangesprekken): the mentor plans, the student prepares, the
 * conversation follows four steps — terugkijken, reflecteren, vooruitkijken, actie — and ends
 * with agreements that land in the student's career plan.
 */
export const STEPS = ['terugkijken', 'reflecteren', 'vooruitkijken'] as const;
export type Step = (typeof STEPS)[number];

/** The prompts the student answers to prepare; one per step before the agreements. */
export const PREP_PROMPTS: Record<Step, { nl: string; en: string }> = {
  terugkijken: { nl: 'Wat heb je de afgelopen tijd gedaan of meegemaakt?', en: 'What have you done or experienced lately?' },
  reflecteren: { nl: 'Wat ging goed en wat vond je moeilijk? Wat heb je daarvan geleerd?', en: 'What went well and what was hard? What did you learn?' },
  vooruitkijken: { nl: 'Wat wil je de komende tijd bereiken of uitzoeken?', en: 'What do you want to achieve or find out next?' },
};

type D = Pick<Deps, 'db' | 'clock' | 'audit' | 'mailer' | 'config'>;

/** The mentor plans a conversation: the conversation, its appointment and the student's invitation at once. */
export async function planConversation(deps: D, actor: Actor, rel: StudentRelation, input: { plannedAt: string; location?: string }, ip?: string) {
  const plannedAt = new Date(input.plannedAt);
  const now = deps.clock.now();
  const note: NewNotification[] = [];
  const created = await deps.db.transaction().execute(async (trx) => {
    const c = await trx
      .insertInto('guidance_conversations')
      .values({ student_id: rel.studentId, mentor_id: actor.userId, institution_id: rel.institutionId, planned_at: plannedAt, created_at: now })
      .returning(['id', 'planned_at', 'status'])
      .executeTakeFirstOrThrow();
    const ap = await trx
      .insertInto('guidance_appointments')
      .values({
        institution_id: rel.institutionId,
        organiser_id: actor.userId,
        kind: 'conversation',
        title: 'Loopbaangesprek',
        location: input.location ?? '',
        starts_at: plannedAt,
        ends_at: new Date(plannedAt.getTime() + 30 * 60_000),
        student_id: rel.studentId,
        conversation_id: c.id,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('guidance_invitations').values([
      { appointment_id: ap.id, user_id: rel.studentId, response: 'pending' },
      { appointment_id: ap.id, user_id: actor.userId, response: 'accepted', responded_at: now },
    ]).execute();
    note.push({ userId: rel.studentId, kind: 'conversation_planned', params: { when: formatWhen(plannedAt) }, link: `/gesprekken/${c.id}` });
    await notify(trx, note, now);
    await deps.audit.record({ action: 'guidance.conversation.plan', actorId: actor.userId, studentId: rel.studentId, institutionId: rel.institutionId, subjectType: 'conversation', subjectId: c.id, ip }, trx);
    return c;
  });
  await mailNotifications(deps, note);
  return { id: created.id, plannedAt: created.planned_at.toISOString(), status: created.status };
}

/** The student answers the prompts and picks entries of their own LOBbook to discuss. */
export async function prepareConversation(deps: Pick<Deps, 'db' | 'clock'>, r: ConversationResource, input: { answers: Partial<Record<Step, string>>; entryIds: string[] }) {
  if (input.entryIds.length > 0) {
    const own = await deps.db.selectFrom('portfolio_entries').select('id').where('student_id', '=', r.studentId).where('id', 'in', input.entryIds).execute();
    if (own.length !== new Set(input.entryIds).size) throw badRequest('validation_failed', { entryIds: 'unknown_entry' });
  }
  await deps.db
    .updateTable('guidance_conversations')
    .set({ prep_answers: JSON.stringify(input.answers) as any, prep_entry_ids: [...new Set(input.entryIds)], prepared_at: deps.clock.now() })
    .where('id', '=', r.conversation.id)
    .execute();
}

/** The mentor writes the summaries of the steps and, when it took place, marks the conversation held. */
export async function recordConversation(deps: D, actor: Actor, r: ConversationResource, input: { steps?: Partial<Record<Step, string>>; held?: boolean; heldOn?: string }, ip?: string) {
  const today = schoolDate(deps.clock.now());
  const set: Record<string, unknown> = {};
  for (const step of STEPS) if (input.steps?.[step] !== undefined) set[`step_${step}`] = input.steps[step];
  if (input.held) {
    set.status = 'held';
    set.held_on = input.heldOn ?? today;
  }
  const note: NewNotification[] = [];
  await deps.db.transaction().execute(async (trx) => {
    if (Object.keys(set).length > 0) await trx.updateTable('guidance_conversations').set(set).where('id', '=', r.conversation.id).execute();
    if (input.held && r.conversation.status !== 'held') {
      note.push({ userId: r.studentId, kind: 'conversation_recorded', link: `/gesprekken/${r.conversation.id}` });
      await notify(trx, note, deps.clock.now());
      await deps.audit.record({ action: 'guidance.conversation.held', actorId: actor.userId, studentId: r.studentId, institutionId: r.institutionId, subjectType: 'conversation', subjectId: r.conversation.id, ip }, trx);
    }
  });
  await mailNotifications(deps, note);
}

/** An agreement of step 4 (actie); it lands in the student's plan in the same transaction. */
export async function addAgreement(deps: D, actor: Actor, r: ConversationResource, input: { action: string; dueOn: string | null; owner: 'student' | 'mentor' }, ip?: string) {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const agreement = await trx
      .insertInto('guidance_agreements')
      .values({ conversation_id: r.conversation.id, student_id: r.studentId, action: input.action, due_on: input.dueOn, owner: input.owner, created_at: now })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    // Only the student's own agreements are actions of their plan; the mentor's stay with the conversation.
    const plan = input.owner === 'student'
      ? await addPlanActionFromConversation(trx, { studentId: r.studentId, action: input.action, dueOn: input.dueOn, conversationId: r.conversation.id }, now)
      : null;
    if (plan) await trx.updateTable('guidance_agreements').set({ plan_action_id: plan.actionId }).where('id', '=', agreement.id).execute();
    await deps.audit.record({ action: 'guidance.agreement.create', actorId: actor.userId, studentId: r.studentId, institutionId: r.institutionId, subjectType: 'agreement', subjectId: agreement.id, ip }, trx);
    return { id: agreement.id, conversationId: r.conversation.id, action: input.action, dueOn: input.dueOn, owner: input.owner, planActionId: plan?.actionId ?? null };
  });
}

export async function addNote(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, r: ConversationResource, input: { body: string; visibility: 'shared' | 'private' }) {
  const row = await deps.db
    .insertInto('guidance_conversation_notes')
    .values({ conversation_id: r.conversation.id, author_id: actor.userId, visibility: input.visibility, body: input.body, created_at: deps.clock.now() })
    .returning(['id', 'visibility', 'body', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, visibility: row.visibility, body: row.body, createdAt: row.created_at.toISOString(), mine: true };
}

export interface ConversationView {
  id: string;
  plannedAt: string;
  status: 'planned' | 'held' | 'cancelled';
  heldOn: string | null;
  mentor: { id: string; displayName: string } | null;
  agreements: { id: string; action: string; dueOn: string | null; owner: 'student' | 'mentor'; status: 'open' | 'done' | null }[];
  /** only for the student and the mentor: a parent sees date, status and agreements */
  prepared?: boolean;
  steps?: Record<Step, string>;
}

/**
 * A student's conversations with their agreements, in one query. What a parent sees stops at
 * date, status and agreements; the steps are for the student and the mentor.
 */
export async function listConversations(deps: Pick<Deps, 'db'>, rel: StudentRelation): Promise<ConversationView[]> {
  const r = await sql<any>`
    select c.id, c.planned_at, c.status, c.held_on, c.prepared_at is not null as prepared,
      c.step_terugkijken, c.step_reflecteren, c.step_vooruitkijken,
      case when m.id is null then null else json_build_object('id', m.id, 'displayName', m.display_name) end as mentor,
      coalesce((select json_agg(json_build_object('id', a.id, 'action', a.action, 'dueOn', a.due_on, 'owner', a.owner,
                  'status', (select pa.status from portfolio_actions pa where pa.id = a.plan_action_id)) order by a.created_at, a.id)
                from guidance_agreements a where a.conversation_id = c.id), '[]'::json) as agreements
    from guidance_conversations c left join users m on m.id = c.mentor_id
    where c.student_id = ${rel.studentId} and c.status <> 'cancelled'
    order by c.planned_at desc`.execute(deps.db);
  const full = rel.self || rel.mentor;
  return r.rows.map((row) => ({
    id: row.id,
    plannedAt: new Date(row.planned_at).toISOString(),
    status: row.status,
    heldOn: row.held_on ? toDateString(row.held_on) : null,
    mentor: row.mentor,
    agreements: row.agreements.map((a: any) => ({ ...a, dueOn: a.dueOn ? toDateString(a.dueOn) : null, status: a.status ?? null })),
    ...(full ? { prepared: row.prepared, steps: { terugkijken: row.step_terugkijken, reflecteren: row.step_reflecteren, vooruitkijken: row.step_vooruitkijken } } : {}),
  }));
}

/**
 * One conversation as this reader may see it. Notes are filtered in SQL: a shared note is for
 * the student and the mentors, a private note only ever for its author — not another mentor,
 * not the admin, not a parent.
 */
export async function getConversation(deps: Pick<Deps, 'db'>, actor: Actor, r: ConversationResource, locale: 'nl' | 'en') {
  const rel = r.rel;
  const full = rel.self || rel.mentor;
  const [list, details] = await Promise.all([
    listConversations(deps, rel),
    sql<any>`
      select c.prep_answers, c.prep_entry_ids,
        coalesce((select json_agg(json_build_object('id', e.id, 'title', e.title, 'occurredOn', e.occurred_on) order by e.occurred_on desc)
                  from portfolio_entries e where e.id = any(c.prep_entry_ids) and e.student_id = c.student_id
                    -- the mentor sees a picked entry only when the student shared it with the mentor
                    and (${rel.self} or (e.status = 'published' and 'mentor' = any(e.sharing)))), '[]'::json) as entries,
        coalesce((select json_agg(json_build_object('id', n.id, 'visibility', n.visibility, 'body', n.body, 'createdAt', n.created_at,
                    'mine', n.author_id = ${actor.userId}) order by n.created_at, n.id)
                  from guidance_conversation_notes n where n.conversation_id = c.id
                    and ((n.visibility = 'shared' and ${full}) or (n.visibility = 'private' and n.author_id = ${actor.userId}))), '[]'::json) as notes
      from guidance_conversations c where c.id = ${r.conversation.id}`.execute(deps.db),
  ]);
  const base = list.find((c) => c.id === r.conversation.id)!;
  const d = details.rows[0];
  const prompts = Object.fromEntries(STEPS.map((s) => [s, PREP_PROMPTS[s][locale]]));
  return {
    ...base,
    studentId: r.studentId,
    canPrepare: rel.self && base.status === 'planned',
    canRecord: rel.mentor,
    ...(full
      ? { prompts, preparation: { answers: d.prep_answers ?? {}, entries: d.entries }, notes: d.notes.map((n: any) => ({ ...n, createdAt: new Date(n.createdAt).toISOString() })) }
      : {}),
  };
}
