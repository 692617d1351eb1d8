import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { defineRoute, type RouteContext, type RouteDef } from '../../platform/http.js';
import { AppError, forbidden, registerErrorMessages } from '../../platform/errors.js';
import { hasRoleIn, STAFF_ROLES, type Actor } from '../../platform/policy.js';
import { schoolDate } from '../../platform/clock.js';
import { loadStudentRelation, type StudentRelation } from '../org/relations.js';
import { cancelSignup, createActivity, getActivity, institutionsWhere, listActivities, listParticipants, recordParticipation, signUp } from './activities.js';
import { createVersion, getVersion, listProgrammes } from './definitions.js';
import { addOverride, revokeOverride } from './overrides.js';
import { studentStatus, type StudentStatus } from './progress.js';
import { ASPECTS, DEFAULT_MIN_ASPECT_LENGTH, type RecordStatus } from './evaluate.js';
import { countedEntryIds } from './records.js';
import { entryForReview } from '../portfolio/service.js';
import { registerLobSignals } from './signals.js';
import { recordResultsExport, renderCsv, renderPdf, resultList } from './results.js';
import { ACTIVITY_ORGANISERS, canManageActivity, isExamBoard, PROGRAMME_MANAGERS, type ActivityResource, type GroupResource, type ProgrammeResource, type TargetGroupResource } from './policy.js';
import { addMember, createTargetGroup, listMembers, listTargetGroups, removeMember } from './target-groups.js';
import {
  createActivityBody,
  createVersionBody,
  idParams,
  listActivitiesQuery,
  listVersionsQuery,
  overrideBody,
  overrideParams,
  participationBody,
  recordParams,
  recordResponse,
  memberParams,
  targetGroupBody,
  resultsQuery,
  signupBody,
  type ResultsQuery,
} from './schema.js';

registerErrorMessages({
  activity_full: {
    nl: 'Deze activiteit is vol. Je kunt je op de wachtlijst zetten.',
    en: 'This activity is full. You can join the waiting list.',
  },
  already_signed_up: { nl: 'Je bent al aangemeld voor deze activiteit.', en: 'You have already signed up for this activity.' },
  activity_started: { nl: 'Deze activiteit is al begonnen.', en: 'This activity has already started.' },
  override_exists: { nl: 'Voor dit onderdeel is al een uitzondering vastgelegd.', en: 'An exception is already recorded for this component.' },
  version_effective_past: {
    nl: 'Een nieuwe versie geldt alleen voor cohorten die nog moeten beginnen. Kies een ingangsdatum na vandaag.',
    en: 'A new version applies only to cohorts that have not started yet. Choose a start date after today.',
  },
  target_group_exists: { nl: 'Er is al een doelgroep met deze naam.', en: 'A target group with this name already exists.' },
  no_institution: { nl: 'Je hebt geen rol in een instelling waarvoor dit kan.', en: 'You hold no role in an institution where this is possible.' },
});

const TAGS = ['programme'];

async function activityResource(ctx: RouteContext<{ id: string }, any, any>): Promise<ActivityResource | null> {
  const today = schoolDate(ctx.deps.clock.now());
  const r = await sql<{ id: string; institution_id: string; organiser_id: string | null; eligible: boolean }>`
    select a.id, a.institution_id, a.organiser_id, exists (
      select 1 from enrolments e left join programmes p on p.id = e.programme_id
      where e.student_id = ${ctx.actor.userId} and e.institution_id = a.institution_id
        and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)
        and (cardinality(a.audience_programme_ids) = 0 or e.programme_id = any(a.audience_programme_ids))
        and (cardinality(a.audience_levels) = 0 or p.level = any(a.audience_levels))
        and (cardinality(a.audience_cohort_ids) = 0 or e.cohort_id = any(a.audience_cohort_ids))) as eligible
    from lob_activities a where a.id = ${ctx.params.id}`.execute(ctx.deps.db);
  const row = r.rows[0];
  if (!row) return null;
  const readable = row.eligible || hasRoleIn(ctx.actor, STAFF_ROLES, [row.institution_id]);
  return { id: row.id, institutionId: row.institution_id, organiserId: row.organiser_id, eligible: row.eligible, private: !readable };
}

