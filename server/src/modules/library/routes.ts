import { sql } from 'kysely';
import { z } from 'zod';
import { defineRoute, type RouteContext, type RouteDef } from '../../platform/http.js';
import { forbidden, registerErrorMessages } from '../../platform/errors.js';
import { hasRoleIn, STAFF_ROLES } from '../../platform/policy.js';
import { schoolDate } from '../../platform/clock.js';
import { completeAssignment, createAssignment, getAssignmentForStudent, getAssignmentForTeacher, listStudentAssignments, listTeacherAssignments, teachesGroup, teachingGroups } from './assignments.js';
import { createExercise, getExercise, listExercises, updateExercise } from './exercises.js';
import { attachmentExercise, checkAttachment, listAttachments, loadAttachmentFile, removeAttachment, storeAttachment } from './attachments.js';
import { contentDisposition, readEvidenceUpload } from '../portfolio/service.js';
import { AUTHORS, type AssignmentResource, type ExerciseResource, type GroupTeachingResource } from './policy.js';
import { assignBody, completeBody, exerciseBody, idParams, listExercisesQuery, updateExerciseBody } from './schema.js';

registerErrorMessages({
  attachment_empty: { nl: 'Het bestand is leeg.', en: 'The file is empty.' },
  attachment_type_not_allowed: { nl: 'Dit soort bestand kan niet als bijlage. Kies een pdf of een afbeelding.', en: 'This kind of file cannot be attached. Choose a PDF or an image.' },
  attachment_content_mismatch: { nl: 'De inhoud van dit bestand klopt niet met de naam. Het is niet opgeslagen.', en: 'The content of this file does not match its name. It was not stored.' },
  attachment_too_large: { nl: 'Dit bestand is te groot.', en: 'This file is too large.' },
  attachment_limit: { nl: 'Deze oefening heeft al het maximale aantal bijlagen.', en: 'This exercise already has the maximum number of attachments.' },
  assignment_completed: { nl: 'Je hebt deze opdracht al gemaakt.', en: 'You have already completed this assignment.' },
});

const TAGS = ['library'];

function exerciseResource(ctx: RouteContext<{ id: string }, any, any>): Promise<ExerciseResource | null> {
  return loadExerciseResource(ctx, ctx.params.id);
}

/** The exercise an attachment belongs to, with the reader's relation to it; the attachment id is checked too. */
async function attachmentResource(ctx: RouteContext<{ id: string }, any, any>): Promise<(ExerciseResource & { attachmentId: string }) | null> {
  const exerciseId = await attachmentExercise(ctx.deps, ctx.params.id);
  const x = exerciseId ? await loadExerciseResource(ctx, exerciseId) : null;
  return x ? { ...x, attachmentId: ctx.params.id } : null;
}

async function loadExerciseResource(ctx: RouteContext<any, any, any>, exerciseId: string): Promise<ExerciseResource | null> {
  const today = schoolDate(ctx.deps.clock.now());
  const r = await sql<{ id: string; institution_id: string | null; shared: boolean; created_by: string | null; assigned: boolean }>`
    select x.id, x.institution_id, x.shared, x.created_by, exists (
      select 1 from library_assignments a join enrolments e on e.group_id = a.group_id
      where a.exercise_id = x.id and e.student_id = ${ctx.actor.userId}
        and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)) as assigned
    from library_exercises x where x.id = ${exerciseId}`.execute(ctx.deps.db);
  const x = r.rows[0];
  if (!x) return null;
  const visible = x.assigned || ((x.institution_id === null || x.shared) && STAFF_ROLES.some((r) => ctx.actor.roles.some((ar) => ar.role === r))) || (x.institution_id !== null && hasRoleIn(ctx.actor, STAFF_ROLES, [x.institution_id]));
  return { id: x.id, ownerInstitutionId: x.institution_id, shared: x.shared, createdBy: x.created_by, assignedToReader: x.assigned, private: !visible };
}

async function groupResource(ctx: RouteContext<unknown, unknown, { groupId: string }>): Promise<GroupTeachingResource | null> {
  const r = await sql<{ id: string; institution_id: string; teaches: boolean }>`
    select g.id, g.institution_id, ${teachesGroup(ctx.actor.userId)} as teaches from groups g where g.id = ${ctx.body.groupId}`.execute(ctx.deps.db);
  const g = r.rows[0];
  return g ? { id: g.id, institutionId: g.institution_id, teaches: g.teaches, private: false } : null;
}

