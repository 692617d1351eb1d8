import { allow, defineAction, hasRole } from '../../platform/policy.js';
import type { StudentRelation } from './relations.js';

/**
 * A student's profile (name, opleiding, group, mentor, internship): the core of the guidance
 * record. A docent in the same team is not enough; the relation must be personal or
 * institution-wide by role.
 */
defineAction('student.read', "Read a student's profile");
allow<StudentRelation>('student.read', (_a, s) => s.self);
allow<StudentRelation>('student.read', (_a, s) => s.mentor);
allow<StudentRelation>('student.read', (_a, s) => s.parentSeesRecord);
allow<StudentRelation>('student.read', (_a, s) => s.praktijkopleider);
allow<StudentRelation>('student.read', (_a, s) => s.teamStaff && s.institutionRoles.includes('manager'));
allow<StudentRelation>('student.read', (_a, s) => s.institutionRoles.includes('lob_coordinator'));
allow<StudentRelation>('student.read', (_a, s) => s.institutionRoles.includes('institution_admin'));

/** A student manages who of their parents keeps access after 18 (the list is their own links only). */
defineAction('student.own_parents', 'A student reads and sets the access of their own parents');
allow('student.own_parents', (actor) => hasRole(actor, 'student'));