async function programmeResource(ctx: RouteContext<{ id: string }, any, any>): Promise<ProgrammeResource | null> {
  const p = await ctx.deps.db.selectFrom('programmes').select(['id', 'institution_id']).where('id', '=', ctx.params.id).executeTakeFirst();
  return p ? { id: p.id, institutionId: p.institution_id, private: !hasRoleIn(ctx.actor, STAFF_ROLES, [p.institution_id]) } : null;
}

async function versionResource(ctx: RouteContext<{ id: string }, any, any>): Promise<ProgrammeResource | null> {
  const v = await ctx.deps.db.selectFrom('lob_programme_versions').select(['id', 'institution_id']).where('id', '=', ctx.params.id).executeTakeFirst();
  return v ? { id: v.id, institutionId: v.institution_id, private: true } : null;
}

/** The group or opleiding a result list is asked for, with the reader's relation to it. */
async function resultsResource(ctx: RouteContext<unknown, ResultsQuery, unknown>): Promise<GroupResource | null> {
  if (ctx.query.groupId) {
    const r = await sql<{ id: string; institution_id: string; label: string; mentor: boolean; exam_board: boolean }>`
      select g.id, g.institution_id, g.code || ' — ' || g.name as label,
        exists (select 1 from group_mentors gm where gm.group_id = g.id and gm.user_id = ${ctx.actor.userId}) as mentor,
        ${examBoardOf(ctx.actor.userId, sql`g.programme_id`, sql`g.institution_id`)} as exam_board
      from groups g where g.id = ${ctx.query.groupId}`.execute(ctx.deps.db);
    const g = r.rows[0];
    return g ? { id: g.id, institutionId: g.institution_id, label: g.label, mentor: g.mentor, examBoard: g.exam_board, private: false } : null;
  }
  const r = await sql<{ id: string; institution_id: string; name: string; crebo: string; exam_board: boolean }>`
    select p.id, p.institution_id, p.name, p.crebo, ${examBoardOf(ctx.actor.userId, sql`p.id`, sql`p.institution_id`)} as exam_board
    from programmes p where p.id = ${ctx.query.programmeId!}`.execute(ctx.deps.db);
  const p = r.rows[0];
  return p ? { id: p.id, institutionId: p.institution_id, label: `${p.name} (${p.crebo})`, mentor: false, examBoard: p.exam_board, private: false } : null;
}

/** SQL: the user sits on the exam board of the opleiding (examencommissie role, member of its team). */
function examBoardOf(userId: string, programmeId: RawBuilder<unknown>, institutionId: RawBuilder<unknown>) {
  return sql<boolean>`exists (select 1 from programmes ep join team_members tm on tm.team_id = ep.team_id
    join user_roles ur on ur.user_id = tm.user_id and ur.institution_id = ${institutionId} and ur.role = 'examencommissie'
    where ep.id = ${programmeId} and tm.user_id = ${userId})`;
}

const studentRelation = (ctx: RouteContext<{ id: string }, any, any>) => loadStudentRelation(ctx.deps, ctx.actor, ctx.params.id);

/**
 * A record as a reader other than the student sees it. Staff see the entries the student shared
 * with the mentor (every counted entry is); a private entry, or a private reflection on an
 * activity, is never revealed: the activity then shows as "no reflection". A parent sees no
 * entries at all (they were not shared with the parent for this purpose).
 */
function recordForReader(r: RecordStatus, rel: StudentRelation, staff: boolean): RecordStatus | null {
  if (rel.self) return r;
  const privateReflection = r.type !== 'entry' && r.reasons.includes('not_shared');
  if (r.type === 'entry' && (!staff || !r.sharedWithMentor)) return null;
  if (!staff) return { ...r, reflectionEntryId: null };
  if (privateReflection) return { ...r, reasons: ['no_reflection'], missingAspects: [...ASPECTS], reflectionEntryId: null };
  return r;
}

