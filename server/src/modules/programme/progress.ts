import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import { schoolDate } from '../../platform/clock.js';
import { listCompletedExercises } from '../library/service.js';
import type { Competence } from '../portfolio/schema.js';
import { tookPart } from './attendance.js';
import { listHeldConversations } from './conversations.js';
import { componentWindow, evaluate, versionForCohort, type Evaluation, type Fact, type Override, type Version } from './evaluate.js';
import type { ActivityKind } from './schema.js';

type Ctx = Pick<Deps, 'db' | 'clock'>;

/** What the engine needs to know about a student: the current enrolment. */
export interface StudentEnrolment {
  studentId: string;
  displayName: string;
  familyName: string;
  programmeId: string | null;
  programmeName: string | null;
  level: number | null;
  pathway: 'BOL' | 'BBL' | null;
  cohortName: string | null;
  cohortStart: string;
  groupId: string | null;
  groupCode: string | null;
  /** the institution's target groups (doelgroepen) the student belongs to */
  targetGroups: string[];
}

export interface StudentStatus extends Evaluation {
  student: StudentEnrolment;
  version: Omit<Version, 'components'> | null;
  /** why there is nothing to judge: no enrolment in an opleiding, or no programme for it */
  reason: 'no_enrolment' | 'no_programme' | null;
}

/** Current enrolments of the given students, or of everyone in a group or opleiding; one query. */
export async function loadEnrolments(
  deps: Ctx,
  filter: { studentIds: string[] } | { groupId: string } | { programmeId: string },
): Promise<StudentEnrolment[]> {
  const today = schoolDate(deps.clock.now());
  const where =
    'studentIds' in filter
      ? sql`u.id = any(${filter.studentIds}::uuid[])`
      : 'groupId' in filter
        ? sql`ce.group_id = ${filter.groupId}`
        : sql`ce.programme_id = ${filter.programmeId}`;
  // The same scope inside the CTE, so only these students' enrolments are read: without it the
  // DISTINCT ON ran over every enrolment of the installation (EXPLAIN on 50,000 students:
  // 120-190 ms for one student; see bench/README.md). The outer filter still decides on the
  // student's current enrolment, so the answer is unchanged.
  const scope =
    'studentIds' in filter
      ? sql`e.student_id = any(${filter.studentIds}::uuid[])`
      : 'groupId' in filter
        ? sql`e.student_id in (select s.student_id from enrolments s where s.group_id = ${filter.groupId})`
        : sql`e.student_id in (select s.student_id from enrolments s where s.programme_id = ${filter.programmeId})`;
  const r = await sql<{
    id: string;
    display_name: string;
    family_name: string;
    programme_id: string | null;
    programme_name: string | null;
    level: number | null;
    pathway: 'BOL' | 'BBL' | null;
    cohort_name: string | null;
    cohort_start: string;
    group_id: string | null;
    group_code: string | null;
    target_groups: string[] | string | null;
  }>`
    with ce as (
      select distinct on (e.student_id) e.* from enrolments e
      where ${scope} and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)
      order by e.student_id, e.starts_on desc
    )
    select u.id, u.display_name, u.family_name, p.id as programme_id, p.name as programme_name, p.level, p.pathway,
      c.name as cohort_name, to_char(coalesce(c.starts_on, ce.starts_on), 'YYYY-MM-DD') as cohort_start,
      g.id as group_id, g.code as group_code,
      array(select m.target_group_id from lob_target_group_members m where m.student_id = u.id) as target_groups
    from ce join users u on u.id = ce.student_id
    left join programmes p on p.id = ce.programme_id
    left join cohorts c on c.id = ce.cohort_id
    left join groups g on g.id = ce.group_id
    where ${where}
    order by u.family_name, u.given_name, u.id`.execute(deps.db);
  return r.rows.map((row) => ({
    studentId: row.id,
    displayName: row.display_name,
    familyName: row.family_name,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    level: row.level === null ? null : Number(row.level),
    pathway: row.pathway,
    cohortName: row.cohort_name,
    cohortStart: row.cohort_start,
    groupId: row.group_id,
    groupCode: row.group_code,
    targetGroups: parseUuidArray(row.target_groups),
  }));
}

