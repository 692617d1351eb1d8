import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { buildApp, type KoersApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { openDatabase, type Database } from '../../server/src/db/connection.js';
import { migrate } from '../../server/src/db/migrate.js';
import { TestClock } from '../../server/src/platform/clock.js';
import { createScratchDatabase, signIn } from '../../server/test/helpers.js';
import { apportion, generateNational, INSTITUTIONS, NATIONAL_DOMAIN } from './generate.js';
import { copyField } from './copy.js';

describe('COPY text format', () => {
  it('escapes what would break a row and writes null, arrays and booleans', () => {
    expect(copyField('a\tb\nc\\d')).toBe('a\\tb\\nc\\\\d');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    // the array literal escapes the quote; COPY escapes that backslash once more
    expect(copyField(['mentor', 'say "hi"'])).toBe('{"mentor","say \\\\"hi\\\\""}');
    expect(copyField([1, 2])).toBe('{1,2}');
  });
  it('apportions a total exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(1000, [0.5, 1.5]).reduce((a, b) => a + b)).toBe(1000);
  });
});

// The generator writes PostgreSQL server databases only (COPY); it runs where DATABASE_URL is set.
describe.skipIf(!loadConfig().databaseUrl)('national data set generator', () => {
  const TODAY = '2026-11-23';
  let first: { url: string; drop: () => Promise<void> };
  let second: { url: string; drop: () => Promise<void> };
  let counts: Record<string, number>;
  let database: Database;
  let koers: KoersApp;

  async function migrated(url: string) {
    const d = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 });
    await migrate(d.db);
    return d;
  }

  beforeAll(async () => {
    first = await createScratchDatabase();
    second = await createScratchDatabase();
    database = await migrated(first.url);
    await (await migrated(second.url)).close();
    counts = await generateNational({ url: first.url, students: 150, seed: 7, today: TODAY });
    await generateNational({ url: second.url, students: 150, seed: 7, today: TODAY });
    const config = loadConfig({ KOERS_LOG_LEVEL: 'silent', DATABASE_URL: first.url, KOERS_DEMO: '0' });
    koers = await buildApp({ config, database, clock: new TestClock(new Date(`${TODAY}T10:00:00Z`)), logger: false });
  });
  afterAll(async () => {
    await koers?.app.close();
    await database?.close();
    await first?.drop();
    await second?.drop();
  });

  it('fills 60 institutions in 35 regions with students, portfolios and the school year around them', async () => {
    expect(counts.institutions).toBe(INSTITUTIONS);
    expect(counts.regions).toBe(35);
    expect(counts.enrolments).toBe(150);
    expect(counts.portfolio_entries / 150).toBeGreaterThan(15);
    expect(counts.portfolio_entries / 150).toBeLessThan(25);
    for (const table of ['guidance_conversations', 'guidance_messages', 'guidance_attendance', 'lob_programme_versions', 'lob_activity_signups', 'guidance_feed_posts']) {
      expect(counts[table], table).toBeGreaterThan(0);
    }
    const rows = await database.db.selectFrom('portfolio_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(rows.n).toBe(counts.portfolio_entries);
  });

  it('keeps every reference intact although foreign-key triggers were off while loading', async () => {
    const c = new pg.Client({ connectionString: first.url });
    await c.connect();
    try {
      const broken = await c.query(`
        select (select count(*) from enrolments e where not exists (select 1 from groups g where g.id = e.group_id))
             + (select count(*) from group_mentors m where not exists (select 1 from users u where u.id = m.user_id))
             + (select count(*) from portfolio_feedback f where not exists (select 1 from portfolio_entries e where e.id = f.entry_id))
             + (select count(*) from guidance_attendance a where not exists (select 1 from guidance_sessions s where s.id = a.session_id))
             + (select count(*) from portfolio_actions a where not exists (select 1 from portfolio_goals g where g.id = a.goal_id))
             + (select count(*) from lob_activity_signups s where not exists (select 1 from lob_activities a where a.id = s.activity_id))
             as n`);
      expect(Number(broken.rows[0].n)).toBe(0);
    } finally {
      await c.end();
    }
  });

  it('is deterministic: the same seed, size and day give the same rows', async () => {
    const digest = async (url: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const r = await c.query(`select md5(string_agg(id::text || title || sharing::text, ',' order by id)) as h from portfolio_entries`);
      const u = await c.query(`select md5(string_agg(id::text || email, ',' order by id)) as h from users`);
      await c.end();
      return `${r.rows[0].h}/${u.rows[0].h}`;
    };
    expect(await digest(first.url)).toBe(await digest(second.url));
  });

  it('gives Koers working accounts: the mentor reads her student, a mentor elsewhere does not', async () => {
    const mentor = await signIn(koers, `mentor@${NATIONAL_DOMAIN}`);
    const caseload = await mentor.get('/api/v1/me/students');
    expect(caseload.statusCode).toBe(200);
    const studentId = caseload.json().items[0].id;
    expect((await mentor.get(`/api/v1/students/${studentId}`)).statusCode).toBe(200);
    const student = await signIn(koers, `student@${NATIONAL_DOMAIN}`);
    expect((await student.get(`/api/v1/students/${student.user.id}`)).statusCode).toBe(200);
    const other = await database.db
      .selectFrom('users').innerJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select('users.email').where('user_roles.role', '=', 'mentor').where('users.email', '!=', `mentor@${NATIONAL_DOMAIN}`)
      .orderBy('users.email').executeTakeFirstOrThrow();
    const elsewhere = await signIn(koers, other.email);
    expect((await elsewhere.get(`/api/v1/students/${studentId}`)).statusCode).toBe(404);
  });
});
