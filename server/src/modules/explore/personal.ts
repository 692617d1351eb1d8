import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import { entryOwner, ownReflection } from '../portfolio/service.js';
import { listPublicActivities } from './signups.js';

/**
 * Verkennen inside the student's own record: what they looked at, which programme or
 * occupation a werkexploratie entry explored, and suggestions that say why.
 */
type D = Pick<Deps, 'db' | 'clock' | 'audit'>;

/** A signed-in student looked at a programme or occupation (one row per item, counted). */
export async function recordView(deps: D, studentId: string, kind: 'programme' | 'occupation', itemId: string) {
  const exists = kind === 'programme'
    ? await deps.db.selectFrom('explore_programmes').select('id').where('id', '=', itemId).executeTakeFirst()
    : await deps.db.selectFrom('explore_occupations').select('id').where('id', '=', itemId).executeTakeFirst();
  if (!exists) throw notFound();
  const now = deps.clock.now();
  await deps.db
    .insertInto('explore_views')
    .values({ student_id: studentId, item_kind: kind, item_id: itemId, last_viewed_at: now })
    .onConflict((oc) => oc.columns(['student_id', 'item_kind', 'item_id']).doUpdateSet((eb) => ({ times: eb('explore_views.times', '+', 1), last_viewed_at: now })))
    .execute();
}

/** The entry as the policy needs it: its owner, through the portfolio service. */
export async function loadEntryResource(deps: Pick<Deps, 'db'>, actor: Actor, entryId: string) {
  const e = await entryOwner(deps, entryId);
  if (!e) return null;
  return { entryId, studentId: e.studentId, owner: e.studentId === actor.userId, competencies: e.competencies, private: true as const };
}

/** Links the programme or occupation a werkexploratie entry explored (replaces an earlier link). */
export async function linkEntry(deps: D, actor: Actor, entry: { entryId: string; competencies: string[] }, input: { programmeId?: string; occupationId?: string }, ip?: string) {
  if (!entry.competencies.includes('werkexploratie')) throw new AppError(422, 'explore_entry_not_werkexploratie', { entryId: 'werkexploratie' });
  const target = input.programmeId
    ? await deps.db.selectFrom('explore_programmes').select('id').where('id', '=', input.programmeId).executeTakeFirst()
    : await deps.db.selectFrom('explore_occupations').select('id').where('id', '=', input.occupationId!).executeTakeFirst();
  if (!target) throw new AppError(400, 'validation_failed', { [input.programmeId ? 'programmeId' : 'occupationId']: 'Onbekend / unknown' });
  const now = deps.clock.now();
  const values = { programme_id: input.programmeId ?? null, occupation_id: input.occupationId ?? null, created_at: now };
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('explore_entry_links')
      .values({ entry_id: entry.entryId, student_id: actor.userId, ...values })
      .onConflict((oc) => oc.column('entry_id').doUpdateSet(values))
      .execute();
    await deps.audit.record({ action: 'explore.entry.link', actorId: actor.userId, subjectType: 'portfolio_entry', subjectId: entry.entryId, ip }, trx);
  });
  return getEntryLink(deps, entry.entryId);
}

export async function unlinkEntry(deps: D, entryId: string) {
  await deps.db.deleteFrom('explore_entry_links').where('entry_id', '=', entryId).execute();
}

export async function getEntryLink(deps: Pick<Deps, 'db'>, entryId: string) {
  const r = await linksWhere(deps, sql`l.entry_id = ${entryId}`);
  return r[0] ?? null;
}

async function linksWhere(deps: Pick<Deps, 'db'>, where: ReturnType<typeof sql>) {
  // portfolio_entries belongs to module portfolio: read-only for the title, filtered by the caller.
  const r = await sql<any>`
    select l.entry_id, l.created_at, e.title as entry_title,
      p.id as p_id, p.kind as p_kind, p.code as p_code, p.name as p_name, p.level as p_level,
      o.id as o_id, o.slug as o_slug, o.name as o_name
    from explore_entry_links l join portfolio_entries e on e.id = l.entry_id
    left join explore_programmes p on p.id = l.programme_id
    left join explore_occupations o on o.id = l.occupation_id
    where ${where} order by l.created_at desc limit 100`.execute(deps.db);
  return r.rows.map((x) => ({
    entryId: x.entry_id,
    entryTitle: x.entry_title as string,
    programme: x.p_id ? { id: x.p_id, kind: x.p_kind, code: x.p_code, name: x.p_name, level: x.p_level === null ? null : Number(x.p_level) } : null,
    occupation: x.o_id ? { id: x.o_id, slug: x.o_slug, name: x.o_name } : null,
    createdAt: new Date(x.created_at).toISOString(),
  }));
}

