import { z } from 'zod';
import { ACTION_KINDS, MEETING_KINDS, OUTCOMES, PLACE_STATUSES, REASONS, SERVICE_KINDS } from './tables.js';

/** Request and response shapes of the regional (sluitende aanpak) API. */
const text = (max: number) => z.string().trim().max(max);

export const idParams = z.object({ id: z.uuid() });

export const youthListQuery = z.object({
  status: z.enum(PLACE_STATUSES).optional(),
  /** age band, whole years today */
  ageMin: z.coerce.number().int().min(0).max(30).optional(),
  ageMax: z.coerce.number().int().min(0).max(30).optional(),
  gemeente: text(100).min(1).optional(),
  reason: z.enum(REASONS).optional(),
  /** at least this many days in the current status */
  minDays: z.coerce.number().int().min(0).max(10000).optional(),
  /** 'none': only young people whose case has no owner; 'me': whose case I own */
  owner: z.enum(['none', 'me']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type YouthListQuery = z.infer<typeof youthListQuery>;

const person = z.object({ id: z.uuid(), displayName: z.string() });

export const youthListItem = z.object({
  id: z.uuid(),
  name: z.string(),
  age: z.number().int(),
  birthDate: z.iso.date(),
  gemeente: z.string(),
  status: z.enum(PLACE_STATUSES),
  since: z.iso.date(),
  daysInStatus: z.number().int(),
  reason: z.enum(REASONS).nullable(),
  lastSchool: z.string().nullable(),
  lastProgramme: z.string().nullable(),
  caseId: z.uuid().nullable(),
  caseOwner: person.nullable(),
  followUpOn: z.iso.date().nullable(),
  /** the follow-up date passed without activity since */
  overdue: z.boolean(),
  legalBasis: z.enum(['leerplicht', 'rmc', 'consent']).nullable(),
});
export const youthListResponse = z.object({ items: z.array(youthListItem), nextCursor: z.string().nullable() });

export const caseOwnerBody = z.object({ userId: z.uuid() });
export const caseOwnerResponse = z.object({ youthId: z.uuid(), caseId: z.uuid(), caseOwner: person });

export const actionBody = z.object({
  kind: z.enum(ACTION_KINDS),
  body: text(4000).min(1),
  followUpOn: z.iso.date().nullable().optional(),
  /** a service of the sociale kaart the action refers to */
  serviceId: z.uuid().nullable().optional(),
});

export const closeBody = z.object({
  outcome: z.enum(OUTCOMES),
  note: text(4000).default(''),
  /** the date the new place started (default today) */
  since: z.iso.date().optional(),
});

const action = z.object({
  id: z.uuid(),
  kind: z.enum(ACTION_KINDS),
  body: z.string(),
  followUpOn: z.iso.date().nullable(),
  createdBy: person.nullable(),
  createdAt: z.string(),
  meetingId: z.uuid().nullable(),
  service: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

export const caseView = z.object({
  id: z.uuid(),
  openedAt: z.string(),
  owner: person.nullable(),
  followUpOn: z.iso.date().nullable(),
  lastActivityAt: z.string(),
  closedAt: z.string().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  owners: z.array(z.object({ owner: person.nullable(), assignedBy: person.nullable(), assignedAt: z.string(), endedAt: z.string().nullable() })),
  actions: z.array(action),
});

export const youthDetail = youthListItem.extend({
  placements: z.array(
    z.object({
      status: z.enum(PLACE_STATUSES),
      since: z.iso.date(),
      reason: z.enum(REASONS).nullable(),
      institutionName: z.string().nullable(),
      programme: z.string().nullable(),
      level: z.number().int().nullable(),
      source: z.string(),
    }),
  ),
  openCase: caseView.nullable(),
  closedCases: z.array(caseView),
  /** only during a running meeting, for a participant without a legal basis of their own */
  access: z.enum(['legal_basis', 'meeting']),
  hasAccount: z.boolean(),
  consent: z.boolean(),
});

export const candidatesResponse = z.object({ items: z.array(person.extend({ role: z.string() })), nextCursor: z.null() });

export const importQuery = z.object({ kind: z.enum(['school_leavers', 'municipal']) });
export const importResponse = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});

export const legalBasesResponse = z.object({
  items: z.array(z.object({ role: z.string(), basis: z.string(), minAge: z.number().int(), maxAge: z.number().int(), requiresConsent: z.boolean(), law: z.string() })),
  nextCursor: z.null(),
});

export const signalsResponse = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['follow_up_overdue', 'no_owner']),
      youthId: z.uuid(),
      name: z.string(),
      caseId: z.uuid().nullable(),
      owner: person.nullable(),
      followUpOn: z.iso.date().nullable(),
      since: z.iso.date(),
      daysOverdue: z.number().int(),
    }),
  ),
  nextCursor: z.null(),
});

