import { defineRoute, type RouteContext, type RouteDef } from '../../platform/http.js';
import { AppError, errorMessage } from '../../platform/errors.js';
import { PUBLIC, SIGNED_IN, type Actor } from '../../platform/policy.js';
import { loadStudentRelation } from '../org/relations.js';
import { changePassword, completePasswordReset, requestPasswordReset } from './account.js';
import { acceptInvitation, createInvitation, describeInvitation } from './invitations.js';
import { fieldError } from './messages.js';
import { confirmEnrolment, disableMfa, mfaStatus, startEnrolment, verifySecondFactor } from './mfa.js';
import { setSessionCookie } from './routes.js';
import { sessionToken } from './sessions.js';
import {
  invitationAcceptBody,
  invitationBody,
  invitationCreated,
  invitationParams,
  invitationView,
  loginResponse,
  mfaCodeBody,
  mfaConfirmResponse,
  mfaDisableBody,
  mfaEnrolResponse,
  mfaStatusResponse,
  mfaVerifyBody,
  mfaVerifyResponse,
  passwordChangeBody,
  resetCompleteBody,
  resetRequestBody,
  resetRequestResponse,
} from './schema.js';
import type { SessionStore } from './sessions.js';
import './messages.js';
import './policy.js';

/** The signed-in session of a request, resolved again (from the session cache, no round trip). */
async function currentSession(ctx: RouteContext<unknown, unknown, unknown>, sessions: SessionStore) {
  const session = await sessions.resolve(sessionToken(ctx.req)!);
  if (!session) throw new AppError(401, 'unauthenticated');
  return session;
}

/**
 * On a public route, the session if the request carries one. A cookie that acts must pass the
 * same checks as on any signed-in route: CSRF token and completed MFA.
 */
async function optionalSession(ctx: RouteContext<unknown, unknown, unknown>, sessions: SessionStore): Promise<Actor | null> {
  const token = sessionToken(ctx.req);
  const session = token ? await sessions.resolve(token) : null;
  if (!session) return null;
  if (session.mfaPending) throw new AppError(401, 'mfa_required');
  if (ctx.req.headers['x-csrf-token'] !== session.csrfToken) throw new AppError(403, 'csrf_invalid');
  return session.actor;
}

export function accountRoutes(sessions: SessionStore): RouteDef[] {
  return [...mfaRoutes(sessions), ...passwordRoutes(sessions), ...invitationRoutes(sessions)];
}

function mfaRoutes(sessions: SessionStore): RouteDef[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/auth/mfa',
      summary: 'Whether the authenticator app is on, required, and how many recovery codes are left',
      tags: ['identity'],
      action: SIGNED_IN,
      mfaExempt: true,
      response: mfaStatusResponse,
      handler: (ctx) => mfaStatus(ctx.deps, ctx.actor.userId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/mfa/enrol',
      summary: 'Start linking an authenticator app: returns the otpauth URI and secret, once',
      tags: ['identity'],
      action: SIGNED_IN,
      mfaExempt: true,
      response: mfaEnrolResponse,
      handler: async (ctx) => startEnrolment(ctx.deps, ctx.actor, (await currentSession(ctx, sessions)).mfaPending),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/mfa/confirm',
      summary: 'Activate the authenticator app with a code from it; returns 10 recovery codes, shown once',
      tags: ['identity'],
      action: SIGNED_IN,
      mfaExempt: true,
      body: mfaCodeBody,
      response: mfaConfirmResponse,
      handler: async (ctx) =>
        confirmEnrolment(ctx.deps, sessions, ctx.actor, (await currentSession(ctx, sessions)).mfaPending, ctx.body.code, ctx.locale, ctx.req.ip),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/mfa/verify',
      summary: 'Complete a sign-in with a code from the authenticator app, or a recovery code (each works once)',
      tags: ['identity'],
      action: SIGNED_IN,
      mfaExempt: true,
      body: mfaVerifyBody,
      response: mfaVerifyResponse,
      handler: async (ctx) => {
        if ((ctx.body.code === undefined) === (ctx.body.recoveryCode === undefined)) {
          throw fieldError(400, 'mfa_code_or_recovery', 'code', ctx.locale);
        }
        return verifySecondFactor(ctx.deps, sessions, ctx.actor, ctx.body, ctx.locale, ctx.req.ip);
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/mfa/disable',
      summary: 'Turn the authenticator app off (only where the role does not require it)',
      tags: ['identity'],
      action: SIGNED_IN,
      body: mfaDisableBody,
      status: 204,
      handler: async (ctx) => {
        await disableMfa(ctx.deps, ctx.actor, ctx.body.currentPassword, ctx.locale, ctx.req.ip);
        return null;
      },
    }),
  ];
}

