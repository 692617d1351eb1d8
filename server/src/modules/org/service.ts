import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { InstitutionType, OrgTables, ProgrammeKind, VoPath } from './tables.js';
import type { Deps } from '../../platform/http.js';
import { schoolDate } from '../../platform/clock.js';

export interface StudentProfile {
  id: string;
  displayName: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  institution: { id: string; name: string } | null;
  enrolment: {
    programme: { id: string; crebo: string; name: string; level: number; pathway: string } | null;
    group: { id: string; code: string; name: string } | null;
    cohort: string | null;
    startsOn: string;
  } | null;
  mentors: { id: string; displayName: string }[];
  internship: { id: string; companyName: string; startsOn: string; endsOn: string } | null;
}

/** The profile as one query: current enrolment, mentors and the running or next internship. */
export async function getStudentProfile(deps: Pick<Deps, 'db' | 'clock'>, studentId: string): Promise<StudentProfile | null> {
  const today = schoolDate(deps.clock.now());
  const r = await sql<any>`
    select u.id, u.display_name, u.given_name, u.family_name, u.birth_date,
      (select json_build_object('id', i.id, 'name', i.name) from institutions i
        join user_roles ur on ur.institution_id = i.id and ur.user_id = u.id and ur.role = 'student' limit 1) as institution,
      (select json_build_object(
          'programme', case when p.id is null then null else json_build_object('id', p.id, 'crebo', p.crebo, 'name', p.name, 'level', p.level, 'pathway', p.pathway) end,
          'group', case when g.id is null then null else json_build_object('id', g.id, 'code', g.code, 'name', g.name) end,
          'cohort', c.name, 'startsOn', e.starts_on)
        from enrolments e
        left join programmes p on p.id = e.programme_id
        left join groups g on g.id = e.group_id
        left join cohorts c on c.id = e.cohort_id
        where e.student_id = u.id and (e.ends_on is null or e.ends_on >= ${today}::date)
        order by e.starts_on desc limit 1) as enrolment,
      coalesce((select json_agg(json_build_object('id', m.id, 'displayName', m.display_name) order by m.display_name)
        from enrolments e join group_mentors gm on gm.group_id = e.group_id join users m on m.id = gm.user_id
        where e.student_id = u.id and (e.ends_on is null or e.ends_on >= ${today}::date)), '[]'::json) as mentors,
      (select json_build_object('id', i.id, 'companyName', i.company_name, 'startsOn', i.starts_on, 'endsOn', i.ends_on)
        from internships i where i.student_id = u.id and i.ends_on >= ${today}::date
        order by i.starts_on limit 1) as internship
    from users u where u.id = ${studentId}
  `.execute(deps.db);
  const row = r.rows[0];
  if (!row) return null;
  return {
    id: row.id,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    institution: row.institution,
    enrolment: row.enrolment,
    mentors: row.mentors,
    internship: row.internship,
  };
}

export interface RelatedStudent {
  id: string;
  displayName: string;
  groupCode: string | null;
  programme: string | null;
  relation: 'mentor' | 'parent' | 'praktijkopleider';
}

/**
 * The students a person guides personally: their mentor groups, their children (while the
 * parent may see the record), their current interns. Filtered in SQL by the same relations
 * the policy uses.
 */
export async function listRelatedStudents(deps: Pick<Deps, 'db' | 'clock'>, userId: string): Promise<RelatedStudent[]> {
  const today = schoolDate(deps.clock.now());
  const r = await sql<{ id: string; display_name: string; group_code: string | null; programme: string | null; relation: RelatedStudent['relation'] }>`
    with current_enrolment as (
      -- Only the enrolments of students this person may relate to: without this the DISTINCT ON
      -- ran over every enrolment of the installation (bench/README.md, national data set).
      select distinct on (e.student_id) e.student_id, e.group_id, e.programme_id from enrolments e
      where e.student_id in (
          select e2.student_id from enrolments e2 join group_mentors gm on gm.group_id = e2.group_id where gm.user_id = ${userId}
          union select pl.student_id from parent_links pl where pl.parent_id = ${userId}
          union select i.student_id from internships i where i.praktijkopleider_id = ${userId})
        and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)
      order by e.student_id, e.starts_on desc
    ), related as (
      select ce.student_id, 'mentor' as relation from current_enrolment ce
        join group_mentors gm on gm.group_id = ce.group_id where gm.user_id = ${userId}
      union
      select pl.student_id, 'parent' from parent_links pl join users s on s.id = pl.student_id
        where pl.parent_id = ${userId}
          and (pl.adult_opt_in or (s.birth_date is not null and s.birth_date > (${today}::date - interval '18 years')))
      union
      select i.student_id, 'praktijkopleider' from internships i
        where i.praktijkopleider_id = ${userId} and ${today}::date between i.starts_on and i.ends_on
    )
    select u.id, u.display_name, g.code as group_code, p.name as programme, r.relation
    from related r join users u on u.id = r.student_id
    left join current_enrolment ce on ce.student_id = u.id
    left join groups g on g.id = ce.group_id
    left join programmes p on p.id = ce.programme_id
    order by r.relation, g.code, u.family_name, u.given_name
  `.execute(deps.db);
  return r.rows.map((row) => ({ id: row.id, displayName: row.display_name, groupCode: row.group_code, programme: row.programme, relation: row.relation }));
}

