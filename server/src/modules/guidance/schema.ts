import { z } from 'zod';
import { NOTIFICATION_KINDS } from './notifications.js';

/** Request shapes of the guidance (begeleiding) API. */
const text = (max: number) => z.string().trim().max(max);
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

export const idParams = z.object({ id: z.uuid() });
export const coachParams = z.object({ id: z.uuid(), userId: z.uuid() });
export const proposalParams = z.object({ id: z.uuid(), proposalId: z.uuid() });
export const proposeBody = z
  .object({ startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }).optional() })
  .refine((v) => !v.endsAt || new Date(v.endsAt) > new Date(v.startsAt), { path: ['endsAt'], message: 'Het einde ligt voor het begin.' });
export const decideBody = z.object({ decision: z.enum(['accept', 'decline']) });
export const userParams = z.object({ userId: z.uuid() });

export const caseloadQuery = z.object({
  // lob_behind comes from the programme module through registerCaseloadSignals
  signal: z.enum(['no_entry', 'no_conversation', 'overdue_agreements', 'unanswered_feedback', 'absence', 'lob_behind']).optional(),
  group: text(40).optional(),
  sort: z.enum(['signals', 'name', 'group', 'last_conversation']).optional(),
});

export const planConversationBody = z.object({
  studentId: z.uuid(),
  plannedAt: isoDateTime,
  location: text(200).optional(),
});

const stepTexts = z.object({
  terugkijken: text(5000).optional(),
  reflecteren: text(5000).optional(),
  vooruitkijken: text(5000).optional(),
});

export const preparationBody = z.object({
  answers: stepTexts.default({}),
  entryIds: z.array(z.uuid()).max(10).default([]),
});

export const recordConversationBody = z.object({
  steps: stepTexts.optional(),
  held: z.boolean().optional(),
  heldOn: isoDate.optional(),
});

export const agreementBody = z.object({
  action: text(500).min(1),
  dueOn: isoDate.nullable(),
  owner: z.enum(['student', 'mentor']).default('student'),
});

export const noteBody = z.object({
  body: text(4000).min(1),
  visibility: z.enum(['shared', 'private']),
});

export const agendaQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const appointmentBody = z.object({
  kind: z.enum(['internship_visit', 'lob_activity', 'other']),
  title: text(200).min(1),
  location: text(200).default(''),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  studentId: z.uuid().nullable().optional(),
  inviteeIds: z.array(z.uuid()).max(60).default([]),
});

export const responseBody = z.object({ response: z.enum(['accepted', 'declined']) });

export const feedPostBody = z.object({ body: text(4000).min(1), parentId: z.uuid().nullable().optional() });
export const reactionBody = z.object({ reaction: z.enum(['like', 'heart', 'clap']) });
export const reportBody = z.object({ reason: text(500).default('') });
export const hideBody = z.object({ hidden: z.boolean() });

export const messageBody = z.object({ body: text(4000).min(1) });

export const sessionBody = z.object({
  kind: z.enum(['lesson', 'lob_activity', 'conversation']),
  title: text(200).min(1),
  heldOn: isoDate.optional(),
});
export const attendanceParams = z.object({ id: z.uuid(), studentId: z.uuid() });
export const attendanceBody = z.object({
  status: z.enum(['present', 'absent_excused', 'absent_unexcused', 'late']),
  reason: text(300).optional(),
});

export const readNotificationsBody = z.object({ ids: z.array(z.uuid()).max(200).optional() });
export const preferencesBody = z.object({ kinds: z.array(z.enum(NOTIFICATION_KINDS)).max(20) });

export const calendarParams = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) });
