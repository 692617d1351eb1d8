import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { ageOn, schoolDate } from '../../platform/clock.js';
import type { Role } from './tables.js';

/**
 * How a signed-in person relates to one student: the facts every student-data rule is built
 * from. Loaded in a single query; rules in the modules' policy.ts read these flags.
 */
export interface StudentRelation {
  studentId: string;
  /** the institution of the student's current enrolment */
  institutionId: string;
  self: boolean;
  /** mentor (SLB'er) of a group the student is currently enrolled in */
  mentor: boolean;
  /** parent or carer on record */
  parent: boolean;
  /** the parent may see the guidance record: the student is under 18, or opted in */
  parentSeesRecord: boolean;
  /** praktijkopleider of an internship of the student that runs today */
  praktijkopleider: boolean;
  /** member of the team that runs the student's opleiding */
  teamStaff: boolean;
  /** the reader's roles in the institution(s) of the student's current enrolment */
  institutionRoles: Role[];
  minor: boolean;
  /** resource flags the HTTP layer reads */
  private: true;
}

export async function loadStudentRelation(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  studentId: string,
): Promise<StudentRelation | null> {
  const today = schoolDate(deps.clock.now());
  const a = actor.userId;
  const row = await sql<{
    institution_id: string | null;
    birth_date: string | null;
    mentor: boolean;
    parent: boolean;
    adult_opt_in: boolean;
    praktijkopleider: boolean;
    team_staff: boolean;
    roles: Role[] | null;
  }>`
    with enrolment as (
      select e.institution_id, e.group_id, e.programme_id from enrolments e
      where e.student_id = ${studentId} and e.starts_on <= ${today}::date
        and (e.ends_on is null or e.ends_on >= ${today}::date)
    )
    select
      coalesce((select institution_id from enrolment limit 1),
               (select institution_id from user_roles where user_id = u.id and role = 'student' limit 1)) as institution_id,
      u.birth_date,
      exists (select 1 from enrolment e join group_mentors gm on gm.group_id = e.group_id where gm.user_id = ${a}) as mentor,
      exists (select 1 from parent_links p where p.student_id = u.id and p.parent_id = ${a}) as parent,
      coalesce((select p.adult_opt_in from parent_links p where p.student_id = u.id and p.parent_id = ${a}), false) as adult_opt_in,
      exists (select 1 from internships i where i.student_id = u.id and i.praktijkopleider_id = ${a}
              and ${today}::date between i.starts_on and i.ends_on) as praktijkopleider,
      exists (select 1 from enrolment e join programmes pr on pr.id = e.programme_id
              join team_members tm on tm.team_id = pr.team_id where tm.user_id = ${a}) as team_staff,
      -- Only roles at the institution(s) the student is enrolled in today count: a school the
      -- student has left (or not yet started at) reads nothing through its staff roles.
      (select array_agg(r.role) from user_roles r where r.user_id = ${a} and r.institution_id in (
         select institution_id from enrolment
         union all
         select ur.institution_id from user_roles ur where ur.user_id = u.id and ur.role = 'student'
           and not exists (select 1 from enrolment)
           and not exists (select 1 from enrolments le where le.student_id = u.id
                           and le.institution_id = ur.institution_id and le.ends_on < ${today}::date))) as roles
    from users u
    where u.id = ${studentId}
      and exists (select 1 from user_roles sr where sr.user_id = u.id and sr.role = 'student')
  `.execute(deps.db);
  const r = row.rows[0];
  if (!r || !r.institution_id) return null;
  // Without a known birth date the student is treated as an adult: privacy is the safe default.
  const minor = r.birth_date ? ageOn(r.birth_date, today) < 18 : false;
  return {
    studentId,
    institutionId: r.institution_id,
    self: a === studentId,
    mentor: r.mentor,
    parent: r.parent,
    parentSeesRecord: r.parent && (minor || r.adult_opt_in),
    praktijkopleider: r.praktijkopleider,
    teamStaff: r.team_staff,
    institutionRoles: parseRoles(r.roles),
    minor,
    private: true,
  };
}

// PGlite returns text[] as an array, pg too; older pg versions return the '{a,b}' literal.
function parseRoles(value: Role[] | string | null): Role[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return value.replace(/[{}]/g, '').split(',').filter(Boolean) as Role[];
}
