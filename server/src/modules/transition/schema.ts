import { z } from 'zod';
import { INSTITUTION_TYPES, PROGRAMME_KINDS, VO_PATHS } from '../org/tables.js';
import { INTAKE_OUTCOMES, TRANSFER_STATUSES, TRANSITION_STATUSES } from './tables.js';

/** Request and response shapes of the transition (overstap) API. */
const text = (max: number) => z.string().trim().max(max);

export const idParams = z.object({ id: z.uuid() });

// ---- institutions -------------------------------------------------------------------------

export const institutionSearchQuery = z.object({
  q: text(100).optional(),
  type: z.enum(INSTITUTION_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(300).optional(),
});

const region = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const institutionView = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(INSTITUTION_TYPES),
  brin: z.string().nullable(),
  region: region.nullable(),
});
export const institutionList = z.object({ items: z.array(institutionView), nextCursor: z.string().nullable() });

export const programmeView = z.object({
  id: z.string(),
  institutionId: z.string(),
  kind: z.enum(PROGRAMME_KINDS),
  name: z.string(),
  crebo: z.string().nullable(),
  level: z.number().nullable(),
  pathway: z.enum(['BOL', 'BBL']).nullable(),
  voPath: z.enum(VO_PATHS).nullable(),
  voYear: z.number().nullable(),
  croho: z.string().nullable(),
});
export const programmeList = z.object({ items: z.array(programmeView), nextCursor: z.null() });

// ---- transfers ----------------------------------------------------------------------------

export const createTransferBody = z
  .object({
    studentId: z.uuid(),
    toInstitutionId: z.uuid().optional(),
    programmeId: z.uuid().optional(),
    /** mbo → work: no receiving institution, an employer or sector instead */
    destination: z.enum(['school', 'work']).default('school'),
    employer: text(200).default(''),
  })
  .refine((b) => b.destination === 'work' || b.toInstitutionId, { path: ['toInstitutionId'], message: 'Kies de school waar de overstap naartoe gaat. / Choose the receiving school.' });

/** The pupil writes choice, motivation and picks; the school writes advice, support and contact. */
export const STUDENT_FIELDS = ['choice', 'motivation', 'highlightEntryIds', 'includeCv', 'alumniContactConsent'] as const;
export const SCHOOL_FIELDS = ['lobActivities', 'advice', 'supportNeeds', 'supportLegalBasis', 'contactName', 'contactEmail', 'contactPhone', 'programmeId', 'employer'] as const;

export const updateTransferBody = z
  .object({
    choice: text(500),
    motivation: text(4000),
    highlightEntryIds: z.array(z.uuid()).max(20).refine((v) => new Set(v).size === v.length, 'Kies elke ervaring één keer. / Pick each entry once.'),
    includeCv: z.boolean(),
    alumniContactConsent: z.boolean(),
    lobActivities: text(4000),
    advice: text(4000),
    supportNeeds: text(4000),
    /** the law that allows passing support needs on without consent; null when there is none */
    supportLegalBasis: text(300).min(1).nullable(),
    contactName: text(200),
    contactEmail: z.union([z.literal(''), z.email().max(200)]),
    contactPhone: text(40),
    programmeId: z.uuid().nullable(),
    employer: text(200),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Er is niets om te wijzigen. / Nothing to change.');
export type UpdateTransferInput = z.infer<typeof updateTransferBody>;

export const consentBody = z.object({
  /** the consent also covers passing on support needs and arrangements */
  includeSupport: z.boolean().default(false),
});

export const listTransfersQuery = z.object({
  direction: z.enum(['incoming', 'outgoing']),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(300).optional(),
});

const carriedEntry = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  occurredOn: z.string(),
  place: z.string().nullable(),
  competencies: z.array(z.string()),
  reflection: z.object({ orientatie: z.string(), mening: z.string(), reflectie: z.string() }),
  highlight: z.boolean(),
});

const formSchool = z.object({ name: z.string(), brin: z.string().nullable(), type: z.enum(INSTITUTION_TYPES) });
const formProgramme = z.object({
  name: z.string(),
  kind: z.enum(PROGRAMME_KINDS),
  crebo: z.string().nullable(),
  level: z.number().nullable(),
  pathway: z.enum(['BOL', 'BBL']).nullable(),
  voPath: z.enum(VO_PATHS).nullable(),
  voYear: z.number().nullable(),
  croho: z.string().nullable(),
});

/**
 * The transfer form as it is sent: the standard format, the same for every sending school,
 * also the JSON export and import format (docs/overstapformulier.md).
 */
export const sentForm = z.object({
  format: z.literal('koers-overstap/1'),
  student: z.object({ givenName: z.string(), familyName: z.string(), birthDate: z.string().nullable() }),
  from: formSchool,
  currentProgramme: formProgramme.nullable(),
  destination: z.enum(['school', 'work']),
  to: formSchool.nullable(),
  programme: formProgramme.nullable(),
  employer: z.string(),
  choice: z.string(),
  motivation: z.string(),
  lobActivities: z.string(),
  advice: z.string(),
  /** null when neither consent nor a legal basis allows passing them on */
  supportNeeds: z.string().nullable(),
  supportBasis: z.enum(['consent', 'law']).nullable(),
  supportLegalBasis: z.string().nullable(),
  contact: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
  entries: z.array(carriedEntry),
  cv: z
    .object({
      name: z.string(),
      education: z.array(z.object({ school: z.string(), programme: z.string().nullable() })),
      experience: z.array(z.object({ kind: z.string(), title: z.string(), occurredOn: z.string(), place: z.string().nullable() })),
      competencies: z.array(z.string()),
    })
    .nullable(),
  alumniContactConsent: z.boolean(),
  consents: z.array(z.object({ role: z.enum(['student', 'parent']), givenAt: z.string(), includeSupport: z.boolean() })),
  sentAt: z.string().nullable(),
});
export type SentForm = z.infer<typeof sentForm>;

