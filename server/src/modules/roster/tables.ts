import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The roster module reads the org tables to plan an import; org applies the changes. */
export type RosterDb = Kysely<DB> | Transaction<DB>;
