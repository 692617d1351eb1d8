import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import type { Role } from './tables.js';

/**
 * Writes of the administration (issue 3, part 10) to the tables the org module owns. The admin
 * module's routes validate input and check policy; these functions keep every write inside
 * one institution, audit it in the same transaction, and tell the caller whose rights changed
 * so their cached sessions can be dropped at once.
 */
export interface AdminWriteContext {
  deps: Deps;
  actorId: string;
  institutionId: string;
  ip: string;
  /** drops cached sessions of a user whose roles or relations changed (after commit) */
  forget: (userId: string) => void;
}

type Trx = Transaction<DB>;

// --- errors --------------------------------------------------------------------------------

/** 400 naming the field whose id does not belong to the institution. */
const unknownReference = (field: string) => new AppError(400, 'admin_reference_unknown', { [field]: 'admin_reference_unknown' });

/** Unique indexes of the org tables, and the request field each one is about. */
const UNIQUE_FIELDS: Record<string, { field: string; code: string }> = {
  users_email: { field: 'email', code: 'admin_email_taken' },
  groups_institution_id_code_key: { field: 'code', code: 'admin_group_code_taken' },
  teams_institution_id_name_key: { field: 'name', code: 'admin_name_taken' },
  cohorts_institution_id_name_key: { field: 'name', code: 'admin_name_taken' },
  programmes_institution_id_crebo_pathway_location_id_key: { field: 'crebo', code: 'admin_programme_taken' },
  user_roles_pkey: { field: 'role', code: 'admin_role_exists' },
  team_members_pkey: { field: 'userId', code: 'admin_already_member' },
  group_mentors_pkey: { field: 'userId', code: 'admin_already_mentor' },
};

/**
 * Turns a database unique violation into a 409 naming the field; a duplicate is the client's
 * doing and must never surface as a 500. Checks made before the insert give the same answer
 * in the common case; this catches the race between two administrators.
 */
function mapDatabaseError(err: unknown, fallbackField: string): never {
  const e = err as { code?: string; constraint?: string };
  if (e?.code === '23505') {
    const known = e.constraint ? UNIQUE_FIELDS[e.constraint] : undefined;
    const field = known?.field ?? fallbackField;
    const code = known?.code ?? 'admin_duplicate';
    throw new AppError(409, code, { [field]: code });
  }
  throw err;
}

/** Runs a write in a transaction and maps unique violations to 409 on `field`. */
async function write<T>(ctx: AdminWriteContext, fallbackField: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await ctx.deps.db.transaction().execute(fn);
  } catch (err) {
    mapDatabaseError(err, fallbackField);
  }
}

async function audit(ctx: AdminWriteContext, trx: Trx, action: string, subjectType: string, subjectId: string | null, details: Record<string, unknown> = {}, studentId?: string | null) {
  await ctx.deps.audit.record(
    { action, actorId: ctx.actorId, institutionId: ctx.institutionId, subjectType, subjectId, studentId: studentId ?? null, ip: ctx.ip, details },
    trx,
  );
}

// --- references within the institution ----------------------------------------------------

type ScopedTable = 'locations' | 'teams' | 'programmes' | 'cohorts' | 'groups' | 'internships' | 'enrolments';

/** Whether a row of a table with institution_id belongs to the institution. */
async function ownedBy(db: Kysely<DB>, table: ScopedTable, id: string, institutionId: string): Promise<boolean> {
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('id', '=', id)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  return Boolean(row);
}

async function requireOwned(db: Kysely<DB>, table: ScopedTable, id: string | null | undefined, institutionId: string, field: string) {
  if (id && !(await ownedBy(db, table, id, institutionId))) throw unknownReference(field);
}

/** The user's roles in the institution; an empty list means the user is not part of it. */
async function rolesIn(db: Kysely<DB>, userId: string, institutionId: string): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).where('institution_id', '=', institutionId).execute();
  return rows.map((r) => r.role);
}

async function requireMember(db: Kysely<DB>, userId: string, institutionId: string, field: string, roles?: readonly Role[]) {
  const held = await rolesIn(db, userId, institutionId);
  if (held.length === 0 || (roles && !held.some((r) => roles.includes(r)))) throw unknownReference(field);
  return held;
}