const intakeView = z.object({
  plannedAt: z.string(),
  heldAt: z.string().nullable(),
  intaker: z.string().nullable(),
  /** the conversation itself: for the pupil and the receiving school, not the sending school */
  motivation: z.string().nullable(),
  expectations: z.string().nullable(),
  supportNeeded: z.string().nullable(),
  firstAgreements: z.string().nullable(),
  outcome: z.enum(INTAKE_OUTCOMES).nullable(),
  feedback: z.string(),
  feedbackAt: z.string().nullable(),
});

export const statusView = z.object({
  id: z.string(),
  status: z.enum(TRANSITION_STATUSES),
  reason: z.string(),
  occurredOn: z.string(),
  institution: z.string().nullable(),
});

const draftForm = z.object({
  choice: z.string(),
  motivation: z.string(),
  highlightEntryIds: z.array(z.string()),
  includeCv: z.boolean(),
  alumniContactConsent: z.boolean(),
  lobActivities: z.string(),
  advice: z.string(),
  supportNeeds: z.string(),
  supportLegalBasis: z.string().nullable(),
  contactName: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  employer: z.string(),
});

export const transferView = z.object({
  id: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  destination: z.enum(['school', 'work']),
  student: z.object({ id: z.string(), displayName: z.string(), age: z.number().nullable() }),
  from: institutionView,
  to: institutionView.nullable(),
  programme: programmeView.nullable(),
  /** what the reader may do, so the pages show only working buttons */
  viewer: z.object({
    role: z.enum(['student', 'parent', 'sender', 'receiver']),
    canEdit: z.boolean(),
    canConsent: z.boolean(),
    canSend: z.boolean(),
    canAccept: z.boolean(),
    canIntake: z.boolean(),
  }),
  formVersion: z.number(),
  /** the editable form: only for the pupil, the parents and the sending school, while a draft */
  form: draftForm.nullable(),
  consent: z.object({
    required: z.array(z.enum(['student', 'parent'])),
    given: z.array(z.object({ role: z.enum(['student', 'parent']), displayName: z.string(), givenAt: z.string(), includeSupport: z.boolean(), current: z.boolean() })),
    complete: z.boolean(),
  }),
  /** what will be sent now (draft), for the pupil, parents and sending school */
  preview: sentForm.nullable(),
  /** exactly what was sent */
  sent: sentForm.nullable(),
  /** the portfolio entries the pupil shared with next_school, to pick highlights from (draft, pupil only) */
  shareableEntries: z.array(z.object({ id: z.string(), title: z.string(), occurredOn: z.string() })).nullable(),
  intake: intakeView.nullable(),
  statuses: z.array(statusView),
  imported: z.boolean(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
});
export type TransferView = z.infer<typeof transferView>;

export const transferSummary = z.object({
  id: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  destination: z.enum(['school', 'work']),
  student: z.object({ id: z.string(), displayName: z.string() }),
  from: z.object({ id: z.string(), name: z.string() }),
  to: z.object({ id: z.string(), name: z.string() }).nullable(),
  programme: z.string().nullable(),
  employer: z.string(),
  consentComplete: z.boolean(),
  outcome: z.enum(INTAKE_OUTCOMES).nullable(),
  latestStatus: z.enum(TRANSITION_STATUSES).nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const transferList = z.object({ items: z.array(transferSummary), nextCursor: z.string().nullable() });

export const planIntakeBody = z.object({ plannedAt: z.iso.datetime({ offset: true }) });

export const recordIntakeBody = z
  .object({
    motivation: text(4000),
    expectations: text(4000),
    supportNeeded: text(4000),
    firstAgreements: text(4000),
    held: z.boolean(),
    outcome: z.enum(INTAKE_OUTCOMES).nullable(),
    /** the message back to the sending school (terugkoppeling) */
    feedback: text(2000),
    /** start of the enrolment when placed; default 1 August of the coming school year */
    startsOn: z.iso.date(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'Er is niets om te wijzigen. / Nothing to change.');

export const recordStatusBody = z.object({
  status: z.enum(TRANSITION_STATUSES),
  occurredOn: z.iso.date(),
  reason: text(1000).default(''),
}).refine((b) => b.status !== 'gestopt' || b.reason.length > 0, { path: ['reason'], message: 'Geef een reden bij gestopt. / Give a reason for stopping.' });

export const handoverQuery = z.object({
  institutionId: z.uuid().optional(),
  /** school year by its first calendar year, e.g. 2026 for 2026–2027; default: the current one */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const handoverView = z.object({
  institution: z.object({ id: z.string(), name: z.string() }),
  schoolYear: z.string(),
  leavers: z.number(),
  sent: z.number(),
  placed: z.number(),
  started: z.number(),
  /** share of leavers who started at their next school or work, 0–100; null without leavers */
  warmHandoverRate: z.number().nullable(),
  items: z.array(
    z.object({
      transferId: z.string(),
      student: z.object({ id: z.string(), displayName: z.string() }),
      destination: z.string(),
      transferStatus: z.enum(TRANSFER_STATUSES),
      latestStatus: z.enum(TRANSITION_STATUSES).nullable(),
      started: z.boolean(),
    }),
  ),
});

export const importBody = z.object({ form: sentForm, studentEmail: z.email().optional() });
