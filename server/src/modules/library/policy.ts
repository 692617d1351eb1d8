import { allow, defineAction, hasRole, hasRoleIn, STAFF_ROLES } from '../../platform/policy.js';
import type { Role } from '../org/tables.js';

/**
 * The Loopbaanmagazijn is for teachers: they read, add and share exercises and assign them to
 * their groups. A student meets an exercise through an assignment to their group.
 */
export const AUTHORS: readonly Role[] = ['mentor', 'docent', 'lob_coordinator', 'manager'];

export interface ExerciseResource {
  id: string;
  /** null: the starter set of every installation */
  ownerInstitutionId: string | null;
  shared: boolean;
  createdBy: string | null;
  /** the reader is a student with an assignment of this exercise */
  assignedToReader: boolean;
  /** hide existence from readers who may not see it at all */
  private: boolean;
}

export interface GroupTeachingResource {
  id: string;
  institutionId: string;
  /** mentor of the group, or member of the team that runs its opleiding */
  teaches: boolean;
  private: false;
}

export interface AssignmentResource {
  id: string;
  exerciseId: string;
  groupId: string;
  institutionId: string;
  teaches: boolean;
  assignedBy: string | null;
  /** the reader is a student currently in the group */
  member: boolean;
  private: true;
}

defineAction('library.exercises.read', 'Browse the Loopbaanmagazijn');
allow('library.exercises.read', (actor) => STAFF_ROLES.some((r) => hasRole(actor, r)));

defineAction('library.exercise.read', 'Read one exercise');
allow<ExerciseResource>('library.exercise.read', (actor, x) => (x.ownerInstitutionId === null || x.shared) && STAFF_ROLES.some((r) => hasRole(actor, r)));
allow<ExerciseResource>('library.exercise.read', (actor, x) => x.ownerInstitutionId !== null && hasRoleIn(actor, STAFF_ROLES, [x.ownerInstitutionId]));
allow<ExerciseResource>('library.exercise.read', (_actor, x) => x.assignedToReader);

defineAction('library.exercise.create', 'A teacher adds an exercise for their institution');
allow('library.exercise.create', (actor) => AUTHORS.some((r) => hasRole(actor, r)));

defineAction('library.exercise.write', 'The author or the LOB-coördinator changes or shares an exercise of the institution');
allow<ExerciseResource>('library.exercise.write', (actor, x) => x.ownerInstitutionId !== null && x.createdBy === actor.userId && hasRoleIn(actor, AUTHORS, [x.ownerInstitutionId]));
allow<ExerciseResource>('library.exercise.write', (actor, x) => x.ownerInstitutionId !== null && hasRoleIn(actor, ['lob_coordinator'], [x.ownerInstitutionId]));

defineAction('library.assignment.create', 'A mentor or teacher of the group assigns an exercise with a due date');
allow<GroupTeachingResource>('library.assignment.create', (_actor, g) => g.teaches);
allow<GroupTeachingResource>('library.assignment.create', (actor, g) => hasRoleIn(actor, ['lob_coordinator'], [g.institutionId]));

defineAction('library.assignments.list', 'A teacher lists the assignments of their groups');
allow('library.assignments.list', (actor) => STAFF_ROLES.some((r) => hasRole(actor, r)));

defineAction('library.assignment.read', 'See an assignment: the teacher with who completed it, the student their own');
allow<AssignmentResource>('library.assignment.read', (_actor, a) => a.teaches || a.member);
allow<AssignmentResource>('library.assignment.read', (actor, a) => a.assignedBy === actor.userId);
allow<AssignmentResource>('library.assignment.read', (actor, a) => hasRoleIn(actor, ['lob_coordinator', 'manager'], [a.institutionId]));

defineAction('library.assignment.complete', 'A student of the group completes the assignment with a portfolio entry');
allow<AssignmentResource>('library.assignment.complete', (_actor, a) => a.member);

defineAction('library.assignments.own', 'A student lists their own assignments');
allow('library.assignments.own', (actor) => hasRole(actor, 'student'));
