/**
 * `npm run seed:national -- --students N [--seed S] [--today YYYY-MM-DD]`: migrates the empty
 * PostgreSQL database named by DATABASE_URL and fills it with the national data set
 * (bench/national/generate.ts). Progress goes to stderr once a second.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../../server/src/db/connection.js';
import { migrate } from '../../server/src/db/migrate.js';
import { generateNational, type Progress } from './generate.js';

const { values } = parseArgs({
  options: { students: { type: 'string', default: '5000' }, seed: { type: 'string', default: '2026' }, today: { type: 'string' } },
});
const students = Number(values.students);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('seed:national needs DATABASE_URL: a PostgreSQL server database (create it first).');
  process.exit(1);
}
if (!Number.isInteger(students) || students < 30) {
  console.error('--students must be a whole number of at least 30.');
  process.exit(1);
}

const database = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
await migrate(database.db);
await database.close();

const started = Date.now();
let lastPrint = 0;
function printProgress(p: Progress) {
  const now = Date.now();
  if (now - lastPrint < 1000 && p.studentsDone < p.students) return;
  lastPrint = now;
  const seconds = (now - started) / 1000;
  const rate = p.studentsDone / Math.max(seconds, 0.001);
  const eta = rate > 0 ? (p.students - p.studentsDone) / rate : 0;
  process.stderr.write(
    `${p.phase}: ${p.studentsDone.toLocaleString('en')}/${p.students.toLocaleString('en')} students, ` +
      `${p.rows.toLocaleString('en')} rows, ${seconds.toFixed(0)} s, ${Math.round(rate)} students/s, ETA ${eta.toFixed(0)} s\n`,
  );
}

const counts = await generateNational({
  url,
  students,
  seed: Number(values.seed),
  today: values.today,
  onProgress: printProgress,
});
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({ students, seconds: Math.round((Date.now() - started) / 1000), totalRows: total, rows: counts }, null, 2));
