import { z } from 'zod';

/** Request and response shapes of Verkennen (module explore). */
const text = (max: number) => z.string().trim().max(max);

export const INDICATORS = ['satisfaction', 'pass_rate', 'progression_hbo', 'work_in_field', 'internship_chance', 'starting_salary'] as const;
export const OUTLOOKS = ['shortage', 'balanced', 'surplus'] as const;
export const PATHWAYS = ['BOL', 'BBL', 'voltijd', 'deeltijd', 'duaal'] as const;
export const DATASETS = ['programmes', 'offerings', 'figures', 'explanations', 'occupations', 'prospects'] as const;
export type Dataset = (typeof DATASETS)[number];

/** How each indicator is measured, for display: a percentage, a score out of 10 or euros a month. */
export const INDICATOR_UNITS: Record<(typeof INDICATORS)[number], 'percent' | 'score' | 'euro'> = {
  satisfaction: 'score',
  pass_rate: 'percent',
  progression_hbo: 'percent',
  work_in_field: 'percent',
  internship_chance: 'percent',
  starting_salary: 'euro',
};

export const idParams = z.object({ id: z.uuid() });

export const searchQuery = z.object({
  q: text(100).optional(),
  kind: z.enum(['mbo', 'hbo']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().regex(/^[0-9]{1,6}$/).optional(),
});

export const occupationQuery = z.object({
  q: text(100).optional(),
  /** only the prospects of this arbeidsmarktregio (its code, e.g. AMR-13) */
  region: z.string().regex(/^AMR-[0-9]{2}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().regex(/^[0-9]{1,6}$/).optional(),
});

export const occupationDetailQuery = z.object({ region: z.string().regex(/^AMR-[0-9]{2}$/).optional() });

export const figureSchema = z.object({
  indicator: z.enum(INDICATORS),
  unit: z.enum(['percent', 'score', 'euro']),
  /** null when suppressed */
  value: z.number().nullable(),
  /** the number of students the figure is based on; null when suppressed */
  students: z.number().int().nullable(),
  suppressed: z.boolean(),
  source: z.string(),
  year: z.number().int(),
  demo: z.boolean(),
});
export type Figure = z.infer<typeof figureSchema>;

const programmeRef = z.object({ id: z.uuid(), kind: z.enum(['mbo', 'hbo']), code: z.string(), name: z.string(), level: z.number().int().nullable() });

export const programmeSummarySchema = programmeRef.extend({
  hboType: z.enum(['ad', 'bachelor']).nullable(),
  sector: z.string(),
  demo: z.boolean(),
  institutions: z.array(z.object({ id: z.uuid(), name: z.string(), pathways: z.array(z.enum(PATHWAYS)), cities: z.array(z.string()) })),
  national: z.array(figureSchema),
});

export const programmeListSchema = z.object({ items: z.array(programmeSummarySchema), nextCursor: z.string().nullable() });

export const programmeDetailSchema = programmeSummarySchema.extend({
  description: z.string(),
  perInstitution: z.array(
    z.object({
      institution: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
      pathways: z.array(z.enum(PATHWAYS)),
      cities: z.array(z.string()),
      figures: z.array(figureSchema),
      explanation: z.object({ body: z.string(), year: z.number().int() }).nullable(),
    }),
  ),
  followOns: z.array(programmeRef),
  leadsFrom: z.array(programmeRef),
  occupations: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string() })),
  minStudents: z.number().int(),
});

const prospectSchema = z.object({
  region: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  outlook: z.enum(OUTLOOKS),
  source: z.string(),
  asOf: z.string(),
  demo: z.boolean(),
});

export const occupationSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  tasks: z.array(z.string()),
  competencies: z.array(z.string()),
  isco: z.string().nullable(),
  escoUri: z.string().nullable(),
  earnings: z.object({ low: z.number().nullable(), high: z.number().nullable(), source: z.string(), year: z.number().nullable() }).nullable(),
  sector: z.string(),
  demo: z.boolean(),
  prospects: z.array(prospectSchema),
  programmes: z.array(programmeRef),
});
export const occupationListSchema = z.object({ items: z.array(occupationSchema), nextCursor: z.string().nullable() });

export const regionListSchema = z.object({ items: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })) });

// ---- import ----