export const ownRecordResponse = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      status: z.enum(PLACE_STATUSES),
      since: z.iso.date(),
      gemeente: z.string(),
      caseOwner: person.nullable(),
      reads: z.array(z.object({ at: z.string(), actor: person.nullable(), action: z.string() })),
    }),
  ),
  nextCursor: z.null(),
});

export const meetingKind = z.enum(MEETING_KINDS);

export const meetingBody = z.object({
  kind: meetingKind,
  title: text(200).min(1),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  participantIds: z.array(z.uuid()).max(50).default([]),
  youthIds: z.array(z.uuid()).max(100).default([]),
});

export const meetingListResponse = z.object({
  items: z.array(z.object({ id: z.uuid(), kind: meetingKind, title: z.string(), startsAt: z.string(), endsAt: z.string(), running: z.boolean(), participants: z.number().int(), agendaItems: z.number().int() })),
  nextCursor: z.null(),
});

export const meetingView = z.object({
  id: z.uuid(),
  kind: meetingKind,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  running: z.boolean(),
  participants: z.array(person),
  agenda: z.array(z.object({ itemId: z.uuid(), youthId: z.uuid(), name: z.string(), decision: z.string() })),
  hiddenItems: z.number().int(),
});

export const decisionParams = z.object({ id: z.uuid(), youthId: z.uuid() });
export const decisionBody = z.object({
  decision: text(4000).min(1),
  action: z.object({ kind: z.enum(ACTION_KINDS), body: text(4000).min(1), followUpOn: z.iso.date().nullable().optional() }).optional(),
});

export const dropoutQuery = z.object({
  by: z.enum(['institution', 'programme', 'level', 'month', 'reason']).default('programme'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
const dropoutCell = z.object({
  value: z.string(),
  n: z.number().int().nullable(),
  placed3m: z.number().int().nullable(),
  known3m: z.number().int().nullable(),
  pct3m: z.number().nullable(),
  placed6m: z.number().int().nullable(),
  known6m: z.number().int().nullable(),
  pct6m: z.number().nullable(),
  suppressed: z.boolean(),
});
export const dropoutResponse = z.object({
  by: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  minCell: z.number().int(),
  total: dropoutCell.nullable(),
  items: z.array(dropoutCell),
});

const age = z.number().int().min(0).max(99).nullable();
export const serviceBody = z
  .object({
    name: text(200).min(1),
    kind: z.enum(SERVICE_KINDS),
    description: text(4000).default(''),
    audience: text(1000).default(''),
    minAge: age.default(null),
    maxAge: age.default(null),
    eligibility: text(4000).default(''),
    contact: text(1000).default(''),
    url: z.url({ protocol: /^https?$/ }).max(500).nullable().default(null),
  })
  .refine((s) => s.minAge === null || s.maxAge === null || s.minAge <= s.maxAge, { path: ['maxAge'], message: 'De hoogste leeftijd moet minstens de laagste zijn / maxAge must be at least minAge.' });
export const serviceUpdateBody = z
  .object({
    name: text(200).min(1),
    kind: z.enum(SERVICE_KINDS),
    description: text(4000),
    audience: text(1000),
    minAge: age,
    maxAge: age,
    eligibility: text(4000),
    contact: text(1000),
    url: z.url({ protocol: /^https?$/ }).max(500).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Er is niets om te wijzigen / nothing to change.');
export const servicesQuery = z.object({
  q: text(100).optional(),
  kind: z.enum(SERVICE_KINDS).optional(),
  age: z.coerce.number().int().min(0).max(99).optional(),
});
export const serviceView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(SERVICE_KINDS),
  description: z.string(),
  audience: z.string(),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  eligibility: z.string(),
  contact: z.string(),
  url: z.string().nullable(),
  region: z.string(),
  updatedAt: z.string(),
});
export const servicesResponse = z.object({ items: z.array(serviceView), nextCursor: z.null() });
