import type { z } from 'zod';
import { defineRoute, type RouteContext, type RouteDef } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import * as org from '../org/service.js';
import type { SessionStore } from '../identity/service.js';
import { localiseFields } from './messages.js';
import type { InstitutionResource } from './policy.js';
import {
  cohortBody,
  cohortPatch,
  enrolmentBody,
  enrolmentPatch,
  groupBody,
  groupPatch,
  institutionParams,
  institutionPatch,
  internshipBody,
  internshipPatch,
  itemParams,
  listQuery,
  locationBody,
  locationPatch,
  memberParams,
  programmeBody,
  programmePatch,
  roleBody,
  roleParams,
  teamBody,
  userBody,
  userPatch,
  userRef,
  usersQuery,
} from './schema.js';
import * as q from './queries.js';
import './policy.js';

const BASE = '/api/v1/admin/institutions/:institutionId';
const TAGS = ['admin'];

type Params = { institutionId: string };
type Ctx = RouteContext<Params & Record<string, any>, any, any>;

/** The resource of every admin route: the institution in the path (404 when unknown). */
async function institutionResource(ctx: Ctx): Promise<InstitutionResource | null> {
  const row = await ctx.deps.db.selectFrom('institutions').select('id').where('id', '=', ctx.params.institutionId).executeTakeFirst();
  return row ? { institutionId: row.id } : null;
}

function writeContext(ctx: Ctx, sessions: SessionStore): org.AdminWriteContext {
  return {
    deps: ctx.deps,
    actorId: ctx.actor.userId,
    institutionId: ctx.params.institutionId,
    ip: ctx.req.ip,
    forget: (userId) => sessions.forget(userId),
  };
}

/** An item addressed by id must belong to the institution of the path; otherwise 404. */
async function requireItem(ctx: Ctx, table: Parameters<typeof org.existsInInstitution>[1], id: string) {
  if (!(await org.existsInInstitution(ctx.deps.db, table, id, ctx.params.institutionId))) throw new AppError(404, 'not_found');
}

/** Defines an admin route: the institution as resource, error fields in the client's language. */
function adminRoute<P extends Params, Q, B>(def: {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  action: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  status?: number;
  handler: (ctx: RouteContext<P, Q, B>) => Promise<unknown>;
}): RouteDef {
  return defineRoute<P, Q, B, InstitutionResource>({
    method: def.method,
    url: `${BASE}${def.path}`,
    summary: def.summary,
    tags: TAGS,
    action: def.action,
    params: (def.params ?? institutionParams) as z.ZodType<P>,
    query: def.query,
    body: def.body,
    status: def.status,
    resource: (ctx) => institutionResource(ctx as unknown as Ctx),
    handler: async (ctx) => {
      try {
        return await def.handler(ctx);
      } catch (err) {
        throw localiseFields(err, ctx.locale);
      }
    },
  });
}

const READ = 'admin.overview.read';
const STRUCTURE = 'admin.structure.manage';
const USERS_READ = 'admin.users.read';
const USERS = 'admin.users.manage';

export function adminRoutes(sessions: SessionStore): RouteDef[] {
  return [...structureRoutes(sessions), ...relationRoutes(sessions), ...userRoutes(sessions), ...enrolmentRoutes(sessions)];
}

