import { z } from 'zod';
import { ROLES } from '../org/tables.js';
import { itemSchema, sectionSchema, themeSchema } from './definition.js';

/** Request and response shapes of the quality (Kwaliteit) API. */
export const idParams = z.object({ id: z.uuid() });

/**
 * The instrument JSON of the contract, `{title, anonymous, items}`, or the long form with
 * sections and themes. Extra fields are Koers' own and optional.
 */
export const questionnaireBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    anonymous: z.boolean(),
    items: z.array(itemSchema).min(1).max(200).optional(),
    sections: z.array(sectionSchema).min(1).max(30).optional(),
    themes: z.array(themeSchema).max(30).optional(),
    description: z.string().trim().max(4000).optional(),
    minGroupSize: z.number().int().min(5, 'quality_threshold_min').max(1000).optional(),
    institutionId: z.uuid().optional(),
    teamId: z.uuid().nullable().optional(),
    panel: z.boolean().optional(),
  })
  .refine((b) => !!b.items !== !!b.sections, { message: 'quality_items_or_sections', path: ['items'] });
export type QuestionnaireInput = z.infer<typeof questionnaireBody>;

export const definitionBody = z.object({
  sections: z.array(sectionSchema).min(1).max(30),
  themes: z.array(themeSchema).max(30).optional(),
});

export const settingsBody = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(4000).optional(),
    minGroupSize: z.number().int().min(5, 'quality_threshold_min').max(1000).optional(),
    closesOn: z.iso.date().nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'quality_nothing_to_change');

export const crosstabQuery = z.object({
  row: z.string().min(1).max(40),
  col: z.string().min(1).max(40),
  percent: z.enum(['row', 'column']).default('row'),
});

export const reportQuery = z.object({
  teamId: z.uuid().optional(),
});

export const compareQuery = z.object({
  with: z.uuid().optional(),
});

export const exportQuery = z.object({
  /** nl: semicolon-separated with a decimal comma, as Dutch spreadsheets expect */
  numbers: z.enum(['en', 'nl']).default('en'),
});

export const audienceSchema = z
  .object({
    roles: z.array(z.enum(ROLES)).max(16).default([]),
    teamIds: z.array(z.uuid()).max(200).default([]),
    programmeIds: z.array(z.uuid()).max(200).default([]),
    groupIds: z.array(z.uuid()).max(500).default([]),
    userIds: z.array(z.uuid()).max(2000).default([]),
  })
  .refine((a) => a.roles.length + a.teamIds.length + a.programmeIds.length + a.groupIds.length + a.userIds.length > 0, {
    message: 'quality_choose_audience',
    path: ['roles'],
  });

export const distributeBody = z.object({
  audience: audienceSchema,
  closesOn: z.iso.date(),
  message: z.string().trim().max(2000).default(''),
});

export const answersBody = z.object({
  answers: z.record(z.string().max(60), z.union([z.string().max(5000), z.number(), z.array(z.string().max(60)).max(50), z.null()])),
});

export const templateParams = z.object({ code: z.string().min(1).max(40) });
export const fromTemplateBody = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  teamId: z.uuid().nullable().optional(),
  institutionId: z.uuid().optional(),
  anonymous: z.boolean().optional(),
});

export const STEPS = ['verankeren', 'faciliteren', 'verbeteren'] as const;
export const ACTION_STATUSES = ['planned', 'doing', 'done', 'dropped'] as const;

export const actionBody = z.object({
  step: z.enum(STEPS),
  theme: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(4000).default(''),
  ownerId: z.uuid().nullable().default(null),
  dueOn: z.iso.date(),
  teamId: z.uuid().nullable().default(null),
  sourceQuestionnaireId: z.uuid().nullable().default(null),
  institutionId: z.uuid().optional(),
});

export const actionUpdateBody = z
  .object({
    step: z.enum(STEPS).optional(),
    theme: z.string().trim().min(1).max(60).optional(),
    title: z.string().trim().min(1).max(300).optional(),
    description: z.string().trim().max(4000).optional(),
    ownerId: z.uuid().nullable().optional(),
    dueOn: z.iso.date().optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    evidence: z.string().trim().max(4000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'quality_nothing_to_change');

export const actionsQuery = z.object({
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/).optional(),
  teamId: z.uuid().optional(),
  status: z.enum(['open', 'overdue', 'all']).default('all'),
});

// ---- responses -------------------------------------------------------------------------

const nullableNumber = z.number().nullable();

export const questionnaireSummary = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  teamId: z.uuid().nullable(),
  seriesId: z.uuid(),
  wave: z.number().int(),
  templateCode: z.string().nullable(),
  title: z.string(),
  anonymous: z.boolean(),
  panel: z.boolean(),
  minGroupSize: z.number().int(),
  version: z.number().int(),
  status: z.enum(['draft', 'open', 'closed']),
  closesOn: z.string().nullable(),
  schoolYear: z.string(),
  createdAt: z.string(),
  responses: z.number().int(),
  invited: z.number().int(),
  responded: z.number().int(),
  /** responded / invited, 0–100; null when nobody was invited */
  responseRate: nullableNumber,
});

