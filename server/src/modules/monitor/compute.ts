import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import { schoolDate } from '../../platform/clock.js';
import { lobStatusOfStudents } from '../programme/service.js';
import { kwaliteitskaartProgress, satisfactionByTeam, schoolYearOf } from '../quality/service.js';
import { listTransitionStatuses, type TransitionStatusRow } from '../transition/service.js';
import { ACTIVITY_KINDS, COMPETENCES } from './indicators.js';
import type { ScopeKind } from './tables.js';

/**
 * Computes every indicator of one institution and school year from the records of the other
 * modules, for the rollup (rollup.ts). One set-based query gives a row per student with the
 * counts the indicators need; the figures per scope are sums over those rows. No row leaves
 * this file with a person in it.
 */

/** What one student contributes; never stored. */
export interface StudentFacts {
  studentId: string;
  teamId: string | null;
  programmeId: string | null;
  groupId: string | null;
  conversations: number;
  activityKinds: string[];
  entries: number;
  entriesAllAspects: number;
  entriesPerCompetence: Record<string, number>;
  /** last minus first self-assessment this school year, per competence; null with fewer than 2 */
  growth: Record<string, number> | null;
  lob: { status: 'met' | 'open' | 'missed'; cohort: string } | null;
}

export interface Figure {
  scopeKind: ScopeKind;
  scopeId: string;
  code: string;
  numerator: number;
  denominator: number;
  n: number;
  personBased: boolean;
}

export function schoolYearBounds(schoolYear: string): { from: string; to: string } {
  const start = Number(schoolYear.slice(0, 4));
  return { from: `${start}-08-01`, to: `${start + 1}-07-31` };
}

export const currentSchoolYear = (deps: Pick<Deps, 'clock'>) => schoolYearOf(schoolDate(deps.clock.now()));

/**
 * The students of the institution in the school year (an enrolment that overlaps it; the latest
 * one places them in a team, opleiding and group) with their counts.
 */
export async function loadStudentFacts(db: Kysely<DB>, institutionId: string, schoolYear: string): Promise<Omit<StudentFacts, 'lob'>[]> {
  const { from, to } = schoolYearBounds(schoolYear);
  const competenceCounts = sql.join(COMPETENCES.map((c) => sql`count(*) filter (where ${c} = any(pe.competencies))::int as ${sql.ref(`c_${c}`)}`));
  const growth = sql.join(COMPETENCES.map((c) => sql`(sa.last_scores ->> ${c})::float - (sa.first_scores ->> ${c})::float as ${sql.ref(`g_${c}`)}`));
  const r = await sql<any>`
    with pop as (
      -- enrolments, programmes: owned by org (read-only set join, decision 0003)
      select distinct on (e.student_id) e.student_id, e.programme_id, e.group_id, p.team_id
      from enrolments e left join programmes p on p.id = e.programme_id
      where e.institution_id = ${institutionId} and e.starts_on <= ${to}::date and (e.ends_on is null or e.ends_on >= ${from}::date)
      order by e.student_id, e.starts_on desc
    )
    select pop.student_id, pop.team_id, pop.programme_id, pop.group_id,
      coalesce(conv.n, 0) as conversations, coalesce(act.kinds, '{}') as kinds,
      coalesce(ent.n, 0) as entries, coalesce(ent.full_n, 0) as entries_full,
      ${sql.join(COMPETENCES.map((c) => sql`coalesce(ent.${sql.ref(`c_${c}`)}, 0) as ${sql.ref(`c_${c}`)}`))},
      sa.assessments, ${growth}
    from pop
    -- guidance_conversations: owned by guidance (read-only)
    left join lateral (
      select count(*)::int as n from guidance_conversations gc
      where gc.student_id = pop.student_id and gc.institution_id = ${institutionId} and gc.status = 'held' and gc.held_on between ${from}::date and ${to}::date
    ) conv on true
    -- lob_activities, lob_activity_signups: owned by programme (read-only)
    left join lateral (
      select array_agg(distinct la.kind) as kinds from lob_activity_signups s join lob_activities la on la.id = s.activity_id
      where s.student_id = pop.student_id and s.attended and la.institution_id = ${institutionId}
        and la.starts_at >= ${from}::date and la.starts_at < (${to}::date + 1)
    ) act on true
    -- portfolio_entries: owned by portfolio (read-only)
    left join lateral (
      select count(*)::int as n,
        count(*) filter (where btrim(pe.orientatie) <> '' and btrim(pe.mening) <> '' and btrim(pe.reflectie) <> '')::int as full_n,
        ${competenceCounts}
      from portfolio_entries pe
      where pe.student_id = pop.student_id and pe.status = 'published' and pe.occurred_on between ${from}::date and ${to}::date
    ) ent on true
    -- portfolio_self_assessments: owned by portfolio (read-only)
    left join lateral (
      select count(*)::int as assessments,
        (array_agg(to_jsonb(psa) order by psa.assessed_at asc, psa.id))[1] as first_scores,
        (array_agg(to_jsonb(psa) order by psa.assessed_at desc, psa.id))[1] as last_scores
      from portfolio_self_assessments psa
      where psa.student_id = pop.student_id and psa.assessed_at >= ${from}::date and psa.assessed_at < (${to}::date + 1)
    ) sa on true
    order by pop.student_id`.execute(db);
  return r.rows.map((row) => ({
    studentId: row.student_id,
    teamId: row.team_id,
    programmeId: row.programme_id,
    groupId: row.group_id,
    conversations: Number(row.conversations),
    activityKinds: parseArray(row.kinds),
    entries: Number(row.entries),
    entriesAllAspects: Number(row.entries_full),
    entriesPerCompetence: Object.fromEntries(COMPETENCES.map((c) => [c, Number(row[`c_${c}`])])),
    growth: Number(row.assessments) >= 2 ? Object.fromEntries(COMPETENCES.map((c) => [c, Number(row[`g_${c}`])])) : null,
  }));
}

