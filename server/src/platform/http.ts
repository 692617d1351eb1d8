import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { AuditLog } from './audit.js';
import type { Clock } from './clock.js';
import { isDatabaseUnavailable } from '../db/connection.js';
import { AppError, parseInput } from './errors.js';
import { requestLocale, type Locale } from './i18n.js';
import { can, isDefinedAction, PUBLIC, type Actor } from './policy.js';

/** What every module's routes and services get: no globals. */
export interface Deps {
  db: Kysely<DB>;
  dbKind: 'pglite' | 'postgresql';
  config: Config;
  clock: Clock;
  audit: AuditLog;
  mailer: Mailer;
}

export interface Mailer {
  send(message: { to: string; subject: string; text: string; html?: string }): Promise<void>;
}

export interface RouteContext<P, Q, B> {
  req: FastifyRequest;
  reply: FastifyReply;
  params: P;
  query: Q;
  body: B;
  /** the signed-in user; null only on public routes */
  actor: Actor;
  locale: Locale;
  deps: Deps;
}

/** A resource the policy decides on, loaded before the handler runs. */
export interface LoadedResource {
  /** the student whose data this is, for the audit log */
  studentId?: string;
  institutionId?: string;
  /** hide existence (404) instead of 403 when refused */
  private?: boolean;
}

export interface RouteDef<P = any, Q = any, B = any, R extends LoadedResource | undefined = any> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  /**
   * The policy action this route performs (see each module's policy.ts). 'public' needs no
   * session; 'signed_in' any session; every other action is checked with can().
   */
  action: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response?: z.ZodType<unknown>;
  /**
   * A body that is not JSON (e.g. 'text/csv'): the handler reads the text from req.body, and a
   * request with another content type gets 415.
   */
  requestContentType?: 'text/csv';
  /** HTTP status of a successful answer (default 200) */
  status?: number;
  /** loads the resource the action is about; null means it does not exist (404) */
  resource?: (ctx: RouteContext<P, Q, B>) => Promise<R | null>;
  /** write an audit entry for every permitted read by someone other than the student */
  auditRead?: string;
  /** skip the CSRF check: only for the login route, which has no session yet */
  csrfExempt?: boolean;
  /** skip the MFA requirement: only for the routes that complete MFA */
  mfaExempt?: boolean;
  /** raw reply: the handler sends the reply itself (files, PDFs, calendars) */
  raw?: boolean;
  handler: (ctx: RouteContext<P, Q, B>, resource: R) => Promise<unknown>;
}

const registry: RouteDef[] = [];

/** Every route ever registered, for the OpenAPI document and the policy matrix test. */
export function registeredRoutes(): readonly RouteDef[] {
  return registry;
}

export function defineRoute<P, Q, B, R extends LoadedResource | undefined = undefined>(
  def: RouteDef<P, Q, B, R>,
): RouteDef<P, Q, B, R> {
  return def;
}

/** Hooks the identity module provides to the HTTP layer. */
export interface AuthHooks {
  /** resolves the session of a request: the actor, and whether the session still needs MFA */
  authenticate(req: FastifyRequest): Promise<{ actor: Actor; csrfToken: string; mfaPending: boolean } | null>;
}

export function registerRoutes(app: FastifyInstance, deps: Deps, auth: AuthHooks, routes: RouteDef[]) {
  for (const def of routes) {
    if (!isDefinedAction(def.action)) {
      throw new Error(`Route ${def.method} ${def.url} performs action '${def.action}', which has no policy rule`);
    }
    if (!registry.some((r) => r.method === def.method && r.url === def.url)) registry.push(def);
    const handle = routeHandler(def, deps, auth);
    app.route({
      method: def.method,
      url: def.url,
      handler: def.method === 'GET' ? retryReadOnce(handle) : handle,
    });
  }
}

/**
 * A read that failed because its database connection dropped (a failover, a restarted server,
 * a terminated backend) runs once more on a fresh connection before the client sees a 503.
 * Only GETs: they change nothing, so running one twice is safe. Not when part of the answer
 * has already gone out.
 */
function retryReadOnce(handle: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      return await handle(req, reply);
    } catch (err) {
      if (!isDatabaseUnavailable(err) || reply.sent) throw err;
      req.log.warn({ err }, 'read retried after a lost database connection');
      return handle(req, reply);
    }
  };
}

function routeHandler(def: RouteDef, deps: Deps, auth: AuthHooks) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const locale = requestLocale(req);
    const session = def.action === PUBLIC ? null : await auth.authenticate(req);
    if (def.action !== PUBLIC) {
      if (!session) throw new AppError(401, 'unauthenticated');
      if (session.mfaPending && !def.mfaExempt) throw new AppError(401, 'mfa_required');
      if (def.method !== 'GET' && !def.csrfExempt && req.headers['x-csrf-token'] !== session.csrfToken) {
        throw new AppError(403, 'csrf_invalid');
      }
    }
    if (def.requestContentType && !String(req.headers['content-type'] ?? '').toLowerCase().startsWith(def.requestContentType)) {
      throw new AppError(415, 'unsupported_media_type');
    }
    const ctx: RouteContext<any, any, any> = {
      req,
      reply,
      locale,
      deps,
      actor: session?.actor as Actor,
      params: def.params ? parseInput(def.params, req.params, locale) : req.params,
      query: def.query ? parseInput(def.query, req.query ?? {}, locale) : req.query,
      body: def.body ? parseInput(def.body, req.body ?? {}, locale) : undefined,
    };
    const resource = def.resource ? await def.resource(ctx) : undefined;
    if (def.resource && resource === null) throw new AppError(404, 'not_found');
    if (def.action !== PUBLIC && !can(ctx.actor, def.action, resource)) {
      deps.audit.recordRead({
        action: def.action,
        actorId: ctx.actor.userId,
        studentId: resource?.studentId,
        institutionId: resource?.institutionId,
        outcome: 'denied',
        ip: req.ip,
        details: { route: `${def.method} ${def.url}` },
      });
      throw new AppError(resource?.private ? 404 : 403, resource?.private ? 'not_found' : 'forbidden');
    }
    if (def.auditRead && resource?.studentId && resource.studentId !== ctx.actor.userId) {
      deps.audit.recordRead({
        action: def.auditRead,
        actorId: ctx.actor.userId,
        studentId: resource.studentId,
        institutionId: resource.institutionId,
        ip: req.ip,
      });
    }
    const result = await def.handler(ctx, resource as any);
    if (def.raw) return reply;
    reply.status(def.status ?? 200);
    return result ?? null;
  };
}
