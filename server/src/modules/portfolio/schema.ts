import { z } from 'zod';

/** Request and response shapes of the LOBbook (portfolio) API. */

export const COMPETENCES = ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'] as const;
export type Competence = (typeof COMPETENCES)[number];

export const ENTRY_KINDS = ['bpv', 'school', 'lob_activity', 'work', 'volunteering', 'life'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const SHARING_TARGETS = ['mentor', 'group', 'praktijkopleider', 'parents', 'next_school'] as const;
export type SharingTarget = (typeof SHARING_TARGETS)[number];

export const ENTRY_STATUSES = ['draft', 'published'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const MILESTONE_KINDS = ['opleiding_start', 'internship', 'choice', 'next_step', 'other'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const NETWORK_STEPS = ['mapped', 'asked', 'active'] as const;
export type NetworkStep = (typeof NETWORK_STEPS)[number];

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const unique = <T>(items: T[]) => new Set(items).size === items.length;

export const idParams = z.object({ id: z.uuid() });

const reflection = z.object({
  orientatie: text(5000).default(''),
  mening: text(5000).default(''),
  reflectie: text(5000).default(''),
});

const entryFields = {
  kind: z.enum(ENTRY_KINDS),
  title: text(200).min(1),
  occurredOn: isoDate,
  place: text(200).nullable().optional(),
  competencies: z.array(z.enum(COMPETENCES)).max(5).refine(unique, 'Noem elke competentie één keer.'),
  reflection,
  sharing: z.array(z.enum(SHARING_TARGETS)).max(5).refine(unique, 'Noem elke lezer één keer.'),
  status: z.enum(ENTRY_STATUSES),
  /** the LOB activity this entry is the student's reflection on */
  activityId: z.uuid().nullable(),
};

/**
 * A new entry. Without a status it is published (the contract's form); the web form saves
 * drafts while the student types. A published entry names at least one competence.
 */
export const createEntryBody = z
  .object({
    ...entryFields,
    competencies: entryFields.competencies.default([]),
    reflection: reflection.default({ orientatie: '', mening: '', reflectie: '' }),
    sharing: entryFields.sharing.default([]),
    status: entryFields.status.default('published'),
    activityId: entryFields.activityId.default(null),
  })
  .superRefine((v, ctx) => requireCompetenceWhenPublished(v, ctx));

export const updateEntryBody = z
  .object({
    kind: entryFields.kind.optional(),
    title: entryFields.title.optional(),
    occurredOn: isoDate.optional(),
    place: entryFields.place,
    competencies: entryFields.competencies.optional(),
    reflection: reflection.partial().optional(),
    sharing: entryFields.sharing.optional(),
    status: entryFields.status.optional(),
    activityId: entryFields.activityId.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Er is niets om te wijzigen.');

function requireCompetenceWhenPublished(v: { status: EntryStatus; competencies: Competence[] }, ctx: z.RefinementCtx) {
  if (v.status === 'published' && v.competencies.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['competencies'], message: 'Kies minstens één loopbaancompetentie.' });
  }
}

export type CreateEntryInput = z.infer<typeof createEntryBody>;
export type UpdateEntryInput = z.infer<typeof updateEntryBody>;

export const listEntriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  competence: z.enum(COMPETENCES).optional(),
});

export const feedbackBody = z.object({ body: text(4000).min(1) });

const score = z.number().int().min(1).max(5);
export const selfAssessmentBody = z.object({
  scores: z.object({
    kwaliteiten: score,
    motieven: score,
    werkexploratie: score,
    loopbaansturing: score,
    netwerken: score,
  }),
});
export type Scores = z.infer<typeof selfAssessmentBody>['scores'];

export const goalBody = z.object({ title: text(200).min(1) });

export const actionBody = z.object({ description: text(500).min(1), dueOn: isoDate.nullable().optional() });
export const updateActionBody = z
  .object({ description: text(500).min(1).optional(), dueOn: isoDate.nullable().optional(), status: z.enum(['open', 'done']).optional() })
  .refine((v) => Object.keys(v).length > 0, 'Er is niets om te wijzigen.');

export const contactBody = z.object({
  name: text(120).min(1),
  relation: text(120).default(''),
  organisation: text(200).default(''),
  canHelpWith: text(1000).default(''),
  lastContactOn: isoDate.nullable().optional(),
  step: z.enum(NETWORK_STEPS).default('mapped'),
});
export const updateContactBody = z
  .object({
    name: text(120).min(1).optional(),
    relation: text(120).optional(),
    organisation: text(200).optional(),
    canHelpWith: text(1000).optional(),
    lastContactOn: isoDate.nullable().optional(),
    step: z.enum(NETWORK_STEPS).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Er is niets om te wijzigen.');

export const milestoneBody = z.object({
  kind: z.enum(MILESTONE_KINDS),
  title: text(200).min(1),
  occurredOn: isoDate,
  note: text(1000).default(''),
});

/** What a reader gets for one entry. `sharing` and unread counts only go to the owner. */
export interface EntryView {
  id: string;
  studentId: string;
  kind: EntryKind;
  title: string;
  occurredOn: string;
  place: string | null;
  competencies: Competence[];
  reflection: { orientatie: string; mening: string; reflectie: string };
  sharing?: SharingTarget[];
  status: EntryStatus;
  /** the LOB activity this entry reflects on */
  activityId: string | null;
  createdAt: string;
  updatedAt: string;
  feedbackCount: number;
  unreadFeedback?: number;
  evidence: { id: string; filename: string; mediaType: string; sizeBytes: number }[];
}
