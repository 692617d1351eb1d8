import { z } from 'zod';
import { defineRoute, type RouteContext, type RouteDef } from '../../platform/http.js';
import { notFound, registerErrorMessages } from '../../platform/errors.js';
import { loadStudentRelation, type StudentRelation } from '../org/relations.js';
import { calendarFeed, calendarTokenStatus, cancelAppointment, confirmVisit, createAppointment, createCalendarToken, listAgenda, listInvitees, listStudentAppointments, respondToAppointment, revokeCalendarToken } from './agenda.js';
import { createSession, getSession, listSessions, sessionGroup, studentAttendanceSummary, recordAttendance } from './attendance.js';
import { filterAndSort, loadCaseload } from './caseload.js';
import { addAgreement, addNote, getConversation, listConversations, planConversation, prepareConversation, recordConversation } from './conversations.js';
import { attachmentPost, loadAttachmentFile, readPostUpload } from './attachments.js';
import { contentDisposition } from '../portfolio/service.js';
import { createPost, listMyGroups, postGroup, readFeed, reportPost, setPostHidden, toggleReaction } from './feed.js';
import { listContacts, listThreads, readThread, sendMessage } from './messages.js';
import { getMailPreferences, listNotifications, markNotificationsRead, setMailPreferences, unreadCounts } from './notifications.js';
import type { AppointmentResource, AttachmentResource, CoachRelation, ConversationResource, GroupMembership, ThreadResource } from './policy.js';
import { loadAppointmentResource, loadCoachRelation, loadConversationResource, loadGroupMembership, loadThreadResource } from './relations.js';
import { assignCoach, listCoaches, unassignCoach } from './coaches.js';
import { decideProposal, listProposals, proposeTime } from './move.js';
import * as s from './schema.js';
import './policy.js';

registerErrorMessages({
  proposal_decided: { nl: 'Over dit voorstel is al beslist.', en: 'This proposal has already been decided.' },
  conversation_not_found: { nl: 'Dit gesprek bestaat niet (meer).', en: 'This conversation does not exist (any more).' },
});

const TAGS = ['guidance'];
type Ctx<P = any, Q = any, B = any> = RouteContext<P, Q, B>;

const studentRelation = (ctx: Ctx<{ id: string }>) => loadStudentRelation(ctx.deps, ctx.actor, ctx.params.id);
const conversationResource = (ctx: Ctx<{ id: string }>) => loadConversationResource(ctx.deps, ctx.actor, ctx.params.id);
const groupMembership = (ctx: Ctx<{ id: string }>) => loadGroupMembership(ctx.deps, ctx.actor, ctx.params.id);
const appointmentResource = (ctx: Ctx<{ id: string }>) => loadAppointmentResource(ctx.deps, ctx.actor, ctx.params.id);
const threadResource = (ctx: Ctx<{ userId: string }>) => loadThreadResource(ctx.deps, ctx.actor, ctx.params.userId);

/** A post is decided on by the group it was posted in. */
async function postResource(ctx: Ctx<{ id: string }>): Promise<(GroupMembership & { postId: string }) | null> {
  const post = await postGroup(ctx.deps, ctx.params.id);
  if (!post) return null;
  const g = await loadGroupMembership(ctx.deps, ctx.actor, post.group_id);
  return g ? { ...g, postId: post.id } : null;
}

/** An attachment is decided on by the group of its post, and whether that post is hidden. */
async function attachmentResource(ctx: Ctx<{ id: string }>): Promise<AttachmentResource | null> {
  const a = await attachmentPost(ctx.deps, ctx.params.id);
  if (!a) return null;
  const g = await loadGroupMembership(ctx.deps, ctx.actor, a.group_id);
  return g ? { ...g, attachmentId: a.id, postHidden: a.hidden_at !== null } : null;
}