const STAFF: readonly Role[] = ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'];

// --- institution and locations -------------------------------------------------------------

export async function updateInstitution(ctx: AdminWriteContext, input: { name: string }) {
  await write(ctx, 'name', async (trx) => {
    await trx.updateTable('institutions').set({ name: input.name }).where('id', '=', ctx.institutionId).execute();
    await audit(ctx, trx, 'admin.institution.update', 'institution', ctx.institutionId, { name: input.name });
  });
}

export interface LocationInput {
  name: string;
  city: string;
}

export async function createLocation(ctx: AdminWriteContext, input: LocationInput) {
  return write(ctx, 'name', async (trx) => {
    const row = await trx
      .insertInto('locations')
      .values({ institution_id: ctx.institutionId, name: input.name, city: input.city })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'admin.location.create', 'location', row.id, { ...input });
    return row;
  });
}

export async function updateLocation(ctx: AdminWriteContext, id: string, input: Partial<LocationInput>) {
  await write(ctx, 'name', async (trx) => {
    await trx.updateTable('locations').set(input).where('id', '=', id).where('institution_id', '=', ctx.institutionId).execute();
    await audit(ctx, trx, 'admin.location.update', 'location', id, { ...input });
  });
}

// --- teams and their members ---------------------------------------------------------------

export async function createTeam(ctx: AdminWriteContext, input: { name: string }) {
  await assertFree(ctx, 'teams', 'name', input.name, 'admin_name_taken');
  return write(ctx, 'name', async (trx) => {
    const row = await trx.insertInto('teams').values({ institution_id: ctx.institutionId, name: input.name }).returning('id').executeTakeFirstOrThrow();
    await audit(ctx, trx, 'admin.team.create', 'team', row.id, { name: input.name });
    return row;
  });
}

export async function updateTeam(ctx: AdminWriteContext, id: string, input: { name: string }) {
  await assertFree(ctx, 'teams', 'name', input.name, 'admin_name_taken', id);
  await write(ctx, 'name', async (trx) => {
    await trx.updateTable('teams').set({ name: input.name }).where('id', '=', id).where('institution_id', '=', ctx.institutionId).execute();
    await audit(ctx, trx, 'admin.team.update', 'team', id, { name: input.name });
  });
}

/** A team member is staff of the team's opleidingen: a relation that grants access, so audited. */
export async function addTeamMember(ctx: AdminWriteContext, teamId: string, userId: string) {
  await requireMember(ctx.deps.db, userId, ctx.institutionId, 'userId', STAFF);
  await write(ctx, 'userId', async (trx) => {
    await trx.insertInto('team_members').values({ team_id: teamId, user_id: userId }).execute();
    await audit(ctx, trx, 'admin.team_member.add', 'user', userId, { teamId });
  });
  ctx.forget(userId);
}

export async function removeTeamMember(ctx: AdminWriteContext, teamId: string, userId: string) {
  const removed = await write(ctx, 'userId', async (trx) => {
    const r = await trx.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
    if (Number(r.numDeletedRows) > 0) await audit(ctx, trx, 'admin.team_member.remove', 'user', userId, { teamId });
    return Number(r.numDeletedRows) > 0;
  });
  if (!removed) throw new AppError(404, 'not_found');
  ctx.forget(userId);
}

// --- opleidingen (programmes) and cohorts --------------------------------------------------

export interface ProgrammeInput {
  crebo: string;
  name: string;
  level: number;
  pathway: 'BOL' | 'BBL';
  teamId?: string | null;
  locationId?: string | null;
  sector?: string | null;
}

async function checkProgrammeRefs(ctx: AdminWriteContext, input: Partial<ProgrammeInput>) {
  await requireOwned(ctx.deps.db, 'teams', input.teamId, ctx.institutionId, 'teamId');
  await requireOwned(ctx.deps.db, 'locations', input.locationId, ctx.institutionId, 'locationId');
}

const programmeColumns = (input: Partial<ProgrammeInput>) => ({
  ...(input.crebo !== undefined && { crebo: input.crebo }),
  ...(input.name !== undefined && { name: input.name }),
  ...(input.level !== undefined && { level: input.level }),
  ...(input.pathway !== undefined && { pathway: input.pathway }),
  ...(input.teamId !== undefined && { team_id: input.teamId }),
  ...(input.locationId !== undefined && { location_id: input.locationId }),
  ...(input.sector !== undefined && { sector: input.sector }),
});