function passwordRoutes(sessions: SessionStore): RouteDef[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/password',
      summary: 'Change the password; every other session of the user ends',
      tags: ['identity'],
      action: SIGNED_IN,
      body: passwordChangeBody,
      status: 204,
      handler: async (ctx) => {
        await changePassword(ctx.deps, sessions, ctx.actor, ctx.body, ctx.locale, ctx.req.ip);
        return null;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/password-reset/request',
      summary: 'Ask for a password reset link by e-mail; the answer is the same whether or not the account exists',
      tags: ['identity'],
      action: PUBLIC,
      body: resetRequestBody,
      response: resetRequestResponse,
      status: 202,
      handler: async (ctx) => {
        await requestPasswordReset(ctx.deps, ctx.body.email, ctx.req.ip, (err) => ctx.req.log.error({ err }, 'password reset mail failed'));
        return { status: 'accepted' as const, message: errorMessage('password_reset_requested', ctx.locale) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/password-reset/complete',
      summary: 'Choose a new password with the link from the reset mail; every session ends',
      tags: ['identity'],
      action: PUBLIC,
      body: resetCompleteBody,
      status: 204,
      handler: async (ctx) => {
        await completePasswordReset(ctx.deps, sessions, ctx.body, ctx.locale, ctx.req.ip);
        return null;
      },
    }),
  ];
}

function invitationRoutes(sessions: SessionStore): RouteDef[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/invitations',
      summary: 'Invite a parent or the praktijkopleider of an internship of one student, by e-mail',
      tags: ['identity'],
      action: 'invitation.create',
      body: invitationBody,
      response: invitationCreated,
      status: 201,
      resource: (ctx) => loadStudentRelation(ctx.deps, ctx.actor, ctx.body.studentId),
      handler: (ctx, student) => createInvitation(ctx.deps, ctx.actor, student, ctx.body, ctx.locale, ctx.req.ip),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/invitations/:token',
      summary: "What an invitation is for: the kind, the student's first name and the school",
      tags: ['identity'],
      action: PUBLIC,
      params: invitationParams,
      response: invitationView,
      handler: (ctx) => describeInvitation(ctx.deps, ctx.params.token),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/invitations/:token/accept',
      summary: 'Accept an invitation: create the account, or link the signed-in account with the invited address',
      tags: ['identity'],
      action: PUBLIC,
      params: invitationParams,
      body: invitationAcceptBody,
      response: loginResponse,
      status: 201,
      handler: async (ctx) => {
        const signedIn = await optionalSession(ctx, sessions);
        const { user } = await acceptInvitation(ctx.deps, ctx.params.token, signedIn, ctx.body, ctx.locale, ctx.req.ip);
        if (signedIn) {
          // The new role and relation apply to the open session at once.
          sessions.forget(user.id);
          const session = await currentSession(ctx, sessions);
          return { user, csrfToken: session.csrfToken, mfa: 'none' as const };
        }
        // Whoever just set the password is signed in: roles that come by invitation need no MFA.
        const session = await sessions.create(user.id, { mfaPassed: true, ip: ctx.req.ip, userAgent: ctx.req.headers['user-agent'] });
        setSessionCookie(ctx.deps, ctx.reply, session.token, session.expiresAt);
        return { user, csrfToken: session.csrfToken, mfa: 'none' as const };
      },
    }),
  ];
}