export const questionnaireResponse = questionnaireSummary.extend({
  description: z.string(),
  definition: z.object({ sections: z.array(sectionSchema), themes: z.array(themeSchema).optional() }),
  /** anonymous answers given in Koers that wait until enough have gathered */
  pending: z.number().int(),
});

export const questionnaireList = z.object({ items: z.array(questionnaireSummary), nextCursor: z.null() });

export const importResponse = z.object({
  imported: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});

const crosstabCell = z.object({ value: z.string(), label: z.string(), n: nullableNumber, pct: nullableNumber, base: nullableNumber });
export const crosstabResponse = z.object({
  row: z.object({ code: z.string(), text: z.string(), type: z.string() }),
  col: z.object({ code: z.string(), text: z.string(), type: z.string() }),
  percent: z.enum(['row', 'column']),
  respondents: nullableNumber,
  threshold: z.number().int(),
  columns: z.array(z.object({ value: z.string(), label: z.string(), base: nullableNumber })),
  rows: z.array(z.object({ value: z.string(), label: z.string(), base: nullableNumber, cells: z.array(crosstabCell) })),
});

export const frequencySchema = z.object({
  code: z.string(),
  text: z.string(),
  type: z.string(),
  section: z.string(),
  n: nullableNumber,
  suppressed: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string(), n: nullableNumber, pct: nullableNumber })).optional(),
  mean: nullableNumber.optional(),
  sd: nullableNumber.optional(),
  median: nullableNumber.optional(),
  texts: z.array(z.string()).optional(),
  otherTexts: z.array(z.string()).optional(),
});

export const reportResponse = z.object({
  questionnaire: z.object({ id: z.uuid(), title: z.string(), anonymous: z.boolean(), threshold: z.number().int() }),
  respondents: nullableNumber,
  items: z.array(frequencySchema),
});

export const compareResponse = z.object({
  a: z.object({ id: z.uuid(), title: z.string(), wave: z.number().int(), respondents: nullableNumber }),
  b: z.object({ id: z.uuid(), title: z.string(), wave: z.number().int(), respondents: nullableNumber }),
  items: z.array(
    z.object({
      code: z.string(),
      text: z.string(),
      type: z.string(),
      a: frequencySchema,
      b: frequencySchema,
      meanDifference: nullableNumber,
      pctDifference: z.array(z.object({ value: z.string(), label: z.string(), difference: nullableNumber })).optional(),
    }),
  ),
});

const themeScore = z.object({ score: nullableNumber, n: nullableNumber });
export const profileResponse = z.object({
  questionnaire: z.object({ id: z.uuid(), title: z.string(), wave: z.number().int(), teamId: z.uuid().nullable() }),
  teamId: z.uuid().nullable(),
  previousWaveId: z.uuid().nullable(),
  themes: z.array(z.object({ code: z.string(), label: z.string(), team: themeScore, institution: themeScore, previous: themeScore })),
});

export const distributeResponse = z.object({ invited: z.number().int(), alreadyInvited: z.number().int(), mailed: z.number().int() });
export const remindResponse = z.object({ reminded: z.number().int() });
export const submitResponse = z.object({ received: z.literal(true) });

export const myQuestionnairesResponse = z.object({
  items: z.array(z.object({ id: z.uuid(), title: z.string(), anonymous: z.boolean(), closesOn: z.string().nullable(), responded: z.boolean(), panel: z.boolean(), status: z.enum(['draft', 'open', 'closed']) })),
  nextCursor: z.null(),
});

export const formResponse = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  anonymous: z.boolean(),
  closesOn: z.string().nullable(),
  status: z.enum(['draft', 'open', 'closed']),
  definition: z.object({ sections: z.array(sectionSchema), themes: z.array(themeSchema).optional() }),
  responded: z.boolean(),
});

export const templatesResponse = z.object({
  items: z.array(z.object({ code: z.string(), title: z.string(), description: z.string(), anonymous: z.boolean(), audience: z.string(), items: z.number().int(), themes: z.array(themeSchema) })),
});

export const actionSchema = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  schoolYear: z.string(),
  step: z.enum(STEPS),
  theme: z.string(),
  sourceQuestionnaireId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(ACTION_STATUSES),
  evidence: z.string(),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
});
export const actionsResponse = z.object({
  items: z.array(actionSchema),
  summary: z.object({ open: z.number().int(), overdue: z.number().int(), done: z.number().int(), byStep: z.record(z.string(), z.object({ open: z.number().int(), done: z.number().int() })) }),
  nextCursor: z.null(),
});

export const timelineResponse = z.object({
  schoolYear: z.string(),
  events: z.array(
    z.object({
      date: z.string(),
      phase: z.enum(['plan', 'do', 'check', 'act']),
      kind: z.enum(['scan', 'action_due', 'action_done']),
      title: z.string(),
      id: z.uuid(),
      status: z.string(),
    }),
  ),
});

export const choicesResponse = z.object({
  institutionId: z.uuid(),
  owners: z.array(z.object({ id: z.uuid(), name: z.string() })),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
