/**
 * `npm run soak`: a long run of mixed users against Koers on the national data set — students
 * writing entries and reading their list, mentors reading caseloads, managers opening result
 * lists — reporting errors, the server's resident memory and its open database connections
 * over time. Passes when there are no errors and memory and connections stay flat after warm-up.
 *
 *   SOAK_DATABASE_URL=postgres://…/koers_national   (filled by npm run seed:national)
 *   SOAK_SECONDS=600 SOAK_CONNECTIONS=200 SOAK_SAMPLE_SECONDS=5
 *
 * Results: bench/results/soak-latest.json and soak-latest.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { Secret, TOTP } from 'otpauth';
import { startBenchServer } from './run.js';
import { NATIONAL_DOMAIN, NATIONAL_TOTP_SECRET } from './national/generate.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const url = process.env.SOAK_DATABASE_URL;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 200);
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 5);
/** the first fifth of the run is warm-up: caches and pools fill, the JIT settles */
const WARMUP_FRACTION = 0.2;

interface Session {
  cookie: string;
  csrf: string;
  id: string;
}

async function login(base: string, email: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'koers-demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const body = await res.json();
  if (body.mfa === 'verify') {
    const code = new TOTP({ secret: Secret.fromBase32(NATIONAL_TOTP_SECRET), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
    const v = await fetch(`${base}/api/v1/auth/mfa/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': body.csrfToken },
      body: JSON.stringify({ code }),
    });
    if (v.status !== 200) throw new Error(`second factor ${email}: ${v.status}`);
  }
  return { cookie, csrf: body.csrfToken, id: body.user.id };
}

/** Resident memory of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

interface Sample {
  second: number;
  rssMiB: number;
  dbConnections: number;
}

/** Least-squares slope per minute of y over x (seconds). */
function slopePerMinute(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60;
}

async function main() {
  if (!url) {
    console.error('npm run soak needs SOAK_DATABASE_URL: a database filled by npm run seed:national.');
    process.exit(1);
  }
  const dbName = new URL(url).pathname.slice(1);
  const server = await startBenchServer({ DATABASE_URL: url, BENCH_DEMO: '0', BENCH_POOL: '20' });
  const base = `http://127.0.0.1:${server.ports.koers}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const studentEmails = (
      await admin.query(`select u.email from users u join user_roles r on r.user_id = u.id and r.role = 'student' order by u.email limit 5`)
    ).rows.map((r) => r.email as string);
    const students = await Promise.all(studentEmails.map((e) => login(base, e)));
    const mentor = await login(base, `mentor@${NATIONAL_DOMAIN}`);
    const manager = await login(base, `manager@${NATIONAL_DOMAIN}`);
    const first = await (await fetch(`${base}/api/v1/students/${students[0].id}`, { headers: { cookie: students[0].cookie } })).json();
    const groupId = first.enrolment.group.id as string;
    const managerStudent = await login(base, `student@${NATIONAL_DOMAIN}`);
    const home = await (await fetch(`${base}/api/v1/students/${managerStudent.id}`, { headers: { cookie: managerStudent.cookie } })).json();
    const managedGroup = home.enrolment?.group?.id ?? groupId;

    const today = new Date().toISOString().slice(0, 10);
    const entry = JSON.stringify({
      kind: 'school',
      title: 'Soak: een ervaring',
      occurredOn: today,
      competencies: ['kwaliteiten'],
      reflection: { orientatie: 'Wat gebeurde er.', mening: 'Wat ik ervan vond.', reflectie: 'Wat ik ervan leer.' },
      sharing: ['mentor'],
    });
    // 40 % students (each writes an entry, then reads her list), 40 % mentors, 20 % managers.
    const share = (f: number) => Math.max(1, Math.round(CONNECTIONS * f));
    const perStudent = Math.max(1, Math.round(share(0.4) / students.length));
    const runs = [
      ...students.map((s) => ({
        name: 'student writes and reads entries',
        connections: perStudent,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        requests: [
          { method: 'POST' as const, path: '/api/v1/portfolio/entries', body: entry },
          { method: 'GET' as const, path: `/api/v1/students/${s.id}/portfolio/entries` },
        ],
      })),
      { name: 'mentor reads the caseload', connections: share(0.4), headers: { cookie: mentor.cookie }, requests: [{ method: 'GET' as const, path: '/api/v1/mentor/caseload' }] },
      { name: 'manager opens a result list', connections: share(0.2), headers: { cookie: manager.cookie }, requests: [{ method: 'GET' as const, path: `/api/v1/lob/results?groupId=${managedGroup}` }] },
    ];

    const samples: Sample[] = [];
    const started = Date.now();
    const sample = async () => {
      const c = await admin.query(`select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [dbName]);
      samples.push({ second: Math.round((Date.now() - started) / 1000), rssMiB: rssMiB(server.pid), dbConnections: c.rows[0].n });
      const s = samples.at(-1)!;
      process.stderr.write(`${s.second}s: rss ${s.rssMiB} MiB, ${s.dbConnections} database connections\n`);
    };
    await sample();
    const timer = setInterval(() => void sample(), SAMPLE_SECONDS * 1000);
    const results = await Promise.all(
      runs.map(
        (r) =>
          new Promise<{ name: string; result: autocannon.Result }>((resolve, reject) =>
            autocannon({ url: base, duration: SECONDS, connections: r.connections, headers: r.headers, requests: r.requests }, (err, result) =>
              err ? reject(err) : resolve({ name: r.name, result }),
            ),
          ),
      ),
    );
    clearInterval(timer);
    await sample();

    const warm = samples.filter((s) => s.second >= SECONDS * WARMUP_FRACTION);
    const rssSlope = slopePerMinute(warm.map((s) => ({ x: s.second, y: s.rssMiB })));
    const connSlope = slopePerMinute(warm.map((s) => ({ x: s.second, y: s.dbConnections })));
    const totals = results.reduce(
      (t, { result }) => ({ requests: t.requests + result.requests.total, errors: t.errors + result.errors, non2xx: t.non2xx + result.non2xx }),
      { requests: 0, errors: 0, non2xx: 0 },
    );
    const report = {
      at: new Date().toISOString(),
      seconds: SECONDS,
      connections: CONNECTIONS,
      database: dbName,
      totals,
      perUserKind: results.map(({ name, result }) => ({ name, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, p50: result.latency.p50, p99: result.latency.p99 })),
      afterWarmup: {
        rssMiB: { first: warm[0]?.rssMiB, last: warm.at(-1)?.rssMiB, max: Math.max(...warm.map((s) => s.rssMiB)), slopePerMinute: Math.round(rssSlope * 10) / 10 },
        dbConnections: { first: warm[0]?.dbConnections, last: warm.at(-1)?.dbConnections, max: Math.max(...warm.map((s) => s.dbConnections)), slopePerMinute: Math.round(connSlope * 100) / 100 },
      },
      samples,
    };
    // Flat: memory grows less than 1 MiB a minute after warm-up, connections never above the pools.
    const flat = Math.abs(rssSlope) < 1 && report.afterWarmup.dbConnections.max <= 20 + 4 + 2;
    const ok = totals.errors === 0 && totals.non2xx === 0 && flat;
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, 'soak-latest.json'), JSON.stringify({ ok, ...report }, null, 2));
    fs.writeFileSync(
      path.join(RESULTS, 'soak-latest.md'),
      [
        `# Koers soak ${report.at}`,
        ``,
        `${SECONDS} s, ${CONNECTIONS} concurrent connections, database ${dbName}: ${ok ? 'PASS' : 'FAIL'}`,
        ``,
        `- requests ${totals.requests}, errors ${totals.errors}, non-2xx ${totals.non2xx}`,
        `- resident memory after warm-up: ${report.afterWarmup.rssMiB.first} → ${report.afterWarmup.rssMiB.last} MiB (max ${report.afterWarmup.rssMiB.max}, trend ${report.afterWarmup.rssMiB.slopePerMinute} MiB/min)`,
        `- database connections after warm-up: ${report.afterWarmup.dbConnections.first} → ${report.afterWarmup.dbConnections.last} (max ${report.afterWarmup.dbConnections.max})`,
        ``,
        `| users | requests | non-2xx | errors | p50 ms | p99 ms |`,
        `|---|---|---|---|---|---|`,
        ...report.perUserKind.map((k) => `| ${k.name} | ${k.requests} | ${k.non2xx} | ${k.errors} | ${k.p50} | ${k.p99} |`),
        ``,
      ].join('\n'),
    );
    console.log(fs.readFileSync(path.join(RESULTS, 'soak-latest.md'), 'utf8'));
    process.exitCode = ok ? 0 : 1;
  } finally {
    await admin.end();
    await server.stop();
  }
}

await main();