/** The parents on record of a student, for the student's own privacy settings. */
export async function listOwnParents(deps: Pick<Deps, 'db'>, studentId: string) {
  const rows = await deps.db
    .selectFrom('parent_links as pl')
    .innerJoin('users as u', 'u.id', 'pl.parent_id')
    .select(['u.id', 'u.display_name', 'pl.adult_opt_in'])
    .where('pl.student_id', '=', studentId)
    .orderBy('u.display_name')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, adultOptIn: r.adult_opt_in }));
}

/**
 * From 18 a parent sees the guidance record only when the student opts in; the student may
 * switch that at any time (also before 18, so it is already set on the birthday). Audited.
 */
export async function setParentOptIn(deps: Pick<Deps, 'db' | 'audit'>, studentId: string, parentId: string, adultOptIn: boolean, ip?: string) {
  return deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('parent_links')
      .set({ adult_opt_in: adultOptIn })
      .where('student_id', '=', studentId)
      .where('parent_id', '=', parentId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await deps.audit.record(
      { action: 'sharing.parent_opt_in', actorId: studentId, studentId, subjectType: 'user', subjectId: parentId, ip, details: { adultOptIn } },
      trx,
    );
    return true;
  });
}

/** The administrator's commands on the institution's structure and people (admin screens, roster). */
export * from './admin-service.js';
export interface InstitutionSummary {
  id: string;
  name: string;
  type: InstitutionType;
  brin: string | null;
  region: { id: string; code: string; name: string } | null;
}

/**
 * Institutions of every type by name or BRIN, to choose a destination. Public facts only
 * (name, type, BRIN, RMC region); ordered by name with a keyset cursor.
 */
export async function searchInstitutions(
  deps: Pick<Deps, 'db'>,
  opts: { q?: string; type?: InstitutionType; limit: number; after?: { name: string; id: string } },
): Promise<InstitutionSummary[]> {
  const q = opts.q?.trim().toLowerCase();
  const r = await sql<{ id: string; name: string; type: InstitutionType; brin: string | null; region_id: string | null; region_code: string | null; region_name: string | null }>`
    select i.id, i.name, i.type, i.brin, r.id as region_id, r.code as region_code, r.name as region_name
    from institutions i left join regions r on r.id = i.rmc_region_id
    where true
      ${q ? sql`and (strpos(lower(i.name), ${q}) > 0 or lower(coalesce(i.brin, '')) = ${q})` : sql``}
      ${opts.type ? sql`and i.type = ${opts.type}` : sql``}
      ${opts.after ? sql`and (i.name, i.id) > (${opts.after.name}, ${opts.after.id}::uuid)` : sql``}
    order by i.name, i.id
    limit ${opts.limit}`.execute(deps.db);
  return r.rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    brin: row.brin,
    region: row.region_id ? { id: row.region_id, code: row.region_code!, name: row.region_name! } : null,
  }));
}

export async function getInstitution(deps: Pick<Deps, 'db'>, id: string): Promise<InstitutionSummary | null> {
  const r = await sql<{ id: string; name: string; type: InstitutionType; brin: string | null; region_id: string | null; region_code: string | null; region_name: string | null }>`
    select i.id, i.name, i.type, i.brin, r.id as region_id, r.code as region_code, r.name as region_name
    from institutions i left join regions r on r.id = i.rmc_region_id where i.id = ${id}`.execute(deps.db);
  const row = r.rows[0];
  if (!row) return null;
  return { id: row.id, name: row.name, type: row.type, brin: row.brin, region: row.region_id ? { id: row.region_id, code: row.region_code!, name: row.region_name! } : null };
}

export interface ProgrammeSummary {
  id: string;
  institutionId: string;
  kind: ProgrammeKind;
  name: string;
  crebo: string | null;
  level: number | null;
  pathway: 'BOL' | 'BBL' | null;
  voPath: VoPath | null;
  voYear: number | null;
  croho: string | null;
}

