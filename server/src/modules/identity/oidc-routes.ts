import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { defineRoute, type Deps, type RouteDef } from '../../platform/http.js';
import { PUBLIC } from '../../platform/policy.js';
import {
  assertIssuerAllowed,
  ATTEMPT_TTL_MS,
  auditLoginFailure,
  completeLogin,
  createProvider,
  deleteProvider,
  linkIdentity,
  listEnabledProviders,
  listProvidersForAdmin,
  loadIdentityLinkResource,
  loadProviderInstitution,
  OIDC_PATH,
  OIDC_STATE_COOKIE,
  OidcDiscovery,
  OidcLoginError,
  startLogin,
  unlinkIdentity,
  updateProvider,
} from './oidc.js';
import type { OidcProviderResource, UserIdentityResource } from './oidc-policy.js';
import { setSessionCookie } from './routes.js';
import { sessionToken } from './sessions.js';
import type { SessionStore } from './sessions.js';
import './oidc-policy.js';

const LOGIN_PAGE = '/inloggen';

const providersQuery = z.object({ institution: z.uuid().optional() });
const providerSummary = z.object({ id: z.uuid(), name: z.string(), institutionId: z.uuid() });

const scopesField = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^[A-Za-z0-9_:./-]+(\s+[A-Za-z0-9_:./-]+)*$/);
const subjectClaimField = z.string().trim().regex(/^[A-Za-z0-9_:.-]{1,100}$/);

const providerBody = z.object({
  institutionId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  issuer: z.url().max(500),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z.string().min(1).max(2000),
  scopes: scopesField.optional(),
  subjectClaim: subjectClaimField.optional(),
  enabled: z.boolean().optional(),
});
const providerPatch = providerBody.omit({ institutionId: true }).partial().strict();
const providerView = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  scopes: z.string(),
  subjectClaim: z.string(),
  enabled: z.boolean(),
  createdAt: z.string(),
  callbackUrl: z.string(),
});
const adminListQuery = z.object({
  institution: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional(),
});
const idParams = z.object({ id: z.uuid() });
const userParams = z.object({ userId: z.uuid() });
const identityBody = z.object({ providerId: z.uuid(), subject: z.string().min(1).max(500) });
const identityView = z.object({ userId: z.uuid(), providerId: z.uuid(), subject: z.string() });

/** Sends the browser back to the login page with a code the page explains. */
function redirectToLoginPage(reply: FastifyReply, code: string) {
  return reply.redirect(`${LOGIN_PAGE}?fout=${encodeURIComponent(code)}`, 302);
}

function setStateCookie(deps: Deps, reply: FastifyReply, state: string) {
  reply.setCookie(OIDC_STATE_COOKIE, state, {
    path: OIDC_PATH,
    httpOnly: true,
    // lax: the provider's redirect back is a top-level GET navigation, which carries it.
    sameSite: 'lax',
    secure: deps.config.publicUrl.startsWith('https://'),
    maxAge: ATTEMPT_TTL_MS / 1000,
  });
}