/** What a reader sees of a status: the student all, staff no private entries, a parent no exception reasons. */
function statusView(status: StudentStatus | null, rel: StudentRelation) {
  if (!status) return { studentId: rel.studentId, required: 0, done: 0, fulfilled: false, reason: 'no_enrolment', programme: null, version: null, components: [] };
  const staff = rel.mentor || isExamBoard(rel) || rel.institutionRoles.some((r) => PROGRAMME_MANAGERS.includes(r));
  const visible = (records: RecordStatus[]) => records.map((r) => recordForReader(r, rel, staff)).filter((r): r is RecordStatus => r !== null);
  return {
    studentId: status.student.studentId,
    required: status.required,
    done: status.done,
    fulfilled: status.fulfilled,
    reason: status.reason,
    programme: status.student.programmeId
      ? { id: status.student.programmeId, name: status.student.programmeName, level: status.student.level, pathway: status.student.pathway }
      : null,
    cohort: status.student.cohortName,
    group: status.student.groupCode,
    version: status.version,
    canOverride: rel.mentor,
    /** the reader may open the entries behind counted records (student, mentor, exam board) */
    canOpenRecords: rel.self || rel.mentor || isExamBoard(rel),
    minAspectLength: status.version?.minAspectLength ?? DEFAULT_MIN_ASPECT_LENGTH,
    components: status.components.map((c) => ({
      ...c,
      records: visible(c.records),
      notCounted: visible(c.notCounted),
      override: c.override && (rel.self || staff) ? c.override : c.override ? { id: c.override.id, componentId: c.override.componentId } : null,
    })),
  };
}

function firstInstitution(actor: Actor, roles: readonly string[]): string {
  const inst = institutionsWhere(actor, roles)[0];
  if (!inst) throw forbidden('no_institution');
  return inst;
}

export function programmeRoutes(): RouteDef[] {
  // The inspanningsverplichting behind schedule as a signal on the mentor's caseload.
  registerLobSignals();
  return [...activityRoutes(), ...definitionRoutes(), ...targetGroupRoutes(), ...statusRoutes(), ...resultRoutes()];
}

function activityRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, z.infer<typeof listActivitiesQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/lob/activities',
      summary: 'The LOB activity catalogue: staff see their institution, students the activities meant for them',
      tags: TAGS,
      action: 'programme.activities.list',
      query: listActivitiesQuery,
      handler: (ctx) => listActivities(ctx.deps, ctx.actor, { limit: ctx.query.limit, cursor: ctx.query.cursor, past: ctx.query.past === '1' }),
    }),
    defineRoute<unknown, unknown, z.infer<typeof createActivityBody>>({
      method: 'POST',
      url: '/api/v1/lob/activities',
      summary: 'A teacher or coordinator adds an activity; they become its organiser',
      tags: TAGS,
      action: 'programme.activity.create',
      body: createActivityBody,
      status: 201,
      handler: (ctx) => createActivity(ctx.deps, ctx.actor, firstInstitution(ctx.actor, ACTIVITY_ORGANISERS), ctx.body, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, unknown, ActivityResource>({
      method: 'GET',
      url: '/api/v1/lob/activities/:id',
      summary: 'One activity with places left and the signed-in student’s own sign-up',
      tags: TAGS,
      action: 'programme.activity.read',
      params: idParams,
      resource: activityResource,
      handler: (ctx, a) => getActivity(ctx.deps, ctx.actor, a.id, canManageActivity(ctx.actor, a)),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof signupBody>, ActivityResource>({
      method: 'POST',
      url: '/api/v1/lob/activities/:id/signup',
      summary: 'The student signs up; when full, 409 activity_full unless {waitlist:true} asks for the waiting list',
      tags: TAGS,
      action: 'programme.activity.signup',
      params: idParams,
      body: signupBody,
      resource: activityResource,
      status: 201,
      handler: (ctx, a) => signUp(ctx.deps, ctx.actor, a.id, ctx.body.waitlist),
    }),
    defineRoute<{ id: string }, unknown, unknown, ActivityResource>({
      method: 'DELETE',
      url: '/api/v1/lob/activities/:id/signup',
      summary: 'The student cancels; the first on the waiting list gets the place',
      tags: TAGS,
      action: 'programme.activity.signup',
      params: idParams,
      resource: activityResource,
      handler: (ctx, a) => cancelSignup(ctx.deps, ctx.actor, a.id),
    }),
    defineRoute<{ id: string }, unknown, unknown, ActivityResource>({
      method: 'GET',
      url: '/api/v1/lob/activities/:id/participants',
      summary: 'Who signed up or waits, and who took part (organiser, coordinator, manager, admin)',
      tags: TAGS,
      action: 'programme.activity.manage',
      params: idParams,
      resource: activityResource,
      handler: async (_ctx, a) => ({ items: await listParticipants(_ctx.deps, a.id), nextCursor: null }),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof participationBody>, ActivityResource>({
      method: 'PUT',
      url: '/api/v1/lob/activities/:id/participation',
      summary: 'The organiser records who took part (audited)',
      tags: TAGS,
      action: 'programme.activity.manage',
      params: idParams,
      body: participationBody,
      resource: activityResource,
      handler: async (ctx, a) => ({ items: await recordParticipation(ctx.deps, ctx.actor, a, ctx.body.items, ctx.req.ip), nextCursor: null }),
    }),
  ];
}

function definitionRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, z.infer<typeof listVersionsQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/lob/programmes',
      summary: 'The opleidingen of the reader’s institution with the versions of their LOB programme',
      tags: TAGS,
      action: 'programme.definition.read',
      query: listVersionsQuery,
      handler: async (ctx) => ({ items: await listProgrammes(ctx.deps, institutionsWhere(ctx.actor, STAFF_ROLES), ctx.query.programmeId), nextCursor: null }),
    }),
    defineRoute<{ id: string }, unknown, unknown, ProgrammeResource>({
      method: 'GET',
      url: '/api/v1/lob/programme-versions/:id',
      summary: 'One version of an LOB programme with its components by period',
      tags: TAGS,
      action: 'programme.definition.read',
      params: idParams,
      resource: async (ctx) => {
        const v = await versionResource(ctx);
        return v && hasRoleIn(ctx.actor, STAFF_ROLES, [v.institutionId]) ? v : null;
      },
      handler: (ctx, v) => getVersion(ctx.deps, v.id),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof createVersionBody>, ProgrammeResource>({
      method: 'POST',
      url: '/api/v1/lob/programmes/:id/versions',
      summary: 'Publishes the next version of an opleiding’s LOB programme; cohorts that started earlier keep theirs',
      tags: TAGS,
      action: 'programme.definition.write',
      params: idParams,
      body: createVersionBody,
      resource: programmeResource,
      status: 201,
      handler: (ctx, p) => createVersion(ctx.deps, ctx.actor, p.institutionId, { ...ctx.body, programmeId: p.id }, ctx.req.ip),
    }),
  ];
}

async function targetGroupResource(ctx: RouteContext<{ id: string }, any, any>): Promise<TargetGroupResource | null> {
  const g = await ctx.deps.db.selectFrom('lob_target_groups').select(['id', 'institution_id']).where('id', '=', ctx.params.id).executeTakeFirst();
  return g ? { id: g.id, institutionId: g.institution_id, private: !hasRoleIn(ctx.actor, STAFF_ROLES, [g.institution_id]) } : null;
}

function targetGroupRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/lob/target-groups',
      summary: 'The target groups (doelgroepen) of the reader’s institution, with the number of students in each',
      tags: TAGS,
      action: 'programme.target_groups.read',
      handler: async (ctx) => ({ items: await listTargetGroups(ctx.deps, institutionsWhere(ctx.actor, STAFF_ROLES)), nextCursor: null }),
    }),
    defineRoute<unknown, unknown, z.infer<typeof targetGroupBody>>({
      method: 'POST',
      url: '/api/v1/lob/target-groups',
      summary: 'The LOB-coördinator or manager defines a target group, for example entree or oudere instromers (audited)',
      tags: TAGS,
      action: 'programme.target_groups.write',
      body: targetGroupBody,
      status: 201,
      handler: (ctx) => createTargetGroup(ctx.deps, ctx.actor, firstInstitution(ctx.actor, ['lob_coordinator', 'manager']), ctx.body, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, unknown, TargetGroupResource>({
      method: 'GET',
      url: '/api/v1/lob/target-groups/:id/members',
      summary: 'Who belongs to a target group (LOB-coördinator and manager)',
      tags: TAGS,
      action: 'programme.target_group.members',
      params: idParams,
      resource: targetGroupResource,
      handler: async (ctx, g) => ({ items: await listMembers(ctx.deps, g.id), nextCursor: null }),
    }),
    defineRoute<{ id: string; studentId: string }, unknown, unknown, TargetGroupResource>({
      method: 'PUT',
      url: '/api/v1/lob/target-groups/:id/members/:studentId',
      summary: 'Adds a student to a target group (audited on the student)',
      tags: TAGS,
      action: 'programme.target_group.members',
      params: memberParams,
      resource: targetGroupResource,
      handler: async (ctx, g) => {
        await addMember(ctx.deps, ctx.actor, g, ctx.params.studentId, ctx.req.ip);
        return { items: await listMembers(ctx.deps, g.id), nextCursor: null };
      },
    }),
    defineRoute<{ id: string; studentId: string }, unknown, unknown, TargetGroupResource>({
      method: 'DELETE',
      url: '/api/v1/lob/target-groups/:id/members/:studentId',
      summary: 'Removes a student from a target group (audited on the student)',
      tags: TAGS,
      action: 'programme.target_group.members',
      params: memberParams,
      resource: targetGroupResource,
      handler: async (ctx, g) => {
        await removeMember(ctx.deps, ctx.actor, g, ctx.params.studentId, ctx.req.ip);
        return { items: await listMembers(ctx.deps, g.id), nextCursor: null };
      },
    }),
  ];
}

function statusRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string; entryId: string }, unknown, unknown, StudentRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/lob-status/records/:entryId',
      summary: 'Opens an entry that counted for the inspanningsverplichting (itself, or as the reflection on an activity or exercise): the student, the mentor and the exam board; a staff read is audited',
      tags: TAGS,
      action: 'programme.record.read',
      params: recordParams,
      response: recordResponse,
      resource: (ctx) => loadStudentRelation(ctx.deps, ctx.actor, ctx.params.id),
      handler: async (ctx, rel) => {
        const status = await studentStatus(ctx.deps, rel.studentId);
        // Only what counted can be opened this way: a private entry never counts, so never opens.
        if (!status || !countedEntryIds(status).has(ctx.params.entryId)) throw new AppError(404, 'not_found');
        const entry = await entryForReview(ctx.deps, rel.studentId, ctx.params.entryId);
        if (!entry) throw new AppError(404, 'not_found');
        if (!rel.self) {
          ctx.deps.audit.recordRead({
            action: 'programme.record.read',
            actorId: ctx.actor.userId,
            studentId: rel.studentId,
            institutionId: rel.institutionId,
            subjectType: 'portfolio_entry',
            subjectId: entry.id,
            ip: ctx.req.ip,
            details: { examBoard: isExamBoard(rel), mentor: rel.mentor },
          });
        }
        return entry;
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, StudentRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/lob-status',
      summary: 'The inspanningsverplichting LOB: required, done, fulfilled, derived from real records',
      tags: TAGS,
      action: 'programme.status.read',
      auditRead: 'programme.status.read',
      params: idParams,
      resource: studentRelation,
      handler: async (ctx, rel) => statusView(await studentStatus(ctx.deps, rel.studentId), rel),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof overrideBody>, StudentRelation>({
      method: 'POST',
      url: '/api/v1/students/:id/lob-status/overrides',
      summary: 'The mentor records, with a reason, that a component counts as met (audited)',
      tags: TAGS,
      action: 'programme.override.write',
      params: idParams,
      body: overrideBody,
      resource: studentRelation,
      status: 201,
      handler: async (ctx, rel) => {
        await addOverride(ctx.deps, ctx.actor, rel.studentId, rel.institutionId, ctx.body.componentId, ctx.body.reason, ctx.req.ip);
        return statusView(await studentStatus(ctx.deps, rel.studentId), rel);
      },
    }),
    defineRoute<{ id: string; overrideId: string }, unknown, unknown, StudentRelation>({
      method: 'DELETE',
      url: '/api/v1/students/:id/lob-status/overrides/:overrideId',
      summary: 'The mentor revokes an exception (audited)',
      tags: TAGS,
      action: 'programme.override.write',
      params: overrideParams,
      resource: (ctx) => loadStudentRelation(ctx.deps, ctx.actor, ctx.params.id),
      handler: async (ctx, rel) => {
        await revokeOverride(ctx.deps, ctx.actor, rel.studentId, rel.institutionId, ctx.params.overrideId, ctx.req.ip);
        return statusView(await studentStatus(ctx.deps, rel.studentId), rel);
      },
    }),
  ];
}