const PROGRAMME_COLUMNS = ['id', 'institution_id', 'kind', 'name', 'crebo', 'level', 'pathway', 'vo_path', 'vo_year', 'croho'] as const;
type ProgrammeRow = Pick<OrgTables['programmes'], 'name' | 'crebo' | 'level' | 'pathway' | 'vo_path' | 'vo_year' | 'croho' | 'institution_id'> & { id: string; kind: ProgrammeKind };

function toProgrammeSummary(p: ProgrammeRow): ProgrammeSummary {
  return { id: p.id, institutionId: p.institution_id, kind: p.kind, name: p.name, crebo: p.crebo, level: p.level, pathway: p.pathway, voPath: p.vo_path, voYear: p.vo_year, croho: p.croho };
}

/** The programmes (opleidingen) an institution offers, of whatever kind, by name. */
export async function listInstitutionProgrammes(deps: Pick<Deps, 'db'>, institutionId: string): Promise<ProgrammeSummary[]> {
  const rows = await deps.db.selectFrom('programmes').select(PROGRAMME_COLUMNS).where('institution_id', '=', institutionId).orderBy('name').orderBy('id').execute();
  return rows.map(toProgrammeSummary);
}

export async function getProgramme(deps: Pick<Deps, 'db'>, id: string): Promise<ProgrammeSummary | null> {
  const row = await deps.db.selectFrom('programmes').select(PROGRAMME_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toProgrammeSummary(row) : null;
}

/** The institutions a person is a student of, with their current enrolment's programme (for the sending side). */
export async function currentStudentPlacement(deps: Pick<Deps, 'db' | 'clock'>, studentId: string) {
  const today = schoolDate(deps.clock.now());
  return deps.db
    .selectFrom('enrolments as e')
    .leftJoin('programmes as p', 'p.id', 'e.programme_id')
    .select(['e.institution_id', 'e.programme_id', 'p.name as programme_name', 'p.kind', 'p.vo_path', 'p.vo_year', 'p.level'])
    .where('e.student_id', '=', studentId)
    .where('e.starts_on', '<=', today)
    .where((eb) => eb.or([eb('e.ends_on', 'is', null), eb('e.ends_on', '>=', today)]))
    .orderBy('e.starts_on', 'desc')
    .execute();
}

/**
 * A student's record starts at a new institution: the student role there and, when a programme
 * is known, an enrolment from `startsOn`. Used by the transition module when the receiving school
 * places a pupil; runs in the caller's transaction and is idempotent.
 */
export async function enrolAtInstitution(
  trx: Kysely<DB>,
  input: { studentId: string; institutionId: string; programmeId: string | null; startsOn: string },
): Promise<void> {
  await trx
    .insertInto('user_roles')
    .values({ user_id: input.studentId, institution_id: input.institutionId, role: 'student' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (!input.programmeId) return;
  const existing = await trx
    .selectFrom('enrolments')
    .select('id')
    .where('student_id', '=', input.studentId)
    .where('institution_id', '=', input.institutionId)
    .where('programme_id', '=', input.programmeId)
    .where('ends_on', 'is', null)
    .executeTakeFirst();
  if (existing) return;
  await trx
    .insertInto('enrolments')
    .values({ student_id: input.studentId, institution_id: input.institutionId, programme_id: input.programmeId, group_id: null, cohort_id: null, starts_on: input.startsOn, ends_on: null, source_id: null })
    .execute();
}

/** The parents on record of a student (ids), for consent and notifications. */
export async function parentIdsOf(deps: Pick<Deps, 'db'>, studentId: string): Promise<string[]> {
  const rows = await deps.db.selectFrom('parent_links').select('parent_id').where('student_id', '=', studentId).execute();
  return rows.map((r) => r.parent_id);
}

/**
 * A school that does not use Koers yet, known by its BRIN: found, or registered with its name
 * and type (no people, no programmes), so a form it sent can be imported. In the caller's transaction.
 */
export async function ensureInstitutionByBrin(trx: Kysely<DB>, input: { name: string; brin: string; type: InstitutionType }): Promise<string> {
  const existing = await trx.selectFrom('institutions').select('id').where('brin', '=', input.brin).executeTakeFirst();
  if (existing) return existing.id;
  const row = await trx.insertInto('institutions').values({ name: input.name, brin: input.brin, type: input.type, rmc_region_id: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Changes from the student administration (OneRoster), applied by org, which owns the tables. */
export { applyRosterChanges, type RosterChanges } from './roster-changes.js';