function structureRoutes(sessions: SessionStore): RouteDef[] {
  const w = (ctx: any) => writeContext(ctx, sessions);
  return [
    adminRoute({
      method: 'GET',
      path: '',
      summary: 'The institution (name, BRIN) with counts of its people and structure',
      action: READ,
      handler: async (ctx) => q.institutionOverview(ctx.deps, ctx.params.institutionId),
    }),
    adminRoute({
      method: 'PATCH',
      path: '',
      summary: "Rename the institution (the BRIN number is fixed)",
      action: STRUCTURE,
      body: institutionPatch,
      handler: async (ctx) => {
        if (ctx.body.name) await org.updateInstitution(w(ctx), { name: ctx.body.name });
        return q.institutionOverview(ctx.deps, ctx.params.institutionId);
      },
    }),
    ...crudRoutes(sessions, {
      path: '/locations',
      table: 'locations',
      noun: 'location',
      list: (ctx) => q.listLocations(ctx.deps, ctx.params.institutionId),
      body: locationBody,
      patch: locationPatch,
      create: (ctx) => org.createLocation(w(ctx), ctx.body),
      update: (ctx) => org.updateLocation(w(ctx), ctx.params.id, ctx.body),
    }),
    ...crudRoutes(sessions, {
      path: '/teams',
      table: 'teams',
      noun: 'opleidingsteam',
      list: (ctx) => q.listTeams(ctx.deps, ctx.params.institutionId),
      body: teamBody,
      patch: teamBody,
      create: (ctx) => org.createTeam(w(ctx), ctx.body),
      update: (ctx) => org.updateTeam(w(ctx), ctx.params.id, ctx.body),
    }),
    ...crudRoutes(sessions, {
      path: '/programmes',
      table: 'programmes',
      noun: 'opleiding (crebo, level 1–4, BOL/BBL, team)',
      list: (ctx) => q.listProgrammes(ctx.deps, ctx.params.institutionId),
      body: programmeBody,
      patch: programmePatch,
      create: (ctx) => org.createProgramme(w(ctx), ctx.body),
      update: (ctx) => org.updateProgramme(w(ctx), ctx.params.id, ctx.body),
    }),
    ...crudRoutes(sessions, {
      path: '/cohorts',
      table: 'cohorts',
      noun: 'cohort',
      list: (ctx) => q.listCohorts(ctx.deps, ctx.params.institutionId),
      body: cohortBody,
      patch: cohortPatch,
      create: (ctx) => org.createCohort(w(ctx), ctx.body),
      update: (ctx) => org.updateCohort(w(ctx), ctx.params.id, ctx.body),
    }),
    ...crudRoutes(sessions, {
      path: '/groups',
      table: 'groups',
      noun: 'group (code, name, opleiding, cohort) with its mentors',
      list: (ctx) => q.listGroups(ctx.deps, ctx.params.institutionId),
      body: groupBody,
      patch: groupPatch,
      create: (ctx) => org.createGroup(w(ctx), ctx.body),
      update: (ctx) => org.updateGroup(w(ctx), ctx.params.id, ctx.body),
    }),
    adminRoute({
      method: 'GET',
      path: '/groups/:id',
      summary: 'One group with its mentors and the students enrolled in it',
      action: READ,
      params: itemParams,
      handler: async (ctx) => {
        const group = await q.getGroup(ctx.deps, ctx.params.institutionId, ctx.params.id);
        if (!group) throw new AppError(404, 'not_found');
        return group;
      },
    }),
  ];
}

interface CrudSpec {
  path: string;
  table: 'locations' | 'teams' | 'programmes' | 'cohorts' | 'groups';
  noun: string;
  list: (ctx: Ctx) => Promise<unknown>;
  body: z.ZodType<any>;
  patch: z.ZodType<any>;
  create: (ctx: Ctx) => Promise<{ id: string }>;
  update: (ctx: Ctx) => Promise<void>;
}

/** List, create, change and delete one kind of structure; reading is wider than writing. */
function crudRoutes(sessions: SessionStore, spec: CrudSpec): RouteDef[] {
  return [
    adminRoute({ method: 'GET', path: spec.path, summary: `List every ${spec.noun} of the institution`, action: READ, handler: (ctx) => spec.list(ctx as Ctx) }),
    adminRoute({
      method: 'POST',
      path: spec.path,
      summary: `Add a ${spec.noun}`,
      action: STRUCTURE,
      body: spec.body,
      status: 201,
      handler: async (ctx) => spec.create(ctx as Ctx),
    }),
    adminRoute({
      method: 'PATCH',
      path: `${spec.path}/:id`,
      summary: `Change a ${spec.noun}`,
      action: STRUCTURE,
      params: itemParams,
      body: spec.patch,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, spec.table, ctx.params.id);
        await spec.update(ctx as Ctx);
        return null;
      },
    }),
    adminRoute({
      method: 'DELETE',
      path: `${spec.path}/:id`,
      summary: `Remove a ${spec.noun} that nothing refers to any more`,
      action: STRUCTURE,
      params: itemParams,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, spec.table, ctx.params.id);
        await org.deleteStructure(writeContext(ctx as Ctx, sessions), spec.table, ctx.params.id);
        return null;
      },
    }),
  ];
}

