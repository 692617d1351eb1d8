import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, openReadReplica } from './db/connection.js';
import { loadDemoSchoolIfEmpty, DEMO_ACCOUNTS, DEMO_PASSWORD } from './db/demo.js';
import { migrate } from './db/migrate.js';
import { systemClock } from './platform/clock.js';
import { remindUnderLock, startReminderScheduler } from './modules/guidance/service.js';
import { refreshUnderLock, startMonitorScheduler } from './modules/monitor/service.js';
import { createMailer } from './platform/mail.js';
import { InProcessQueue, PgBossQueue, queuedMailer, type JobQueue } from './platform/jobs.js';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

async function main() {
  const config = readConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
    // A dropped connection fails only the requests on it; it is logged, never fatal.
    onConnectionError: (err) => console.warn(`Databaseverbinding verbroken / database connection lost: ${err.message}`),
  });
  const { applied, schemaVersion } = await migrate(database.db);
  if (applied.length) console.info(`Database migrated to schema version ${schemaVersion} (applied ${applied.join(', ')}).`);

  const demoLoaded = config.demo ? await loadDemoSchoolIfEmpty(database.db, systemClock) : false;
  // Read-only work goes to the streaming replica when there is one (docs/decisions/0011).
  const replica = config.databaseReadUrl ? openReadReplica(database, config.databaseReadUrl, config.databasePoolSize) : undefined;
  replica?.start();
  // Mail and scheduled work run on a job queue (docs/decisions/0010): pg-boss on a PostgreSQL
  // server, an in-process queue on embedded PostgreSQL.
  const onJobError = (err: unknown) => console.error('background job failed', err);
  const jobs: JobQueue = database.kind === 'postgresql' && config.databaseUrl ? await PgBossQueue.start(config.databaseUrl, onJobError) : new InProcessQueue(onJobError);
  const mailer = await queuedMailer(jobs, createMailer(config));
  const { app, deps } = await buildApp({ config, database, clock: systemClock, serveWeb: true, replica, mailer });
  if (replica) app.addHook('onClose', () => replica.stop());
  await startScheduledWork(jobs, deps, (err) => app.log.error({ err }, 'reminder run failed'), app);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  console.info(`\nKoers draait op http://localhost:${port} (${database.kind === 'pglite' ? `ingebouwde PostgreSQL in ${config.dataDir}` : 'PostgreSQL-server'})`);
  if (config.demo) {
    console.info(`${demoLoaded ? 'Demoschool geladen.' : 'Demoschool aanwezig.'} Inloggen met wachtwoord "${DEMO_PASSWORD}" als:`);
    for (const a of DEMO_ACCOUNTS) console.info(`  ${a.email.padEnd(28)} ${a.description}`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.info(`${signal} ontvangen: lopende verzoeken worden afgemaakt, daarna stopt Koers.`);
    // Requests in flight finish; a stuck one cannot hold the process hostage.
    const force = setTimeout(() => process.exit(1), config.shutdownGraceMs);
    force.unref();
    // Keep-alive connections that finish their last request while we drain would otherwise
    // hold the server open until the grace period ends.
    setInterval(() => app.server.closeIdleConnections(), 50).unref();
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      console.error('Shutdown failed', err);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * Appointment reminders go out every minute, whether or not anyone opens a page, and the
 * monitor's rollups are refreshed every hour: pg-boss schedules (one run across all processes)
 * on a server, timers on embedded PostgreSQL.
 */
async function startScheduledWork(jobs: JobQueue, deps: Parameters<typeof remindUnderLock>[0], onError: (err: unknown) => void, app: FastifyInstance) {
  // The monitor's rollups are refreshed every hour (one process at a time, under an advisory
  // lock), so dashboards, region and nation never recompute from the raw records.
  if (jobs.kind === 'pg-boss') {
    await jobs.define('guidance.reminders', async () => void (await remindUnderLock(deps)), { retryLimit: 2, retryDelaySeconds: 10 });
    await jobs.every('guidance.reminders', '* * * * *', 60_000);
    await jobs.define('monitor.refresh', async () => void (await refreshUnderLock(deps)), { retryLimit: 3, retryDelaySeconds: 60 });
    await jobs.every('monitor.refresh', '0 * * * *', 3_600_000);
  } else {
    const reminders = startReminderScheduler(deps, { onError });
    const monitor = startMonitorScheduler(deps, { onError: (err) => app.log.error({ err }, 'monitor refresh failed') });
    app.addHook('onClose', () => reminders.stop());
    app.addHook('onClose', () => monitor.stop());
  }
  // Stopped after the reminders, before the database closes: running jobs finish first.
  app.addHook('onClose', () => jobs.stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
