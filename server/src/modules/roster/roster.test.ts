import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, testEngines, userIdByEmail, type TestApp } from '../../../test/helpers.js';
import { importRoster } from './service.js';
import type { ImportResult, RosterFiles } from './types.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The fictional export in fixtures/, as uploaded files. */
function fixtureFiles(): RosterFiles {
  return Object.fromEntries(fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.csv')).map((f) => [f, fs.readFileSync(path.join(FIXTURES, f))]));
}

/** The fixtures with one line appended to one file; returns the files and that line's number. */
function withExtraLine(file: string, line: string): { files: RosterFiles; line: number } {
  const files = fixtureFiles();
  const text = files[file].toString('utf8');
  files[file] = Buffer.from(`${text}${line}\n`);
  return { files, line: text.split('\n').length };
}

const ROSTER_TABLES = ['institutions', 'locations', 'cohorts', 'programmes', 'groups', 'users', 'user_roles', 'group_mentors', 'enrolments', 'parent_links'];

/** Row count and a checksum of every row of the tables an import writes. */
async function snapshot(t: TestApp): Promise<Record<string, { n: number; sum: string }>> {
  const out: Record<string, { n: number; sum: string }> = {};
  for (const table of ROSTER_TABLES) {
    const r = await sql<{ n: number; sum: string }>`
      select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as sum from ${sql.table(table)} x
    `.execute(t.deps.db);
    out[table] = r.rows[0];
  }
  return out;
}

async function count(t: TestApp, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.deps.db);
  return r.rows[0].n;
}

function totals(result: ImportResult) {
  const files = Object.values(result.files);
  return {
    created: files.reduce((n, f) => n + f.created, 0),
    updated: files.reduce((n, f) => n + f.updated, 0),
    unchanged: files.reduce((n, f) => n + f.unchanged, 0),
  };
}

/** A multipart/form-data body with one field per file, as a browser or curl sends it. */
function multipart(files: RosterFiles) {
  const boundary = `----koers-test-${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [name, content] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(t: TestApp, email: string, files: RosterFiles, dryRun: boolean) {
  const c = await signIn(t, email);
  const { payload, contentType } = multipart(files);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/admin/roster/import?dryRun=${dryRun}`,
    headers: { cookie: `koers_session=${c.cookie}`, 'x-csrf-token': c.csrfToken, 'content-type': contentType },
    payload,
  });
}