export async function createProgramme(ctx: AdminWriteContext, input: ProgrammeInput) {
  await checkProgrammeRefs(ctx, input);
  await assertProgrammeFree(ctx, input);
  return write(ctx, 'crebo', async (trx) => {
    const row = await trx
      .insertInto('programmes')
      .values({ institution_id: ctx.institutionId, crebo: input.crebo, name: input.name, level: input.level, pathway: input.pathway, team_id: input.teamId ?? null, location_id: input.locationId ?? null, sector: input.sector ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'admin.programme.create', 'programme', row.id, { ...input });
    return row;
  });
}

export async function updateProgramme(ctx: AdminWriteContext, id: string, input: Partial<ProgrammeInput>) {
  await checkProgrammeRefs(ctx, input);
  // The admin pages edit mbo programmes; crebo and pathway are set for those (migration 0050's check).
  const current = await ctx.deps.db.selectFrom('programmes').selectAll().where('id', '=', id).$narrowType<{ crebo: string; pathway: 'BOL' | 'BBL' }>().executeTakeFirstOrThrow();
  await assertProgrammeFree(
    ctx,
    { crebo: input.crebo ?? current.crebo, pathway: input.pathway ?? current.pathway, locationId: input.locationId !== undefined ? input.locationId : current.location_id },
    id,
  );
  await write(ctx, 'crebo', async (trx) => {
    await trx.updateTable('programmes').set(programmeColumns(input)).where('id', '=', id).where('institution_id', '=', ctx.institutionId).execute();
    await audit(ctx, trx, 'admin.programme.update', 'programme', id, { ...input });
  });
}

/**
 * One opleiding per crebo, pathway and location. The database's unique index treats a missing
 * location as distinct, so the check is made here too.
 */
async function assertProgrammeFree(ctx: AdminWriteContext, p: { crebo: string; pathway: string; locationId?: string | null }, exceptId?: string) {
  let q = ctx.deps.db
    .selectFrom('programmes')
    .select('id')
    .where('institution_id', '=', ctx.institutionId)
    .where('crebo', '=', p.crebo)
    .where('pathway', '=', p.pathway as 'BOL' | 'BBL');
  q = p.locationId ? q.where('location_id', '=', p.locationId) : q.where('location_id', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError(409, 'admin_programme_taken', { crebo: 'admin_programme_taken' });
}

export async function createCohort(ctx: AdminWriteContext, input: { name: string; startsOn: string }) {
  await assertFree(ctx, 'cohorts', 'name', input.name, 'admin_name_taken');
  return write(ctx, 'name', async (trx) => {
    const row = await trx
      .insertInto('cohorts')
      .values({ institution_id: ctx.institutionId, name: input.name, starts_on: input.startsOn })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'admin.cohort.create', 'cohort', row.id, { ...input });
    return row;
  });
}

export async function updateCohort(ctx: AdminWriteContext, id: string, input: { name?: string; startsOn?: string }) {
  if (input.name) await assertFree(ctx, 'cohorts', 'name', input.name, 'admin_name_taken', id);
  await write(ctx, 'name', async (trx) => {
    await trx
      .updateTable('cohorts')
      .set({ ...(input.name && { name: input.name }), ...(input.startsOn && { starts_on: input.startsOn }) })
      .where('id', '=', id)
      .where('institution_id', '=', ctx.institutionId)
      .execute();
    await audit(ctx, trx, 'admin.cohort.update', 'cohort', id, { ...input });
  });
}

/** A case-insensitive duplicate check within the institution, for a friendly 409 before the insert. */
async function assertFree(ctx: AdminWriteContext, table: 'teams' | 'cohorts' | 'groups', column: 'name' | 'code', value: string, code: string, exceptId?: string) {
  let q = ctx.deps.db
    .selectFrom(table)
    .select('id')
    .where('institution_id', '=', ctx.institutionId)
    .where((eb) => eb(eb.fn('lower', [column as any]), '=', value.toLowerCase()));
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new AppError(409, code, { [column]: code });
}

// --- groups and mentors --------------------------------------------------------------------

export interface GroupInput {
  code: string;
  name: string;
  programmeId?: string | null;
  cohortId?: string | null;
}

export async function createGroup(ctx: AdminWriteContext, input: GroupInput) {
  await requireOwned(ctx.deps.db, 'programmes', input.programmeId, ctx.institutionId, 'programmeId');
  await requireOwned(ctx.deps.db, 'cohorts', input.cohortId, ctx.institutionId, 'cohortId');
  await assertFree(ctx, 'groups', 'code', input.code, 'admin_group_code_taken');
  return write(ctx, 'code', async (trx) => {
    const row = await trx
      .insertInto('groups')
      .values({ institution_id: ctx.institutionId, code: input.code, name: input.name, programme_id: input.programmeId ?? null, cohort_id: input.cohortId ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'admin.group.create', 'group', row.id, { ...input });
    return row;
  });
}

export async function updateGroup(ctx: AdminWriteContext, id: string, input: Partial<GroupInput>) {
  await requireOwned(ctx.deps.db, 'programmes', input.programmeId, ctx.institutionId, 'programmeId');
  await requireOwned(ctx.deps.db, 'cohorts', input.cohortId, ctx.institutionId, 'cohortId');
  if (input.code) await assertFree(ctx, 'groups', 'code', input.code, 'admin_group_code_taken', id);
  await write(ctx, 'code', async (trx) => {
    await trx
      .updateTable('groups')
      .set({
        ...(input.code !== undefined && { code: input.code }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.programmeId !== undefined && { programme_id: input.programmeId }),
        ...(input.cohortId !== undefined && { cohort_id: input.cohortId }),
      })
      .where('id', '=', id)
      .where('institution_id', '=', ctx.institutionId)
      .execute();
    await audit(ctx, trx, 'admin.group.update', 'group', id, { ...input });
  });
}

/** A mentor reads the records of every student in the group: a relation change, audited. */
export async function addGroupMentor(ctx: AdminWriteContext, groupId: string, userId: string) {
  await requireMember(ctx.deps.db, userId, ctx.institutionId, 'userId', STAFF);
  await write(ctx, 'userId', async (trx) => {
    await trx.insertInto('group_mentors').values({ group_id: groupId, user_id: userId }).execute();
    await audit(ctx, trx, 'admin.group_mentor.add', 'user', userId, { groupId });
  });
  ctx.forget(userId);
}

export async function removeGroupMentor(ctx: AdminWriteContext, groupId: string, userId: string) {
  const removed = await write(ctx, 'userId', async (trx) => {
    const r = await trx.deleteFrom('group_mentors').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
    const done = Number(r.numDeletedRows) > 0;
    if (done) await audit(ctx, trx, 'admin.group_mentor.remove', 'user', userId, { groupId });
    return done;
  });
  if (!removed) throw new AppError(404, 'not_found');
  ctx.forget(userId);
}

// --- deleting structure --------------------------------------------------------------------

/**
 * Structure that is still referred to is not deleted: a group with students, an opleiding with
 * groups. Removing it would silently take students out of their mentor's caseload.
 */
export async function deleteStructure(ctx: AdminWriteContext, table: 'locations' | 'teams' | 'programmes' | 'cohorts' | 'groups', id: string) {
  const inUse = await isInUse(ctx.deps.db, table, id);
  if (inUse) throw new AppError(409, 'admin_in_use', { id: 'admin_in_use' });
  await write(ctx, 'id', async (trx) => {
    await trx.deleteFrom(table).where('id', '=', id).where('institution_id', '=', ctx.institutionId).execute();
    await audit(ctx, trx, `admin.${table}.delete`, table, id);
  });
}

async function isInUse(db: Kysely<DB>, table: string, id: string): Promise<boolean> {
  const checks: Record<string, () => Promise<unknown>> = {
    locations: () => db.selectFrom('programmes').select('id').where('location_id', '=', id).executeTakeFirst(),
    teams: () => db.selectFrom('programmes').select('id').where('team_id', '=', id).executeTakeFirst(),
    programmes: async () =>
      (await db.selectFrom('groups').select('id').where('programme_id', '=', id).executeTakeFirst()) ??
      (await db.selectFrom('enrolments').select('id').where('programme_id', '=', id).executeTakeFirst()),
    cohorts: () => db.selectFrom('groups').select('id').where('cohort_id', '=', id).executeTakeFirst(),
    groups: () => db.selectFrom('enrolments').select('id').where('group_id', '=', id).executeTakeFirst(),
  };
  return Boolean(await checks[table]());
}

// --- users and roles -----------------------------------------------------------------------

export interface UserInput {
  email: string;
  givenName: string;
  familyName: string;
  birthDate?: string | null;
  roles: Role[];
}

async function assertEmailFree(db: Kysely<DB>, email: string, exceptUserId?: string) {
  let q = db.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()));
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  if (await q.executeTakeFirst()) throw new AppError(409, 'admin_email_taken', { email: 'admin_email_taken' });
}

