import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../platform/http.js';
import { loadStudentRelation } from './relations.js';
import { getStudentProfile, listRelatedStudents } from './service.js';
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