describe.each(testEngines())('roster import into an empty database on %s', (engine) => {
  let t: TestApp;
  let first: ImportResult;
  beforeAll(async () => {
    t = await startTestApp(engine, { demo: false });
  });
  afterAll(() => t?.close());

  it('writes nothing on a dry run, but reports what it would create', async () => {
    const before = await snapshot(t);
    const result = await importRoster(t.deps, null, fixtureFiles(), { dryRun: true });
    expect(result.errors).toEqual([]);
    expect(result.dryRun).toBe(true);
    expect(result.files['users.csv'].created).toBe(8);
    expect(result.files['users.csv'].lines.find((l) => l.sourcedId === 'usr-rel')).toMatchObject({ line: 10, action: 'skip' });
    expect(await snapshot(t)).toEqual(before);
  });

  it('creates the institution, its structure, people, enrolments, mentors and parent links', async () => {
    first = await importRoster(t.deps, null, fixtureFiles(), { dryRun: false });
    expect(first.errors).toEqual([]);
    expect(first.institution).toMatchObject({ brin: '99KL', name: 'ROC Koersland' });
    expect(first.files['orgs.csv'].lines.map((l) => [l.line, l.action])).toEqual([[2, 'skip'], [3, 'create'], [4, 'create']]);
    expect(first.files['users.csv']).toMatchObject({ created: 8, updated: 0, unchanged: 0, skipped: 1 });
    expect(first.files['enrollments.csv']).toMatchObject({ created: 5, skipped: 1 });
    expect(first.files['enrollments.csv'].lines.find((l) => l.sourcedId === 'enr-t2-vk1a')).toMatchObject({ line: 7, action: 'skip' });

    const db = t.deps.db;
    const inst = await db.selectFrom('institutions').selectAll().executeTakeFirstOrThrow();
    expect(inst).toMatchObject({ brin: '99KL', name: 'ROC Koersland' });
    expect(await db.selectFrom('locations').select(['name', 'city']).execute()).toEqual([{ name: 'Locatie Noord', city: 'Amersfoort' }]);
    expect(await db.selectFrom('cohorts').select(['name', 'starts_on']).execute()).toEqual([{ name: 'Schooljaar 2026-2027', starts_on: '2026-08-01' }]);
    expect(await db.selectFrom('programmes').select(['crebo', 'name', 'level', 'pathway']).execute()).toEqual([
      { crebo: '25257', name: 'Verkoopspecialist', level: 2, pathway: 'BOL' },
    ]);
    const groups = await db
      .selectFrom('groups as g')
      .leftJoin('programmes as p', 'p.id', 'g.programme_id')
      .leftJoin('cohorts as c', 'c.id', 'g.cohort_id')
      .select(['g.code', 'g.name', 'p.crebo', 'c.name as cohort'])
      .orderBy('g.code')
      .execute();
    expect(groups).toEqual([
      { code: 'LOB1', name: 'Loopbaanuur periode 1', crebo: null, cohort: 'Schooljaar 2026-2027' },
      { code: 'VK1A', name: 'Verkoopspecialist 1A', crebo: '25257', cohort: 'Schooljaar 2026-2027' },
      { code: 'VK1B', name: 'Verkoopspecialist 1B, avond', crebo: '25257', cohort: 'Schooljaar 2026-2027' },
    ]);

    const lotte = await db.selectFrom('users').selectAll().where('source_id', '=', 'usr-s1').executeTakeFirstOrThrow();
    expect(lotte).toMatchObject({ email: 'lotte.vanveen@leerling.koersland.example', display_name: 'Lotte van Veen', birth_date: '2010-03-14', status: 'active' });
    expect(await db.selectFrom('users').where('source_id', '=', 'usr-rel').select('id').executeTakeFirst()).toBeUndefined();

    const roles = await db
      .selectFrom('user_roles as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['u.source_id', 'r.role'])
      .orderBy('u.source_id')
      .orderBy('r.role')
      .execute();
    expect(roles.map((r) => `${r.source_id}:${r.role}`)).toEqual([
      'usr-adm:institution_admin', 'usr-p1:parent', 'usr-p2:parent', 'usr-s1:student', 'usr-s2:student', 'usr-s3:student',
      'usr-t1:docent', 'usr-t1:mentor', 'usr-t2:docent', 'usr-t2:mentor',
    ]);

    const enrolments = await db
      .selectFrom('enrolments as e')
      .innerJoin('users as u', 'u.id', 'e.student_id')
      .innerJoin('groups as g', 'g.id', 'e.group_id')
      .innerJoin('programmes as p', 'p.id', 'e.programme_id')
      .select(['e.source_id', 'u.source_id as student', 'g.code', 'p.crebo', 'e.starts_on', 'e.ends_on'])
      .orderBy('e.source_id')
      .execute();
    expect(enrolments).toEqual([
      { source_id: 'enr-s1', student: 'usr-s1', code: 'VK1A', crebo: '25257', starts_on: '2026-08-31', ends_on: null },
      // no beginDate: the enrolment starts with the class's school year
      { source_id: 'enr-s2', student: 'usr-s2', code: 'VK1A', crebo: '25257', starts_on: '2026-08-01', ends_on: null },
      { source_id: 'enr-s3', student: 'usr-s3', code: 'VK1B', crebo: '25257', starts_on: '2026-08-31', ends_on: '2027-07-15' },
    ]);

    const mentors = await db
      .selectFrom('group_mentors as gm')
      .innerJoin('groups as g', 'g.id', 'gm.group_id')
      .innerJoin('users as u', 'u.id', 'gm.user_id')
      .select(['g.code', 'u.source_id'])
      .orderBy('g.code')
      .execute();
    expect(mentors).toEqual([{ code: 'VK1A', source_id: 'usr-t1' }, { code: 'VK1B', source_id: 'usr-t2' }]);

    const links = await db
      .selectFrom('parent_links as pl')
      .innerJoin('users as p', 'p.id', 'pl.parent_id')
      .innerJoin('users as s', 's.id', 'pl.student_id')
      .select(['p.source_id as parent', 's.source_id as student'])
      .orderBy('p.source_id')
      .execute();
    expect(links).toEqual([{ parent: 'usr-p1', student: 'usr-s1' }, { parent: 'usr-p2', student: 'usr-s2' }]);

    const audit = await db.selectFrom('audit_log').select(['action', 'institution_id', 'details']).where('action', '=', 'roster.import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].institution_id).toBe(inst.id);
    expect((audit[0].details as any).files['users.csv']).toEqual({ created: 8, updated: 0, unchanged: 0, skipped: 1 });
  });

  it('changes nothing when the same files are imported again', async () => {
    const before = await snapshot(t);
    const again = await importRoster(t.deps, null, fixtureFiles(), { dryRun: false });
    expect(again.errors).toEqual([]);
    expect(totals(again)).toEqual({ created: 0, updated: 0, unchanged: totals(first).created });
    for (const [file, report] of Object.entries(again.files)) {
      expect({ file, created: report.created, updated: report.updated }).toEqual({ file, created: 0, updated: 0 });
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('ends an enrolment and removes a parent when the export marks them tobedeleted', async () => {
    const files = fixtureFiles();
    files['enrollments.csv'] = Buffer.from(files['enrollments.csv'].toString().replace('enr-s3,active', 'enr-s3,tobedeleted'));
    files['users.csv'] = Buffer.from(files['users.csv'].toString().replace('usr-p2,active', 'usr-p2,tobedeleted'));
    const result = await importRoster(t.deps, null, files, { dryRun: false });
    expect(result.errors).toEqual([]);
    expect(result.files['enrollments.csv'].lines.find((l) => l.sourcedId === 'enr-s3')).toMatchObject({ line: 4, action: 'update' });
    expect(result.files['users.csv'].lines.find((l) => l.sourcedId === 'usr-p2')).toMatchObject({ line: 8, action: 'update' });
    const db = t.deps.db;
    const ended = await db.selectFrom('enrolments').select('ends_on').where('source_id', '=', 'enr-s3').executeTakeFirstOrThrow();
    expect(ended.ends_on).toBe('2026-11-23');
    const p2 = await db.selectFrom('users').select('id').where('source_id', '=', 'usr-p2').executeTakeFirstOrThrow();
    expect(await db.selectFrom('user_roles').where('user_id', '=', p2.id).select('role').execute()).toEqual([]);
    expect(await db.selectFrom('parent_links').where('parent_id', '=', p2.id).select('student_id').execute()).toEqual([]);

    const again = await importRoster(t.deps, null, files, { dryRun: false });
    expect(totals(again).created + totals(again).updated).toBe(0);
  });

  it("refuses to change a person of another institution through a sourcedId or e-mail address", async () => {
    const files = fixtureFiles();
    // The same export, but for another institution: its people are already at ROC Koersland.
    files['orgs.csv'] = Buffer.from(files['orgs.csv'].toString().replace(/99KL/g, '98ZZ'));
    const before = await snapshot(t);
    const result = await importRoster(t.deps, null, files, { dryRun: false });
    expect(result.errors).toContainEqual(expect.objectContaining({ file: 'users.csv', line: 2, field: 'sourcedId' }));
    expect(await snapshot(t)).toEqual(before);
  });
});

describe.each(testEngines())('roster import over HTTP into the demo school on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('refuses a docent', async () => {
    const before = await snapshot(t);
    const res = await upload(t, 'docent@demo.koers.nl', fixtureFiles(), false);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(await snapshot(t)).toEqual(before);
  });

  it.each([
    {
      what: 'an enrollment in an unknown class',
      file: 'enrollments.csv',
      line: 'enr-x,active,2026-07-01T10:00:00Z,cls-bestaat-niet,org-noord,usr-s1,student,false,2026-08-31,',
      field: 'classSourcedId',
    },
    {
      what: 'an invalid e-mail address',
      file: 'users.csv',
      line: 'usr-x,active,,true,org-noord,student,x,,Xander,de Bruin,,,xander.debruin@,,,,,,2010-01-01',
      field: 'email',
    },
    {
      what: 'a broken quote',
      file: 'classes.csv',
      line: 'cls-x,active,,"Kapotte klas,,crs-verkoop,VK9Z,homeroom,,org-noord,as-2026,,,',
      field: null,
    },
  ])('answers 422 for $what, names file and line, and writes nothing', async ({ file, line, field }) => {
    const before = await snapshot(t);
    const bad = withExtraLine(file, line);
    for (const dryRun of [true, false]) {
      const res = await upload(t, 'admin@demo.koers.nl', bad.files, dryRun);
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.error.code).toBe('roster_invalid');
      expect(body.errors).toContainEqual(expect.objectContaining({ file, line: bad.line, field }));
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('reports a file without a header line by name and line', async () => {
    const files = fixtureFiles();
    files['orgs.csv'] = Buffer.from('\norg-roc,active,,ROC Koersland,school,99KL,,\n');
    const res = await upload(t, 'admin@demo.koers.nl', files, false);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ file: 'orgs.csv', line: 1 }));
  });

  it('lets the institution admin dry-run and then import, and reports no changes the second time', async () => {
    const before = await snapshot(t);
    const dry = await upload(t, 'admin@demo.koers.nl', fixtureFiles(), true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, errors: [], institution: { brin: '99KL' } });
    expect(dry.json().files['users.csv'].created).toBe(8);
    // The demo institution has the same name: matched by BRIN, unchanged.
    expect(dry.json().files['orgs.csv'].lines.find((l: any) => l.line === 3)).toMatchObject({ action: 'unchanged' });
    expect(await snapshot(t)).toEqual(before);

    const real = await upload(t, 'admin@demo.koers.nl', fixtureFiles(), false);
    expect(real.statusCode).toBe(200);
    expect(real.json().files['enrollments.csv']).toMatchObject({ created: 5, updated: 0 });
    expect(await count(t, 'users')).toBe(before.users.n + 8);
    const afterFirst = await snapshot(t);

    const again = await upload(t, 'admin@demo.koers.nl', fixtureFiles(), false);
    expect(again.statusCode).toBe(200);
    expect(totals(again.json())).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshot(t)).toEqual(afterFirst);

    // Two real imports; the docent's refusal is audited too, as a denied attempt.
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'outcome'])
      .where('action', '=', 'roster.import')
      .where('outcome', '=', 'ok')
      .execute();
    const admin = await userIdByEmail(t, 'admin@demo.koers.nl');
    expect(audit).toEqual([{ actor_id: admin, outcome: 'ok' }, { actor_id: admin, outcome: 'ok' }]);
  });

  it('refuses the admin of the demo school for another institution', async () => {
    const files = fixtureFiles();
    files['orgs.csv'] = Buffer.from(files['orgs.csv'].toString().replace(/99KL/g, '98ZZ'));
    const res = await upload(t, 'admin@demo.koers.nl', files, true);
    expect(res.statusCode).toBe(403);
  });
});

