import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type KoersApp } from '../app.js';
import { loadConfig } from '../config.js';
import { TestClock } from '../platform/clock.js';
import { signIn } from '../../test/helpers.js';
import { openDatabase, openReadReplica, type Database } from './connection.js';
import { loadDemoSchoolIfEmpty } from './demo.js';
import { migrate } from './migrate.js';
import { lsnValue, ReadReplica } from './replica.js';

describe('replica freshness (unit)', () => {
  it('compares WAL positions as numbers', () => {
    expect(lsnValue('0/16B3748') < lsnValue('0/16B3750')).toBe(true);
    expect(lsnValue('1/0') > lsnValue('0/FFFFFFFF')).toBe(true);
  });

  it('serves a read only when the replica is fresh enough and has the reader’s own last write', () => {
    let now = 100_000;
    const r = new ReadReplica({} as any, {} as any, async () => {}, 250, () => now);
    expect(r.serves({ stalenessSeconds: 30 }, 'u1')).toBe(false); // never measured
    r.visibleUpTo = 99_000;
    expect(r.serves({ stalenessSeconds: 30 }, 'u1')).toBe(true);
    r.noteWrite('u1');
    expect(r.serves({ stalenessSeconds: 30 }, 'u1')).toBe(false);
    expect(r.serves({ stalenessSeconds: 30 }, 'u2')).toBe(true);
    expect(r.serves({ stalenessSeconds: 30 }, 'u2', 100_000)).toBe(false); // the cookie of another process
    r.visibleUpTo = 100_001;
    expect(r.serves({ stalenessSeconds: 30 }, 'u1')).toBe(true);
    now = 200_000;
    expect(r.serves({ stalenessSeconds: 30 }, 'u2')).toBe(false); // 100 s behind
  });
});

