import { z } from 'zod';
import { COMPETENCES } from '../portfolio/schema.js';

/** Request and response shapes of the LOB programme API (activities, programme, status, results). */

export const ACTIVITY_KINDS = [
  'open_day',
  'job_shadowing',
  'trial_lesson',
  'guest_lesson',
  'company_visit',
  'alumni_talk',
  'real_life_assignment',
  'workshop',
  'career_conversation',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Activities that bring the student close to real work (werkplekgericht). */
export const WORKPLACE_KINDS: ActivityKind[] = ['job_shadowing', 'guest_lesson', 'company_visit', 'alumni_talk', 'real_life_assignment'];

/** The four dimensions of burgerschap (Loopbaan en burgerschap in het mbo, par. 3). */
export const DIMENSIONS = ['politiek_juridisch', 'economisch', 'sociaal_maatschappelijk', 'vitaal'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const COMPONENT_KINDS = ['conversation', 'activity', 'entries', 'exercise'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

const text = (max: number) => z.string().trim().max(max);
const unique = <T>(items: T[]) => new Set(items).size === items.length;

export const idParams = z.object({ id: z.uuid() });

export const listActivitiesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  /** include activities that already ended */
  past: z.enum(['0', '1']).default('0'),
});

export const createActivityBody = z
  .object({
    kind: z.enum(ACTIVITY_KINDS),
    title: text(200).min(1),
    description: text(5000).default(''),
    competencies: z.array(z.enum(COMPETENCES)).max(5).refine(unique, 'Noem elke competentie één keer.').default([]),
    /** the burgerschap dimensions the activity addresses */
    dimensions: z.array(z.enum(DIMENSIONS)).max(4).refine(unique, 'Noem elke dimensie één keer.').default([]),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    location: text(200).default(''),
    capacity: z.number().int().min(1).max(10000).nullable().default(null),
    audience: z
      .object({
        programmeIds: z.array(z.uuid()).max(100).default([]),
        levels: z.array(z.number().int().min(1).max(4)).max(4).default([]),
        cohortIds: z.array(z.uuid()).max(100).default([]),
      })
      .default({ programmeIds: [], levels: [], cohortIds: [] }),
  })
  .refine((v) => new Date(v.endsAt) >= new Date(v.startsAt), { path: ['endsAt'], message: 'Het einde ligt voor het begin.' });
export type CreateActivityInput = z.infer<typeof createActivityBody>;

export const signupBody = z.object({ waitlist: z.boolean().default(false) }).default({ waitlist: false });

export const participationBody = z.object({
  items: z
    .array(z.object({ studentId: z.uuid(), attended: z.boolean() }))
    .min(1)
    .max(500)
    .refine((items) => unique(items.map((i) => i.studentId)), 'Noem elke student één keer.'),
});

const componentBody = z
  .object({
    year: z.number().int().min(1).max(4),
    period: z.number().int().min(1).max(4).nullable().default(null),
    kind: z.enum(COMPONENT_KINDS),
    title: text(200).min(1),
    count: z.number().int().min(1).max(50),
    activityKinds: z.array(z.enum(ACTIVITY_KINDS)).max(10).refine(unique, 'Noem elk soort één keer.').default([]),
    minCompetencies: z.number().int().min(0).max(5).default(0),
    levels: z.array(z.number().int().min(1).max(4)).max(4).refine(unique).default([]),
    pathways: z.array(z.enum(['BOL', 'BBL'])).max(2).refine(unique).default([]),
    intensity: text(500).default(''),
    guidance: text(500).default(''),
    /** activity: attendance alone counts, without the student's reflection on it */
    attendanceAlone: z.boolean().default(false),
    /** what the component addresses: career competencies and burgerschap dimensions */
    competencies: z.array(z.enum(COMPETENCES)).max(5).refine(unique, 'Noem elke competentie één keer.').default([]),
    dimensions: z.array(z.enum(DIMENSIONS)).max(4).refine(unique, 'Noem elke dimensie één keer.').default([]),
    /** only for students in one of these target groups (doelgroepen); empty: every student */
    targetGroupIds: z.array(z.uuid()).max(20).refine(unique, 'Noem elke doelgroep één keer.').default([]),
  })
  .refine((c) => c.kind === 'activity' || !c.attendanceAlone, { path: ['attendanceAlone'], message: 'Alleen voor activiteiten.' })
  .refine((c) => c.kind === 'entries' || c.minCompetencies === 0, { path: ['minCompetencies'], message: 'Alleen voor ervaringen.' });

export const createVersionBody = z
  .object({
    effectiveFrom: z.iso.date(),
    rule: z.enum(['all', 'min_components']),
    ruleMin: z.number().int().min(1).max(100).nullable().default(null),
    ruleText: text(2000).default(''),
    /** how many characters an answer to each of the three aspects needs at least */
    minAspectLength: z.number().int().min(1).max(2000).default(40),
    components: z.array(componentBody).min(1).max(60),
  })
  .refine((v) => v.rule === 'all' || v.ruleMin !== null, { path: ['ruleMin'], message: 'Geef aan hoeveel onderdelen minimaal nodig zijn.' });
export type CreateVersionInput = z.infer<typeof createVersionBody> & { programmeId: string };
export type ComponentInput = z.infer<typeof componentBody>;

export const targetGroupBody = z.object({
  name: text(120).min(1),
  description: text(1000).default(''),
});
export const memberParams = z.object({ id: z.uuid(), studentId: z.uuid() });

export const listVersionsQuery = z.object({ programmeId: z.uuid().optional() });

export const overrideBody = z.object({
  componentId: z.uuid(),
  reason: text(2000).min(10, 'Schrijf een reden van minstens 10 tekens.'),
});
export const overrideParams = z.object({ id: z.uuid(), overrideId: z.uuid() });
export const recordParams = z.object({ id: z.uuid(), entryId: z.uuid() });

/** An entry that counted, as the mentor and the exam board open it. */
export const recordResponse = z.object({
  id: z.uuid(),
  studentId: z.uuid(),
  kind: z.string(),
  title: z.string(),
  occurredOn: z.string(),
  place: z.string().nullable(),
  competencies: z.array(z.string()),
  reflection: z.object({ orientatie: z.string(), mening: z.string(), reflectie: z.string() }),
  activityId: z.uuid().nullable(),
  evidence: z.array(z.object({ id: z.uuid(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number() })),
});

/** The result list is asked for one group or one opleiding. */
export const resultsQuery = z
  .object({ groupId: z.uuid().optional(), programmeId: z.uuid().optional() })
  .refine((q) => !!q.groupId !== !!q.programmeId, { path: ['groupId'], message: 'Kies een groep of een opleiding.' });
export type ResultsQuery = z.infer<typeof resultsQuery>;
