import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import { sendDirectMessage } from '../guidance/service.js';
import type { AlumnusResource } from './policy.js';

/**
 * Alumni and buddies. A former student who agreed keeps a light account with a short story
 * (route, work now, tips). Students of the same institution find them by programme and
 * occupation, ask a question through the messages, and can ask for a buddy. The consent is
 * recorded here with its text and moment; withdrawing it hides the story and ends contact.
 */
type D = Pick<Deps, 'db' | 'clock' | 'audit' | 'mailer' | 'config'>;

export const CONSENT_TEXT =
  'Ik geef toestemming dat studenten van mijn oude school mijn naam en verhaal lezen. Als ik dat aanzet, mogen ze mij via Koers een vraag stellen of mij als buddy krijgen. Ik kan dit altijd intrekken; dan verdwijnt mijn verhaal.';

const SELECT = sql`
  a.user_id, u.display_name, a.route, a.work_now, a.tips, a.contact_allowed, a.buddy, a.consent_text, a.consent_at,
  p.id as p_id, p.kind as p_kind, p.code as p_code, p.name as p_name, p.level as p_level,
  o.id as o_id, o.slug as o_slug, o.name as o_name`;

const FROM = sql`
  from explore_alumni a join users u on u.id = a.user_id
  left join explore_programmes p on p.id = a.programme_id
  left join explore_occupations o on o.id = a.occupation_id`;

function toAlumnus(x: any) {
  return {
    id: x.user_id,
    displayName: x.display_name,
    programme: x.p_id ? { id: x.p_id, kind: x.p_kind, code: x.p_code, name: x.p_name, level: x.p_level === null ? null : Number(x.p_level) } : null,
    occupation: x.o_id ? { id: x.o_id, slug: x.o_slug, name: x.o_name } : null,
    route: x.route,
    workNow: x.work_now,
    tips: x.tips,
    contactAllowed: x.contact_allowed,
    buddy: x.buddy,
  };
}

const readerInstitutions = (actor: Actor) => [...new Set(actor.roles.map((r) => r.institutionId))];

/** Alumni of the reader's institutions who consented, optionally by programme or occupation (filtered in SQL). */
export async function listAlumni(deps: Pick<Deps, 'db'>, actor: Actor, q: { programmeId?: string; occupationId?: string }) {
  const institutions = readerInstitutions(actor);
  if (institutions.length === 0) return { items: [], nextCursor: null };
  const r = await sql<any>`
    select ${SELECT} ${FROM}
    where a.withdrawn_at is null and a.institution_id in (${sql.join(institutions)}) and a.user_id <> ${actor.userId}
      ${q.programmeId ? sql`and a.programme_id = ${q.programmeId}` : sql``}
      ${q.occupationId ? sql`and a.occupation_id = ${q.occupationId}` : sql``}
    order by u.display_name limit 100`.execute(deps.db);
  return { items: r.rows.map(toAlumnus), nextCursor: null };
}

export async function loadAlumnusResource(deps: Pick<Deps, 'db'>, actor: Actor, alumnusId: string): Promise<AlumnusResource | null> {
  const institutions = readerInstitutions(actor);
  if (institutions.length === 0) return null;
  const a = await deps.db
    .selectFrom('explore_alumni')
    .select(['user_id', 'contact_allowed', 'buddy'])
    .where('user_id', '=', alumnusId)
    .where('withdrawn_at', 'is', null)
    .where('institution_id', 'in', institutions)
    .executeTakeFirst();
  return a ? { alumnusId: a.user_id, contactAllowed: a.contact_allowed, buddy: a.buddy, private: true } : null;
}

export async function ownProfile(deps: Pick<Deps, 'db'>, userId: string) {
  const r = await sql<any>`select ${SELECT} ${FROM} where a.user_id = ${userId} and a.withdrawn_at is null`.execute(deps.db);
  const x = r.rows[0];
  return x ? { ...toAlumnus(x), consentAt: new Date(x.consent_at).toISOString(), consentText: x.consent_text } : null;
}

/** The alumnus writes their story and choices; saving records the consent with its text. */
export async function saveProfile(
  deps: D,
  actor: Actor,
  input: { programmeId: string | null; occupationId: string | null; route: string; workNow: string; tips: string; contactAllowed: boolean; buddy: boolean },
  ip?: string,
) {
  const institutionId = actor.roles.find((r) => r.role === 'alumnus')!.institutionId;
  const now = deps.clock.now();
  const values = {
    institution_id: institutionId,
    programme_id: input.programmeId,
    occupation_id: input.occupationId,
    route: input.route,
    work_now: input.workNow,
    tips: input.tips,
    contact_allowed: input.contactAllowed,
    // a buddy is someone you can write to
    buddy: input.buddy && input.contactAllowed,
    consent_text: CONSENT_TEXT,
    consent_at: now,
    withdrawn_at: null,
    updated_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('explore_alumni').values({ user_id: actor.userId, ...values }).onConflict((oc) => oc.column('user_id').doUpdateSet(values)).execute();
    if (!values.buddy) await trx.updateTable('explore_contacts').set({ ended_at: now }).where('alumnus_id', '=', actor.userId).where('kind', '=', 'buddy').where('ended_at', 'is', null).execute();
    await deps.audit.record({ action: 'explore.alumnus.consent', actorId: actor.userId, subjectType: 'user', subjectId: actor.userId, ip, details: { contactAllowed: input.contactAllowed, buddy: values.buddy } }, trx);
  });
  return ownProfile(deps, actor.userId);
}

