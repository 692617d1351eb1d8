import { allow, defineAction, hasRole } from '../../platform/policy.js';

/** What roster.import decides on: the institution the uploaded files are for. */
export interface RosterTarget {
  /** the institution named by the BRIN in orgs.csv, when Koers has it */
  institutionId?: string;
  /** whether the files name an institution at all (false when orgs.csv is missing or unreadable) */
  determined: boolean;
}

defineAction('roster.import', 'Import the roster of an institution from OneRoster CSV files');
allow<RosterTarget>('roster.import', (actor, t) => Boolean(t.institutionId) && hasRole(actor, 'institution_admin', t.institutionId));
// Files that name no institution cannot change anything; an administrator may still upload
// them to see what is wrong with them.
allow<RosterTarget>('roster.import', (actor, t) => !t.determined && hasRole(actor, 'institution_admin'));
