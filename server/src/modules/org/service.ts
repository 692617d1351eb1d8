import { sql } from 'kysely';
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
