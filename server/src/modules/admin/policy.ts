import { allow, defineAction, hasRole } from '../../platform/policy.js';

/**
 * The administration of one institution. Every admin route is about one institution (in the
 * path), and its resource is that institution; items inside it are looked up within it.
 */
export interface InstitutionResource {
  institutionId: string;
}

defineAction('admin.overview.read', "Read an institution's structure: counts, locations, teams, opleidingen, cohorts, groups");
allow<InstitutionResource>('admin.overview.read', (actor, r) => hasRole(actor, 'institution_admin', r.institutionId));
// The LOB-coördinator and the opleidingsmanager plan LOB per opleiding and group; the structure
// (no personal data beyond mentor names) is what they need to do so.
allow<InstitutionResource>('admin.overview.read', (actor, r) => hasRole(actor, 'lob_coordinator', r.institutionId));
allow<InstitutionResource>('admin.overview.read', (actor, r) => hasRole(actor, 'manager', r.institutionId));

defineAction('admin.structure.manage', 'Change the institution, its locations, teams, opleidingen, cohorts and groups');
allow<InstitutionResource>('admin.structure.manage', (actor, r) => hasRole(actor, 'institution_admin', r.institutionId));

// Accounts, roles, enrolments and internships decide who reads whose record: administrator only.
defineAction('admin.users.read', 'List and read the accounts of an institution with their roles');
allow<InstitutionResource>('admin.users.read', (actor, r) => hasRole(actor, 'institution_admin', r.institutionId));

defineAction('admin.users.manage', 'Create and change accounts, roles, enrolments and internships in an institution');
allow<InstitutionResource>('admin.users.manage', (actor, r) => hasRole(actor, 'institution_admin', r.institutionId));
