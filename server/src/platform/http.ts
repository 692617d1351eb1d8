import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import type { ReadReplica, ReplicaRead } from '../db/replica.js';
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
  /** the streaming replica for replica-safe reads (DATABASE_READ_URL), when there is one */
  replica?: ReadReplica;
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
  /**
   * Read-only work that may be answered from the streaming replica, with the staleness a user
   * may see (docs/decisions/0011). The policy's resource is always loaded on the primary; the
   * handler reads the replica unless the replica is too far behind or the reader wrote lately.
   */
  replica?: ReplicaRead;
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
    if (def.replica && def.method !== 'GET') throw new Error(`Route ${def.method} ${def.url} writes; only GET routes may read from the replica`);
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
      // Written before the refusal is answered; a failed write is logged, the answer stays a refusal.
      await deps.audit
        .recordRead({
          action: def.action,
          actorId: ctx.actor.userId,
          studentId: resource?.studentId,
          institutionId: resource?.institutionId,
          outcome: 'denied',
          ip: req.ip,
          details: { route: `${def.method} ${def.url}` },
        })
        .catch(() => {});
      throw new AppError(resource?.private ? 404 : 403, resource?.private ? 'not_found' : 'forbidden');
    }
    // The staff read's audit entry is written beside the handler's queries (group commit,
    // platform/audit.ts); the answer waits for both, so no read is answered unlogged.
    const audited =
      def.auditRead && resource?.studentId && resource.studentId !== ctx.actor.userId
        ? deps.audit.recordRead({
            action: def.auditRead,
            actorId: ctx.actor.userId,
            studentId: resource.studentId,
            institutionId: resource.institutionId,
            ip: req.ip,
          })
        : undefined;
    // A raw handler sends the answer itself, so its entry is written first.
    if (def.raw) await audited;
    const [result] = await Promise.all([def.handler(readContext(def, ctx), resource as any), audited]);
    if (def.method !== 'GET' && ctx.actor) noteWrite(deps, ctx.actor, reply);
    if (def.raw) return reply;
    reply.status(def.status ?? 200);
    return result ?? null;
  };
}

// ---------------------------------------------------------------------------------------------
// Read replica routing (docs/decisions/0011).

const WROTE_COOKIE = 'koers_wrote';

/** The handler's context: on the replica for a replica-safe read when it is fresh enough. */
function readContext(def: RouteDef, ctx: RouteContext<any, any, any>): RouteContext<any, any, any> {
  const replica = ctx.deps.replica;
  if (!def.replica || !replica) return ctx;
  const wrote = Number((ctx.req.cookies as Record<string, string> | undefined)?.[WROTE_COOKIE] ?? 0) || undefined;
  const useReplica = replica.serves(def.replica, ctx.actor?.userId, wrote);
  ctx.reply.header('x-koers-read-from', useReplica ? 'replica' : 'primary');
  return useReplica ? { ...ctx, deps: { ...ctx.deps, db: replica.db } } : ctx;
}

/**
 * After a committed write the writer reads from the primary until the replica has it. The
 * cookie carries the moment to the other Koers processes behind the same load balancer.
 */
function noteWrite(deps: Deps, actor: Actor, reply: FastifyReply) {
  if (!deps.replica || reply.sent) return;
  const at = deps.replica.noteWrite(actor.userId);
  reply.setCookie(WROTE_COOKIE, String(at), { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.publicUrl.startsWith('https:'), maxAge: 600 });
}
