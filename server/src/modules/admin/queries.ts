import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import { isoDate } from '../org/service.js';
import type { Role } from '../org/tables.js';

/** Reads of the administration; every query is limited to one institution in SQL. */
type Db = Pick<Deps, 'db' | 'clock'>;

const dateOrNull = (v: string | Date | null) => (v ? isoDate(v) : null);

export async function institutionOverview(deps: Db, institutionId: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<any>`
    select i.id, i.name, i.brin,
      (select count(*) from user_roles where institution_id = i.id and role = 'student')::int as students,
      (select count(distinct user_id) from user_roles where institution_id = i.id
         and role in ('mentor','docent','lob_coordinator','manager','institution_admin'))::int as staff,
      (select count(*) from user_roles where institution_id = i.id and role = 'parent')::int as parents,
      (select count(*) from user_roles where institution_id = i.id and role = 'praktijkopleider')::int as praktijkopleiders,
      (select count(*) from locations where institution_id = i.id)::int as locations,
      (select count(*) from teams where institution_id = i.id)::int as teams,
      (select count(*) from programmes where institution_id = i.id)::int as programmes,
      (select count(*) from cohorts where institution_id = i.id)::int as cohorts,
      (select count(*) from groups where institution_id = i.id)::int as groups,
      (select count(*) from enrolments where institution_id = i.id and starts_on <= ${today}::date
         and (ends_on is null or ends_on >= ${today}::date))::int as current_enrolments,
      (select count(*) from internships where institution_id = i.id and ${today}::date between starts_on and ends_on)::int as running_internships
    from institutions i where i.id = ${institutionId}
  `.execute(deps.db);
  const row = r.rows[0];
  if (!row) return null;
  return {
    institution: { id: row.id, name: row.name, brin: row.brin },
    counts: {
      students: row.students,
      staff: row.staff,
      parents: row.parents,
      praktijkopleiders: row.praktijkopleiders,
      locations: row.locations,
      teams: row.teams,
      programmes: row.programmes,
      cohorts: row.cohorts,
      groups: row.groups,
      currentEnrolments: row.current_enrolments,
      runningInternships: row.running_internships,
    },
  };
}

export async function listLocations(deps: Db, institutionId: string) {
  const rows = await deps.db.selectFrom('locations').select(['id', 'name', 'city']).where('institution_id', '=', institutionId).orderBy('name').execute();
  return { items: rows, nextCursor: null };
}

export async function listTeams(deps: Db, institutionId: string) {
  const r = await sql<any>`
    select t.id, t.name,
      coalesce((select json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.display_name)
        from team_members tm join users u on u.id = tm.user_id where tm.team_id = t.id), '[]'::json) as members
    from teams t where t.institution_id = ${institutionId} order by t.name
  `.execute(deps.db);
  return { items: r.rows.map((t) => ({ id: t.id, name: t.name, members: t.members })), nextCursor: null };
}

export async function listProgrammes(deps: Db, institutionId: string) {
  const r = await sql<any>`
    select p.id, p.crebo, p.name, p.level, p.pathway, p.sector, p.team_id, t.name as team_name,
      p.location_id, l.name as location_name,
      (select count(*) from groups g where g.programme_id = p.id)::int as group_count
    from programmes p
    left join teams t on t.id = p.team_id
    left join locations l on l.id = p.location_id
    where p.institution_id = ${institutionId}
    order by p.name, p.level, p.pathway
  `.execute(deps.db);
  return {
    items: r.rows.map((p) => ({
      id: p.id,
      crebo: p.crebo,
      name: p.name,
      level: Number(p.level),
      pathway: p.pathway,
      sector: p.sector,
      team: p.team_id ? { id: p.team_id, name: p.team_name } : null,
      location: p.location_id ? { id: p.location_id, name: p.location_name } : null,
      groupCount: p.group_count,
    })),
    nextCursor: null,
  };
}