/** A new account in the institution; it has no password yet (reset link or federated login). */
export async function createUser(ctx: AdminWriteContext, input: UserInput) {
  await assertEmailFree(ctx.deps.db, input.email);
  return write(ctx, 'email', async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({
        email: input.email,
        given_name: input.givenName,
        family_name: input.familyName,
        display_name: `${input.givenName} ${input.familyName}`,
        birth_date: input.birthDate ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'admin.user.create', 'user', user.id, { roles: input.roles }, input.roles.includes('student') ? user.id : null);
    for (const role of new Set(input.roles)) await insertRole(ctx, trx, user.id, role);
    return user;
  });
}

export interface UserPatch {
  email?: string;
  givenName?: string;
  familyName?: string;
  status?: 'active' | 'disabled';
}

/**
 * Changes name, e-mail or status. A disabled account no longer resolves a session (identity
 * checks the status); the caller ends its sessions as well.
 */
export async function updateUser(ctx: AdminWriteContext, userId: string, patch: UserPatch) {
  const roles = await requireMember(ctx.deps.db, userId, ctx.institutionId, 'userId');
  if (patch.status === 'disabled' && userId === ctx.actorId) throw new AppError(409, 'admin_not_yourself', { status: 'admin_not_yourself' });
  if (patch.email) await assertEmailFree(ctx.deps.db, patch.email, userId);
  const current = await ctx.deps.db.selectFrom('users').select(['given_name', 'family_name', 'status']).where('id', '=', userId).executeTakeFirstOrThrow();
  const given = patch.givenName ?? current.given_name;
  const family = patch.familyName ?? current.family_name;
  await write(ctx, 'email', async (trx) => {
    await trx
      .updateTable('users')
      .set({
        ...(patch.email !== undefined && { email: patch.email }),
        ...(patch.givenName !== undefined && { given_name: patch.givenName }),
        ...(patch.familyName !== undefined && { family_name: patch.familyName }),
        ...((patch.givenName !== undefined || patch.familyName !== undefined) && { display_name: `${given} ${family}` }),
        ...(patch.status !== undefined && { status: patch.status }),
        updated_at: ctx.deps.clock.now(),
      })
      .where('id', '=', userId)
      .execute();
    const action = patch.status && patch.status !== current.status ? `admin.user.${patch.status === 'disabled' ? 'disable' : 'enable'}` : 'admin.user.update';
    await audit(ctx, trx, action, 'user', userId, { fields: Object.keys(patch) }, roles.includes('student') ? userId : null);
  });
  ctx.forget(userId);
}