/** A session is decided on by its group. */
async function sessionResource(ctx: Ctx<{ id: string }>): Promise<(GroupMembership & { sessionId: string }) | null> {
  const session = await sessionGroup(ctx.deps, ctx.params.id);
  if (!session?.group_id) return null;
  const g = await loadGroupMembership(ctx.deps, ctx.actor, session.group_id);
  return g ? { ...g, sessionId: session.id } : null;
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

export function guidanceRoutes(): RouteDef[] {
  return [...caseloadRoutes(), ...conversationRoutes(), ...agendaRoutes(), ...feedRoutes(), ...messageRoutes(), ...attendanceRoutes(), ...notificationRoutes()];
}

function caseloadRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, z.infer<typeof s.caseloadQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/mentor/caseload',
      summary: "The signed-in mentor's students with the signals that need attention, each in words",
      tags: TAGS,
      action: 'guidance.caseload.read',
      query: s.caseloadQuery,
      handler: async (ctx) => ({ items: filterAndSort(await loadCaseload(ctx.deps, ctx.actor.userId, ctx.locale), ctx.query), nextCursor: null }),
    }),
  ];
}

function conversationRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, unknown, z.infer<typeof s.planConversationBody>, CoachRelation>({
      method: 'POST',
      url: '/api/v1/conversations',
      summary: 'A mentor, or the teacher or SLB’er assigned to the student, plans a career conversation; the student is invited',
      tags: TAGS,
      action: 'guidance.conversation.plan',
      body: s.planConversationBody,
      resource: (ctx) => loadCoachRelation(ctx.deps, ctx.actor, ctx.body.studentId),
      status: 201,
      handler: (ctx, rel) => planConversation(ctx.deps, ctx.actor, rel, ctx.body, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, unknown, CoachRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/coaches',
      summary: 'Who besides the group mentor holds career conversations with the student',
      tags: TAGS,
      action: 'guidance.coaches.read',
      params: s.idParams,
      resource: (ctx) => loadCoachRelation(ctx.deps, ctx.actor, ctx.params.id),
      handler: async (ctx, rel) => ({ items: await listCoaches(ctx.deps, rel.studentId), nextCursor: null }),
    }),
    defineRoute<{ id: string; userId: string }, unknown, unknown, StudentRelation>({
      method: 'PUT',
      url: '/api/v1/students/:id/coaches/:userId',
      summary: 'The mentor, LOB-coördinator or manager assigns a teacher of the team or a named SLB’er to hold the student’s career conversations (audited)',
      tags: TAGS,
      action: 'guidance.coaches.assign',
      params: s.coachParams,
      resource: (ctx) => loadStudentRelation(ctx.deps, ctx.actor, ctx.params.id),
      handler: async (ctx, rel) => ({ items: await assignCoach(ctx.deps, ctx.actor, rel, ctx.params.userId, ctx.req.ip), nextCursor: null }),
    }),
    defineRoute<{ id: string; userId: string }, unknown, unknown, StudentRelation>({
      method: 'DELETE',
      url: '/api/v1/students/:id/coaches/:userId',
      summary: 'Ends an assignment to hold the student’s career conversations (audited)',
      tags: TAGS,
      action: 'guidance.coaches.assign',
      params: s.coachParams,
      resource: (ctx) => loadStudentRelation(ctx.deps, ctx.actor, ctx.params.id),
      handler: async (ctx, rel) => ({ items: await unassignCoach(ctx.deps, ctx.actor, rel, ctx.params.userId, ctx.req.ip), nextCursor: null }),
    }),
    defineRoute<{ id: string }, unknown, unknown, StudentRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/conversations',
      summary: "A student's conversations with their agreements (for the student, the mentor and a parent while allowed); never a private note",
      tags: TAGS,
      action: 'guidance.conversations.list',
      auditRead: 'guidance.conversations.list',
      params: s.idParams,
      resource: studentRelation,
      handler: async (ctx, rel) => ({ items: await listConversations(ctx.deps, rel), nextCursor: null }),
    }),
    defineRoute<{ id: string }, unknown, unknown, ConversationResource>({
      method: 'GET',
      url: '/api/v1/conversations/:id',
      summary: 'One conversation as the reader may see it: the student and mentors see preparation and steps; private notes only their author',
      tags: TAGS,
      action: 'guidance.conversation.read',
      auditRead: 'guidance.conversation.read',
      params: s.idParams,
      resource: conversationResource,
      handler: async (ctx, r) => {
        const c = await getConversation(ctx.deps, ctx.actor, r, ctx.locale);
        if (!c) throw notFound('conversation_not_found');
        return c;
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.preparationBody>, ConversationResource>({
      method: 'PUT',
      url: '/api/v1/conversations/:id/preparation',
      summary: 'The student answers the prompts and picks entries of their LOBbook to discuss',
      tags: TAGS,
      action: 'guidance.conversation.prepare',
      params: s.idParams,
      body: s.preparationBody,
      resource: conversationResource,
      status: 204,
      handler: async (ctx, r) => {
        await prepareConversation(ctx.deps, r, ctx.body);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.recordConversationBody>, ConversationResource>({
      method: 'PATCH',
      url: '/api/v1/conversations/:id',
      summary: 'The mentor records the steps (terugkijken, reflecteren, vooruitkijken) and that the conversation was held',
      tags: TAGS,
      action: 'guidance.conversation.record',
      params: s.idParams,
      body: s.recordConversationBody,
      resource: conversationResource,
      status: 204,
      handler: async (ctx, r) => {
        await recordConversation(ctx.deps, ctx.actor, r, ctx.body, ctx.req.ip);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.agreementBody>, ConversationResource>({
      method: 'POST',
      url: '/api/v1/conversations/:id/agreements',
      summary: "An agreement (step 4, actie); the student's own agreements land in their career plan in the same transaction",
      tags: TAGS,
      action: 'guidance.conversation.record',
      params: s.idParams,
      body: s.agreementBody,
      resource: conversationResource,
      status: 201,
      handler: (ctx, r) => addAgreement(ctx.deps, ctx.actor, r, ctx.body, ctx.req.ip),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.noteBody>, ConversationResource>({
      method: 'POST',
      url: '/api/v1/conversations/:id/notes',
      summary: 'A mentor note: shared with the student, or private (seen by its author only)',
      tags: TAGS,
      action: 'guidance.conversation.record',
      params: s.idParams,
      body: s.noteBody,
      resource: conversationResource,
      status: 201,
      handler: (ctx, r) => addNote(ctx.deps, ctx.actor, r, ctx.body),
    }),
  ];
}

function agendaRoutes(): RouteDef[] {
  return [
    defineRoute<unknown, z.infer<typeof s.agendaQuery>, unknown>({
      method: 'GET',
      url: '/api/v1/agenda',
      summary: 'The appointments the signed-in person organises or is invited to',
      tags: TAGS,
      action: 'guidance.own',
      query: s.agendaQuery,
      handler: async (ctx) => {
        const now = ctx.deps.clock.now();
        const from = ctx.query.from ? new Date(`${ctx.query.from}T00:00:00Z`) : addDays(now, -1);
        const to = ctx.query.to ? new Date(`${ctx.query.to}T23:59:59Z`) : addDays(now, 90);
        return { items: await listAgenda(ctx.deps, ctx.actor.userId, from, to), nextCursor: null };
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, StudentRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/agenda',
      summary: "A student's upcoming appointments (student, mentor, parent while allowed)",
      tags: TAGS,
      action: 'guidance.student_record.read',
      auditRead: 'guidance.agenda.read',
      params: s.idParams,
      resource: studentRelation,
      handler: async (ctx, rel) => ({ items: await listStudentAppointments(ctx.deps, rel.studentId), nextCursor: null }),
    }),
    defineRoute<unknown, unknown, z.infer<typeof s.appointmentBody>>({
      method: 'POST',
      url: '/api/v1/appointments',
      summary: 'Staff plan an appointment (internship visit, LOB activity) and invite people of their institution',
      tags: TAGS,
      action: 'guidance.appointment.create',
      body: s.appointmentBody,
      status: 201,
      handler: (ctx) => createAppointment(ctx.deps, ctx.actor, { ...ctx.body, location: ctx.body.location ?? '' }, ctx.req.ip),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/appointments/invitees',
      summary: 'Whom staff may invite from the planning screen: the students of their groups, each with a running internship’s praktijkopleider',
      tags: TAGS,
      action: 'guidance.appointment.create',
      handler: (ctx) => listInvitees(ctx.deps, ctx.actor.userId),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.responseBody>, AppointmentResource>({
      method: 'POST',
      url: '/api/v1/appointments/:id/response',
      summary: 'An invitee accepts or declines',
      tags: TAGS,
      action: 'guidance.appointment.respond',
      params: s.idParams,
      body: s.responseBody,
      resource: appointmentResource,
      status: 204,
      handler: async (ctx, r) => {
        await respondToAppointment(ctx.deps, ctx.actor, r.appointmentId, ctx.body.response);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, AppointmentResource>({
      method: 'DELETE',
      url: '/api/v1/appointments/:id',
      summary: 'The organiser cancels an appointment (a planned conversation with it)',
      tags: TAGS,
      action: 'guidance.appointment.manage',
      params: s.idParams,
      resource: appointmentResource,
      status: 204,
      handler: async (ctx, r) => {
        await cancelAppointment(ctx.deps, ctx.actor, r.appointmentId, ctx.req.ip);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, AppointmentResource>({
      method: 'GET',
      url: '/api/v1/appointments/:id/proposals',
      summary: 'Proposed new times for an appointment (organiser and invitees)',
      tags: TAGS,
      action: 'guidance.appointment.move',
      params: s.idParams,
      resource: appointmentResource,
      handler: async (ctx, r) => ({ items: await listProposals(ctx.deps, r.appointmentId), nextCursor: null }),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.proposeBody>, AppointmentResource>({
      method: 'POST',
      url: '/api/v1/appointments/:id/proposals',
      summary: 'Either side proposes a new time for an appointment or conversation; the other side is notified',
      tags: TAGS,
      action: 'guidance.appointment.move',
      params: s.idParams,
      body: s.proposeBody,
      resource: appointmentResource,
      status: 201,
      handler: (ctx, r) => proposeTime(ctx.deps, ctx.actor, r.appointmentId, ctx.body),
    }),
    defineRoute<{ id: string; proposalId: string }, unknown, z.infer<typeof s.decideBody>, AppointmentResource>({
      method: 'POST',
      url: '/api/v1/appointments/:id/proposals/:proposalId/decision',
      summary: 'The other side accepts (the appointment moves: same calendar UID, higher SEQUENCE; everyone is notified) or declines',
      tags: TAGS,
      action: 'guidance.appointment.move',
      params: s.proposalParams,
      body: s.decideBody,
      resource: (ctx) => loadAppointmentResource(ctx.deps, ctx.actor, ctx.params.id),
      status: 204,
      handler: async (ctx, r) => {
        await decideProposal(ctx.deps, ctx.actor, r.appointmentId, ctx.params.proposalId, ctx.body.decision, ctx.req.ip);
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, AppointmentResource>({
      method: 'POST',
      url: '/api/v1/appointments/:id/confirm',
      summary: 'The praktijkopleider confirms an internship visit of their current intern',
      tags: TAGS,
      action: 'guidance.visit.confirm',
      params: s.idParams,
      resource: appointmentResource,
      status: 204,
      handler: async (ctx, r) => {
        await confirmVisit(ctx.deps, ctx.actor, r.appointmentId);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/calendar/token',
      summary: 'Whether the signed-in person has an active calendar feed address',
      tags: TAGS,
      action: 'guidance.own',
      handler: (ctx) => calendarTokenStatus(ctx.deps, ctx.actor.userId),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/calendar/token',
      summary: 'A new secret address of the calendar feed (shown once); the old one stops working',
      tags: TAGS,
      action: 'guidance.own',
      status: 201,
      handler: (ctx) => createCalendarToken(ctx.deps, ctx.actor, ctx.req.ip),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/calendar/token',
      summary: 'Revoke the calendar feed address: it answers 404 from now on',
      tags: TAGS,
      action: 'guidance.own',
      status: 204,
      handler: async (ctx) => {
        await revokeCalendarToken(ctx.deps, ctx.actor, ctx.req.ip);
      },
    }),
    defineRoute<{ file: string }, unknown, unknown>({
      method: 'GET',
      url: '/api/v1/calendar/:file',
      summary: 'The iCalendar feed (RFC 5545) at a secret address: /api/v1/calendar/{token}.ics; public by token, 404 once revoked',
      tags: TAGS,
      action: 'public',
      raw: true,
      handler: async (ctx) => {
        const file = ctx.params.file ?? '';
        const token = /^[A-Za-z0-9_-]{20,64}\.ics$/.test(file) ? file.slice(0, -4) : null;
        const body = token ? await calendarFeed(ctx.deps, token) : null;
        if (!body) throw notFound();
        ctx.reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .header('referrer-policy', 'no-referrer')
          .send(body);
      },
    }),
  ];
}

function feedRoutes(): RouteDef[] {
  type Post = GroupMembership & { postId: string };
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/me/groups',
      summary: 'The groups whose closed feed the signed-in person may read, with unread counts',
      tags: TAGS,
      action: 'guidance.own',
      handler: async (ctx) => ({ items: await listMyGroups(ctx.deps, ctx.actor.userId), nextCursor: null }),
    }),
    defineRoute<{ id: string }, unknown, unknown, GroupMembership>({
      method: 'GET',
      url: '/api/v1/groups/:id/feed',
      summary: "A group's closed feed: for its students, its mentors and the docenten of its team",
      tags: TAGS,
      action: 'guidance.feed.read',
      params: s.idParams,
      resource: groupMembership,
      handler: (ctx, g) => readFeed(ctx.deps, ctx.actor, g),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.feedPostBody>, GroupMembership>({
      method: 'POST',
      url: '/api/v1/groups/:id/feed',
      summary: 'Post or reply in the group feed',
      tags: TAGS,
      action: 'guidance.feed.post',
      params: s.idParams,
      body: s.feedPostBody,
      resource: groupMembership,
      status: 201,
      handler: (ctx, g) => createPost(ctx.deps, ctx.actor, g, ctx.body),
    }),
    defineRoute<{ id: string }, unknown, unknown, GroupMembership>({
      method: 'POST',
      url: '/api/v1/groups/:id/feed/attachments',
      summary: 'Post or reply with photos or PDFs (multipart: body, parentId, up to four "file" parts); the content decides the type, a refused file stores nothing',
      tags: TAGS,
      action: 'guidance.feed.post',
      params: s.idParams,
      resource: groupMembership,
      status: 201,
      handler: async (ctx, g) => createPost(ctx.deps, ctx.actor, g, await readPostUpload(ctx.req)),
    }),
    defineRoute<{ id: string }, unknown, unknown, AttachmentResource>({
      method: 'GET',
      url: '/api/v1/feed/attachments/:id',
      summary: 'An attachment of a post, for those who may read the post only',
      tags: TAGS,
      action: 'guidance.feed.attachment.read',
      params: s.idParams,
      resource: attachmentResource,
      raw: true,
      handler: async (ctx, r) => {
        const file = await loadAttachmentFile(ctx.deps, r.attachmentId);
        // Photos show inline in the feed, a PDF downloads. Never sniffed, never cached by others.
        const inline = file.mediaType.startsWith('image/');
        return ctx.reply
          .status(200)
          .header('content-type', file.mediaType)
          .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.filename))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(file.content);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.reactionBody>, Post>({
      method: 'POST',
      url: '/api/v1/feed/posts/:id/reactions',
      summary: 'React to a post (the same reaction again takes it back)',
      tags: TAGS,
      action: 'guidance.feed.post',
      params: s.idParams,
      body: s.reactionBody,
      resource: postResource,
      handler: (ctx, p) => toggleReaction(ctx.deps, ctx.actor, p.postId, ctx.body.reaction),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.reportBody>, Post>({
      method: 'POST',
      url: '/api/v1/feed/posts/:id/report',
      summary: 'Report a post to the mentors of the group (audited)',
      tags: TAGS,
      action: 'guidance.feed.post',
      params: s.idParams,
      body: s.reportBody,
      resource: postResource,
      status: 204,
      handler: async (ctx, p) => {
        await reportPost(ctx.deps, ctx.actor, p, p.postId, ctx.body.reason ?? '', ctx.req.ip);
      },
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.hideBody>, Post>({
      method: 'POST',
      url: '/api/v1/feed/posts/:id/hidden',
      summary: "A mentor of the group hides a post or shows it again (audited)",
      tags: TAGS,
      action: 'guidance.feed.moderate',
      params: s.idParams,
      body: s.hideBody,
      resource: postResource,
      status: 204,
      handler: async (ctx, p) => {
        await setPostHidden(ctx.deps, ctx.actor, p, p.postId, ctx.body.hidden, ctx.req.ip);
      },
    }),
  ];
}

function messageRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/messages',
      summary: "The signed-in person's message threads with unread counts",
      tags: TAGS,
      action: 'guidance.own',
      handler: (ctx) => listThreads(ctx.deps, ctx.actor.userId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/messages/contacts',
      summary: 'The people the signed-in person may write to: a student’s mentor, praktijkopleider and parents, or the students one guides',
      tags: TAGS,
      action: 'guidance.own',
      handler: async (ctx) => ({ items: await listContacts(ctx.deps, ctx.actor.userId), nextCursor: null }),
    }),
    defineRoute<{ userId: string }, unknown, unknown, ThreadResource>({
      method: 'GET',
      url: '/api/v1/messages/with/:userId',
      summary: 'The direct messages between the signed-in person and one other person (marks them read)',
      tags: TAGS,
      action: 'guidance.messages.thread',
      params: s.userParams,
      resource: threadResource,
      handler: (ctx, t) => readThread(ctx.deps, ctx.actor, t),
    }),
    defineRoute<{ userId: string }, unknown, z.infer<typeof s.messageBody>, ThreadResource>({
      method: 'POST',
      url: '/api/v1/messages/with/:userId',
      summary: 'Send a direct message (student ↔ mentor, praktijkopleider or parent)',
      tags: TAGS,
      action: 'guidance.messages.thread',
      params: s.userParams,
      body: s.messageBody,
      resource: threadResource,
      status: 201,
      handler: (ctx, t) => sendMessage(ctx.deps, ctx.actor, t, ctx.body.body),
    }),
  ];
}

function attendanceRoutes(): RouteDef[] {
  type Session = GroupMembership & { sessionId: string };
  return [
    defineRoute<{ id: string }, unknown, unknown, GroupMembership>({
      method: 'GET',
      url: '/api/v1/groups/:id/attendance/sessions',
      summary: "The attendance sessions of a group (its mentors and the docenten of its team)",
      tags: TAGS,
      action: 'guidance.attendance.read',
      params: s.idParams,
      resource: groupMembership,
      handler: (ctx, g) => listSessions(ctx.deps, g.groupId),
    }),
    defineRoute<{ id: string }, unknown, z.infer<typeof s.sessionBody>, GroupMembership>({
      method: 'POST',
      url: '/api/v1/groups/:id/attendance/sessions',
      summary: 'Start a session (lesson, LOB activity, conversation) to take attendance',
      tags: TAGS,
      action: 'guidance.attendance.record',
      params: s.idParams,
      body: s.sessionBody,
      resource: groupMembership,
      status: 201,
      handler: (ctx, g) => createSession(ctx.deps, ctx.actor, g, ctx.body),
    }),
    defineRoute<{ id: string }, unknown, unknown, Session>({
      method: 'GET',
      url: '/api/v1/attendance/sessions/:id',
      summary: 'A session with the students of its group and what was recorded',
      tags: TAGS,
      action: 'guidance.attendance.read',
      params: s.idParams,
      resource: sessionResource,
      handler: (ctx, r) => getSession(ctx.deps, r.sessionId),
    }),
    defineRoute<{ id: string; studentId: string }, unknown, z.infer<typeof s.attendanceBody>, Session>({
      method: 'PUT',
      url: '/api/v1/attendance/sessions/:id/students/:studentId',
      summary: "Record a student's attendance: present, absent with reason, absent without reason, late (never one's own)",
      tags: TAGS,
      action: 'guidance.attendance.record',
      params: s.attendanceParams,
      body: s.attendanceBody,
      resource: sessionResource,
      status: 204,
      handler: async (ctx, r) => {
        await recordAttendance(ctx.deps.db, { sessionId: r.sessionId, studentId: ctx.params.studentId, status: ctx.body.status, reason: ctx.body.reason, recordedBy: ctx.actor.userId, at: ctx.deps.clock.now() });
      },
    }),
    defineRoute<{ id: string }, unknown, unknown, StudentRelation>({
      method: 'GET',
      url: '/api/v1/students/:id/attendance',
      summary: "A student's attendance over the last weeks (student, mentor, parent while allowed; reasons not for parents)",
      tags: TAGS,
      action: 'guidance.student_record.read',
      auditRead: 'guidance.attendance.read',
      params: s.idParams,
      resource: studentRelation,
      handler: async (ctx, rel) => {
        const summary = await studentAttendanceSummary(ctx.deps, rel.studentId);
        if (rel.self || rel.mentor) return summary;
        return { ...summary, recent: summary.recent.map((r) => ({ ...r, reason: '' })) };
      },
    }),
  ];
}

function notificationRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/notifications',
      summary: 'The notification centre of the signed-in person, with unread counts',
      tags: TAGS,
      action: 'guidance.own',
      handler: (ctx) => listNotifications(ctx.deps, ctx.actor.userId, ctx.locale),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/notifications/unread',
      summary: 'Unread notifications and messages, for the badges in the header of the app (one query; polled)',
      tags: TAGS,
      action: 'guidance.own',
      handler: (ctx) => unreadCounts(ctx.deps, ctx.actor.userId),
    }),
    defineRoute<unknown, unknown, z.infer<typeof s.readNotificationsBody>>({
      method: 'POST',
      url: '/api/v1/notifications/read',
      summary: 'Mark notifications read (all when no ids are given)',
      tags: TAGS,
      action: 'guidance.own',
      body: s.readNotificationsBody,
      status: 204,
      handler: async (ctx) => {
        await markNotificationsRead(ctx.deps, ctx.actor.userId, ctx.body.ids);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/notifications/preferences',
      summary: 'Which notifications the signed-in person also gets by e-mail',
      tags: TAGS,
      action: 'guidance.own',
      handler: (ctx) => getMailPreferences(ctx.deps, ctx.actor.userId),
    }),
    defineRoute<unknown, unknown, z.infer<typeof s.preferencesBody>>({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      summary: 'Choose which notifications also come by e-mail',
      tags: TAGS,
      action: 'guidance.own',
      body: s.preferencesBody,
      handler: (ctx) => setMailPreferences(ctx.deps, ctx.actor.userId, ctx.body.kinds),
    }),
  ];
}
