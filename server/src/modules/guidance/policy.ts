import { allow, defineAction, hasRole } from '../../platform/policy.js';
import type { StudentRelation } from '../org/relations.js';

/**
 * Who may do what in guidance (begeleiding). Student rules read org's relation facts
 * (loadStudentRelation); group rules read GroupMembership. Lists are filtered in SQL by the
 * same relations (see caseload.ts, feed.ts, agenda.ts, messages.ts).
 *
 * A parent sees the guidance record (conversations with their agreements, appointments,
 * attendance) while parentSeesRecord holds: under 18, or from 18 on the student's opt-in — but
 * never the student's preparation, the step notes or any mentor note. A praktijkopleider sees
 * nothing of this record except internship visits they are invited to (agenda).
 */

/** Reading a student's conversations, appointments and attendance. */
export const seesGuidanceRecord = (r: StudentRelation) => r.self || r.mentor || r.parentSeesRecord;

/**
 * The reader is the student's assigned coach: a named SLB'er or a teacher of the student's team,
 * assigned by the mentor, LOB-coördinator or manager (guidance_coach_assignments).
 */
export interface CoachRelation extends StudentRelation {
  coach: boolean;
}

/** A conversation and the reader's relation to its student. */
export interface ConversationResource {
  studentId: string;
  institutionId: string;
  rel: StudentRelation;
  /** the reader is the student's assigned coach */
  coach: boolean;
  conversation: { id: string; status: 'planned' | 'held' | 'cancelled'; mentorId: string | null };
  private: true;
}

/** How a signed-in person belongs to a group (klas): its feed and its attendance. */
export interface GroupMembership {
  groupId: string;
  institutionId: string;
  /** enrolled in the group today */
  student: boolean;
  /** mentor (SLB'er) of the group */
  mentor: boolean;
  /** docent or mentor in the team that runs the group's opleiding */
  teamDocent: boolean;
  /** existence is hidden (404) from anyone outside the group; members are refused with 403 */
  private: boolean;
}

export const isGroupMember = (g: GroupMembership) => g.student || g.mentor || g.teamDocent;
export const isGroupStaff = (g: GroupMembership) => g.mentor || g.teamDocent;

defineAction('guidance.caseload.read', "A mentor reads their own caseload with its signals");
allow('guidance.caseload.read', (actor) => hasRole(actor, 'mentor'));

defineAction('guidance.conversation.plan', 'A mentor plans a career conversation with a student of their group');
allow<StudentRelation>('guidance.conversation.plan', (_a, r) => r.mentor);
allow<CoachRelation>('guidance.conversation.plan', (_a, r) => r.coach);

defineAction('guidance.coaches.read', "See who, besides the group mentor, holds career conversations with a student");
allow<CoachRelation>('guidance.coaches.read', (_a, r) => seesGuidanceRecord(r) || r.coach || r.institutionRoles.includes('lob_coordinator') || r.institutionRoles.includes('manager'));

defineAction('guidance.coaches.assign', "The mentor, LOB-coördinator or manager assigns a teacher of the student's team or a named SLB'er to hold career conversations");
allow<StudentRelation>('guidance.coaches.assign', (_a, r) => r.mentor);
allow<StudentRelation>('guidance.coaches.assign', (_a, r) => r.institutionRoles.includes('lob_coordinator') || r.institutionRoles.includes('manager'));

defineAction('guidance.conversations.list', "Read a student's conversations with their agreements");
allow<StudentRelation>('guidance.conversations.list', (_a, r) => seesGuidanceRecord(r));

defineAction('guidance.conversation.read', 'Read one conversation (what the reader may see of it)');
allow<ConversationResource>('guidance.conversation.read', (_a, r) => seesGuidanceRecord(r.rel));
allow<ConversationResource>('guidance.conversation.read', (a, r) => r.coach && r.conversation.mentorId === a.userId);

defineAction('guidance.conversation.prepare', 'The student prepares a planned conversation');
allow<ConversationResource>('guidance.conversation.prepare', (_a, r) => r.rel.self && r.conversation.status === 'planned');

