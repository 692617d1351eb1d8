import { allow, defineAction, hasRole, type Actor } from '../../platform/policy.js';
import type { StudentRelation } from '../org/relations.js';
import type { Role } from '../org/tables.js';

/**
 * Verkennen. The catalogue, the figures, the occupations and the open activities are public
 * (routes with action 'public': no session, no personal data). What a student explored is
 * part of their record: the student and their mentor see it. Alumni are found by students
 * and staff; only an alumnus who allowed contact can be asked a question.
 */
export const IMPORTERS: readonly Role[] = ['institution_admin', 'lob_coordinator'];

export const importerInstitutions = (actor: Actor) => actor.roles.filter((r) => IMPORTERS.includes(r.role)).map((r) => r.institutionId);

defineAction('explore.import', 'Import programmes, Studie in Cijfers figures, explanations, occupations and prospects');
allow('explore.import', (actor) => importerInstitutions(actor).length > 0);

defineAction('explore.view.record', 'A student notes which programme or occupation they looked at');
allow('explore.view.record', (actor) => hasRole(actor, 'student'));

/** A werkexploratie entry of the student, as the portfolio service describes it. */
export interface EntryResource {
  entryId: string;
  studentId: string;
  /** the reader owns the entry */
  owner: boolean;
  private: true;
}
defineAction('explore.entry.link', 'The student links the programme or occupation an entry explored');
allow<EntryResource>('explore.entry.link', (_a, e) => e.owner);

defineAction('explore.student.read', 'What a student explored and the buddy match that exists (not its messages): the student and their mentor');
allow<StudentRelation>('explore.student.read', (_a, s) => s.self);
allow<StudentRelation>('explore.student.read', (_a, s) => s.mentor);

defineAction('explore.suggestions', 'Explained suggestions from the student’s own self-assessment');
allow('explore.suggestions', (actor) => hasRole(actor, 'student'));

export const ALUMNI_READERS: readonly Role[] = ['student', 'mentor', 'docent', 'lob_coordinator', 'decaan', 'alumnus'];
defineAction('explore.alumni.read', 'Find alumni by programme and occupation');
allow('explore.alumni.read', (actor) => actor.roles.some((r) => ALUMNI_READERS.includes(r.role)));

defineAction('explore.alumnus.own', 'An alumnus reads and sets their story, contact and buddy choice');
allow('explore.alumnus.own', (actor) => hasRole(actor, 'alumnus'));

export interface AlumnusResource {
  alumnusId: string;
  contactAllowed: boolean;
  buddy: boolean;
  private: true;
}
defineAction('explore.alumnus.ask', 'A student asks an alumnus who allowed contact a question (through the messages)');
allow<AlumnusResource>('explore.alumnus.ask', (actor, a) => hasRole(actor, 'student') && a.contactAllowed);

defineAction('explore.buddy.request', 'A student asks for a buddy, matched on programme and interests');
allow('explore.buddy.request', (actor) => hasRole(actor, 'student'));

export interface ActivityResource {
  activityId: string;
  institutionId: string;
  private: true;
}
/** Staff of the institution that runs the activity see who signed up without an account (to welcome them). */
export const ACTIVITY_STAFF: readonly Role[] = ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'];
defineAction('explore.public_signups.read', 'Staff of the organising institution see the confirmed public sign-ups of an activity');
allow<ActivityResource>('explore.public_signups.read', (actor, a) => actor.roles.some((r) => r.institutionId === a.institutionId && ACTIVITY_STAFF.includes(r.role)));