/** Withdrawing consent: the story disappears and contacts end (the messages stay with both people). */
export async function withdrawProfile(deps: D, actor: Actor, ip?: string) {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('explore_alumni').set({ withdrawn_at: now, contact_allowed: false, buddy: false, updated_at: now }).where('user_id', '=', actor.userId).execute();
    await trx.updateTable('explore_contacts').set({ ended_at: now }).where('alumnus_id', '=', actor.userId).where('ended_at', 'is', null).execute();
    await deps.audit.record({ action: 'explore.alumnus.withdraw', actorId: actor.userId, subjectType: 'user', subjectId: actor.userId, ip }, trx);
  });
}

/** A student's question to an alumnus: recorded as a contact, delivered as a direct message. */
export async function askQuestion(deps: D, actor: Actor, alumnusId: string, body: string) {
  const now = deps.clock.now();
  await deps.db
    .insertInto('explore_contacts')
    .values({ student_id: actor.userId, alumnus_id: alumnusId, kind: 'question', reason: '', created_at: now })
    .onConflict((oc) => oc.columns(['student_id', 'alumnus_id', 'kind']).doUpdateSet({ ended_at: null }))
    .execute();
  const m = await sendDirectMessage(deps, actor, alumnusId, actor.userId, body);
  return { messageId: m.id, threadUrl: `/berichten/${alumnusId}` };
}

export async function currentBuddy(deps: Pick<Deps, 'db'>, studentId: string) {
  const r = await sql<{ id: string; display_name: string; reason: string }>`
    select u.id, u.display_name, c.reason from explore_contacts c join users u on u.id = c.alumnus_id
    join explore_alumni a on a.user_id = c.alumnus_id and a.withdrawn_at is null and a.buddy
    where c.student_id = ${studentId} and c.kind = 'buddy' and c.ended_at is null limit 1`.execute(deps.db);
  const b = r.rows[0];
  return { buddy: b ? { id: b.id, displayName: b.display_name, reason: b.reason } : null };
}

/**
 * Matches a student with a buddy: alumni of the student's institution who chose to be a buddy,
 * ranked on the same programme, then an occupation of that programme, then an occupation the
 * student explored (looked at or linked to an entry), then the fewest current buddies. The
 * reason is stored and shown: the student knows why this person.
 */
export async function requestBuddy(deps: D, actor: Actor) {
  const existing = await currentBuddy(deps, actor.userId);
  if (existing.buddy) return existing;
  const today = schoolDate(deps.clock.now());
  // enrolments and programmes belong to module org: the student's current opleiding, read-only.
  const r = await sql<{ user_id: string; display_name: string; same_programme: boolean; programme_occupation: boolean; explored: boolean; programme_name: string | null; occupation_name: string | null }>`
    with mine as (
      select en.institution_id, x.id as programme_id from enrolments en
      join programmes op on op.id = en.programme_id
      left join explore_programmes x on x.kind = 'mbo' and x.code = op.crebo
      where en.student_id = ${actor.userId} and en.starts_on <= ${today}::date and (en.ends_on is null or en.ends_on >= ${today}::date)
      limit 1
    )
    select a.user_id, u.display_name, p.name as programme_name, o.name as occupation_name,
      coalesce(a.programme_id = mine.programme_id, false) as same_programme,
      exists (select 1 from explore_occupation_programmes op where op.occupation_id = a.occupation_id and op.programme_id = mine.programme_id) as programme_occupation,
      exists (select 1 from explore_views v where v.student_id = ${actor.userId} and v.item_kind = 'occupation' and v.item_id = a.occupation_id)
        or exists (select 1 from explore_entry_links l where l.student_id = ${actor.userId} and l.occupation_id = a.occupation_id) as explored
    from explore_alumni a join mine on mine.institution_id = a.institution_id join users u on u.id = a.user_id
    left join explore_programmes p on p.id = a.programme_id left join explore_occupations o on o.id = a.occupation_id
    where a.withdrawn_at is null and a.buddy and a.contact_allowed and a.user_id <> ${actor.userId}
    order by same_programme desc, programme_occupation desc, explored desc,
      (select count(*) from explore_contacts c where c.alumnus_id = a.user_id and c.kind = 'buddy' and c.ended_at is null), u.display_name
    limit 1`.execute(deps.db);
  const match = r.rows[0];
  if (!match) return { buddy: null };
  const reasons = [
    match.same_programme && match.programme_name ? `deed dezelfde opleiding: ${match.programme_name}` : null,
    match.programme_occupation && match.occupation_name ? `werkt als ${match.occupation_name.toLowerCase()}, een beroep van jouw opleiding` : null,
    match.explored && match.occupation_name ? `werkt in een beroep dat jij hebt verkend` : null,
  ].filter(Boolean);
  const reason = reasons.length > 0 ? `${match.display_name} ${reasons.join(' en ')}.` : `${match.display_name} is oud-student van jouw school en wil graag buddy zijn.`;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('explore_contacts')
      .values({ student_id: actor.userId, alumnus_id: match.user_id, kind: 'buddy', reason, created_at: now })
      .onConflict((oc) => oc.columns(['student_id', 'alumnus_id', 'kind']).doUpdateSet({ ended_at: null, reason, created_at: now }))
      .execute();
    await deps.audit.record({ action: 'explore.buddy.match', actorId: actor.userId, studentId: actor.userId, subjectType: 'user', subjectId: match.user_id }, trx);
  });
  return { buddy: { id: match.user_id, displayName: match.display_name, reason } };
}

export async function endBuddy(deps: D, actor: Actor) {
  const now = deps.clock.now();
  await deps.db.updateTable('explore_contacts').set({ ended_at: now }).where('student_id', '=', actor.userId).where('kind', '=', 'buddy').where('ended_at', 'is', null).execute();
}

export const alumnusNotFound = () => notFound();
export const noProfile = () => new AppError(404, 'explore_no_alumnus_profile');