export function oidcRoutes(deps: Deps, sessions: SessionStore): RouteDef[] {
  const discovery = new OidcDiscovery(deps);
  return [
    defineRoute({
      method: 'GET',
      url: `${OIDC_PATH}/providers`,
      summary: 'The enabled federated sign-in methods (for the login page), optionally of one institution',
      tags: ['identity'],
      action: PUBLIC,
      query: providersQuery,
      response: z.object({ items: z.array(providerSummary), nextCursor: z.null() }),
      handler: async (ctx) => ({ items: await listEnabledProviders(ctx.deps, ctx.query.institution), nextCursor: null }),
    }),
    defineRoute({
      method: 'GET',
      url: `${OIDC_PATH}/:providerId/start`,
      summary: "Start a federated sign-in: redirects to the provider's authorization endpoint",
      tags: ['identity'],
      action: PUBLIC,
      raw: true,
      handler: async (ctx) => {
        const { providerId } = ctx.req.params as { providerId: string };
        try {
          const { url, state } = await startLogin(ctx.deps, discovery, providerId);
          setStateCookie(ctx.deps, ctx.reply, state);
          return ctx.reply.redirect(url.href, 302);
        } catch (err) {
          if (!(err instanceof OidcLoginError)) throw err;
          ctx.req.log.warn({ code: err.code, reason: err.reason }, 'federated sign-in could not start');
          return redirectToLoginPage(ctx.reply, err.code);
        }
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${OIDC_PATH}/callback`,
      summary: 'Where the provider returns the browser: completes the sign-in and redirects to the app',
      tags: ['identity'],
      action: PUBLIC,
      raw: true,
      handler: async (ctx) => {
        const search = ctx.req.url.includes('?') ? ctx.req.url.slice(ctx.req.url.indexOf('?')) : '';
        const stateCookie = ctx.req.cookies[OIDC_STATE_COOKIE];
        // The state is single-use whatever the outcome; the cookie has done its work.
        ctx.reply.clearCookie(OIDC_STATE_COOKIE, { path: OIDC_PATH });
        try {
          const previous = sessionToken(ctx.req);
          const { session } = await completeLogin(ctx.deps, discovery, sessions, {
            search,
            stateCookie,
            ip: ctx.req.ip,
            userAgent: ctx.req.headers['user-agent'],
          });
          // A new session id at every login: a planted cookie cannot be carried into a session.
          if (previous) await sessions.revoke(previous);
          setSessionCookie(ctx.deps, ctx.reply, session.token, session.expiresAt);
          return ctx.reply.redirect('/', 302);
        } catch (err) {
          if (!(err instanceof OidcLoginError)) throw err;
          ctx.req.log.warn({ code: err.code, reason: err.reason }, 'federated sign-in refused');
          await auditLoginFailure(ctx.deps, err, ctx.req.ip);
          return redirectToLoginPage(ctx.reply, err.code);
        }
      },
    }),

    // --- administration ------------------------------------------------------------------
    defineRoute({
      method: 'GET',
      url: '/api/v1/admin/oidc-providers',
      summary: 'The OpenID Connect providers of the institutions the signed-in administrator manages',
      tags: ['identity', 'admin'],
      action: 'oidc_provider.list',
      query: adminListQuery,
      response: z.object({ items: z.array(providerView), nextCursor: z.uuid().nullable() }),
      handler: async (ctx) =>
        listProvidersForAdmin(ctx.deps, ctx.actor, { institutionId: ctx.query.institution, limit: ctx.query.limit, cursor: ctx.query.cursor }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/oidc-providers',
      summary: 'Add an OpenID Connect provider (SURFconext, Entree, eduID) to an institution',
      tags: ['identity', 'admin'],
      action: 'oidc_provider.manage',
      body: providerBody,
      response: providerView,
      status: 201,
      resource: async (ctx): Promise<OidcProviderResource> => ({ institutionId: ctx.body.institutionId }),
      handler: async (ctx) => {
        assertIssuerAllowed(ctx.body.issuer, ctx.locale);
        return createProvider(ctx.deps, ctx.actor, ctx.body);
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/admin/oidc-providers/:id',
      summary: 'Change an OpenID Connect provider; the client secret can be replaced, never read',
      tags: ['identity', 'admin'],
      action: 'oidc_provider.manage',
      params: idParams,
      body: providerPatch,
      response: providerView,
      resource: (ctx) => loadProviderInstitution(ctx.deps, ctx.params.id),
      handler: async (ctx) => {
        assertIssuerAllowed(ctx.body.issuer, ctx.locale);
        return updateProvider(ctx.deps, ctx.actor, ctx.params.id, ctx.body);
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/admin/oidc-providers/:id',
      summary: 'Remove an OpenID Connect provider and every account link made with it',
      tags: ['identity', 'admin'],
      action: 'oidc_provider.manage',
      params: idParams,
      status: 204,
      resource: (ctx) => loadProviderInstitution(ctx.deps, ctx.params.id),
      handler: async (ctx) => {
        await deleteProvider(ctx.deps, ctx.actor, ctx.params.id);
        return null;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/admin/users/:userId/identities',
      summary: "Link an account to a federated subject of one of the institution's providers",
      tags: ['identity', 'admin'],
      action: 'user_identity.manage',
      params: userParams,
      body: identityBody,
      response: identityView,
      status: 201,
      resource: (ctx): Promise<(UserIdentityResource & { studentId?: string }) | null> =>
        loadIdentityLinkResource(ctx.deps, ctx.params.userId, ctx.body.providerId),
      handler: async (ctx, r) =>
        linkIdentity(ctx.deps, ctx.actor, { userId: ctx.params.userId, ...ctx.body, institutionId: r.institutionId, studentId: r.studentId }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/admin/users/:userId/identities',
      summary: 'Unlink an account from a federated subject ({providerId, subject} in the body)',
      tags: ['identity', 'admin'],
      action: 'user_identity.manage',
      params: userParams,
      body: identityBody,
      status: 204,
      resource: (ctx): Promise<(UserIdentityResource & { studentId?: string }) | null> =>
        loadIdentityLinkResource(ctx.deps, ctx.params.userId, ctx.body.providerId),
      handler: async (ctx, r) => {
        await unlinkIdentity(ctx.deps, ctx.actor, { userId: ctx.params.userId, ...ctx.body, institutionId: r.institutionId, studentId: r.studentId });
        return null;
      },
    }),
  ];
}