/** An import: CSV text with a header row, or JSON rows with the same field names. */
export const importBody = z.union([
  z.object({ csv: z.string().min(1).max(5_000_000) }).strict(),
  z.object({ rows: z.array(z.record(z.string(), z.unknown())).min(1).max(5000) }).strict(),
]);
export const importParams = z.object({ dataset: z.enum(DATASETS) });
export const importResultSchema = z.object({
  dataset: z.enum(DATASETS),
  imported: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), field: z.string().nullable(), reason: z.string() })),
});

// ---- public activities and sign-up ----

export const PUBLIC_ACTIVITY_KINDS = ['open_day', 'job_shadowing', 'trial_lesson'] as const;

export const publicActivitySchema = z.object({
  id: z.uuid(),
  kind: z.enum(PUBLIC_ACTIVITY_KINDS),
  title: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  institution: z.object({ id: z.uuid(), name: z.string() }),
  /** whether places are left (never how many people signed up) */
  full: z.boolean(),
});
export const publicActivityListSchema = z.object({ items: z.array(publicActivitySchema), nextCursor: z.string().nullable() });
export const publicActivityQuery = z.object({ kind: z.enum(PUBLIC_ACTIVITY_KINDS).optional() });

export const publicSignupBody = z.object({
  email: z.email().max(254),
  name: text(120).min(1),
});
export const publicSignupAnswer = z.object({ status: z.literal('check_your_mail') });
export const confirmBody = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });
export const confirmAnswer = z.object({
  status: z.enum(['confirmed', 'full']),
  activity: z.object({ title: z.string(), startsAt: z.string(), location: z.string() }),
});

// ---- inside the portfolio ----

export const entryLinkBody = z
  .object({ programmeId: z.uuid().optional(), occupationId: z.uuid().optional() })
  .refine((v) => (v.programmeId ? 1 : 0) + (v.occupationId ? 1 : 0) === 1, { message: 'Kies een opleiding of een beroep.', path: ['occupationId'] });
export const entryLinkSchema = z.object({
  entryId: z.uuid(),
  programme: programmeRef.nullable(),
  occupation: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
});
export const entryParams = z.object({ entryId: z.uuid() });
export const studentParams = z.object({ id: z.uuid() });

export const viewBody = z.object({ kind: z.enum(['programme', 'occupation']), id: z.uuid() });

export const explorationSchema = z.object({
  viewed: z.array(z.object({ kind: z.enum(['programme', 'occupation']), id: z.uuid(), name: z.string(), times: z.number().int(), lastViewedAt: z.string() })),
  links: z.array(entryLinkSchema.extend({ entryTitle: z.string() })),
  buddy: z.object({ exists: z.boolean(), since: z.string().nullable() }),
});

export const suggestionSchema = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['programme', 'occupation', 'activity']),
      id: z.uuid(),
      name: z.string(),
      /** why this suggestion, in plain words: never a black box */
      because: z.string(),
    }),
  ),
  basis: z.object({ selfAssessmentAt: z.string().nullable(), scores: z.record(z.string(), z.number()).nullable() }),
});

// ---- alumni ----

export const alumnusProfileBody = z.object({
  programmeId: z.uuid().nullable(),
  occupationId: z.uuid().nullable(),
  route: text(2000),
  workNow: text(2000),
  tips: text(2000),
  contactAllowed: z.boolean(),
  buddy: z.boolean(),
  consent: z.literal(true, { message: 'Geef toestemming om je verhaal te tonen.' }),
});
export const alumnusSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  programme: programmeRef.nullable(),
  occupation: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
  route: z.string(),
  workNow: z.string(),
  tips: z.string(),
  contactAllowed: z.boolean(),
  buddy: z.boolean(),
});
export const alumnusListSchema = z.object({ items: z.array(alumnusSchema), nextCursor: z.string().nullable() });
export const alumniQuery = z.object({ programmeId: z.uuid().optional(), occupationId: z.uuid().optional() });
export const ownAlumnusSchema = alumnusSchema.extend({ consentAt: z.string(), consentText: z.string() }).nullable();
export const questionBody = z.object({ body: text(4000).min(1) });
export const questionAnswer = z.object({ messageId: z.uuid(), threadUrl: z.string() });
export const buddyAnswer = z.object({
  buddy: z.object({ id: z.uuid(), displayName: z.string(), reason: z.string() }).nullable(),
});

export const publicSignupListSchema = z.object({
  items: z.array(z.object({ name: z.string(), email: z.string(), confirmedAt: z.string() })),
  nextCursor: z.string().nullable(),
});
