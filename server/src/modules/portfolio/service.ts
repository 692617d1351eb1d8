import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import { overdueActions, type PlanAction } from './plan.js';

/**
 * What other modules may call. The portfolio module is the only writer of its tables; the
 * guidance module records conversation agreements through addPlanActionFromConversation.
 */
export { addPlanActionFromConversation, CONVERSATION_GOAL_TITLE } from './plan.js';

/** An entry as it counts for the inspanningsverplichting: content and evidence, no feedback thread or sharing. */
export interface EntryForReview {
  id: string;
  studentId: string;
  kind: string;
  title: string;
  occurredOn: string;
  place: string | null;
  competencies: string[];
  reflection: { orientatie: string; mening: string; reflectie: string };
  activityId: string | null;
  evidence: { id: string; filename: string; mediaType: string; sizeBytes: number }[];
}

/**
 * One published entry of the student that the mentor may open (shared with the mentor), for the
 * programme module, which decides first that it counted. A private entry never comes back.
 */
export async function entryForReview(deps: Pick<Deps, 'db'>, studentId: string, entryId: string): Promise<EntryForReview | null> {
  const e = await deps.db
    .selectFrom('portfolio_entries')
    .select(['id', 'student_id', 'kind', 'title', 'occurred_on', 'place', 'competencies', 'orientatie', 'mening', 'reflectie', 'activity_id'])
    .where('id', '=', entryId)
    .where('student_id', '=', studentId)
    .where('status', '=', 'published')
    .where(sql<boolean>`'mentor' = any(sharing)`)
    .executeTakeFirst();
  if (!e) return null;
  const evidence = await deps.db
    .selectFrom('portfolio_evidence')
    .select(['id', 'filename', 'media_type', 'size_bytes'])
    .where('entry_id', '=', entryId)
    .orderBy('created_at')
    .execute();
  return {
    id: e.id,
    studentId: e.student_id,
    kind: e.kind,
    title: e.title,
    occurredOn: typeof e.occurred_on === 'string' ? e.occurred_on.slice(0, 10) : new Date(e.occurred_on).toISOString().slice(0, 10),
    place: e.place,
    competencies: e.competencies,
    reflection: { orientatie: e.orientatie, mening: e.mening, reflectie: e.reflectie },
    activityId: e.activity_id,
    evidence: evidence.map((v) => ({ id: v.id, filename: v.filename, mediaType: v.media_type, sizeBytes: Number(v.size_bytes) })),
  };
}

export interface PortfolioSummary {
  entryCount: number;
  draftCount: number;
  overdueActions: PlanAction[];
  /** entries with feedback the student has not opened yet: the in-app notification */
  newFeedback: { entryId: string; title: string; count: number }[];
  lastSelfAssessmentAt: string | null;
}

/** The student's home in two queries: overdue actions, and counts with unread feedback. */
export async function portfolioSummary(deps: Pick<Deps, 'db' | 'clock'>, studentId: string): Promise<PortfolioSummary> {
  const [overdue, counts, unread] = await Promise.all([
    overdueActions(deps, studentId),
    sql<{ entries: number; drafts: number; last_assessed: Date | string | null }>`
      select (select count(*) from portfolio_entries where student_id = ${studentId}) as entries,
             (select count(*) from portfolio_entries where student_id = ${studentId} and status = 'draft') as drafts,
             (select max(assessed_at) from portfolio_self_assessments where student_id = ${studentId}) as last_assessed`.execute(deps.db),
    sql<{ entry_id: string; title: string; n: number }>`
      select e.id as entry_id, e.title, count(*) as n
      from portfolio_feedback f join portfolio_entries e on e.id = f.entry_id
      where e.student_id = ${studentId} and f.read_by_student_at is null
      group by e.id, e.title order by max(f.created_at) desc limit 10`.execute(deps.db),
  ]);
  const c = counts.rows[0];
  return {
    entryCount: Number(c.entries),
    draftCount: Number(c.drafts),
    overdueActions: overdue,
    newFeedback: unread.rows.map((r) => ({ entryId: r.entry_id, title: r.title, count: Number(r.n) })),
    lastSelfAssessmentAt: c.last_assessed ? new Date(c.last_assessed).toISOString() : null,
  };
}