/**
 * What a student explored, for the student and, before a conversation, their mentor: the
 * programmes and occupations looked at, the links of entries the reader may see (the mentor:
 * only published entries shared with the mentor), and whether a buddy match exists — never
 * with whom they write or what.
 */
export async function exploration(deps: Pick<Deps, 'db'>, studentId: string, self: boolean) {
  const [viewed, links, buddy] = await Promise.all([
    sql<any>`
      select v.item_kind, v.item_id, v.times, v.last_viewed_at, coalesce(p.name, o.name) as name
      from explore_views v
      left join explore_programmes p on v.item_kind = 'programme' and p.id = v.item_id
      left join explore_occupations o on v.item_kind = 'occupation' and o.id = v.item_id
      where v.student_id = ${studentId} and coalesce(p.name, o.name) is not null
      order by v.last_viewed_at desc limit 30`.execute(deps.db),
    linksWhere(deps, self ? sql`l.student_id = ${studentId}` : sql`l.student_id = ${studentId} and e.status = 'published' and 'mentor' = any(e.sharing)`),
    deps.db.selectFrom('explore_contacts').select('created_at').where('student_id', '=', studentId).where('kind', '=', 'buddy').where('ended_at', 'is', null).executeTakeFirst(),
  ]);
  return {
    viewed: viewed.rows.map((v) => ({ kind: v.item_kind, id: v.item_id, name: v.name, times: Number(v.times), lastViewedAt: new Date(v.last_viewed_at).toISOString() })),
    links,
    buddy: { exists: !!buddy, since: buddy ? new Date(buddy.created_at).toISOString() : null },
  };
}