// Both drivers return uuid[] as an array; an older pg may return the '{a,b}' literal.
function parseUuidArray(value: string[] | string | null): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return value.replace(/[{}]/g, '').split(',').filter(Boolean);
}

/** Every version (with components) of the given opleidingen, in one query. */
export async function loadVersions(db: Kysely<DB>, programmeIds: string[]): Promise<Version[]> {
  if (programmeIds.length === 0) return [];
  const r = await sql<any>`
    select v.id, v.programme_id, v.version, to_char(v.effective_from, 'YYYY-MM-DD') as effective_from, v.rule, v.rule_min, v.rule_text, v.min_aspect_length,
      coalesce((select json_agg(json_build_object(
          'id', c.id, 'position', c.position, 'year', c.year, 'period', c.period, 'kind', c.kind, 'title', c.title,
          'requiredCount', c.required_count, 'activityKinds', c.activity_kinds, 'minCompetencies', c.min_competencies,
          'levels', c.levels, 'pathways', c.pathways, 'intensity', c.intensity, 'guidance', c.guidance,
          'attendanceAlone', c.attendance_alone, 'competencies', c.competencies, 'dimensions', c.dimensions,
          'targetGroupIds', c.target_group_ids) order by c.position)
        from lob_programme_components c where c.version_id = v.id), '[]'::json) as components
    from lob_programme_versions v
    where v.programme_id = any(${programmeIds}::uuid[])
    order by v.programme_id, v.version`.execute(db);
  return r.rows.map((row) => ({
    id: row.id,
    programmeId: row.programme_id,
    version: Number(row.version),
    effectiveFrom: row.effective_from,
    rule: row.rule,
    ruleMin: row.rule_min === null ? null : Number(row.rule_min),
    ruleText: row.rule_text,
    minAspectLength: Number(row.min_aspect_length),
    components: (typeof row.components === 'string' ? JSON.parse(row.components) : row.components).map((c: any) => ({
      ...c,
      levels: c.levels.map(Number),
    })),
  }));
}

/**
 * The records the engine judges, for all given students at once: activities taken part in
 * (attendance decides where it was taken, see attendance.ts), published portfolio entries with
 * their aspects and whether the mentor may open them (read-only: the portfolio module owns
 * them; private entries are judged but never shown to staff), held conversations (through the
 * guidance adapter) and completed exercises with the entry they were completed with (through
 * the library service). Four queries in parallel, whatever the number of students.
 */
async function loadFacts(db: Kysely<DB>, studentIds: string[], from: string, to: string): Promise<Map<string, Fact[]>> {
  const trimmedLength = (column: string) => sql<number>`char_length(regexp_replace(${sql.ref(column)}, '^[[:space:]]+|[[:space:]]+$', '', 'g'))`;
  const [activities, entries, conversations, exercises] = await Promise.all([
    sql<{ student_id: string; id: string; title: string; kind: ActivityKind; date: string; competencies: Competence[] }>`
      select s.student_id, a.id, a.title, a.kind, a.competencies,
        to_char(a.starts_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as date
      from lob_activity_signups s join lob_activities a on a.id = s.activity_id
      where s.student_id = any(${studentIds}::uuid[]) and ${tookPart} and a.kind <> 'career_conversation'`.execute(db),
    // Owner: portfolio. Reflections on an activity or exercise count whenever they were written.
    sql<{ student_id: string; id: string; title: string; date: string; competencies: Competence[]; shared: boolean; activity_id: string | null; o: number; m: number; r: number }>`
      select e.student_id, e.id, e.title, to_char(e.occurred_on, 'YYYY-MM-DD') as date, e.competencies,
        ('mentor' = any(e.sharing)) as shared, e.activity_id,
        ${trimmedLength('e.orientatie')} as o, ${trimmedLength('e.mening')} as m, ${trimmedLength('e.reflectie')} as r
      from portfolio_entries e
      where e.student_id = any(${studentIds}::uuid[]) and e.status = 'published'
        and (e.occurred_on between ${from}::date and ${to}::date or e.activity_id is not null
          or exists (select 1 from library_completions lc where lc.entry_id = e.id))`.execute(db),
    listHeldConversations(db, studentIds, from, to),
    listCompletedExercises(db, studentIds, from, to),
  ]);
  const facts = new Map<string, Fact[]>(studentIds.map((id) => [id, []]));
  const push = (studentId: string, f: Fact) => facts.get(studentId)?.push(f);
  for (const a of activities.rows) push(a.student_id, { type: 'activity', id: a.id, title: a.title, date: a.date, activityKind: a.kind, competencies: a.competencies });
  for (const e of entries.rows) {
    push(e.student_id, {
      type: 'entry',
      id: e.id,
      title: e.title,
      date: e.date,
      competencies: e.competencies,
      sharedWithMentor: e.shared,
      activityId: e.activity_id,
      aspectLengths: { orientatie: Number(e.o), mening: Number(e.m), reflectie: Number(e.r) },
    });
  }
  for (const c of conversations) push(c.studentId, { type: 'conversation', id: c.conversationId, title: '', date: c.heldOn });
  for (const x of exercises) push(x.studentId, { type: 'exercise', id: x.assignmentId, title: x.title, date: x.completedOn, competencies: x.competencies, entryId: x.entryId });
  return facts;
}

