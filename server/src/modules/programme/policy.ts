import { allow, defineAction, hasRole, hasRoleIn, STAFF_ROLES, type Actor } from '../../platform/policy.js';
import type { Role } from '../org/tables.js';
import type { StudentRelation } from '../org/relations.js';

/**
 * Who may do what with the LOB programme. Catalogue and programme are institution business;
 * a student's status is part of the guidance record (read like the profile, minus the
 * praktijkopleider and the docent); the result list is for the people who answer for it.
 */
export const PROGRAMME_MANAGERS: readonly Role[] = ['lob_coordinator', 'manager', 'institution_admin'];
export const ACTIVITY_ORGANISERS: readonly Role[] = ['mentor', 'docent', 'lob_coordinator', 'manager'];

export interface ActivityResource {
  id: string;
  institutionId: string;
  organiserId: string | null;
  /** the actor is a student whose current enrolment is in the audience */
  eligible: boolean;
  /** hide existence from readers who may not see the activity at all */
  private: boolean;
}

export interface ProgrammeResource {
  id: string;
  institutionId: string;
  private: boolean;
}

export interface GroupResource {
  id: string;
  institutionId: string;
  label: string;
  /** the actor mentors this group */
  mentor: boolean;
  /** the actor is on the exam board of the team that runs this group's (or this) opleiding */
  examBoard: boolean;
  private: false;
}

/**
 * A member of the exam board (examencommissie) of the student's opleiding: the role in the
 * student's institution and a member of the team that runs the opleiding.
 */
export const isExamBoard = (s: StudentRelation) => s.teamStaff && s.institutionRoles.includes('examencommissie');

export const canManageActivity = (actor: Actor, a: ActivityResource) =>
  a.organiserId === actor.userId || hasRoleIn(actor, PROGRAMME_MANAGERS, [a.institutionId]);

defineAction('programme.activities.list', 'See the LOB activity catalogue (students: the activities meant for them)');
allow('programme.activities.list', (actor) => hasRole(actor, 'student') || STAFF_ROLES.some((r) => hasRole(actor, r)));

defineAction('programme.activity.create', 'A teacher or coordinator adds an LOB activity to the catalogue');
allow('programme.activity.create', (actor) => ACTIVITY_ORGANISERS.some((r) => hasRole(actor, r)));

defineAction('programme.activity.read', 'See one LOB activity');
allow<ActivityResource>('programme.activity.read', (actor, a) => hasRoleIn(actor, STAFF_ROLES, [a.institutionId]));
allow<ActivityResource>('programme.activity.read', (_actor, a) => a.eligible);

defineAction('programme.activity.signup', 'A student of the audience signs up, joins the waiting list or cancels');
allow<ActivityResource>('programme.activity.signup', (_actor, a) => a.eligible);

defineAction('programme.activity.manage', 'The organiser (or coordinator, manager, admin) sees participants and records participation');
allow<ActivityResource>('programme.activity.manage', canManageActivity);

defineAction('programme.definition.read', 'Read the LOB programmes of the opleidingen');
allow('programme.definition.read', (actor) => STAFF_ROLES.some((r) => hasRole(actor, r)));
// The exam board reads the result lists of its opleidingen (result-groups lists only those).
allow('programme.definition.read', (actor) => hasRole(actor, 'examencommissie'));

defineAction('programme.definition.write', 'The LOB-coördinator or opleidingsmanager publishes a new programme version');
allow<ProgrammeResource>('programme.definition.write', (actor, p) => hasRoleIn(actor, ['lob_coordinator', 'manager'], [p.institutionId]));

export interface TargetGroupResource {
  id: string;
  institutionId: string;
  private: boolean;
}

defineAction('programme.target_groups.read', 'See the target groups (doelgroepen) of the institution');
allow('programme.target_groups.read', (actor) => STAFF_ROLES.some((r) => hasRole(actor, r)));

defineAction('programme.target_groups.write', 'The LOB-coördinator or manager defines target groups');
allow('programme.target_groups.write', (actor) => hasRole(actor, 'lob_coordinator') || hasRole(actor, 'manager'));

defineAction('programme.target_group.members', 'The LOB-coördinator or manager sees and keeps who belongs to a target group (audited)');
allow<TargetGroupResource>('programme.target_group.members', (actor, g) => hasRoleIn(actor, ['lob_coordinator', 'manager'], [g.institutionId]));

defineAction('programme.status.read', "Read a student's LOB status (the inspanningsverplichting)");
allow<StudentRelation>('programme.status.read', (_a, s) => s.self);
allow<StudentRelation>('programme.status.read', (_a, s) => s.mentor);
allow<StudentRelation>('programme.status.read', (_a, s) => s.parentSeesRecord);
allow<StudentRelation>('programme.status.read', (_a, s) => s.institutionRoles.some((r) => PROGRAMME_MANAGERS.includes(r)));
allow<StudentRelation>('programme.status.read', (_a, s) => isExamBoard(s));

defineAction('programme.record.read', 'Open a record that counted for the inspanningsverplichting (the student, the mentor and the exam board; audited)');
allow<StudentRelation>('programme.record.read', (_a, s) => s.self);
allow<StudentRelation>('programme.record.read', (_a, s) => s.mentor);
allow<StudentRelation>('programme.record.read', (_a, s) => isExamBoard(s));

defineAction('programme.override.write', "The student's mentor records or revokes a documented exception");
allow<StudentRelation>('programme.override.write', (_a, s) => s.mentor);

defineAction('programme.results.read', 'Read and export the result list of a group or opleiding');
allow<GroupResource>('programme.results.read', (_a, g) => g.mentor);
allow<GroupResource>('programme.results.read', (_a, g) => g.examBoard);
allow<GroupResource>('programme.results.read', (actor, g) => hasRoleIn(actor, PROGRAMME_MANAGERS, [g.institutionId]));
