/**
 * `npm run bench`: throughput and latency of Koers endpoints next to a bare Fastify route that
 * runs the same SQL, measured side by side in one run (alternating, so drift hits both).
 * Embedded PostgreSQL always; a PostgreSQL server too when DATABASE_URL is set.
 * Results: bench/results/<engine>-latest.json and bench/results/latest.md.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { createScratchDatabase } from '../server/test/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Ports {
  koers: number;
  bare: number;
  engine: string;
}

function startBenchServer(env: Record<string, string>): Promise<{ ports: Ports; stop: () => Promise<void> }> {
  const child = fork(path.join(ROOT, 'bench/server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.once('message', (ports) =>
      resolve({
        ports: ports as Ports,
        stop: () => new Promise((r) => {
          child.once('exit', () => r());
          child.kill('SIGTERM');
        }),
      }),
    );
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function measure(url: string, headers: Record<string, string> = {}) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { requestsPerSecond: r.requests.average, p50: r.latency.p50, p97_5: r.latency.p97_5, p99: r.latency.p99 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function benchEngine(env: Record<string, string>) {
  const { ports, stop } = await startBenchServer(env);
  const koers = `http://127.0.0.1:${ports.koers}`;
  const bare = `http://127.0.0.1:${ports.bare}`;
  try {
    const login = await fetch(`${koers}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'mentor@demo.koers.nl', password: 'koers-demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const students = await (await fetch(`${koers}/api/v1/me/students`, { headers: { cookie } })).json();
    const studentId = students.items[0].id as string;
    const me = await (await fetch(`${koers}/api/v1/me`, { headers: { cookie } })).json();

    const cases = [
      { name: 'GET /healthz', koers: () => measure(`${koers}/healthz`), bare: () => measure(`${bare}/healthz`) },
      {
        name: 'GET /api/v1/students/{id} (session, policy, audit)',
        koers: () => measure(`${koers}/api/v1/students/${studentId}`, { cookie }),
        bare: () => measure(`${bare}/students/${studentId}?reader=${me.id}`),
      },
    ];
    const results = [];
    for (const c of cases) {
      const koersRuns = [];
      const bareRuns = [];
      for (let i = 0; i < ROUNDS; i++) {
        bareRuns.push(await c.bare());
        koersRuns.push(await c.koers());
      }
      const k = median(koersRuns.map((r) => r.requestsPerSecond));
      const b = median(bareRuns.map((r) => r.requestsPerSecond));
      results.push({
        endpoint: c.name,
        koers: { requestsPerSecond: k, p97_5Ms: median(koersRuns.map((r) => r.p97_5)), p99Ms: median(koersRuns.map((r) => r.p99)) },
        bare: { requestsPerSecond: b, p97_5Ms: median(bareRuns.map((r) => r.p97_5)), p99Ms: median(bareRuns.map((r) => r.p99)) },
        ratio: Math.round((k / b) * 100) / 100,
      });
    }
    return { engine: ports.engine, results };
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

const engines: Record<string, string>[] = [{ DATABASE_URL: '', KOERS_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'koers-bench-')) }];
// On a server the benchmark gets a database of its own, created now and dropped afterwards.
const scratch = process.env.DATABASE_URL ? await createScratchDatabase() : null;
if (scratch) engines.push({ DATABASE_URL: scratch.url });

fs.mkdirSync(RESULTS, { recursive: true });
const lines = [
  `# Koers benchmark`,
  ``,
  `${new Date().toISOString()} · ${os.cpus().length} cores · ${CONNECTIONS} connections · ${DURATION}s × ${ROUNDS} rounds, alternating bare and Koers`,
  ``,
  `| engine | endpoint | Koers req/s | bare req/s | ratio | Koers p97.5 ms | bare p97.5 ms |`,
  `|---|---|---|---|---|---|---|`,
];
for (const env of engines) {
  const run = await benchEngine(env);
  fs.writeFileSync(path.join(RESULTS, `${run.engine}-latest.json`), JSON.stringify({ at: new Date().toISOString(), ...run }, null, 2));
  for (const r of run.results) {
    const line = `| ${run.engine} | ${r.endpoint} | ${Math.round(r.koers.requestsPerSecond)} | ${Math.round(r.bare.requestsPerSecond)} | ${r.ratio} | ${r.koers.p97_5Ms} | ${r.bare.p97_5Ms} |`;
    lines.push(line);
    console.log(`${run.engine.padEnd(10)} ${r.endpoint.padEnd(52)} Koers ${Math.round(r.koers.requestsPerSecond)} req/s, bare ${Math.round(r.bare.requestsPerSecond)} req/s, ratio ${r.ratio}`);
  }
}
lines.push('', ...firstLoadSize());
fs.writeFileSync(path.join(RESULTS, 'latest.md'), `${lines.join('\n')}\n`);
await scratch?.drop();
console.log(`\nResults written to ${path.relative(ROOT, RESULTS)}/`);
