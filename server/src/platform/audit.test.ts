import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { createScratchDatabase, signIn, startTestApp, testEngines, type TestApp } from '../../test/helpers.js';
import { AuditLog } from './audit.js';
import { TestClock } from './clock.js';

async function auditDatabase(engine: 'pglite' | 'postgresql') {
  const scratch = engine === 'postgresql' ? await createScratchDatabase() : null;
  const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: ':memory:', poolSize: 4 });
  await migrate(database.db);
  return { database, drop: async () => { await database.close(); await scratch?.drop(); } };
}

const count = async (d: Database) => (await sql<{ n: number }>`select count(*) as n from audit_log`.execute(d.db)).rows[0].n;

describe.each(testEngines())('audit log of reads (%s)', (engine) => {
  let d: Awaited<ReturnType<typeof auditDatabase>>;
  beforeAll(async () => {
    d = await auditDatabase(engine);
  });
  afterAll(async () => d?.drop());

  it('has the entry committed when recordRead settles (nothing waits in memory after an answer)', async () => {
    const audit = new AuditLog(d.database.db, new TestClock(new Date('2026-11-23T10:00:00Z')));
    const before = await count(d.database);
    await audit.recordRead({ action: 'student.read', actorId: null, outcome: 'ok' });
    expect(await count(d.database)).toBe(before + 1);
  });

  it('writes reads that arrive together in few inserts (group commit), each settled once written', async () => {
    const audit = new AuditLog(d.database.db, new TestClock(new Date('2026-11-23T10:00:00Z')), () => {}, 100);
    const before = await count(d.database);
    const statements: string[] = [];
    const spying = new AuditLog(
      d.database.db.withPlugin({
        transformQuery: (args) => {
          statements.push(args.node.kind);
          return args.node;
        },
        transformResult: async (args) => args.result,
      }),
      new TestClock(new Date('2026-11-23T10:00:00Z')),
      () => {},
      100,
    );
    await Promise.all(Array.from({ length: 250 }, (_, i) => spying.recordRead({ action: 'student.read', details: { i } })));
    expect(await count(d.database)).toBe(before + 250);
    expect(statements.length).toBeLessThanOrEqual(4);
    await audit.flush();
  });

  it('rejects the waiting reads when the entry cannot be written, and reports it', async () => {
    const errors: unknown[] = [];
    const broken = { insertInto: () => ({ values: () => ({ execute: () => Promise.reject(new Error('disk full')) }) }) } as any;
    const audit = new AuditLog(broken, new TestClock(new Date('2026-11-23T10:00:00Z')), (err) => errors.push(err));
    await expect(audit.recordRead({ action: 'student.read' })).rejects.toThrow('disk full');
    expect(errors).toHaveLength(1);
    await audit.flush();
  });
});

describe.each(testEngines())('a staff read over HTTP (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(async () => t?.close());

  it('is in the audit log the moment the answer arrives, without a flush', async () => {
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const students = (await mentor.get('/api/v1/me/students')).json().items;
    const studentId = students[0].id;
    const before = await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('student_id', '=', studentId).where('actor_id', '=', mentor.user.id).executeTakeFirstOrThrow();
    expect((await mentor.get(`/api/v1/students/${studentId}`)).statusCode).toBe(200);
    const after = await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('student_id', '=', studentId).where('actor_id', '=', mentor.user.id).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n + 1);
  });

  it('answers no data when its audit entry cannot be written', async () => {
    const mentor = await signIn(t, 'mentor@demo.koers.nl');
    const studentId = (await mentor.get('/api/v1/me/students')).json().items[0].id;
    const original = t.deps.audit.recordRead.bind(t.deps.audit);
    t.deps.audit.recordRead = () => Promise.reject(new Error('audit unavailable'));
    try {
      const res = await mentor.get(`/api/v1/students/${studentId}`);
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain(studentId);
    } finally {
      t.deps.audit.recordRead = original;
    }
  });
});
