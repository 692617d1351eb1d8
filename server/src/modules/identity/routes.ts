import type { FastifyReply, FastifyRequest } from 'fastify';
import { defineRoute, type Deps, type RouteDef } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { PUBLIC, SIGNED_IN } from '../../platform/policy.js';
import { loadStudentRelation } from '../org/relations.js';
import { auditQuery, loginBody, loginResponse, meResponse } from './schema.js';
import { login, loadUserView, type MfaState } from './service.js';
import { SESSION_COOKIE, sessionToken, type SessionStore } from './sessions.js';
import type { AuditResource } from './policy.js';
import './policy.js';

/**
 * The session cookie is Secure whenever the connection is: the public URL is https, or this
 * request came over https (directly, or through a trusted proxy that says so). Only a plain-http
 * request to a plain-http Koers (a laptop demo) gets a cookie without it.
 */
export function cookieIsSecure(deps: Pick<Deps, 'config'>, req: { protocol?: string }): boolean {
  return deps.config.publicUrl.startsWith('https://') || req.protocol === 'https';
}

export function setSessionCookie(deps: Deps, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(deps, reply.request),
    expires: expiresAt,
  });
}

export function identityRoutes(sessions: SessionStore): RouteDef[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/login',
      summary: 'Sign in with e-mail and password',
      tags: ['identity'],
      action: PUBLIC,
      body: loginBody,
      response: loginResponse,
      handler: async (ctx) => {
        const previous = sessionToken(ctx.req);
        // A new session id at every login: a planted cookie cannot be carried into a session.
        if (previous) await sessions.revoke(previous);
        const { user, session, mfa } = await login(ctx.deps, sessions, {
          email: ctx.body.email,
          password: ctx.body.password,
          ip: ctx.req.ip,
          userAgent: ctx.req.headers['user-agent'],
        });
        setSessionCookie(ctx.deps, ctx.reply, session.token, session.expiresAt);
        return { user, csrfToken: session.csrfToken, mfa };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/logout',
      summary: 'Sign out: the session ends on the server',
      tags: ['identity'],
      action: SIGNED_IN,
      mfaExempt: true,
      status: 204,
      handler: async (ctx) => {
        const token = sessionToken(ctx.req);
        if (token) await sessions.revoke(token);
        ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
        await ctx.deps.audit.record({ action: 'auth.logout', actorId: ctx.actor.userId, ip: ctx.req.ip });
        return null;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/me',
      summary: 'The signed-in user with roles',
      tags: ['identity'],
      action: SIGNED_IN,
      mfaExempt: true,
      response: meResponse,
      handler: async (ctx) => {
        const user = await loadUserView(ctx.deps, ctx.actor.userId);
        if (!user) throw new AppError(401, 'unauthenticated');
        const session = await sessions.resolve(sessionToken(ctx.req)!);
        const mfa: MfaState = session?.mfaPending ? await pendingMfaKind(ctx.deps, user.id) : 'none';
        return { ...user, csrfToken: session!.csrfToken, mfa };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/audit',
      summary: 'Audit entries about one student, newest first',
      tags: ['identity'],
      action: 'audit.read',
      query: auditQuery,
      resource: async (ctx): Promise<AuditResource | null> => {
        const rel = await loadStudentRelation(ctx.deps, ctx.actor, ctx.query.studentId);
        return rel && { studentId: rel.studentId, institutionId: rel.institutionId, self: rel.self, mentor: rel.mentor };
      },
      handler: async (ctx) => {
        await ctx.deps.audit.flush();
        let q = ctx.deps.db
          .selectFrom('audit_log as a')
          .leftJoin('users as u', 'u.id', 'a.actor_id')
          .select(['a.id', 'a.at', 'a.action', 'a.outcome', 'a.actor_id', 'u.display_name as actor_name', 'a.details'])
          .where('a.student_id', '=', ctx.query.studentId)
          .orderBy('a.id', 'desc')
          .limit(ctx.query.limit + 1);
        if (ctx.query.cursor) q = q.where('a.id', '<', ctx.query.cursor);
        const rows = await q.execute();
        const page = rows.slice(0, ctx.query.limit);
        return {
          items: page.map((r) => ({
            id: r.id,
            at: new Date(r.at).toISOString(),
            action: r.action,
            outcome: r.outcome,
            actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name } : null,
            details: r.details,
          })),
          nextCursor: rows.length > ctx.query.limit ? String(page.at(-1)!.id) : null,
        };
      },
    }),
  ];
}

async function pendingMfaKind(deps: Deps, userId: string): Promise<MfaState> {
  const c = await deps.db.selectFrom('credentials').select('totp_secret').where('user_id', '=', userId).executeTakeFirst();
  return c?.totp_secret ? 'verify' : 'enrol';
}