async function insertRole(ctx: AdminWriteContext, trx: Trx, userId: string, role: Role) {
  await trx.insertInto('user_roles').values({ user_id: userId, institution_id: ctx.institutionId, role }).execute();
  await audit(ctx, trx, 'admin.role.add', 'user', userId, { role }, role === 'student' ? userId : null);
}

export async function addRole(ctx: AdminWriteContext, userId: string, role: Role) {
  const held = await requireMember(ctx.deps.db, userId, ctx.institutionId, 'userId');
  if (held.includes(role)) throw new AppError(409, 'admin_role_exists', { role: 'admin_role_exists' });
  await write(ctx, 'role', (trx) => insertRole(ctx, trx, userId, role));
  ctx.forget(userId);
}

export async function removeRole(ctx: AdminWriteContext, userId: string, role: Role) {
  const held = await requireMember(ctx.deps.db, userId, ctx.institutionId, 'userId');
  if (!held.includes(role)) throw new AppError(404, 'not_found');
  // An administrator cannot lock themselves out of the administration.
  if (userId === ctx.actorId && role === 'institution_admin') throw new AppError(409, 'admin_not_yourself', { role: 'admin_not_yourself' });
  await write(ctx, 'role', async (trx) => {
    await trx.deleteFrom('user_roles').where('user_id', '=', userId).where('institution_id', '=', ctx.institutionId).where('role', '=', role).execute();
    await audit(ctx, trx, 'admin.role.remove', 'user', userId, { role }, held.includes('student') ? userId : null);
  });
  ctx.forget(userId);
}

