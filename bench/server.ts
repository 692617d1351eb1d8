/**
 * The benchmark's server process: the real Koers app and a bare Fastify app side by side on
 * one database. The bare app has
 * - `/same/<Koers route>?as=<userId>` for every Koers route: the route's own resource loader
 *   and handler, so the same SQL, without sessions, policy, CSRF, audit, security headers or
 *   error handling — the ratio shows what Koers' own layers cost;
 * - `/indexed/<userId>`: one indexed select, the floor any database-backed answer pays — the
 *   ratio against it shows how heavy the SQL itself is.
 * BENCH_DEMO=0 serves an existing database (the national data set) without loading the demo.
 */
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/connection.js';
import { loadDemoSchoolIfEmpty } from '../server/src/db/demo.js';
import { currentSchemaVersion, migrate } from '../server/src/db/migrate.js';
import { systemClock } from '../server/src/platform/clock.js';
import { registeredRoutes, type RouteContext } from '../server/src/platform/http.js';
import type { Actor } from '../server/src/platform/policy.js';
import { parseInput } from '../server/src/platform/errors.js';
import { refreshAll } from '../server/src/modules/monitor/service.js';

const demo = process.env.BENCH_DEMO !== '0';
const config = loadConfig({ ...process.env, KOERS_LOG_LEVEL: 'silent', KOERS_DEMO: demo ? '1' : '0' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: Number(process.env.BENCH_POOL ?? 20) });
await migrate(database.db);
if (demo) await loadDemoSchoolIfEmpty(database.db, systemClock);
// The monitor reads hourly rollups; a freshly generated data set has none yet.
const refreshed = await database.db.selectFrom('monitor_refreshes').select('institution_id').limit(1).executeTakeFirst();
if (!refreshed) await refreshAll({ db: database.db, clock: systemClock });

const { app, deps } = await buildApp({ config, database, clock: systemClock, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });

const bare = Fastify({ logger: false });
// Some handlers read the session cookie (GET /api/v1/me); the bench sends it to both apps.
await bare.register(cookie);
const actors = new Map<string, Actor>();
async function actorOf(userId: string): Promise<Actor> {
  let actor = actors.get(userId);
  if (!actor) {
    const roles = await database.db.selectFrom('user_roles').select(['institution_id', 'role']).where('user_id', '=', userId).execute();
    actor = { userId, displayName: '', roles: roles.map((r) => ({ institutionId: r.institution_id, role: r.role })) };
    actors.set(userId, actor);
  }
  return actor;
}

bare.get('/healthz', async () => ({ status: 'ok', database: database.kind, schemaVersion: await currentSchemaVersion(database.db) }));
bare.get('/indexed/:id', async (req) => {
  const { id } = req.params as { id: string };
  const r = await sql<{ id: string; display_name: string }>`select id, display_name from users where id = ${id}`.execute(database.db);
  return r.rows[0] ?? null;
});
for (const def of registeredRoutes()) {
  if (def.method !== 'GET' || def.raw) continue;
  bare.get(`/same${def.url}`, async (req, reply) => {
    const { as, ...query } = req.query as Record<string, string>;
    const ctx: RouteContext<any, any, any> = {
      req,
      reply,
      locale: 'nl',
      deps,
      actor: await actorOf(as),
      params: def.params ? parseInput(def.params, req.params, 'nl') : req.params,
      query: def.query ? parseInput(def.query, query, 'nl') : query,
      body: undefined,
    };
    const resource = def.resource ? await def.resource(ctx) : undefined;
    return def.handler(ctx, resource);
  });
}
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (a: typeof app) => (a.server.address() as { port: number }).port;
process.send?.({ koers: port(app), bare: port(bare), engine: database.kind });
process.on('SIGTERM', async () => {
  await app.close();
  await bare.close();
  await database.close();
  process.exit(0);
});
