import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { can, hasRole, type Actor } from '../../platform/policy.js';
import { schoolDate } from '../../platform/clock.js';
import { countWrites } from './counts.js';
import { applyRosterChanges } from '../org/service.js';
import { readCsv } from './csv.js';
import { readOrg, RowReader, type OrgRecord } from './format.js';
import { findInstitutionOrg, planImport } from './plan.js';
import { readRosterFiles } from './read.js';
import { loadState } from './state.js';
import type { ImportResult, RosterError, RosterFiles } from './types.js';
import type { RosterTarget } from './policy.js';
import './policy.js';

export interface ImportOptions {
  dryRun: boolean;
  /** the client address, for the audit entry */
  ip?: string | null;
  /** drops the cached sessions of a person whose access changed (after commit) */
  forget?: (userId: string) => void;
}

class Rollback extends Error {}

/**
 * Imports a OneRoster 1.2 bulk CSV export into one institution.
 *
 * Everything is read and checked before anything is written, and the writes happen in one
 * transaction: an import with any error, or a dry run, leaves the database as it was. Rows
 * are matched by sourcedId, so importing the same files again changes nothing.
 *
 * `actor` null is the system itself (a command-line import by the operator), which may also
 * create the institution; a person must be institution_admin of the institution the files
 * name, which must already exist.
 */
export async function importRoster(
  deps: Pick<Deps, 'db' | 'clock' | 'audit'>,
  actor: Actor | null,
  files: RosterFiles,
  options: ImportOptions,
): Promise<ImportResult> {
  const { records, errors } = readRosterFiles(files);
  const instOrg = records.orgs.length > 0 ? findInstitutionOrg(records.orgs, errors) : null;
  if (!instOrg) {
    if (actor && !hasRole(actor, 'institution_admin')) throw new AppError(403, 'forbidden');
    return { dryRun: options.dryRun, institution: null, files: {}, errors: sortErrors(errors) };
  }
  const today = schoolDate(deps.clock.now());

  let result: ImportResult | undefined;
  let changedAccess = new Set<string>();
  try {
    await deps.db.transaction().execute(async (trx) => {
      // Two imports for one institution at once would both plan against the same state.
      await sql`select pg_advisory_xact_lock(hashtext(${`koers.roster.${instOrg.identifier}`}))`.execute(trx);
      const state = await loadState(trx, instOrg.identifier, records);
      authorize(actor, state.institution?.id);
      const plan = planImport(records, state, instOrg, today);
      const allErrors = sortErrors([...errors, ...plan.errors]);
      result = { dryRun: options.dryRun, institution: plan.institution, files: sortFiles(plan.files), errors: allErrors };
      if (allErrors.length > 0 || options.dryRun) throw new Rollback();
      changedAccess = await applyRosterChanges(trx, plan.writes);
      await deps.audit.record(
        {
          action: 'roster.import',
          actorId: actor?.userId ?? null,
          institutionId: plan.institution!.id,
          subjectType: 'institution',
          subjectId: plan.institution!.id,
          ip: options.ip ?? null,
          details: { brin: instOrg.identifier, files: summary(result), rows: countWrites(plan.writes) },
        },
        trx,
      );
    });
  } catch (err) {
    // A dry run or a rejected import ends here: the transaction is rolled back and wrote nothing.
    if (!(err instanceof Rollback)) throw err;
  }
  // Committed: whoever lost or gained a role or relation gets it on their next request.
  for (const userId of changedAccess) options.forget?.(userId);
  return result!;
}

function authorize(actor: Actor | null, institutionId: string | undefined) {
  if (!actor) return;
  const target: RosterTarget = { institutionId, determined: true };
  if (!can(actor, 'roster.import', target)) throw new AppError(403, 'forbidden');
}

/**
 * The institution uploaded files are for, read from orgs.csv alone: enough for the policy to
 * decide before the whole upload is checked. Problems in the file are left to the import,
 * which reports them with their lines.
 */
export async function rosterTarget(deps: Pick<Deps, 'db'>, files: RosterFiles): Promise<RosterTarget> {
  const content = files['orgs.csv'];
  if (!content) return { determined: false };
  const { table } = readCsv('orgs.csv', content);
  if (!table) return { determined: false };
  const ignored: RosterError[] = [];
  const orgs = table.rows.map((row) => readOrg(new RowReader('orgs.csv', row, ignored))).filter((o): o is OrgRecord => o !== null);
  const org = findInstitutionOrg(orgs);
  if (!org) return { determined: false };
  const inst = await deps.db.selectFrom('institutions').select('id').where('brin', '=', org.identifier).executeTakeFirst();
  return { institutionId: inst?.id, determined: true };
}

function sortErrors(errors: RosterError[]): RosterError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

function sortFiles(files: ImportResult['files']): ImportResult['files'] {
  for (const f of Object.values(files)) f.lines.sort((a, b) => a.line - b.line);
  return files;
}

function summary(result: ImportResult) {
  return Object.fromEntries(
    Object.entries(result.files).map(([name, f]) => [name, { created: f.created, updated: f.updated, unchanged: f.unchanged, skipped: f.skipped }]),
  );
}