// --- enrolments ----------------------------------------------------------------------------

export interface EnrolmentInput {
  studentId: string;
  groupId: string;
  startsOn: string;
  endsOn?: string | null;
}

/** Enrols a student in a group; opleiding and cohort follow from the group. */
export async function createEnrolment(ctx: AdminWriteContext, input: EnrolmentInput) {
  await requireMember(ctx.deps.db, input.studentId, ctx.institutionId, 'studentId', ['student']);
  const group = await ctx.deps.db
    .selectFrom('groups')
    .select(['id', 'programme_id', 'cohort_id'])
    .where('id', '=', input.groupId)
    .where('institution_id', '=', ctx.institutionId)
    .executeTakeFirst();
  if (!group) throw unknownReference('groupId');
  checkPeriod(input.startsOn, input.endsOn, 'endsOn');
  const mentors = await ctx.deps.db.selectFrom('group_mentors').select('user_id').where('group_id', '=', group.id).execute();
  const row = await write(ctx, 'groupId', async (trx) => {
    const e = await trx
      .insertInto('enrolments')
      .values({
        student_id: input.studentId,
        institution_id: ctx.institutionId,
        group_id: group.id,
        programme_id: group.programme_id,
        cohort_id: group.cohort_id,
        starts_on: input.startsOn,
        ends_on: input.endsOn ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'admin.enrolment.create', 'enrolment', e.id, { groupId: group.id, startsOn: input.startsOn, endsOn: input.endsOn ?? null }, input.studentId);
    return e;
  });
  forgetAll(ctx, [input.studentId, ...mentors.map((m) => m.user_id)]);
  return row;
}

export async function updateEnrolment(ctx: AdminWriteContext, id: string, input: { startsOn?: string; endsOn?: string | null }) {
  const current = await ctx.deps.db.selectFrom('enrolments').select(['student_id', 'group_id', 'starts_on', 'ends_on']).where('id', '=', id).executeTakeFirstOrThrow();
  checkPeriod(input.startsOn ?? isoDate(current.starts_on), input.endsOn !== undefined ? input.endsOn : current.ends_on && isoDate(current.ends_on), 'endsOn');
  await write(ctx, 'id', async (trx) => {
    await trx
      .updateTable('enrolments')
      .set({ ...(input.startsOn !== undefined && { starts_on: input.startsOn }), ...(input.endsOn !== undefined && { ends_on: input.endsOn }) })
      .where('id', '=', id)
      .where('institution_id', '=', ctx.institutionId)
      .execute();
    await audit(ctx, trx, 'admin.enrolment.update', 'enrolment', id, { ...input }, current.student_id);
  });
  await forgetGroup(ctx, current.student_id, current.group_id);
}

export async function deleteEnrolment(ctx: AdminWriteContext, id: string) {
  const current = await ctx.deps.db.selectFrom('enrolments').select(['student_id', 'group_id']).where('id', '=', id).executeTakeFirstOrThrow();
  await write(ctx, 'id', async (trx) => {
    await trx.deleteFrom('enrolments').where('id', '=', id).where('institution_id', '=', ctx.institutionId).execute();
    await audit(ctx, trx, 'admin.enrolment.delete', 'enrolment', id, { groupId: current.group_id }, current.student_id);
  });
  await forgetGroup(ctx, current.student_id, current.group_id);
}

async function forgetGroup(ctx: AdminWriteContext, studentId: string, groupId: string | null) {
  const mentors = groupId ? await ctx.deps.db.selectFrom('group_mentors').select('user_id').where('group_id', '=', groupId).execute() : [];
  forgetAll(ctx, [studentId, ...mentors.map((m) => m.user_id)]);
}

function forgetAll(ctx: AdminWriteContext, userIds: string[]) {
  for (const id of new Set(userIds)) ctx.forget(id);
}

// --- internships ---------------------------------------------------------------------------

export interface InternshipInput {
  studentId: string;
  companyName: string;
  startsOn: string;
  endsOn: string;
  praktijkopleiderId?: string | null;
}

/** The praktijkopleider reads the student's record during the placement: audited, sessions dropped. */
export async function createInternship(ctx: AdminWriteContext, input: InternshipInput) {
  await requireMember(ctx.deps.db, input.studentId, ctx.institutionId, 'studentId', ['student']);
  if (input.praktijkopleiderId) await requireMember(ctx.deps.db, input.praktijkopleiderId, ctx.institutionId, 'praktijkopleiderId', ['praktijkopleider']);
  checkPeriod(input.startsOn, input.endsOn, 'endsOn');
  const row = await write(ctx, 'id', async (trx) => {
    const r = await trx
      .insertInto('internships')
      .values({
        student_id: input.studentId,
        institution_id: ctx.institutionId,
        company_name: input.companyName,
        praktijkopleider_id: input.praktijkopleiderId ?? null,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, trx, 'admin.internship.create', 'internship', r.id, { companyName: input.companyName, praktijkopleiderId: input.praktijkopleiderId ?? null }, input.studentId);
    return r;
  });
  forgetAll(ctx, [input.studentId, ...(input.praktijkopleiderId ? [input.praktijkopleiderId] : [])]);
  return row;
}

export async function updateInternship(ctx: AdminWriteContext, id: string, input: Partial<Omit<InternshipInput, 'studentId'>>) {
  const current = await ctx.deps.db.selectFrom('internships').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  if (input.praktijkopleiderId) await requireMember(ctx.deps.db, input.praktijkopleiderId, ctx.institutionId, 'praktijkopleiderId', ['praktijkopleider']);
  checkPeriod(input.startsOn ?? isoDate(current.starts_on), input.endsOn ?? isoDate(current.ends_on), 'endsOn');
  await write(ctx, 'id', async (trx) => {
    await trx
      .updateTable('internships')
      .set({
        ...(input.companyName !== undefined && { company_name: input.companyName }),
        ...(input.startsOn !== undefined && { starts_on: input.startsOn }),
        ...(input.endsOn !== undefined && { ends_on: input.endsOn }),
        ...(input.praktijkopleiderId !== undefined && { praktijkopleider_id: input.praktijkopleiderId }),
      })
      .where('id', '=', id)
      .where('institution_id', '=', ctx.institutionId)
      .execute();
    await audit(ctx, trx, 'admin.internship.update', 'internship', id, { ...input }, current.student_id);
  });
  forgetAll(ctx, [current.student_id, current.praktijkopleider_id, input.praktijkopleiderId].filter((x): x is string => Boolean(x)));
}

export async function deleteInternship(ctx: AdminWriteContext, id: string) {
  const current = await ctx.deps.db.selectFrom('internships').select(['student_id', 'praktijkopleider_id']).where('id', '=', id).executeTakeFirstOrThrow();
  await write(ctx, 'id', async (trx) => {
    await trx.deleteFrom('internships').where('id', '=', id).where('institution_id', '=', ctx.institutionId).execute();
    await audit(ctx, trx, 'admin.internship.delete', 'internship', id, {}, current.student_id);
  });
  forgetAll(ctx, [current.student_id, current.praktijkopleider_id].filter((x): x is string => Boolean(x)));
}

// --- helpers -------------------------------------------------------------------------------

/** PGlite and pg return dates as Date or string; the API speaks YYYY-MM-DD. */
export function isoDate(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : new Date(value.getTime() - value.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

function checkPeriod(startsOn: string, endsOn: string | null | undefined, field: string) {
  if (endsOn && endsOn < startsOn) throw new AppError(400, 'admin_period_invalid', { [field]: 'admin_period_invalid' });
}

/** Whether a row exists in this institution: the 404 check of routes on one item. */
export async function existsInInstitution(db: Kysely<DB>, table: ScopedTable, id: string, institutionId: string) {
  return ownedBy(db, table, id, institutionId);
}
