import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/connection.js';
import { loadDemoSchoolIfEmpty, DEMO_ACCOUNTS, DEMO_PASSWORD } from './db/demo.js';
import { migrate } from './db/migrate.js';
import { systemClock } from './platform/clock.js';
import { startReminderScheduler } from './modules/guidance/service.js';

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
  const { app, deps } = await buildApp({ config, database, clock: systemClock, serveWeb: true });
  // Appointment reminders go out every minute, whether or not anyone opens a page.
  const reminders = startReminderScheduler(deps, { onError: (err) => app.log.error({ err }, 'reminder run failed') });
  app.addHook('onClose', () => reminders.stop());
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

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