const STOP = new Set(['omdat', 'kunnen', 'worden', 'wordt', 'hebben', 'heeft', 'zijn', 'mijn', 'maar', 'want', 'denk', 'vind', 'vond', 'leuk', 'leuke', 'graag', 'gedaan', 'daarna', 'deze', 'dingen', 'eigen', 'andere', 'werken', 'werk', 'school', 'samen', 'hierdoor', 'zeker', 'weten', 'moest', 'moeten', 'wilde', 'willen', 'nieuwe', 'mensen', 'soms', 'echt', 'beter', 'vaker', 'waarom', 'welke', 'wanneer', 'altijd', 'alleen', 'merk']);
const words = (text: string) => new Set((text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').match(/[a-z]{5,}/g) ?? []).filter((w) => !STOP.has(w)));

/**
 * Explained suggestions: every suggestion names the score or the student's own words it
 * follows from. Rules, in order: occupations of the student's own opleiding when they rate
 * werkexploratie low (and a meeloopdag); the next step (a higher level, or hbo after level 4);
 * occupations whose description shares words with what the student wrote about their motives.
 */
export async function suggestions(deps: Pick<Deps, 'db' | 'clock'>, studentId: string) {
  const today = schoolDate(deps.clock.now());
  const [reflection, ownProgramme, viewed] = await Promise.all([
    ownReflection(deps, studentId),
    // enrolments and programmes belong to module org: the student's current opleiding, read-only.
    sql<{ id: string; name: string; level: number; sector: string }>`
      select x.id, x.name, x.level, x.sector from enrolments en
      join programmes op on op.id = en.programme_id
      join explore_programmes x on x.kind = 'mbo' and x.code = op.crebo
      where en.student_id = ${studentId} and en.starts_on <= ${today}::date and (en.ends_on is null or en.ends_on >= ${today}::date)
      limit 1`.execute(deps.db).then((r) => r.rows[0] ?? null),
    deps.db.selectFrom('explore_views').select(['item_id']).where('student_id', '=', studentId).execute().then((r) => new Set(r.map((v) => v.item_id))),
  ]);
  const items: { kind: 'programme' | 'occupation' | 'activity'; id: string; name: string; because: string }[] = [];
  const scores = reflection.latest?.scores ?? null;
  const add = (item: (typeof items)[number]) => {
    if (!items.some((i) => i.id === item.id) && items.length < 8) items.push(item);
  };

  if (ownProgramme) {
    const work = scores?.werkexploratie;
    const occupations = await deps.db
      .selectFrom('explore_occupation_programmes as op')
      .innerJoin('explore_occupations as o', 'o.id', 'op.occupation_id')
      .select(['o.id', 'o.name'])
      .where('op.programme_id', '=', ownProgramme.id)
      .orderBy('o.name')
      .execute();
    for (const o of occupations.filter((o) => !viewed.has(o.id)).slice(0, 2)) {
      add({
        kind: 'occupation',
        id: o.id,
        name: o.name,
        because: work !== undefined && work <= 3
          ? `Je gaf jezelf een ${work} voor werkexploratie. Dit beroep hoort bij jouw opleiding ${ownProgramme.name} en je hebt het nog niet bekeken.`
          : `Dit beroep hoort bij jouw opleiding ${ownProgramme.name} en je hebt het nog niet bekeken.`,
      });
    }
    if (work !== undefined && work <= 3) {
      const meeloop = (await listPublicActivities(deps, 'job_shadowing')).items.find((a) => !a.full);
      if (meeloop) add({ kind: 'activity', id: meeloop.id, name: meeloop.title, because: `Je gaf jezelf een ${work} voor werkexploratie. Op een meeloopdag zie je hoe het werk echt gaat.` });
    }
    const next = ownProgramme.level === 4
      ? await deps.db.selectFrom('explore_followons as f').innerJoin('explore_programmes as h', 'h.id', 'f.hbo_programme_id').select(['h.id', 'h.name']).where('f.mbo_programme_id', '=', ownProgramme.id).execute()
      : await deps.db.selectFrom('explore_programmes').select(['id', 'name']).where('kind', '=', 'mbo').where('sector', '=', ownProgramme.sector).where('level', '=', ownProgramme.level + 1).orderBy('name').execute();
    const sturing = scores?.loopbaansturing;
    for (const p of next.slice(0, 2)) {
      add({
        kind: 'programme',
        id: p.id,
        name: p.name,
        because: (ownProgramme.level === 4 ? `Na ${ownProgramme.name} kun je doorstuderen in het hbo.` : `Na niveau ${ownProgramme.level} kun je verder op niveau ${ownProgramme.level + 1} in ${ownProgramme.sector.toLowerCase()}.`) +
          (sturing !== undefined ? ` Je gaf jezelf een ${sturing} voor loopbaansturing: kijk alvast wat je volgende stap kan zijn.` : ''),
      });
    }
  }

  if (reflection.motiveTexts.length > 0) {
    const mine = words(reflection.motiveTexts.join(' '));
    const occupations = await deps.db.selectFrom('explore_occupations').select(['id', 'name', 'description', 'tasks', 'sector']).execute();
    const scored = occupations
      .map((o) => {
        const theirs = words([o.name, o.description, o.tasks.join(' '), o.sector].join(' '));
        return { o, shared: [...mine].filter((w) => theirs.has(w)) };
      })
      .filter((x) => x.shared.length >= 2)
      .sort((a, b) => b.shared.length - a.shared.length || a.o.name.localeCompare(b.o.name));
    for (const { o, shared } of scored.slice(0, 3)) {
      const quoted = shared.slice(0, 3).map((w) => `‘${w}’`).join(', ');
      add({ kind: 'occupation', id: o.id, name: o.name, because: `In je ervaringen over motieven schrijf je woorden als ${quoted}. Die komen ook terug in dit beroep.` });
    }
  }

  return { items, basis: { selfAssessmentAt: reflection.latest?.assessedAt ?? null, scores } };
}
