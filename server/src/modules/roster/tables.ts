import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The columns migration 0005 adds to org tables: the OneRoster sourcedId of imported
 * structure. Only the roster module reads or writes them, so they are declared here and
 * joined onto the org tables for the roster code alone (db/schema.ts stays untouched).
 */
interface SourceIdColumn {
  source_id: string | null;
}

export interface RosterDB extends Omit<DB, 'locations' | 'cohorts' | 'programmes' | 'groups'> {
  locations: DB['locations'] & SourceIdColumn;
  cohorts: DB['cohorts'] & SourceIdColumn;
  programmes: DB['programmes'] & SourceIdColumn;
  groups: DB['groups'] & SourceIdColumn;
}

export type RosterDb = Kysely<RosterDB> | Transaction<RosterDB>;

/** The same connection, seen with the roster columns. */
export function rosterDb(db: Kysely<DB> | Transaction<DB>): Kysely<RosterDB> {
  return db as unknown as Kysely<RosterDB>;
}