export async function listCohorts(deps: Db, institutionId: string) {
  const rows = await deps.db
    .selectFrom('cohorts')
    .select(['id', 'name', 'starts_on'])
    .where('institution_id', '=', institutionId)
    .orderBy('starts_on', 'desc')
    .execute();
  return { items: rows.map((c) => ({ id: c.id, name: c.name, startsOn: isoDate(c.starts_on) })), nextCursor: null };
}

const groupSelect = (today: string) => sql`
  select g.id, g.code, g.name, g.programme_id, p.name as programme_name, p.crebo, g.cohort_id, c.name as cohort_name,
    coalesce((select json_agg(json_build_object('id', u.id, 'displayName', u.display_name) order by u.display_name)
      from group_mentors gm join users u on u.id = gm.user_id where gm.group_id = g.id), '[]'::json) as mentors,
    (select count(*) from enrolments e where e.group_id = g.id and e.starts_on <= ${today}::date
       and (e.ends_on is null or e.ends_on >= ${today}::date))::int as student_count
  from groups g
  left join programmes p on p.id = g.programme_id
  left join cohorts c on c.id = g.cohort_id`;

function groupView(g: any) {
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    programme: g.programme_id ? { id: g.programme_id, name: g.programme_name, crebo: g.crebo } : null,
    cohort: g.cohort_id ? { id: g.cohort_id, name: g.cohort_name } : null,
    mentors: g.mentors as { id: string; displayName: string }[],
    studentCount: g.student_count,
  };
}

export async function listGroups(deps: Db, institutionId: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<any>`${groupSelect(today)} where g.institution_id = ${institutionId} order by g.code`.execute(deps.db);
  return { items: r.rows.map(groupView), nextCursor: null };
}

/** One group with the students enrolled in it (current and future enrolments). */
export async function getGroup(deps: Db, institutionId: string, groupId: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<any>`${groupSelect(today)} where g.institution_id = ${institutionId} and g.id = ${groupId}`.execute(deps.db);
  if (!r.rows[0]) return null;
  const students = await deps.db
    .selectFrom('enrolments as e')
    .innerJoin('users as u', 'u.id', 'e.student_id')
    .select(['e.id', 'e.student_id', 'u.display_name', 'e.starts_on', 'e.ends_on'])
    .where('e.group_id', '=', groupId)
    .where((eb) => eb.or([eb('e.ends_on', 'is', null), eb('e.ends_on', '>=', today)]))
    .orderBy('u.family_name')
    .orderBy('u.given_name')
    .execute();
  return {
    ...groupView(r.rows[0]),
    enrolments: students.map((s) => ({
      id: s.id,
      student: { id: s.student_id, displayName: s.display_name },
      startsOn: isoDate(s.starts_on),
      endsOn: dateOrNull(s.ends_on),
    })),
  };
}

// --- users ---------------------------------------------------------------------------------

/** The keyset cursor of the user list: the last name and id seen, opaque to clients. */
function encodeCursor(name: string, id: string) {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) return v as [string, string];
  } catch {
    /* falls through to the 400 */
  }
  throw new AppError(400, 'validation_failed', { cursor: 'admin_cursor_invalid' });
}

export interface UserListItem {
  id: string;
  email: string;
  displayName: string;
  status: 'active' | 'disabled';
  roles: Role[];
}

