/**
 * `npm run bench`: throughput and latency of Koers endpoints next to bare Fastify routes on the
 * same database (bench/server.ts), measured side by side in one run (alternating, so drift hits
 * both). Two ratios per endpoint: against a bare route running the same SQL (what Koers' own
 * layers cost) and against one indexed select (how heavy the SQL is).
 *
 * Profiles:
 * - demo (always): the demo school, on embedded PostgreSQL and, with DATABASE_URL, on a fresh
 *   database of that server;
 * - national (BENCH_NATIONAL_URL=postgres://…, a database filled by `npm run seed:national`):
 *   the student's home, entries, caseload, result lists, feed and message thread at
 *   BENCH_NATIONAL_CONNECTIONS (default "20,200") concurrent users.
 * Results: bench/results/<profile>-<engine>-latest.json and bench/results/latest.md.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import pg from 'pg';
import { Secret, TOTP } from 'otpauth';
import { createScratchDatabase } from '../server/test/helpers.js';
import { NATIONAL_TOTP_SECRET } from './national/generate.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const NATIONAL_URL = process.env.BENCH_NATIONAL_URL;
const NATIONAL_CONNECTIONS = (process.env.BENCH_NATIONAL_CONNECTIONS ?? '20,200').split(',').map(Number);
const ONLY_NATIONAL = process.env.BENCH_ONLY_NATIONAL === '1';

interface Ports {
  koers: number;
  bare: number;
  engine: string;
}

export function startBenchServer(env: Record<string, string>): Promise<{ ports: Ports; pid: number; stop: () => Promise<void> }> {
  const child = fork(path.join(ROOT, 'bench/server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('message', (ports) =>
      resolve({
        ports: ports as Ports,
        pid: child.pid!,
        stop: () =>
          new Promise((r) => {
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
      }),
    );
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

export interface Measurement {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);

/** One autocannon run; latencies of every answer are kept, so p95 is exact. */
export async function measure(
  base: string,
  paths: string[],
  headers: Record<string, string> = {},
  connections = CONNECTIONS,
  duration = DURATION,
): Promise<Measurement> {
  const latencies: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: base, connections, duration, headers, requests: paths.map((p) => ({ method: 'GET' as const, path: p })) },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  if (r.non2xx > 0 || r.errors > 0) {
    const probe = await fetch(`${base}${paths[0]}`, { headers }).then(async (x) => `${x.status} ${(await x.text()).slice(0, 300)}`, (e) => String(e));
    throw new Error(`${base}${paths.join(', ')}: ${r.non2xx} non-2xx answers, ${r.errors} errors (first path: ${probe})`);
  }
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { requestsPerSecond: r.requests.average, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// No ratio when either side completed nothing within the measurement (all answers slower than it).
const ratio = (a: number, b: number) => (a > 0 && b > 0 ? Math.round((a / b) * 100) / 100 : Number.NaN);

async function login(base: string, email: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'koers-demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0];
  const body = await res.json();
  if (body.mfa === 'verify') {
    // The national data set's well-known staff accounts share one TOTP secret (bench/README.md).
    const code = new TOTP({ secret: Secret.fromBase32(NATIONAL_TOTP_SECRET), digits: 6, period: 30, algorithm: 'SHA1' }).generate();
    const verified = await fetch(`${base}/api/v1/auth/mfa/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': body.csrfToken },
      body: JSON.stringify({ code }),
    });
    if (verified.status !== 200) throw new Error(`second factor ${email}: ${verified.status} ${await verified.text()}`);
  }
  const me = await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json();
  return { cookie, id: me.id as string };
}

interface Case {
  name: string;
  /** Koers paths (one page may load several) and the session they are read with */
  paths: string[];
  cookie: string;
  as: string;
  /** also measure against one indexed select */
  indexed?: boolean;
  bareHealthz?: boolean;
}

interface CaseResult {
  endpoint: string;
  connections: number;
  koers: Measurement;
  sameSql: Measurement;
  indexed?: Measurement;
  ratioSameSql: number;
  ratioIndexed?: number;
}

async function runCase(koers: string, bare: string, c: Case, connections: number, rounds: number): Promise<CaseResult> {
  const k: Measurement[] = [];
  const s: Measurement[] = [];
  const ix: Measurement[] = [];
  const barePaths = c.bareHealthz ? ['/healthz'] : c.paths.map((p) => `/same${p}${p.includes('?') ? '&' : '?'}as=${c.as}`);
  for (let i = 0; i < rounds; i++) {
    s.push(await measure(bare, barePaths, c.cookie ? { cookie: c.cookie } : {}, connections));
    if (c.indexed) ix.push(await measure(bare, [`/indexed/${c.as}`], {}, connections));
    k.push(await measure(koers, c.paths, { cookie: c.cookie }, connections));
  }
  const pick = (ms: Measurement[]): Measurement => ({
    requestsPerSecond: median(ms.map((m) => m.requestsPerSecond)),
    p50: median(ms.map((m) => m.p50)),
    p95: median(ms.map((m) => m.p95)),
    p99: median(ms.map((m) => m.p99)),
  });
  const result: CaseResult = { endpoint: c.name, connections, koers: pick(k), sameSql: pick(s), ratioSameSql: 0 };
  result.ratioSameSql = ratio(result.koers.requestsPerSecond, result.sameSql.requestsPerSecond);
  if (c.indexed) {
    result.indexed = pick(ix);
    result.ratioIndexed = ratio(result.koers.requestsPerSecond, result.indexed.requestsPerSecond);
  }
  console.log(
    `${c.name.padEnd(58)} c=${String(connections).padStart(3)}  Koers ${Math.round(result.koers.requestsPerSecond)} req/s p50/p95/p99 ${result.koers.p50}/${result.koers.p95}/${result.koers.p99} ms` +
      `  same SQL ×${result.ratioSameSql}${result.ratioIndexed !== undefined ? `  indexed select ×${result.ratioIndexed}` : ''}`,
  );
  return result;
}

async function demoProfile(env: Record<string, string>) {
  const { ports, stop } = await startBenchServer(env);
  const koers = `http://127.0.0.1:${ports.koers}`;
  const bare = `http://127.0.0.1:${ports.bare}`;
  try {
    const mentor = await login(koers, 'mentor@demo.koers.nl');
    const student = await login(koers, 'student@demo.koers.nl');
    const students = await (await fetch(`${koers}/api/v1/me/students`, { headers: { cookie: mentor.cookie } })).json();
    const studentId = students.items[0].id as string;
    const cases: Case[] = [
      { name: 'GET /healthz', paths: ['/healthz'], cookie: '', as: '', bareHealthz: true },
      { name: 'GET /api/v1/students/{id} (student, own profile)', paths: [`/api/v1/students/${student.id}`], cookie: student.cookie, as: student.id, indexed: true },
      { name: 'GET /api/v1/students/{id} (mentor: session, policy, audit)', paths: [`/api/v1/students/${studentId}`], cookie: mentor.cookie, as: mentor.id, indexed: true },
    ];
    const results = [];
    for (const c of cases) results.push(await runCase(koers, bare, c, CONNECTIONS, ROUNDS));
    return { profile: 'demo', engine: ports.engine, results };
  } finally {
    await stop();
  }
}

async function nationalProfile(url: string) {
  const { ports, stop } = await startBenchServer({ DATABASE_URL: url, BENCH_DEMO: '0', BENCH_POOL: process.env.BENCH_POOL ?? '20' });
  const koers = `http://127.0.0.1:${ports.koers}`;
  const bare = `http://127.0.0.1:${ports.bare}`;
  try {
    const domain = 'national.koers.test';
    const student = await login(koers, `student@${domain}`);
    const mentor = await login(koers, `mentor@${domain}`);
    const manager = await login(koers, `manager@${domain}`);
    const profile = await (await fetch(`${koers}/api/v1/students/${student.id}`, { headers: { cookie: student.cookie } })).json();
    const groupId = profile.enrolment.group.id as string;
    const programmeId = profile.enrolment.programme.id as string;
    const mentorId = profile.mentors[0].id as string;
    const cases: Case[] = [
      {
        name: 'student home (me, profile, summary, LOB status, unread)',
        paths: ['/api/v1/me', `/api/v1/students/${student.id}`, `/api/v1/students/${student.id}/portfolio/summary`, `/api/v1/students/${student.id}/lob-status`, '/api/v1/notifications/unread'],
        cookie: student.cookie,
        as: student.id,
        indexed: true,
      },
      { name: 'student: own entry list', paths: [`/api/v1/students/${student.id}/portfolio/entries`], cookie: student.cookie, as: student.id, indexed: true },
      { name: 'mentor: caseload', paths: ['/api/v1/mentor/caseload'], cookie: mentor.cookie, as: mentor.id, indexed: true },
      { name: 'manager: result list of a group', paths: [`/api/v1/lob/results?groupId=${groupId}`], cookie: manager.cookie, as: manager.id },
      { name: 'manager: result list of an opleiding', paths: [`/api/v1/lob/results?programmeId=${programmeId}`], cookie: manager.cookie, as: manager.id },
      { name: 'student: group feed', paths: [`/api/v1/groups/${groupId}/feed`], cookie: student.cookie, as: student.id },
      { name: 'student: message thread with the mentor', paths: [`/api/v1/messages/with/${mentorId}`], cookie: student.cookie, as: student.id },
    ];
    const coordinator = await login(koers, `coordinator@${domain}`);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const region = await admin.query(`select i.rmc_region_id as id from institutions i join user_roles r on r.institution_id = i.id join users u on u.id = r.user_id where u.email = $1 limit 1`, [`coordinator@${domain}`]);
    await admin.end();
    cases.push(
      { name: 'coordinator: monitor of the region', paths: [`/api/v1/monitor/indicators?level=region&id=${region.rows[0].id}`], cookie: coordinator.cookie, as: coordinator.id },
      { name: 'coordinator: monitor of the nation', paths: ['/api/v1/monitor/indicators?level=nation'], cookie: coordinator.cookie, as: coordinator.id },
    );
    const counts = await (await fetch(`${bare}/healthz`)).json();
    const results = [];
    for (const connections of NATIONAL_CONNECTIONS) {
      for (const c of cases) results.push(await runCase(koers, bare, c, connections, 1));
    }
    return { profile: 'national', engine: ports.engine, schemaVersion: counts.schemaVersion, results };
  } finally {
    await stop();
  }
}

/**
 * What a browser downloads on the first visit: index.html and the scripts and styles it
 * references (lazy route chunks excluded), gzip-compressed. Budget: 200 kB.
 */
function firstLoadSize(): string[] {
  const dist = path.join(ROOT, 'web/dist');
  if (!fs.existsSync(path.join(dist, 'index.html'))) return ['First load: web client not built (npm run build).'];
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = ['index.html', ...[...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])];
  const bytes = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, f))).length, 0);
  const line = `First load: ${files.length} files, ${(bytes / 1024).toFixed(1)} kB gzip (budget 200 kB).`;
  console.log(line);
  return [line];
}