function resultRoutes(): RouteDef[] {
  const scopeOf = (g: GroupResource, q: ResultsQuery) => (q.groupId ? { groupId: g.id } : { programmeId: g.id });
  return [
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/lob/result-groups',
      replica: { stalenessSeconds: 60 },
      summary: 'The groups and opleidingen whose result list the reader may see',
      tags: TAGS,
      action: 'programme.definition.read',
      handler: async (ctx) => {
        const managed = institutionsWhere(ctx.actor, PROGRAMME_MANAGERS);
        const groups = await sql<{ id: string; code: string; name: string; programme_id: string | null }>`
          select g.id, g.code, g.name, g.programme_id from groups g
          where g.institution_id = any(${managed}::uuid[])
             or exists (select 1 from group_mentors gm where gm.group_id = g.id and gm.user_id = ${ctx.actor.userId})
             or ${examBoardOf(ctx.actor.userId, sql`g.programme_id`, sql`g.institution_id`)}
          order by g.code`.execute(ctx.deps.db);
        const programmes = await sql<{ id: string; name: string; crebo: string; level: number }>`
          select p.id, p.name, p.crebo, p.level from programmes p
          where p.institution_id = any(${managed}::uuid[]) or ${examBoardOf(ctx.actor.userId, sql`p.id`, sql`p.institution_id`)}
          order by p.name`.execute(ctx.deps.db);
        return { groups: groups.rows.map((g) => ({ id: g.id, code: g.code, name: g.name })), programmes: programmes.rows.map((p) => ({ ...p, level: Number(p.level) })) };
      },
    }),
    defineRoute<unknown, ResultsQuery, unknown, GroupResource>({
      method: 'GET',
      url: '/api/v1/lob/results',
      replica: { stalenessSeconds: 30 },
      summary: 'The result list of a group or opleiding: who met the inspanningsverplichting LOB, who did not and why',
      tags: TAGS,
      action: 'programme.results.read',
      query: resultsQuery,
      resource: resultsResource,
      handler: (ctx, g) => resultList(ctx.deps, scopeOf(g, ctx.query), g.label),
    }),
    defineRoute<unknown, ResultsQuery, unknown, GroupResource>({
      method: 'GET',
      url: '/api/v1/lob/results.csv',
      replica: { stalenessSeconds: 30 },
      summary: 'The result list as CSV for the examination board (audited)',
      tags: TAGS,
      action: 'programme.results.read',
      query: resultsQuery,
      resource: resultsResource,
      raw: true,
      handler: async (ctx, g) => {
        const list = await resultList(ctx.deps, scopeOf(g, ctx.query), g.label);
        await recordResultsExport(ctx.deps, ctx.actor, g.institutionId, list, 'csv', ctx.req.ip);
        return ctx.reply
          .status(200)
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="resultatenlijst-lob.csv"')
          .header('cache-control', 'private, no-store')
          .send(renderCsv(list));
      },
    }),
    defineRoute<unknown, ResultsQuery, unknown, GroupResource>({
      method: 'GET',
      url: '/api/v1/lob/results.pdf',
      replica: { stalenessSeconds: 30 },
      summary: 'The result list as PDF for the examination board (audited)',
      tags: TAGS,
      action: 'programme.results.read',
      query: resultsQuery,
      resource: resultsResource,
      raw: true,
      handler: async (ctx, g) => {
        const list = await resultList(ctx.deps, scopeOf(g, ctx.query), g.label);
        const pdf = await renderPdf(list);
        await recordResultsExport(ctx.deps, ctx.actor, g.institutionId, list, 'pdf', ctx.req.ip);
        return ctx.reply
          .status(200)
          .header('content-type', 'application/pdf')
          .header('content-disposition', 'attachment; filename="resultatenlijst-lob.pdf"')
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    }),
  ];
}