/** Team members and group mentors: relations that grant access to students' records. */
function relationRoutes(sessions: SessionStore): RouteDef[] {
  const w = (ctx: any) => writeContext(ctx, sessions);
  return [
    adminRoute({
      method: 'POST',
      path: '/teams/:id/members',
      summary: 'Add a staff member to an opleidingsteam',
      action: USERS,
      params: itemParams,
      body: userRef,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, 'teams', ctx.params.id);
        await org.addTeamMember(w(ctx), ctx.params.id, ctx.body.userId);
        return null;
      },
    }),
    adminRoute({
      method: 'DELETE',
      path: '/teams/:id/members/:userId',
      summary: 'Remove a staff member from an opleidingsteam',
      action: USERS,
      params: memberParams,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, 'teams', ctx.params.id);
        await org.removeTeamMember(w(ctx), ctx.params.id, ctx.params.userId);
        return null;
      },
    }),
    adminRoute({
      method: 'POST',
      path: '/groups/:id/mentors',
      summary: 'Make a staff member mentor (SLB’er) of a group',
      action: USERS,
      params: itemParams,
      body: userRef,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, 'groups', ctx.params.id);
        await org.addGroupMentor(w(ctx), ctx.params.id, ctx.body.userId);
        return null;
      },
    }),
    adminRoute({
      method: 'DELETE',
      path: '/groups/:id/mentors/:userId',
      summary: 'Remove a mentor from a group',
      action: USERS,
      params: memberParams,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, 'groups', ctx.params.id);
        await org.removeGroupMentor(w(ctx), ctx.params.id, ctx.params.userId);
        return null;
      },
    }),
  ];
}

function userRoutes(sessions: SessionStore): RouteDef[] {
  const w = (ctx: any) => writeContext(ctx, sessions);
  const loadUser = async (ctx: Ctx, id: string) => {
    const user = await q.getUser(ctx.deps, ctx.params.institutionId, id);
    if (!user) throw new AppError(404, 'not_found');
    return user;
  };
  /** Accounts of other institutions are not the administrator's to know about: 404. */
  const requireUser = async (ctx: Ctx, id: string) => {
    if (!(await q.userInInstitution(ctx.deps, ctx.params.institutionId, id))) throw new AppError(404, 'not_found');
  };
  return [
    adminRoute({
      method: 'GET',
      path: '/users',
      summary: 'The accounts of the institution with their roles there; ?q= searches name and e-mail, ?role= filters',
      action: USERS_READ,
      query: usersQuery,
      handler: (ctx) => q.listUsers(ctx.deps, ctx.params.institutionId, ctx.query),
    }),
    adminRoute({
      method: 'GET',
      path: '/users/:id',
      summary: 'One account with its roles, enrolments, internships and mentor groups in the institution',
      action: USERS_READ,
      params: itemParams,
      handler: (ctx) => loadUser(ctx as Ctx, ctx.params.id),
    }),
    adminRoute({
      method: 'POST',
      path: '/users',
      summary: 'Create an account with one or more roles in the institution (no password: reset link or federated login)',
      action: USERS,
      body: userBody,
      status: 201,
      handler: async (ctx) => {
        const { id } = await org.createUser(w(ctx), ctx.body);
        return loadUser(ctx as Ctx, id);
      },
    }),
    adminRoute({
      method: 'PATCH',
      path: '/users/:id',
      summary: 'Change name or e-mail, or disable and enable an account',
      action: USERS,
      params: itemParams,
      body: userPatch,
      handler: async (ctx) => {
        await requireUser(ctx as Ctx, ctx.params.id);
        await org.updateUser(w(ctx), ctx.params.id, ctx.body);
        // A disabled person is signed out everywhere at once.
        if (ctx.body.status === 'disabled') await sessions.revokeAllFor(ctx.params.id);
        return loadUser(ctx as Ctx, ctx.params.id);
      },
    }),
    adminRoute({
      method: 'POST',
      path: '/users/:id/roles',
      summary: 'Give an account a role in the institution; it applies at once',
      action: USERS,
      params: itemParams,
      body: roleBody,
      handler: async (ctx) => {
        await requireUser(ctx as Ctx, ctx.params.id);
        await org.addRole(w(ctx), ctx.params.id, ctx.body.role);
        return loadUser(ctx as Ctx, ctx.params.id);
      },
    }),
    adminRoute({
      method: 'DELETE',
      path: '/users/:id/roles/:role',
      summary: 'Take a role in the institution away from an account; it applies at once',
      action: USERS,
      params: roleParams,
      handler: async (ctx) => {
        await requireUser(ctx as Ctx, ctx.params.id);
        await org.removeRole(w(ctx), ctx.params.id, ctx.params.role);
        return loadUser(ctx as Ctx, ctx.params.id);
      },
    }),
  ];
}

