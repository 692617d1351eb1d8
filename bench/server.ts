/**
 * The benchmark's server process: the real Koers app and a bare Fastify app side by side on
 * one database. The bare routes run the same SQL as Koers' routes, without sessions, policy,
 * validation or audit, so the ratio shows what Koers' own layers cost.
 */
import Fastify from 'fastify';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { openDatabase } from '../server/src/db/connection.js';
import { loadDemoSchoolIfEmpty } from '../server/src/db/demo.js';
import { currentSchemaVersion, migrate } from '../server/src/db/migrate.js';
import { systemClock } from '../server/src/platform/clock.js';
import { loadStudentRelation } from '../server/src/modules/org/relations.js';
import { getStudentProfile } from '../server/src/modules/org/service.js';

const config = loadConfig({ ...process.env, KOERS_LOG_LEVEL: 'silent', KOERS_DEMO: '1' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 20 });
await migrate(database.db);
await loadDemoSchoolIfEmpty(database.db, systemClock);

const { app } = await buildApp({ config, database, clock: systemClock, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });

const bare = Fastify({ logger: false });
const deps = { db: database.db, clock: systemClock };
bare.get('/healthz', async () => ({ status: 'ok', database: database.kind, schemaVersion: await currentSchemaVersion(database.db) }));
bare.get('/students/:id', async (req) => {
  const { id } = req.params as { id: string };
  const { reader } = req.query as { reader: string };
  // The same two queries the Koers route runs: the reader's relation, then the profile.
  await loadStudentRelation(deps, { userId: reader, displayName: '', roles: [] }, id);
  return getStudentProfile(deps, id);
});
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (a: typeof app) => (a.server.address() as { port: number }).port;
process.send?.({ koers: port(app), bare: port(bare), engine: database.kind });
process.on('SIGTERM', async () => {
  await app.close();
  await bare.close();
  await database.close();
  process.exit(0);
});