async function assignmentResource(ctx: RouteContext<{ id: string }, any, any>): Promise<AssignmentResource | null> {
  const today = schoolDate(ctx.deps.clock.now());
  const r = await sql<{ id: string; exercise_id: string; group_id: string; institution_id: string; assigned_by: string | null; teaches: boolean; member: boolean }>`
    select a.id, a.exercise_id, a.group_id, g.institution_id, a.assigned_by, ${teachesGroup(ctx.actor.userId)} as teaches,
      exists (select 1 from enrolments e where e.group_id = g.id and e.student_id = ${ctx.actor.userId}
        and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)) as member
    from library_assignments a join groups g on g.id = a.group_id where a.id = ${ctx.params.id}`.execute(ctx.deps.db);
  const a = r.rows[0];
  return a
    ? { id: a.id, exerciseId: a.exercise_id, groupId: a.group_id, institutionId: a.institution_id, assignedBy: a.assigned_by, teaches: a.teaches, member: a.member, private: true }
    : null;
}

export function libraryRoutes(): RouteDef[] {
  return [...exerciseRoutes(), ...attachmentRoutes(), ...assignmentRoutes()];
}

function exerciseRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, z.infer<typeof listExercisesQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/library/exercises',
      replica: { stalenessSeconds: 60 },
      summary: 'The Loopbaanmagazijn: starter exercises, the institution’s own and those shared by others',
      tags: TAGS,
      action: 'library.exercises.read',
      query: listExercisesQuery,
      handler: (ctx) => listExercises(ctx.deps, ctx.actor, ctx.query),
    }),
    defineRoute<{ id: string }, unknown, unknown, ExerciseResource>({
      method: 'GET',
      url: '/api/v1/library/exercises/:id',
      summary: 'One exercise; teachers also get the teacher instructions',
      tags: TAGS,
      action: 'library.exercise.read',
      params: idParams,
      resource: exerciseResource,
      handler: async (ctx, x) => {
        const teacher = STAFF_ROLES.some((r) => ctx.actor.roles.some((ar) => ar.role === r));
        const canEdit = x.ownerInstitutionId !== null && (x.createdBy === ctx.actor.userId || hasRoleIn(ctx.actor, ['lob_coordinator'], [x.ownerInstitutionId]));
        const [exercise, attachments] = await Promise.all([getExercise(ctx.deps, ctx.actor, x.id, teacher, canEdit), listAttachments(ctx.deps, x.id)]);
        return { ...exercise, attachments };
      },
    }),
    defineRoute<unknown, unknown, z.infer<typeof exerciseBody>>({
      method: 'POST',
      url: '/api/v1/library/exercises',
      summary: 'A teacher adds an exercise for the institution, optionally shared with the other institutions',
      tags: TAGS,
      action: 'library.exercise.create',
      body: exerciseBody,
      status: 201,
      handler: (ctx) => {
        const inst = ctx.actor.roles.find((r) => AUTHORS.includes(r.role))?.institutionId;
        if (!inst) throw forbidden();
        return createExercise(ctx.deps, ctx.actor, inst, ctx.body, ctx.req.ip);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof updateExerciseBody>, ExerciseResource>({
      method: 'PATCH',
      url: '/api/v1/library/exercises/:id',
      summary: 'The author or LOB-coördinator changes an exercise or shares it (audited)',
      tags: TAGS,
      action: 'library.exercise.write',
      params: idParams,
      body: updateExerciseBody,
      resource: exerciseResource,
      handler: (ctx, x) => updateExercise(ctx.deps, ctx.actor, x.id, x.ownerInstitutionId!, ctx.body, ctx.req.ip),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/library/groups',
      summary: 'The groups the signed-in teacher may give assignments to',
      tags: TAGS,
      action: 'library.assignments.list',
      handler: async (ctx) => ({ items: await teachingGroups(ctx.deps, ctx.actor), nextCursor: null }),
    }),
  ];
}

function attachmentRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, unknown, unknown, ExerciseResource>({
      method: 'POST',
      url: '/api/v1/library/exercises/:id/attachments',
      summary: 'The author or LOB-coördinator attaches a PDF or picture (multipart field "file"); the content decides the type (audited)',
      tags: TAGS,
      action: 'library.exercise.write',
      params: idParams,
      resource: exerciseResource,
      status: 201,
      handler: async (ctx, x) => {
        const upload = await readEvidenceUpload(ctx.req);
        const file = checkAttachment(upload.filename, upload.content);
        return storeAttachment(ctx.deps, ctx.actor, { id: x.id, institutionId: x.ownerInstitutionId! }, file, ctx.req.ip);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, ExerciseResource & { attachmentId: string }>({
      method: 'GET',
      url: '/api/v1/library/attachments/:id',
      summary: 'An attachment of an exercise, for those who may see the exercise (a student through an assignment)',
      tags: TAGS,
      action: 'library.exercise.read',
      params: idParams,
      resource: attachmentResource,
      raw: true,
      handler: async (ctx, x) => {
        const file = await loadAttachmentFile(ctx.deps, x.attachmentId);
        // Always a download, never sniffed by the browser, never cached by a shared cache.
        return ctx.reply
          .status(200)
          .header('content-type', file.mediaType)
          .header('content-disposition', contentDisposition('attachment', file.filename))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(file.content);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, ExerciseResource & { attachmentId: string }>({
      method: 'DELETE',
      url: '/api/v1/library/attachments/:id',
      summary: 'The author or LOB-coördinator removes an attachment (audited)',
      tags: TAGS,
      action: 'library.exercise.write',
      params: idParams,
      resource: attachmentResource,
      status: 204,
      handler: async (ctx, x) => {
        await removeAttachment(ctx.deps, ctx.actor, x.attachmentId, { id: x.id, institutionId: x.ownerInstitutionId! }, ctx.req.ip);
      },
    }),
  ];
}

function assignmentRoutes(): RouteDef[] {
  return [
    defineRoute<{ id: string }, unknown, z.infer<typeof assignBody>, GroupTeachingResource>({
      method: 'POST',
      url: '/api/v1/library/exercises/:id/assignments',
      summary: 'A mentor or teacher of the group assigns the exercise with a due date',
      tags: TAGS,
      action: 'library.assignment.create',
      params: idParams,
      body: assignBody,
      resource: async (ctx) => {
        // The exercise must be one the teacher may use at all; then the group decides.
        const x = await exerciseResource(ctx as any);
        if (!x || (x.ownerInstitutionId !== null && !x.shared && !hasRoleIn(ctx.actor, STAFF_ROLES, [x.ownerInstitutionId]))) return null;
        return groupResource(ctx as any);
      },
      status: 201,
      handler: (ctx, g) => createAssignment(ctx.deps, ctx.actor, ctx.params.id, g, ctx.body, ctx.req.ip),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/library/assignments',
      summary: 'The assignments of the teacher’s groups, with how many students completed them',
      tags: TAGS,
      action: 'library.assignments.list',
      handler: async (ctx) => ({ items: await listTeacherAssignments(ctx.deps, ctx.actor), nextCursor: null }),
    }),
    defineRoute<{ id: string }, unknown, unknown, AssignmentResource>({
      method: 'GET',
      url: '/api/v1/library/assignments/:id',
      summary: 'One assignment: the teacher sees who completed it; the student their own',
      tags: TAGS,
      action: 'library.assignment.read',
      params: idParams,
      resource: assignmentResource,
      handler: async (ctx, a) => {
        const attachments = await listAttachments(ctx.deps, a.exerciseId);
        if (a.member && !a.teaches) return { ...(await getAssignmentForStudent(ctx.deps, ctx.actor.userId, a.id)), attachments, view: 'student' };
        return { ...(await getAssignmentForTeacher(ctx.deps, a.id)), attachments, view: 'teacher' };
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof completeBody>, AssignmentResource>({
      method: 'POST',
      url: '/api/v1/library/assignments/:id/complete',
      summary: 'The student completes the assignment with a portfolio entry (new, or one already written)',
      tags: TAGS,
      action: 'library.assignment.complete',
      params: idParams,
      body: completeBody,
      resource: assignmentResource,
      status: 201,
      handler: (ctx, a) => completeAssignment(ctx.deps, ctx.actor, a, ctx.body, ctx.req.ip),
    }),
    defineRoute<unknown, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/me/assignments',
      summary: 'The signed-in student’s assignments from the Loopbaanmagazijn, open first',
      tags: TAGS,
      action: 'library.assignments.own',
      handler: async (ctx) => ({ items: await listStudentAssignments(ctx.deps, ctx.actor.userId), nextCursor: null }),
    }),
  ];
}