const show = (n: number) => (Number.isFinite(n) ? String(n) : 'n/a');

function tableLines(run: { profile: string; engine: string; results: CaseResult[] }): string[] {
  return run.results.map(
    (r) =>
      `| ${run.profile} | ${run.engine} | ${r.endpoint} | ${r.connections} | ${Math.round(r.koers.requestsPerSecond)} | ${r.koers.requestsPerSecond > 0 ? `${r.koers.p50} / ${r.koers.p95} / ${r.koers.p99}` : 'none finished'} | ${Math.round(r.sameSql.requestsPerSecond)} | ${show(r.ratioSameSql)} | ${r.indexed ? Math.round(r.indexed.requestsPerSecond) : '–'} | ${r.ratioIndexed === undefined ? '–' : show(r.ratioIndexed)} |`,
  );
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  const lines = [
    `# Koers benchmark`,
    ``,
    `${new Date().toISOString()} · ${os.cpus().length} cores · ${DURATION}s per measurement, alternating bare and Koers`,
    ``,
    `| profile | engine | endpoint | connections | Koers req/s | Koers p50 / p95 / p99 ms | same-SQL req/s | ratio to same SQL | indexed select req/s | ratio to indexed select |`,
    `|---|---|---|---|---|---|---|---|---|---|`,
  ];
  const write = (run: { profile: string; engine: string; results: CaseResult[] }) => {
    fs.writeFileSync(path.join(RESULTS, `${run.profile}-${run.engine}-latest.json`), JSON.stringify({ at: new Date().toISOString(), ...run }, null, 2));
    lines.push(...tableLines(run));
  };
  if (!ONLY_NATIONAL) {
    const engines: Record<string, string>[] = [{ DATABASE_URL: '', KOERS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-')) }];
    // On a server the benchmark gets a database of its own, created now and dropped afterwards.
    const scratch = process.env.DATABASE_URL ? await createScratchDatabase() : null;
    if (scratch) engines.push({ DATABASE_URL: scratch.url });
    try {
      for (const env of engines) write(await demoProfile(env));
    } finally {
      await scratch?.drop();
    }
  }
  if (NATIONAL_URL) write(await nationalProfile(NATIONAL_URL));
  lines.push('', ...firstLoadSize());
  fs.writeFileSync(path.join(RESULTS, 'latest.md'), `${lines.join('\n')}\n`);
  console.log(`\nResults written to ${path.relative(ROOT, RESULTS)}/`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
