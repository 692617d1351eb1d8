import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same for every Koers process.
const MIGRATION_LOCK_ID = 4_711_2015;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Migrations are `NNNN_name.sql` files, applied in version order, each exactly once. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
}

export function codeSchemaVersion(migrations = loadMigrations()): number {
  return migrations.at(-1)?.version ?? 0;
}

export class SchemaTooNewError extends Error {
  constructor(dbVersion: number, codeVersion: number) {
    super(
      `The database has schema version ${dbVersion}, newer than this Koers code knows (${codeVersion}). ` +
        'Refusing to start: upgrade Koers instead of running an older version on newer data.',
    );
  }
}

export interface MigrateResult {
  applied: number[];
  schemaVersion: number;
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so two processes
 * starting at once on one database migrate exactly once: the second waits, then finds
 * nothing left to do. A failing migration rolls back completely.
 */
export async function migrate(db: Kysely<any>, migrations = loadMigrations()): Promise<MigrateResult> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const done = await sql<{ version: number }>`select version from schema_migrations`.execute(trx);
    const appliedVersions = new Set(done.rows.map((r) => r.version));
    const dbVersion = Math.max(0, ...appliedVersions);
    const codeVersion = codeSchemaVersion(migrations);
    if (dbVersion > codeVersion) throw new SchemaTooNewError(dbVersion, codeVersion);

    const applied: number[] = [];
    for (const m of migrations) {
      if (appliedVersions.has(m.version)) continue;
      await sql.raw(m.sql).execute(trx);
      await sql`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`.execute(trx);
      applied.push(m.version);
    }
    return { applied, schemaVersion: codeVersion };
  });
}

export async function currentSchemaVersion(db: Kysely<any>): Promise<number> {
  const r = await sql<{ v: number | null }>`select max(version) as v from schema_migrations`.execute(db);
  return r.rows[0]?.v ?? 0;
}

/** Drops everything Koers owns. Only for `npm run db:reset` and tests. */
export async function resetSchema(db: Kysely<any>): Promise<void> {
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
}
