import { allow, defineAction, hasRole } from '../../platform/policy.js';
import type { StudentRelation } from '../org/relations.js';

// Signing in and out and reading one's own account need no resource rule beyond a session;
// those routes use the built-in actions 'public' and 'signed_in'.

defineAction('audit.read', "Read the audit entries about one student");
/** The resource of audit.read: the relations of the reader to the student. */
export interface AuditResource {
  studentId: string;
  institutionId: string;
  self: boolean;
  mentor: boolean;
}
allow<AuditResource>('audit.read', (_actor, r) => r.self);
allow<AuditResource>('audit.read', (_actor, r) => r.mentor);
allow<AuditResource>('audit.read', (actor, r) => hasRole(actor, 'institution_admin', r.institutionId));

/**
 * Inviting a parent or praktijkopleider of one student: their mentor, or an administrator of
 * the student's institution. A docent in the team is not enough: the invitee gets to read the
 * student's record.
 */
defineAction('invitation.create', 'Invite a parent or praktijkopleider of one student');
allow<StudentRelation>('invitation.create', (_actor, s) => s.mentor);
allow<StudentRelation>('invitation.create', (actor, s) => hasRole(actor, 'institution_admin', s.institutionId));