async function loadOverrides(db: Kysely<DB>, studentIds: string[]): Promise<Map<string, Override[]>> {
  const rows = await db
    .selectFrom('lob_status_overrides as o')
    .leftJoin('users as u', 'u.id', 'o.decided_by')
    .select(['o.id', 'o.student_id', 'o.component_id', 'o.reason', 'u.display_name', 'o.decided_at'])
    .where('o.student_id', 'in', studentIds.length ? studentIds : ['00000000-0000-0000-0000-000000000000'])
    .where('o.revoked_at', 'is', null)
    .execute();
  const map = new Map<string, Override[]>();
  for (const o of rows) {
    const list = map.get(o.student_id) ?? [];
    list.push({ id: o.id, componentId: o.component_id, reason: o.reason, decidedBy: o.display_name, decidedAt: new Date(o.decided_at).toISOString() });
    map.set(o.student_id, list);
  }
  return map;
}

/** The status of every given student: a fixed number of queries for one student or a whole group. */
export async function computeStatuses(deps: Ctx, enrolments: StudentEnrolment[]): Promise<StudentStatus[]> {
  const today = schoolDate(deps.clock.now());
  const ids = enrolments.map((e) => e.studentId);
  const programmeIds = [...new Set(enrolments.map((e) => e.programmeId).filter((p): p is string => !!p))];
  const versions = await loadVersions(deps.db, programmeIds);
  const chosen = new Map(enrolments.map((e) => [e.studentId, versionForCohort(versions.filter((v) => v.programmeId === e.programmeId), e.cohortStart)]));
  const windows = enrolments.flatMap((e) => (chosen.get(e.studentId)?.components ?? []).map((c) => componentWindow(e.cohortStart, c.year, c.period)));
  const from = windows.reduce((m, w) => (w.from < m ? w.from : m), today);
  const to = windows.reduce((m, w) => (w.to > m ? w.to : m), today);
  const [facts, overrides] = await Promise.all([loadFacts(deps.db, ids, from, to), loadOverrides(deps.db, ids)]);
  return enrolments.map((student) => {
    const version = chosen.get(student.studentId) ?? null;
    if (!student.programmeId || !version) {
      return { student, version: null, reason: student.programmeId ? 'no_programme' : 'no_enrolment', required: 0, done: 0, fulfilled: false, components: [] };
    }
    const { components: _c, ...versionInfo } = version;
    const result = evaluate(version, student, facts.get(student.studentId) ?? [], overrides.get(student.studentId) ?? [], today);
    return { student, version: versionInfo, reason: null, ...result };
  });
}

/** One student's status, or null when the student has no current enrolment. */
export async function studentStatus(deps: Ctx, studentId: string): Promise<StudentStatus | null> {
  const enrolments = await loadEnrolments(deps, { studentIds: [studentId] });
  if (enrolments.length === 0) return null;
  return (await computeStatuses(deps, enrolments))[0];
}