/** An entry's owner, title and competencies, for module explore, which links what a werkexploratie entry explored. */
export async function entryOwner(deps: Pick<Deps, 'db'>, entryId: string): Promise<{ studentId: string; title: string; competencies: string[] } | null> {
  const e = await deps.db.selectFrom('portfolio_entries').select(['student_id', 'title', 'competencies']).where('id', '=', entryId).executeTakeFirst();
  return e ? { studentId: e.student_id, title: e.title, competencies: e.competencies } : null;
}

export interface OwnReflection {
  latest: { assessedAt: string; scores: Record<string, number> } | null;
  /** the student's own words in their entries about motieven, for explained suggestions */
  motiveTexts: string[];
}

/** The student's latest self-assessment and what they wrote about their motives: for the student's own suggestions only. */
export async function ownReflection(deps: Pick<Deps, 'db'>, studentId: string): Promise<OwnReflection> {
  const [a, entries] = await Promise.all([
    deps.db.selectFrom('portfolio_self_assessments').selectAll().where('student_id', '=', studentId).orderBy('assessed_at', 'desc').limit(1).executeTakeFirst(),
    deps.db
      .selectFrom('portfolio_entries')
      .select(['title', 'orientatie', 'mening', 'reflectie'])
      .where('student_id', '=', studentId)
      .where(sql<boolean>`'motieven' = any(competencies)`)
      .orderBy('occurred_on', 'desc')
      .limit(20)
      .execute(),
  ]);
  return {
    latest: a
      ? { assessedAt: new Date(a.assessed_at).toISOString(), scores: { kwaliteiten: a.kwaliteiten, motieven: a.motieven, werkexploratie: a.werkexploratie, loopbaansturing: a.loopbaansturing, netwerken: a.netwerken } }
      : null,
    motiveTexts: entries.map((e) => [e.title, e.orientatie, e.mening, e.reflectie].join(' ')),
  };
}
/** Entries written for the student by another module (a completed Loopbaanmagazijn assignment). */
export { createEntry, deleteEntry } from './entries.js';
/** Checking uploaded files by their content and serving stored files safely. */
export { EVIDENCE_TYPES, sniffType, readEvidenceUpload, contentDisposition } from './evidence.js';
/** An entry as it travels with the student to the next school: the content, never the feedback. */
export interface CarriedEntry {
  id: string;
  kind: string;
  title: string;
  occurredOn: string;
  place: string | null;
  competencies: string[];
  reflection: { orientatie: string; mening: string; reflectie: string };
}

/**
 * The published entries the student shared with 'next_school', newest first: what the
 * transfer form carries along. The student decides by sharing; nothing private leaves.
 */
export async function nextSchoolEntries(deps: Pick<Deps, 'db'>, studentId: string): Promise<CarriedEntry[]> {
  const rows = await deps.db
    .selectFrom('portfolio_entries')
    .select(['id', 'kind', 'title', 'occurred_on', 'place', 'competencies', 'orientatie', 'mening', 'reflectie'])
    .where('student_id', '=', studentId)
    .where('status', '=', 'published')
    .where(sql<boolean>`'next_school' = any(sharing)`)
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    occurredOn: typeof r.occurred_on === 'string' ? r.occurred_on : new Date(r.occurred_on).toISOString().slice(0, 10),
    place: r.place,
    competencies: r.competencies,
    reflection: { orientatie: r.orientatie, mening: r.mening, reflectie: r.reflectie },
  }));
}

/** Demo content for a pupil who moves on (used by the transition module's demo). */
export { addTransferPupilEntries } from './demo.js';
