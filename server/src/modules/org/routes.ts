import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../platform/http.js';
import { loadStudentRelation } from './relations.js';
import { getStudentProfile, listOwnParents, listRelatedStudents, setParentOptIn } from './service.js';
import { AppError } from '../../platform/errors.js';
import { SIGNED_IN } from '../../platform/policy.js';
import './policy.js';

const studentParams = z.object({ id: z.uuid() });

export function orgRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/students',
      summary: 'The students the signed-in person guides personally (mentor, parent, praktijkopleider)',
      tags: ['org'],
      // The list is filtered in SQL by the reader's own relations, so any session may ask.
      action: SIGNED_IN,
      handler: async (ctx) => ({ items: await listRelatedStudents(ctx.deps, ctx.actor.userId), nextCursor: null }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/parents',
      summary: "The signed-in student's parents and whether they keep access after 18",
      tags: ['org'],
      action: 'student.own_parents',
      handler: async (ctx) => ({ items: await listOwnParents(ctx.deps, ctx.actor.userId), nextCursor: null }),
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/me/parents/:parentId',
      summary: 'The student decides whether a parent keeps seeing the guidance record from 18',
      tags: ['org'],
      action: 'student.own_parents',
      params: z.object({ parentId: z.uuid() }),
      body: z.object({ adultOptIn: z.boolean() }),
      handler: async (ctx) => {
        const ok = await setParentOptIn(ctx.deps, ctx.actor.userId, ctx.params.parentId, ctx.body.adultOptIn, ctx.req.ip);
        if (!ok) throw new AppError(404, 'not_found');
        return { items: await listOwnParents(ctx.deps, ctx.actor.userId), nextCursor: null };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/students/:id',
      summary: "A student's profile, for whoever may see it",
      tags: ['org'],
      action: 'student.read',
      auditRead: 'student.read',
      params: studentParams,
      resource: (ctx) => loadStudentRelation(ctx.deps, ctx.actor, ctx.params.id),
      handler: async (ctx) => getStudentProfile(ctx.deps, ctx.params.id),
    }),
  ];
}