export async function listUsers(deps: Db, institutionId: string, q: { q?: string; role?: Role; limit: number; cursor?: string }) {
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const search = q.q ? `%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const r = await sql<any>`
    select u.id, u.email, u.display_name, u.status, lower(u.display_name) as sort_name,
      (select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id and r.institution_id = ${institutionId}) as roles
    from users u
    where exists (select 1 from user_roles r where r.user_id = u.id and r.institution_id = ${institutionId}
                  ${q.role ? sql`and r.role = ${q.role}` : sql``})
      ${search ? sql`and (lower(u.display_name) like ${search} or lower(u.email) like ${search})` : sql``}
      ${after ? sql`and (lower(u.display_name), u.id) > (${after[0]}, ${after[1]}::uuid)` : sql``}
    order by lower(u.display_name), u.id
    limit ${q.limit + 1}
  `.execute(deps.db);
  const page = r.rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((u): UserListItem => ({ id: u.id, email: u.email, displayName: u.display_name, status: u.status, roles: parseArray(u.roles) })),
    nextCursor: r.rows.length > q.limit && last ? encodeCursor(last.sort_name, last.id) : null,
  };
}

export async function getUser(deps: Db, institutionId: string, userId: string) {
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'email', 'given_name', 'family_name', 'display_name', 'birth_date', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  const roles = await deps.db.selectFrom('user_roles').select('role').where('user_id', '=', userId).where('institution_id', '=', institutionId).orderBy('role').execute();
  if (roles.length === 0) return null;
  const enrolments = await deps.db
    .selectFrom('enrolments as e')
    .leftJoin('groups as g', 'g.id', 'e.group_id')
    .select(['e.id', 'e.group_id', 'g.code', 'e.starts_on', 'e.ends_on'])
    .where('e.student_id', '=', userId)
    .where('e.institution_id', '=', institutionId)
    .orderBy('e.starts_on', 'desc')
    .execute();
  const internships = await listInternships(deps, institutionId, { limit: 50, studentOrPraktijkopleider: userId });
  const mentorOf = await deps.db
    .selectFrom('group_mentors as gm')
    .innerJoin('groups as g', 'g.id', 'gm.group_id')
    .select(['g.id', 'g.code'])
    .where('gm.user_id', '=', userId)
    .where('g.institution_id', '=', institutionId)
    .orderBy('g.code')
    .execute();
  return {
    id: user.id,
    email: user.email,
    givenName: user.given_name,
    familyName: user.family_name,
    displayName: user.display_name,
    birthDate: dateOrNull(user.birth_date),
    status: user.status,
    roles: roles.map((r) => r.role),
    enrolments: enrolments.map((e) => ({ id: e.id, group: e.group_id ? { id: e.group_id, code: e.code! } : null, startsOn: isoDate(e.starts_on), endsOn: dateOrNull(e.ends_on) })),
    internships: internships.items,
    mentorOf,
  };
}

// --- internships ---------------------------------------------------------------------------

export async function listInternships(deps: Db, institutionId: string, q: { limit: number; cursor?: string; studentId?: string; studentOrPraktijkopleider?: string }) {
  let query = deps.db
    .selectFrom('internships as i')
    .innerJoin('users as s', 's.id', 'i.student_id')
    .leftJoin('users as p', 'p.id', 'i.praktijkopleider_id')
    .select(['i.id', 'i.company_name', 'i.starts_on', 'i.ends_on', 'i.student_id', 's.display_name as student_name', 'i.praktijkopleider_id', 'p.display_name as po_name'])
    .where('i.institution_id', '=', institutionId)
    .orderBy('i.id')
    .limit(q.limit + 1);
  if (q.studentId) query = query.where('i.student_id', '=', q.studentId);
  if (q.studentOrPraktijkopleider) {
    const id = q.studentOrPraktijkopleider;
    query = query.where((eb) => eb.or([eb('i.student_id', '=', id), eb('i.praktijkopleider_id', '=', id)]));
  }
  if (q.cursor) query = query.where('i.id', '>', q.cursor);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((i) => ({
      id: i.id,
      companyName: i.company_name,
      startsOn: isoDate(i.starts_on),
      endsOn: isoDate(i.ends_on),
      student: { id: i.student_id, displayName: i.student_name },
      praktijkopleider: i.praktijkopleider_id ? { id: i.praktijkopleider_id, displayName: i.po_name! } : null,
    })),
    nextCursor: rows.length > q.limit ? page.at(-1)!.id : null,
  };
}

// PGlite and pg return text[] as an array; older pg versions return the '{a,b}' literal.
function parseArray(value: Role[] | string | null): Role[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return value.replace(/[{}]/g, '').split(',').filter(Boolean) as Role[];
}

/** Whether the user holds any role in the institution: who an administrator may see and change. */
export async function userInInstitution(deps: Db, institutionId: string, userId: string): Promise<boolean> {
  const row = await deps.db.selectFrom('user_roles').select('user_id').where('user_id', '=', userId).where('institution_id', '=', institutionId).executeTakeFirst();
  return Boolean(row);
}
