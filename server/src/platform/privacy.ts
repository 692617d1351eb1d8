import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Each module declares the personal data it stores, why, and how long, and implements
 * export and erasure for one person (the AVG rights of access, portability and erasure).
 * A test fails when a table that refers to a person is declared by no module.
 */
export interface PersonalDataTable {
  table: keyof DB & string;
  /** columns that point at a person (users.id) */
  personColumns: string[];
  /** why it is stored (purpose binding), in plain words */
  purpose: string;
  /** how long it is kept */
  retention: string;
  /** special category data (health, support needs): only with a legal basis and consent */
  special?: boolean;
}

export interface PrivacyProvider {
  module: string;
  tables: PersonalDataTable[];
  /** everything this module holds about the person, in a form they can read and take along */
  exportFor(db: Kysely<DB>, userId: string): Promise<Record<string, unknown>>;
  /** removes or anonymises what this module holds about the person, inside the caller's transaction */
  eraseFor(trx: Transaction<DB>, userId: string): Promise<void>;
}
