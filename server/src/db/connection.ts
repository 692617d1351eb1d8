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
  /** told about every error of a PostgreSQL connection (for the log); never throws */
  onConnectionError?: (err: Error) => void;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10, options.onConnectionError)
    : openPGlite(options.dataDir);
}

function openPostgres(url: string, poolSize: number, onConnectionError?: (err: Error) => void): Database {
  const pool = createPool(url, poolSize);
  handleConnectionErrors(pool, onConnectionError ?? (() => {}));
  // Prepared statements: parsed and planned once per connection (docs/decisions/0011).
  pool.on('connect', (client) => useNamedStatements(client));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgresql', db, close: () => db.destroy() };
}

/** A pool of connections to one PostgreSQL server with Koers's timeouts and type mapping. */
export function createPool(url: string, poolSize: number): pg.Pool {
  return new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A runaway query must not hold a connection forever.
    statement_timeout: 30_000,
    types: { getTypeParser: pgTypeParser } as any,
  });
}

/**
 * Every PostgreSQL client must listen for 'error': a connection ended by a failover, a server
 * restart or pg_terminate_backend emits it, and an unheard 'error' event ends the process.
 * The pool itself only listens while a client is idle; a client that is checked out (inside a
 * transaction, or pinned by the scheduler) between two statements has no listener. So each
 * client gets one for its whole life, as soon as it connects. The statement running on it
 * still fails (the caller answers 503); the pool throws the broken client away on release.
 */
export function handleConnectionErrors(pool: pg.Pool, onError: (err: Error) => void): void {
  const report = (err: Error) => {
    try {
      onError(err);
    } catch {
      // A logging failure must not turn a survivable error into a crash.
    }
  };
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
}

/**
 * A single client outside the pool (a LISTEN connection, a tool's connection) with the same
 * protection: its errors are reported, never thrown at the process.
 */
export function guardClient(client: pg.Client, onError: (err: Error) => void = () => {}): pg.Client {
  client.on('error', (err) => {
    try {
      onError(err);
    } catch {
      // see handleConnectionErrors
    }
  });
  return client;
}

// SQLSTATEs that mean the connection or server, not the statement, failed: the same request may
// well succeed a moment later. 57P01-03: shut down by an administrator, a crash, or still
// starting; 53300: no connection slot free; class 08: connection exceptions.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /Cannot use a pool after calling end on the pool/,
];

/**
 * Whether an error says the database could not be reached or dropped the connection (answer
 * 503, a read may be retried) rather than that the statement itself was wrong.
 * 57014 (statement timeout) is included: the server was too busy, the client did nothing wrong.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_NODE_CODES.has(code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  return e.cause ? isDatabaseUnavailable(e.cause) : false;
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
export function openReadReplica(primary: Database, readUrl: string, poolSize: number, pollMs?: number, onConnectionError: (err: Error) => void = () => {}): ReadReplica {
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
  handleConnectionErrors(pool, onConnectionError);
  pool.on('connect', (client) => useNamedStatements(client));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return new ReadReplica(db, primary.db, () => db.destroy(), pollMs);
}

export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}

export interface DatabaseHealth {
  reachable: boolean;
  latencyMs: number | null;
}

/**
 * Asks the database for 'select 1' within timeoutMs. Never throws: health endpoints report
 * what they found instead of failing themselves.
 */
export async function checkDatabase(db: Kysely<DB>, timeoutMs = 2_000): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(db),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('health check timed out')), timeoutMs);
      }),
    ]);
    return { reachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { reachable: false, latencyMs: null };
  } finally {
    if (timer) clearTimeout(timer);
  }
}