defineAction('guidance.conversation.record', 'A mentor records the steps, notes and agreements of a conversation');
allow<ConversationResource>('guidance.conversation.record', (_a, r) => r.rel.mentor && r.conversation.status !== 'cancelled');
// The assigned coach records the conversations they hold themselves.
allow<ConversationResource>('guidance.conversation.record', (a, r) => r.coach && r.conversation.mentorId === a.userId && r.conversation.status !== 'cancelled');

defineAction('guidance.student_record.read', "Read a student's appointments and attendance");
allow<StudentRelation>('guidance.student_record.read', (_a, r) => seesGuidanceRecord(r));

/** The signed-in person's own agenda, notifications, preferences, calendar address and message list. */
defineAction('guidance.own', 'Read and change what is one’s own: agenda, notifications, preferences, calendar feed, messages');
allow('guidance.own', () => true);

defineAction('guidance.appointment.create', 'Staff plan an appointment and invite people of their institution');
allow('guidance.appointment.create', (actor) => actor.roles.some((r) => ['mentor', 'docent', 'lob_coordinator'].includes(r.role)));

/** An appointment and how the reader relates to it. */
export interface AppointmentResource {
  appointmentId: string;
  studentId?: string;
  organiser: boolean;
  invited: boolean;
  /** praktijkopleider of the student's running internship, for an internship visit */
  visitConfirmer: boolean;
  private: true;
}
defineAction('guidance.appointment.respond', 'An invitee accepts or declines an appointment');
allow<AppointmentResource>('guidance.appointment.respond', (_a, r) => r.invited);
defineAction('guidance.appointment.manage', 'The organiser changes or cancels an appointment');
allow<AppointmentResource>('guidance.appointment.manage', (_a, r) => r.organiser);
defineAction('guidance.appointment.move', 'The organiser or an invitee proposes a new time; the other side accepts or declines it');
allow<AppointmentResource>('guidance.appointment.move', (_a, r) => r.organiser || r.invited);
defineAction('guidance.visit.confirm', 'The praktijkopleider confirms an internship visit');
allow<AppointmentResource>('guidance.visit.confirm', (_a, r) => r.visitConfirmer);

defineAction('guidance.feed.read', "Read a group's closed feed");
allow<GroupMembership>('guidance.feed.read', (_a, g) => isGroupMember(g));
defineAction('guidance.feed.post', "Post or reply in a group's feed, react and report");
allow<GroupMembership>('guidance.feed.post', (_a, g) => isGroupMember(g));
/** A post's attachment with the reader's membership of the post's group. */
export interface AttachmentResource extends GroupMembership {
  attachmentId: string;
  postHidden: boolean;
}
defineAction('guidance.feed.attachment.read', 'Download an attachment of a post one may read (a hidden post: mentors only)');
allow<AttachmentResource>('guidance.feed.attachment.read', (_a, r) => isGroupMember(r) && (!r.postHidden || r.mentor));
defineAction('guidance.feed.moderate', "Hide or show a post in the group's feed");
allow<GroupMembership>('guidance.feed.moderate', (_a, g) => g.mentor);

/** The other side of a direct-message thread, which is always about one student. */
export interface ThreadResource {
  studentId: string;
  otherId: string;
  /** the reader may write to the other person about this student */
  allowed: boolean;
  private: true;
}
defineAction('guidance.messages.thread', 'Read and write direct messages between a student and their mentor, praktijkopleider or parent');
allow<ThreadResource>('guidance.messages.thread', (_a, r) => r.allowed);

defineAction('guidance.attendance.read', "Read and create the attendance sessions of a group");
allow<GroupMembership>('guidance.attendance.read', (_a, g) => isGroupStaff(g));
defineAction('guidance.attendance.record', 'Mark attendance of the students of a session (never one’s own)');
allow<GroupMembership>('guidance.attendance.record', (_a, g) => isGroupStaff(g));
