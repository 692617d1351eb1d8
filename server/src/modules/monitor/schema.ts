import { z } from 'zod';

/** Request and response shapes of the monitor API. */
export const LEVEL_VALUES = ['team', 'opleiding', 'group', 'institution', 'region', 'nation'] as const;
const schoolYear = z.string().regex(/^\d{4}-\d{4}$/, 'Schooljaar als 2026-2027 / school year as 2026-2027').refine((s) => Number(s.slice(5)) === Number(s.slice(0, 4)) + 1, 'Schooljaar als 2026-2027 / school year as 2026-2027');

export const indicatorsQuery = z.object({
  level: z.enum(LEVEL_VALUES),
  id: z.uuid().optional(),
  schoolYear: schoolYear.optional(),
});

export const indicatorItem = z.object({
  code: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  explanation: z.string(),
});

export const indicatorsResponse = z.object({
  level: z.enum(LEVEL_VALUES),
  id: z.string().nullable(),
  name: z.string(),
  schoolYear: z.string(),
  refreshedAt: z.string().nullable(),
  items: z.array(indicatorItem),
  /** the scopes one level down the reader may open */
  drillDown: z.array(z.object({ level: z.enum(LEVEL_VALUES), id: z.string(), name: z.string() })),
  /** the school years with figures, for trends */
  schoolYears: z.array(z.string()),
});

export const exportQuery = z.object({ level: z.literal('nation'), schoolYear: schoolYear.optional() });

export const refreshBody = z.object({ schoolYear: schoolYear.optional() }).default({});
export const refreshResponse = z.object({ schoolYear: z.string(), refreshedAt: z.string() });

export const importResponse = z.object({
  imported: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