function parseArray(v: string[] | string | null): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return v;
  return v.replace(/[{}]/g, '').split(',').filter(Boolean);
}

/** Adds the programme's judgement of the inspanningsverplichting (current school year only). */
export async function withLobStatus(deps: Pick<Deps, 'db' | 'clock'>, facts: Omit<StudentFacts, 'lob'>[], judge: boolean): Promise<StudentFacts[]> {
  const statuses = judge ? await lobStatusOfStudents(deps, facts.map((f) => f.studentId)) : new Map();
  return facts.map((f) => {
    const s = statuses.get(f.studentId);
    return { ...f, lob: s?.status ? { status: s.status, cohort: s.cohortStart.slice(0, 4) } : null };
  });
}

/** The figures of one group of students (a scope): sums over their facts. */
export function figuresOf(students: StudentFacts[], scopeKind: ScopeKind, scopeId: string): Figure[] {
  const n = students.length;
  const out: Figure[] = [];
  const add = (code: string, numerator: number, denominator: number, cellN: number) =>
    out.push({ scopeKind, scopeId, code, numerator, denominator, n: cellN, personBased: true });
  const count = (f: (s: StudentFacts) => boolean) => students.filter(f).length;
  const sum = (f: (s: StudentFacts) => number, list = students) => list.reduce((a, s) => a + f(s), 0);

  add('conversation_share', count((s) => s.conversations > 0), n, n);
  add('conversations_per_student', sum((s) => s.conversations), n, n);
  add('activity_participation', count((s) => s.activityKinds.length > 0), n, n);
  for (const kind of ACTIVITY_KINDS) add(`activity_participation.${kind}`, count((s) => s.activityKinds.includes(kind)), n, n);
  add('entries_per_student', sum((s) => s.entries), n, n);
  for (const c of COMPETENCES) add(`entries_per_student.${c}`, sum((s) => s.entriesPerCompetence[c] ?? 0), n, n);
  const writers = students.filter((s) => s.entries > 0);
  add('entries_three_aspects', sum((s) => s.entriesAllAspects, writers), sum((s) => s.entries, writers), writers.length);
  const grown = students.filter((s) => s.growth);
  add('competence_growth', sum((s) => COMPETENCES.reduce((a, c) => a + s.growth![c], 0) / COMPETENCES.length, grown), grown.length, grown.length);
  for (const c of COMPETENCES) add(`competence_growth.${c}`, sum((s) => s.growth![c], grown), grown.length, grown.length);
  const judged = students.filter((s) => s.lob);
  if (judged.length) {
    const cohorts = [...new Set(judged.map((s) => s.lob!.cohort))].sort();
    for (const status of ['met', 'open', 'missed'] as const) {
      add(`lob_${status}`, judged.filter((s) => s.lob!.status === status).length, judged.length, judged.length);
      for (const cohort of cohorts) {
        const inCohort = judged.filter((s) => s.lob!.cohort === cohort);
        add(`lob_${status}.${cohort}`, inCohort.filter((s) => s.lob!.status === status).length, inCohort.length, inCohort.length);
      }
    }
  }
  return out;
}

/** The figures of every scope of the institution: the institution, each team, opleiding and group. */
export function institutionFigures(institutionId: string, students: StudentFacts[]): Figure[] {
  const by = (key: (s: StudentFacts) => string | null) => {
    const m = new Map<string, StudentFacts[]>();
    for (const s of students) {
      const k = key(s);
      if (k) m.set(k, [...(m.get(k) ?? []), s]);
    }
    return m;
  };
  return [
    ...figuresOf(students, 'institution', institutionId),
    ...[...by((s) => s.teamId)].flatMap(([id, list]) => figuresOf(list, 'team', id)),
    ...[...by((s) => s.programmeId)].flatMap(([id, list]) => figuresOf(list, 'programme', id)),
    ...[...by((s) => s.groupId)].flatMap(([id, list]) => figuresOf(list, 'group', id)),
  ];
}

