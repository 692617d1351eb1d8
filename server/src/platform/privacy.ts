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

/** What erasure knows about the person before anything is removed: to find copies of them. */
export interface ErasedPerson {
  userId: string;
  email: string;
  /** display name and 'given family': the forms copies of the name take */
  names: string[];
}

/** Who asks for an export: the person themself, or an administrator answering a request. */
export type ExportScope = 'own' | 'request';

/** A file the person stored (evidence, an attachment), for the export's zip. */
export interface PersonFile {
  /** what it belongs to, for the manifest (e.g. 'portfolio_evidence') */
  category: string;
  id: string;
  filename: string;
  mediaType: string;
  createdAt: Date | string;
  content: Uint8Array;
}

export interface PrivacyProvider {
  module: string;
  tables: PersonalDataTable[];
  /** everything this module holds about the person, in a form they can read and take along */
  exportFor(db: Kysely<DB>, userId: string, scope?: ExportScope): Promise<Record<string, unknown>>;
  /** the bytes of the files the person stored, for the export as a zip */
  filesFor?(db: Kysely<DB>, userId: string, scope?: ExportScope): Promise<PersonFile[]>;
  /**
   * Removes or anonymises what this module holds about the person, inside the caller's
   * transaction, including copies of their name or id in other people's rows (notifications).
   */
  eraseFor(trx: Transaction<DB>, userId: string, person?: ErasedPerson): Promise<void>;
}