function enrolmentRoutes(sessions: SessionStore): RouteDef[] {
  const w = (ctx: any) => writeContext(ctx, sessions);
  return [
    adminRoute({
      method: 'POST',
      path: '/enrolments',
      summary: 'Enrol a student in a group (opleiding and cohort follow from the group)',
      action: USERS,
      body: enrolmentBody,
      status: 201,
      handler: (ctx) => org.createEnrolment(w(ctx), ctx.body),
    }),
    adminRoute({
      method: 'PATCH',
      path: '/enrolments/:id',
      summary: 'Change the period of an enrolment (end it with endsOn)',
      action: USERS,
      params: itemParams,
      body: enrolmentPatch,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, 'enrolments', ctx.params.id);
        await org.updateEnrolment(w(ctx), ctx.params.id, ctx.body);
        return null;
      },
    }),
    adminRoute({
      method: 'DELETE',
      path: '/enrolments/:id',
      summary: 'Remove an enrolment made by mistake',
      action: USERS,
      params: itemParams,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, 'enrolments', ctx.params.id);
        await org.deleteEnrolment(w(ctx), ctx.params.id);
        return null;
      },
    }),
    adminRoute({
      method: 'GET',
      path: '/internships',
      summary: 'The internships (bpv) of the institution; ?studentId= for one student',
      action: USERS_READ,
      query: listQuery,
      handler: (ctx) => q.listInternships(ctx.deps, ctx.params.institutionId, ctx.query),
    }),
    adminRoute({
      method: 'POST',
      path: '/internships',
      summary: 'Record an internship: student, company, period and praktijkopleider',
      action: USERS,
      body: internshipBody,
      status: 201,
      handler: (ctx) => org.createInternship(w(ctx), ctx.body),
    }),
    adminRoute({
      method: 'PATCH',
      path: '/internships/:id',
      summary: 'Change an internship',
      action: USERS,
      params: itemParams,
      body: internshipPatch,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, 'internships', ctx.params.id);
        await org.updateInternship(w(ctx), ctx.params.id, ctx.body);
        return null;
      },
    }),
    adminRoute({
      method: 'DELETE',
      path: '/internships/:id',
      summary: 'Remove an internship',
      action: USERS,
      params: itemParams,
      status: 204,
      handler: async (ctx) => {
        await requireItem(ctx as Ctx, 'internships', ctx.params.id);
        await org.deleteInternship(w(ctx), ctx.params.id);
        return null;
      },
    }),
  ];
}
