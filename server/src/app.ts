import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.js';
import { checkDatabase, type Database } from './db/connection.js';
import type { ReadReplica } from './db/replica.js';
import { currentSchemaVersion } from './db/migrate.js';
import { AuditLog } from './platform/audit.js';
import type { Clock } from './platform/clock.js';
import { errorBody, errorMessage, handleError } from './platform/errors.js';
import { registerRoutes, registeredRoutes, type Deps, type Mailer } from './platform/http.js';
import { requestLocale } from './platform/i18n.js';
import { createMailer } from './platform/mail.js';
import { openApiDocument } from './platform/openapi.js';
import { allModules } from './modules/index.js';
import { SessionStore, sessionToken } from './modules/identity/service.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(ROOT, 'web/dist');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

export interface BuildOptions {
  config: Config;
  database: Database;
  clock: Clock;
  mailer?: Mailer;
  logger?: boolean;
  /** serve the built web client (off in API-only tests) */
  serveWeb?: boolean;
  /** the streaming replica (DATABASE_READ_URL) for replica-safe reads */
  replica?: ReadReplica;
}

export interface KoersApp {
  app: FastifyInstance;
  deps: Deps;
  sessions: SessionStore;
}

/** Builds the whole Koers server. No side effects until the caller listens. */
export async function buildApp(opts: BuildOptions): Promise<KoersApp> {
  const { config, database, clock } = opts;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // Only the configured proxies may name the client's address (X-Forwarded-For).
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    routerOptions: { ignoreTrailingSlash: true },
    // The router's own errors (a malformed URL) leave in the contract's error format too.
    frameworkErrors: (_err, req, reply: any) => {
      const locale = requestLocale(req);
      reply.status(400).send(errorBody('bad_url', locale, { url: errorMessage('bad_url', locale) }));
    },
  });
  const audit = new AuditLog(database.db, clock, (err) => app.log.error({ err }, 'audit flush failed'));
  const deps: Deps = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock,
    audit,
    mailer: opts.mailer ?? createMailer(config),
    replica: opts.replica,
  };
  const sessions = new SessionStore(deps);

  await app.register(cookie);
  // Uploads (evidence, roster files) are streamed and capped; routes read them with req.file()/req.parts().
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 10, fields: 50 } });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // No third parties, ever: referrers stay inside Koers.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });

  // Routes that take CSV (questionnaire responses) read it as text; every other route refuses it.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  // Personal data must not linger in a shared computer's or a proxy's cache: every API answer
  // is no-store unless its route chose otherwise (public catalogue pages, calendar feeds).
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0];
    // Client-side routes get the app; a missing file (an old hashed asset) stays a 404.
    const wantsApp = req.method === 'GET' && !url.startsWith('/api/') && !/\.\w+$/.test(url) && opts.serveWeb && hasWebBuild();
    if (wantsApp) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send(errorBody('route_not_found', requestLocale(req)));
  });

  registerHealthRoutes(app, database);

  const auth = {
    authenticate: async (req: any) => {
      const token = sessionToken(req);
      return token ? sessions.resolve(token) : null;
    },
  };
  for (const module of allModules) {
    registerRoutes(app, deps, auth, module.routes({ deps, sessions, modules: allModules }));
  }
  const openapi = openApiDocument(registeredRoutes(), VERSION);
  app.get('/api/v1/openapi.json', async () => openapi);

  if (opts.serveWeb && hasWebBuild()) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: ['index.html'],
      // Hashed assets never change; index.html must always be fresh.
      cacheControl: false,
      setHeaders: (res: any, filePath: string) => {
        res.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }

  app.addHook('onClose', async () => {
    await audit.flush();
  });
  return { app, deps, sessions };
}

export function hasWebBuild(): boolean {
  return fs.existsSync(path.join(WEB_DIST, 'index.html'));
}

/**
 * Liveness and readiness. `/healthz` (the contract's) answers 200 while the process lives and
 * says honestly whether the database answers: status 'ok', or 'degraded' with the schema version
 * unknown. `/readyz` is for a load balancer: 200 only when the database answers and the server
 * is not draining for shutdown, otherwise 503 in the contract's error format, so traffic moves
 * to another instance without this one being restarted.
 */
function registerHealthRoutes(app: FastifyInstance, database: Database) {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  app.get('/healthz', async () => {
    const health = await checkDatabase(database.db);
    const schemaVersion = health.reachable ? await currentSchemaVersion(database.db).catch(() => null) : null;
    const ok = health.reachable && schemaVersion !== null;
    return { status: ok ? 'ok' : 'degraded', database: database.kind, schemaVersion, databaseReachable: ok };
  });
  app.get('/readyz', async (req, reply) => {
    const health = draining ? { reachable: false } : await checkDatabase(database.db);
    if (draining || !health.reachable) {
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(errorBody('unavailable', requestLocale(req), { [draining ? 'server' : 'database']: draining ? 'draining' : 'unreachable' }));
    }
    return { status: 'ready' };
  });
}