/** Satisfaction (per team and institution) and the Kwaliteitskaart, through the quality module's service. */
export async function qualityFigures(deps: Pick<Deps, 'db' | 'clock'>, institutionId: string, schoolYear: string): Promise<Figure[]> {
  const { to } = schoolYearBounds(schoolYear);
  const today = schoolDate(deps.clock.now());
  const [sat, kaart] = await Promise.all([
    satisfactionByTeam(deps.db, institutionId, schoolYear),
    kwaliteitskaartProgress(deps.db, institutionId, schoolYear, today < to ? today : to),
  ]);
  const out: Figure[] = [];
  const satisfaction = (scopeKind: ScopeKind, scopeId: string, v: { value: number | null; n: number | null }) => {
    if (v.value === null || v.n === null) return;
    out.push({ scopeKind, scopeId, code: 'satisfaction', numerator: v.value * v.n, denominator: v.n, n: v.n, personBased: true });
  };
  satisfaction('institution', institutionId, sat.institution);
  for (const t of sat.teams) satisfaction('team', t.teamId, t);
  if (kaart.total > 0) out.push({ scopeKind: 'institution', scopeId: institutionId, code: 'kwaliteitskaart_done', numerator: kaart.done, denominator: kaart.total, n: kaart.total, personBased: false });
  return out;
}

const STARTED = ['gestart', 'werk', 'vervolgopleiding', 'diploma', 'gestopt'];
const PLACED = ['geplaatst', 'ingeschreven', 'gestart', 'werk', 'vervolgopleiding', 'diploma'];

const addMonthsTo = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

/**
 * Doorstroom and early leaving from the transition module's service (institution level only):
 * a transfer counts in the school year of its latest status, an unsent one in the current year.
 * - warm_handover: of the students leaving with a transfer form, the share whose form was sent;
 * - started_after_transfer: of those sent, the share who started at school or work;
 * - early_leaving: of the students who came in by transfer and started, the share who stopped;
 * - replaced_within_6_months: of those who stopped, the share placed again within 6 months.
 */
export function transitionFigures(institutionId: string, rows: TransitionStatusRow[], schoolYear: string, currentYear: string): Figure[] {
  const inYear = (r: TransitionStatusRow) => (r.occurredOn ? schoolYearOf(r.occurredOn) === schoolYear : schoolYear === currentYear);
  const share = (code: string, base: TransitionStatusRow[], hit: (r: TransitionStatusRow) => boolean): Figure => {
    const students = new Set(base.map((r) => r.studentId));
    const hits = new Set(base.filter(hit).map((r) => r.studentId));
    return { scopeKind: 'institution', scopeId: institutionId, code, numerator: hits.size, denominator: students.size, n: students.size, personBased: true };
  };
  const outgoing = rows.filter((r) => r.fromInstitutionId === institutionId && inYear(r));
  const sent = outgoing.filter((r) => r.transferStatus !== 'draft');
  const incomingStarted = rows.filter((r) => r.toInstitutionId === institutionId && inYear(r) && r.status !== null && STARTED.includes(r.status));
  const stopped = rows.filter((r) => r.toInstitutionId === institutionId && r.status === 'gestopt' && r.occurredOn && inYear(r));
  const replaced = (stop: TransitionStatusRow) =>
    rows.some((o) => o.studentId === stop.studentId && o.transferId !== stop.transferId && o.status !== null && PLACED.includes(o.status) && !!o.occurredOn && o.occurredOn > stop.occurredOn! && o.occurredOn <= addMonthsTo(stop.occurredOn!, 6));
  const out = [
    share('warm_handover', outgoing, (r) => r.transferStatus !== 'draft'),
    share('started_after_transfer', sent, (r) => r.status !== null && STARTED.includes(r.status)),
    share('early_leaving', incomingStarted, (r) => r.status === 'gestopt'),
    share('replaced_within_6_months', stopped, replaced),
  ];
  return out.filter((f) => f.denominator > 0);
}

/** The transition figures of one institution, through the transition module's service. */
export async function transferFigures(deps: Pick<Deps, 'db' | 'clock'>, institutionId: string, schoolYear: string): Promise<Figure[]> {
  const involved = await listTransitionStatuses(deps, { institutionIds: [institutionId] });
  // re-placement may happen through a transfer that does not involve this institution
  const students = [...new Set(involved.map((r) => r.studentId))];
  const all = students.length ? await listTransitionStatuses(deps, { studentIds: students }) : [];
  return transitionFigures(institutionId, all, schoolYear, currentSchoolYear(deps));
}