const BIN = '/usr/lib/postgresql/15/bin';
const haveBinaries = fs.existsSync(path.join(BIN, 'initdb')) && fs.existsSync(path.join(BIN, 'pg_basebackup'));
const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program; as root under the postgres account, which initdb and postgres need. */
function run(program: string, args: string[]) {
  const cmd = asRoot ? 'runuser' : path.join(BIN, program);
  const full = asRoot ? ['-u', 'postgres', '--', path.join(BIN, program), ...args] : args;
  return execFileSync(cmd, full, { stdio: 'pipe', timeout: 60_000 }).toString();
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function query(url: string, text: string, values: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, values)).rows;
  } finally {
    await c.end();
  }
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// A real primary and hot standby, made with this machine's PostgreSQL programs on free ports in
// a temporary folder: streaming replication as an operator would set it up (pg_basebackup -R).
describe.skipIf(!haveBinaries)('read replica: real primary and hot standby', () => {
  let dir: string;
  let primaryPort: number;
  let standbyPort: number;
  let primaryUrl: string;
  let standbyUrl: string;
  let database: Database;
  let replica: ReadReplica;
  let koers: KoersApp;
  const started: string[] = [];

  const startCluster = (data: string, port: number) => {
    run('pg_ctl', ['-D', data, '-l', path.join(data, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
    started.push(data);
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'koers-replica-'));
    if (asRoot) execFileSync('chown', ['postgres', dir]);
    [primaryPort, standbyPort] = [await freePort(), await freePort()];
    const primaryData = path.join(dir, 'primary');
    const standbyData = path.join(dir, 'standby');
    run('initdb', ['-D', primaryData, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    startCluster(primaryData, primaryPort);
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', standbyData, '-R', '-X', 'stream', '--no-sync']);
    startCluster(standbyData, standbyPort);
    primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    standbyUrl = `postgres://postgres@127.0.0.1:${standbyPort}/postgres`;

    const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
    database = await openDatabase({ databaseUrl: primaryUrl, dataDir: ':memory:', poolSize: 4 });
    await migrate(database.db);
    await loadDemoSchoolIfEmpty(database.db, clock);
    replica = openReadReplica(database, standbyUrl, 4, 50);
    replica.start();
    const config = loadConfig({ KOERS_LOG_LEVEL: 'silent', DATABASE_URL: primaryUrl, DATABASE_READ_URL: standbyUrl, KOERS_DEMO: '1' });
    koers = await buildApp({ config, database, clock, logger: false, replica });
    await until(async () => replica.lagMs() < 1_000, 'the standby to catch up');
  }, 180_000);

  afterAll(async () => {
    await koers?.app.close();
    await replica?.stop().catch(() => {});
    await database?.close().catch(() => {});
    for (const data of started.reverse()) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped (the promoted test stops the primary itself)
      }
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('sends a replica-safe read (the result list) to the standby', async () => {
    const standbyReads = async () => Number((await query(standbyUrl, `select xact_commit from pg_stat_database where datname = 'postgres'`))[0].xact_commit);
    expect((await query(standbyUrl, 'select pg_is_in_recovery() as r'))[0].r).toBe(true);
    const manager = await signIn(koers, 'manager@demo.koers.nl');
    const groupsRes = await manager.get('/api/v1/lob/result-groups');
    expect(groupsRes.statusCode, groupsRes.body).toBe(200);
    const groups = groupsRes.json();
    await until(async () => replica.lagMs() < 1_000, 'the standby to be fresh');
    const before = await standbyReads();
    const res = await manager.get(`/api/v1/lob/results?groupId=${groups.groups[0].id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-koers-read-from']).toBe('replica');
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(await standbyReads()).toBeGreaterThan(before);
  });

  it('keeps a writer on the primary until the standby has her write, and others on the standby', async () => {
    const sanne = await signIn(koers, 'student@demo.koers.nl');
    const manager = await signIn(koers, 'manager@demo.koers.nl');
    const groupId = (await manager.get('/api/v1/lob/result-groups')).json().groups[0].id;
    await until(async () => replica.lagMs() < 1_000, 'the standby to be fresh');
    // The standby stops replaying: what is written now is on the primary only.
    await query(standbyUrl, 'select pg_wal_replay_pause()');
    try {
      const created = await sanne.post('/api/v1/portfolio/entries', {
        kind: 'bpv',
        title: 'Geschreven tijdens replicatiepauze',
        occurredOn: '2026-11-20',
        competencies: ['werkexploratie'],
        reflection: { orientatie: 'a', mening: 'b', reflectie: 'c' },
        sharing: [],
      });
      expect(created.statusCode).toBe(201);
      const exported = await sanne.get(`/api/v1/students/${sanne.user.id}/portfolio/export.json`);
      expect(exported.headers['x-koers-read-from']).toBe('primary');
      expect(exported.body).toContain('Geschreven tijdens replicatiepauze');
      // Someone who did not write may read slightly older data from the standby.
      expect((await manager.get(`/api/v1/lob/results?groupId=${groupId}`)).headers['x-koers-read-from']).toBe('replica');
    } finally {
      await query(standbyUrl, 'select pg_wal_replay_resume()');
    }
    await until(async () => replica.serves({ stalenessSeconds: 30 }, sanne.user.id), 'the standby to replay the write');
    const again = await sanne.get(`/api/v1/students/${sanne.user.id}/portfolio/export.json`);
    expect(again.headers['x-koers-read-from']).toBe('replica');
    expect(again.body).toContain('Geschreven tijdens replicatiepauze');
  });

  it('refuses writes on the replica connection (a wrongly marked route cannot write there)', async () => {
    await expect(replica.db.insertInto('regions').values({ kind: 'rmc', code: 'X', name: 'X' }).execute()).rejects.toThrow(/read-only/);
  });

  it('keeps every committed write through a switchover: the standby is promoted and takes writes', async () => {
    const before = await query(primaryUrl, 'select count(*)::int as n from portfolio_entries');
    // Planned switchover: stop the primary cleanly (its WAL reaches the standby), promote the standby.
    await koers.app.close();
    await replica.stop();
    await database.close();
    run('pg_ctl', ['-D', path.join(dir, 'primary'), '-m', 'fast', '-w', 'stop']);
    run('pg_ctl', ['-D', path.join(dir, 'standby'), '-w', 'promote']);
    await until(async () => (await query(standbyUrl, 'select pg_is_in_recovery() as r'))[0].r === false, 'the promotion');
    const after = await query(standbyUrl, 'select count(*)::int as n from portfolio_entries');
    expect(after[0].n).toBe(before[0].n);
    const promoted = await openDatabase({ databaseUrl: standbyUrl, dataDir: ':memory:', poolSize: 2 });
    try {
      const config = loadConfig({ KOERS_LOG_LEVEL: 'silent', DATABASE_URL: standbyUrl, KOERS_DEMO: '1' });
      const app = await buildApp({ config, database: promoted, clock: new TestClock(new Date('2026-11-23T10:00:00Z')), logger: false });
      const sanne = await signIn(app, 'student@demo.koers.nl');
      const created = await sanne.post('/api/v1/portfolio/entries', {
        kind: 'school',
        title: 'Na de overstap',
        occurredOn: '2026-11-21',
        competencies: ['kwaliteiten'],
        reflection: { orientatie: 'a', mening: 'b', reflectie: 'c' },
        sharing: [],
      });
      expect(created.statusCode).toBe(201);
      expect((await sanne.get(`/api/v1/students/${sanne.user.id}/portfolio/entries`)).body).toContain('Geschreven tijdens replicatiepauze');
      await app.app.close();
    } finally {
      await promoted.close();
    }
  });
});
