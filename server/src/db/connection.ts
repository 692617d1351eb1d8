import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { PGliteDialect } from './pglite-dialect.js';
import { useNamedStatements } from './named-statements.js';
import { ReadReplica } from './replica.js';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  close(): Promise<void>;
}

// One mapping of PostgreSQL types to JavaScript for both engines, so code never
// sees a difference: dates stay 'YYYY-MM-DD' strings (no time-zone shifts), counts are numbers.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

function pgTypeParser(oid: number, format?: any): any {
  if (oid === INT8) return (v: string) => Number(v);
  if (oid === DATE) return (v: string) => v;
  if (oid === NUMERIC) return (v: string) => Number(v);
  return pg.types.getTypeParser(oid, format);
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPGlite(options.dataDir);
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A runaway query must not hold a connection forever.
    statement_timeout: 30_000,
    types: { getTypeParser: pgTypeParser } as any,
  });
  // A server restart kills idle clients; the pool drops them and opens new ones on the next
  // query. Without this handler the 'error' event would crash the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => useNamedStatements(client));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgresql', db, close: () => db.destroy() };
}

/** dataDir ':memory:' gives a throw-away database (tests). */
async function openPGlite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === ':memory:';
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = inMemory ? () => {} : takeDataDirLock(dataDir);
  const pgdata = inMemory ? undefined : path.join(dataDir, 'pgdata');
  if (pgdata && !fs.existsSync(pgdata)) await initialiseCluster(pgdata);
  const pglite = await PGlite.create({ dataDir: pgdata, parsers: PGLITE_PARSERS });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    kind: 'pglite',
    db,
    close: async () => {
      await db.destroy();
      releaseLock();
    },
  };
}

const PGLITE_PARSERS = {
  [pgliteTypes.INT8]: (v: string) => Number(v),
  [pgliteTypes.DATE]: (v: string) => v,
  [pgliteTypes.NUMERIC]: (v: string) => Number(v),
};

/**
 * Creates a new database cluster beside its final place and moves it in only when complete:
 * a process killed during the very first start leaves no half-made cluster behind.
 */
async function initialiseCluster(pgdata: string) {
  const staging = `${pgdata}.init`;
  fs.rmSync(staging, { recursive: true, force: true });
  const pglite = await PGlite.create({ dataDir: staging });
  await pglite.query('select 1');
  await pglite.close();
  fs.renameSync(staging, pgdata);
}

/**
 * Embedded PostgreSQL serves one process. A second process on the same folder would corrupt
 * it, so the folder carries a lock file with the owner's pid; a lock left by a killed process
 * (pid no longer alive) is taken over.
 */
function takeDataDirLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'koers.pid');
  try {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `The data folder ${dataDir} is in use by another Koers process (pid ${pid}). Stop it first or set KOERS_DATA_DIR.`,
      );
    }
  } catch (err: any) {
    if (err.code !== 'ENOENT') throw err;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => fs.rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err: any) {
    return err.code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------
// Read replica (DATABASE_READ_URL): a PostgreSQL streaming standby for read-only work.

/**
 * Opens the pool of the read replica beside an open primary. Its sessions are read-only, so a
 * route wrongly marked replica-safe fails loudly instead of writing to the wrong server (a
 * standby refuses writes anyway; this also holds when the URL names a primary by mistake).
 */
export function openReadReplica(primary: Database, readUrl: string, poolSize: number, pollMs?: number): ReadReplica {
  if (primary.kind !== 'postgresql') throw new Error('DATABASE_READ_URL needs DATABASE_URL: a replica replicates a PostgreSQL server.');
  const pool = new pg.Pool({
    connectionString: readUrl,
    max: poolSize,
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
    options: '-c default_transaction_read_only=on',
    types: { getTypeParser: pgTypeParser } as any,
  });
  pool.on('error', () => {});
  pool.on('connect', (client) => useNamedStatements(client));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return new ReadReplica(db, primary.db, () => db.destroy(), pollMs);
}

export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
