import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from './connection.js';
import { migrate, resetSchema } from './migrate.js';

/** `npm run db:migrate` and `npm run db:reset` (drops all data, migrates, loads demo data in demo mode). */
async function run(command: string | undefined) {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (command === 'reset') {
      await resetSchema(database.db);
      console.info('Database emptied.');
    } else if (command !== 'migrate') {
      throw new Error('usage: cli.ts migrate|reset');
    }
    const { applied, schemaVersion } = await migrate(database.db);
    console.info(`Schema version ${schemaVersion}; applied now: ${applied.length ? applied.join(', ') : 'nothing'}.`);
    if (command === 'reset' && config.demo) {
      const { loadDemoSchoolIfEmpty } = await import('./demo.js');
      const { systemClock } = await import('../platform/clock.js');
      await loadDemoSchoolIfEmpty(database.db, systemClock);
      console.info('Demo school loaded.');
    }
  } finally {
    await database.close();
  }
}

run(process.argv[2]).catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