describe.each(testEngines())('roster import and sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('ends the access of a person whose role the import removes, on her very next request', async () => {
    expect((await upload(t, 'admin@demo.koers.nl', fixtureFiles(), false)).statusCode).toBe(200);
    // Fenna Dijkstra, a teacher from the export, sets her password through the reset mail and signs in.
    const email = 'f.dijkstra@personeel.koersland.example';
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/request', payload: { email } });
    await expect.poll(() => t.mails.find((m) => m.to === email)).toBeTruthy();
    const token = /token=([A-Za-z0-9_-]+)/.exec(t.mails.find((m) => m.to === email)!.text)![1];
    const password = 'Zeilboot-Lantaarn-Koffie-29';
    const done = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/complete', payload: { token, newPassword: password } });
    expect(done.statusCode).toBe(204);
    const fenna = await signIn(t, email, password);
    expect((await fenna.get('/api/v1/lob/programmes')).statusCode).toBe(200);

    // The next export no longer has her: the import removes her role, and her session knows at once.
    const files = fixtureFiles();
    files['users.csv'] = Buffer.from(files['users.csv'].toString().replace('usr-t1,active', 'usr-t1,tobedeleted'));
    expect((await upload(t, 'admin@demo.koers.nl', files, false)).statusCode).toBe(200);
    expect((await fenna.get('/api/v1/lob/programmes')).statusCode).toBe(403);
    expect((await fenna.get('/api/v1/me')).json().roles).toEqual([]);
  });
});
