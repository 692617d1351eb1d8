import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../platform/http.js';
import { AppError, registerErrorMessages } from '../../platform/errors.js';
import type { SessionStore } from '../identity/service.js';
import type { KoersModule } from '../manifest.js';
import { erasePerson, exportPerson, institutionsOf } from './service.js';
import type { PersonResource } from './policy.js';
import './policy.js';

const personParams = z.object({ id: z.uuid() });

registerErrorMessages({
  cannot_erase_self: {
    nl: 'Je kunt je eigen gegevens niet zelf wissen. Vraag een andere beheerder.',
    en: 'You cannot erase your own data. Ask another administrator.',
  },
});

export function privacyRoutes(sessions: SessionStore, modules: () => readonly KoersModule[]): RouteDef[] {
  const loadPerson = async (ctx: { deps: any; params: { id: string } }): Promise<PersonResource | null> => {
    const exists = await ctx.deps.db.selectFrom('users').select('id').where('id', '=', ctx.params.id).executeTakeFirst();
    if (!exists) return null;
    return { userId: ctx.params.id, studentId: ctx.params.id, institutionIds: await institutionsOf(ctx.deps, ctx.params.id), private: true };
  };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/data-export',
      replica: { stalenessSeconds: 30 },
      summary: 'Everything Koers holds about the signed-in person, as JSON (right of access and portability)',
      tags: ['privacy'],
      action: 'privacy.export.own',
      handler: async (ctx) => {
        const data = await exportPerson(ctx.deps, modules(), ctx.actor.userId);
        await ctx.deps.audit.record({ action: 'privacy.export', actorId: ctx.actor.userId, studentId: ctx.actor.userId, ip: ctx.req.ip, details: { scope: 'own' } });
        ctx.reply.header('content-disposition', 'attachment; filename="koers-mijn-gegevens.json"');
        return data;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/people/:id/data-export',
      replica: { stalenessSeconds: 30 },
      summary: "An administrator exports one person's data to answer an access request",
      tags: ['privacy'],
      action: 'privacy.person.manage',
      params: personParams,
      resource: loadPerson,
      handler: async (ctx) => {
        const data = await exportPerson(ctx.deps, modules(), ctx.params.id);
        await ctx.deps.audit.record({ action: 'privacy.export', actorId: ctx.actor.userId, studentId: ctx.params.id, subjectType: 'user', subjectId: ctx.params.id, ip: ctx.req.ip, details: { scope: 'request' } });
        return data;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/people/:id/erase',
      summary: "Erase one person's data from every module (right to erasure); the audit log keeps the bare id",
      tags: ['privacy'],
      action: 'privacy.person.manage',
      params: personParams,
      // Typing the e-mail address confirms the administrator means this person.
      body: z.object({ confirmEmail: z.string().trim().min(3).max(254) }),
      resource: loadPerson,
      status: 204,
      handler: async (ctx, person) => {
        const user = await ctx.deps.db.selectFrom('users').select('email').where('id', '=', ctx.params.id).executeTakeFirstOrThrow();
        if (user.email.toLowerCase() !== ctx.body.confirmEmail.toLowerCase()) {
          throw new AppError(400, 'validation_failed', { confirmEmail: ctx.locale === 'en' ? 'Does not match the e-mail address of this person.' : 'Komt niet overeen met het e-mailadres van deze persoon.' });
        }
        if (ctx.params.id === ctx.actor.userId) throw new AppError(409, 'cannot_erase_self');
        await erasePerson(ctx.deps, sessions, modules(), {
          userId: ctx.params.id,
          actorId: ctx.actor.userId,
          institutionId: person.institutionIds[0],
          ip: ctx.req.ip,
        });
        return null;
      },
    }),
  ];
}
