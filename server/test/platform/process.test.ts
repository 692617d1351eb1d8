import fs from 'node:fs';
import http from 'node:http';
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createScratchDatabase } from '../helpers.js';
import { startServer, type RunningServer } from '../e2e/harness.js';

/**
 * The server as an operator runs it: a real process on a real data folder or PostgreSQL
 * database, stopped politely (SIGTERM) or killed (SIGKILL).
 */
const running: RunningServer[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop('SIGKILL');
});

async function start(env: Record<string, string> = {}, dataDir?: string) {
  const s = await startServer(env, dataDir);
  running.push(s);
  return s;
}

async function loginCookie(url: string, email = 'student@demo.koers.nl'): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'koers-demo' }),
  });
  if (res.status !== 200) throw new Error(`login ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0];
}

const meStatus = async (url: string, cookie: string) => (await fetch(`${url}/api/v1/me`, { headers: { cookie } })).status;

const databaseUrl = loadConfig().databaseUrl;

// Engine-independent process behaviour runs once, in the embedded pass; the server pass runs
// the test that needs a shared PostgreSQL server.
describe.skipIf(!!databaseUrl)('the server process on embedded PostgreSQL', () => {
  it('keeps the data of the first run when started a second time', async () => {
    const first = await start();
    const cookie = await loginCookie(first.url);
    expect(first.output()).toContain('Demoschool geladen');
    expect(await first.stop('SIGTERM')).toBe(0);
    running.splice(running.indexOf(first), 1);

    const second = await start({}, first.dataDir);
    expect(second.output()).toContain('Demoschool aanwezig');
    expect(await meStatus(second.url, cookie)).toBe(200);
  });

  it('loses no committed write when killed with SIGKILL mid-stream, and starts cleanly again', async () => {
    const server = await start();
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async () => {
      while (!stop) {
        try {
          acknowledged.push(await loginCookie(server.url));
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    // Kill while writes are streaming in: after a good number has been acknowledged.
    for (let i = 0; i < 600 && acknowledged.length < 12; i++) await new Promise((r) => setTimeout(r, 50));
    server.process.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    running.splice(running.indexOf(server), 1);
    expect(acknowledged.length).toBeGreaterThan(5);

    const again = await start({}, server.dataDir);
    const health = await (await fetch(`${again.url}/healthz`)).json();
    expect(health.status).toBe('ok');
    for (const cookie of acknowledged) expect(await meStatus(again.url, cookie)).toBe(200);
  });

  it('recovers from a kill during the first start (demo load): the demo school is whole afterwards', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-kill-'));
    const spawnOnly = startServer({}, dataDir).catch(() => null);
    // Wait for the database folder to appear, then kill while migrating or loading.
    for (let i = 0; i < 200 && !fs.existsSync(path.join(dataDir, 'pgdata')); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 400));
    const pid = Number(fs.readFileSync(path.join(dataDir, 'koers.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    await spawnOnly;

    const again = await start({}, dataDir);
    const cookie = await loginCookie(again.url, 'mentor@demo.koers.nl');
    const students = await (await fetch(`${again.url}/api/v1/me/students`, { headers: { cookie } })).json();
    expect(students.items).toHaveLength(20);
  });

  it('finishes a request in flight on SIGTERM, closes kept-alive connections and exits 0', async () => {
    const server = await start();
    const body = JSON.stringify({ email: 'mentor@demo.koers.nl', password: 'koers-demo' });
    // A keep-alive client that has just been served must not hold the shutdown open.
    await fetch(`${server.url}/healthz`);
    // The request is surely in flight: half its body is sent before the signal, the rest after.
    const status = new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${server.url}/api/v1/auth/login`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 500);
    });
    await new Promise((r) => setTimeout(r, 200));
    const exit = server.stop('SIGTERM');
    expect(await status).toBe(200);
    // 0, not the 1 of the forced exit at the end of the grace period: nothing held it open.
    expect(await exit).toBe(0);
  });

  it('runs with npm start: builds the web client when needed, serves it with the API, and stops on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-start-'));
    const port = String(30_000 + Math.floor(Math.random() * 20_000));
    const child = spawn(process.execPath, [path.resolve('scripts/start.mjs')], {
      env: { ...process.env, DATABASE_URL: '', PORT: port, HOST: '127.0.0.1', KOERS_DATA_DIR: dataDir, KOERS_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; i < 600; i++) {
        if (child.exitCode !== null) throw new Error(output);
        if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const page = await fetch(`${url}/inloggen`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<script type="module"[^>]+src="\/assets\//);
      expect(output).toContain('student@demo.koers.nl');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('migrates with npm run db:migrate and empties and reloads with npm run db:reset', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-cli-'));
    const run = (command: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', path.resolve('server/src/db/cli.ts'), command], {
        env: { ...process.env, DATABASE_URL: '', KOERS_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 120_000,
      });
    const migrated = run('migrate');
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toMatch(/applied now: 1, 2/);
    expect(run('migrate').stdout).toContain('applied now: nothing');
    const reset = run('reset');
    expect(reset.status).toBe(0);
    expect(reset.stdout).toContain('Demo school loaded');
  });

  it('refuses a second process on the same data folder', async () => {
    const first = await start();
    await expect(startServer({}, first.dataDir)).rejects.toThrow(/in use by another Koers process/);
  });
});

describe.skipIf(!databaseUrl)('two server processes starting at once on one PostgreSQL database', () => {
  it('migrate exactly once and both serve', async () => {
    const scratch = await createScratchDatabase();
    try {
      const env = { DATABASE_URL: scratch.url, KOERS_DEMO: '1' };
      const [a, b] = await Promise.all([start(env), start(env)]);
      const migratedBy = [a, b].filter((s) => s.output().includes('Database migrated'));
      expect(migratedBy).toHaveLength(1);
      for (const s of [a, b]) expect((await (await fetch(`${s.url}/healthz`)).json()).database).toBe('postgresql');
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      const rows = await client.query('select version, count(*)::int as n from schema_migrations group by version');
      const institutions = await client.query('select name, count(*)::int as n from institutions group by name');
      await client.end();
      expect(rows.rows.every((r) => r.n === 1)).toBe(true);
      // The demo (the ROC and the schools and gemeente around it) is loaded once too, even
      // though both processes wanted to: every demo institution exists exactly once.
      expect(institutions.rows.map((r) => r.name)).toContain('ROC Koersland');
      expect(institutions.rows.filter((r) => r.n !== 1)).toEqual([]);
    } finally {
      for (const s of running.splice(0)) await s.stop('SIGKILL');
      await scratch.drop();
    }
  });
});
