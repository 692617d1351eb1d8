import type { Role } from '../org/tables.js';
import type { RosterRecords } from './read.js';
import type { RosterDb } from './tables.js';

/** What the database holds that an import may match, change or refer to. */
export interface DbState {
  institution: { id: string; name: string; brin: string } | null;
  locations: { id: string; institution_id: string; name: string; city: string; source_id: string | null }[];
  cohorts: { id: string; institution_id: string; name: string; starts_on: string; source_id: string | null }[];
  programmes: {
    id: string; institution_id: string; crebo: string; name: string; level: number; pathway: 'BOL' | 'BBL'; location_id: string | null; source_id: string | null;
  }[];
  groups: { id: string; institution_id: string; code: string; name: string; programme_id: string | null; cohort_id: string | null; source_id: string | null }[];
  users: Map<string, DbUser>;
  roles: { user_id: string; institution_id: string; role: Role }[];
  enrolments: DbEnrolment[];
  mentors: { group_id: string; user_id: string }[];
  parentLinks: { parent_id: string; student_id: string }[];
}

export interface DbUser {
  id: string;
  email: string;
  given_name: string;
  family_name: string;
  display_name: string;
  birth_date: string | null;
  status: 'active' | 'disabled';
  source_id: string | null;
}

export interface DbEnrolment {
  id: string;
  student_id: string;
  institution_id: string;
  programme_id: string | null;
  group_id: string | null;
  cohort_id: string | null;
  starts_on: string;
  ends_on: string | null;
  source_id: string | null;
}

// PostgreSQL accepts at most 65535 parameters in one statement; a large school has more people.
const CHUNK = 1000;

async function inChunks<T>(values: string[], fetch: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(values)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await fetch(unique.slice(i, i + CHUNK))));
  return out;
}

/** Loads, in a handful of queries, everything the records can match or refer to. */
export async function loadState(db: RosterDb, brin: string, records: RosterRecords): Promise<DbState> {
  const found = await db.selectFrom('institutions').select(['id', 'name']).where('brin', '=', brin).executeTakeFirst();
  const institution = found ? { ...found, brin } : null;
  const inst = institution?.id;
  const byInstitution = async <T>(load: (id: string) => Promise<T[]>) => (inst ? load(inst) : []);

  const locations = await byInstitution((id) => db.selectFrom('locations').select(['id', 'institution_id', 'name', 'city', 'source_id']).where('institution_id', '=', id).execute());
  const cohorts = await byInstitution((id) => db.selectFrom('cohorts').select(['id', 'institution_id', 'name', 'starts_on', 'source_id']).where('institution_id', '=', id).execute());
  const programmes = await byInstitution((id) =>
    db.selectFrom('programmes').select(['id', 'institution_id', 'crebo', 'name', 'level', 'pathway', 'location_id', 'source_id']).where('institution_id', '=', id)
      // OneRoster courses are mbo programmes: crebo, level and pathway are set (migration 0050's check)
      .where('kind', '=', 'mbo').$narrowType<{ crebo: string; level: number; pathway: 'BOL' | 'BBL' }>().execute(),
  );
  const groups = await byInstitution((id) =>
    db.selectFrom('groups').select(['id', 'institution_id', 'code', 'name', 'programme_id', 'cohort_id', 'source_id']).where('institution_id', '=', id).execute(),
  );

  const userColumns = ['id', 'email', 'given_name', 'family_name', 'display_name', 'birth_date', 'status', 'source_id'] as const;
  const referencedSourceIds = [
    ...records.users.map((u) => u.sourcedId),
    ...records.users.flatMap((u) => u.agentSourcedIds),
    ...records.enrollments.map((e) => e.userSourcedId),
  ];
  const users = new Map<string, DbUser>();
  for (const u of await inChunks(referencedSourceIds, (c) => db.selectFrom('users').select(userColumns).where('source_id', 'in', c).execute())) users.set(u.id, u);
  const emails = records.users.map((u) => u.email).filter(Boolean);
  for (const u of await inChunks(emails, (c) => db.selectFrom('users').select(userColumns).where((eb) => eb.fn('lower', ['email']), 'in', c).execute())) users.set(u.id, u);
  const userIds = [...users.keys()];

  const roles = await inChunks(userIds, (c) => db.selectFrom('user_roles').select(['user_id', 'institution_id', 'role']).where('user_id', 'in', c).execute());
  const parentLinks = await inChunks(userIds, (c) =>
    db.selectFrom('parent_links').select(['parent_id', 'student_id']).where((eb) => eb.or([eb('parent_id', 'in', c), eb('student_id', 'in', c)])).execute(),
  );
  const enrolmentColumns = ['id', 'student_id', 'institution_id', 'programme_id', 'group_id', 'cohort_id', 'starts_on', 'ends_on', 'source_id'] as const;
  const enrolments = new Map<string, DbEnrolment>();
  const bySource = await inChunks(records.enrollments.map((e) => e.sourcedId), (c) => db.selectFrom('enrolments').select(enrolmentColumns).where('source_id', 'in', c).execute());
  // A student removed in users.csv has all enrolments in the institution ended, also manual ones.
  const byStudent = inst
    ? await inChunks(userIds, (c) => db.selectFrom('enrolments').select(enrolmentColumns).where('student_id', 'in', c).where('institution_id', '=', inst).execute())
    : [];
  for (const e of [...bySource, ...byStudent]) enrolments.set(e.id, e);

  const mentors = inst
    ? await db.selectFrom('group_mentors as gm').innerJoin('groups as g', 'g.id', 'gm.group_id').select(['gm.group_id', 'gm.user_id']).where('g.institution_id', '=', inst).execute()
    : [];
  return { institution, locations, cohorts, programmes, groups, users, roles, enrolments: [...enrolments.values()], mentors, parentLinks };
}
