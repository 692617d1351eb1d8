import { z } from 'zod';
import { COMPETENCES, SHARING_TARGETS } from '../portfolio/schema.js';

/** Request and response shapes of the Loopbaanmagazijn (library) API. */
const text = (max: number) => z.string().trim().max(max);
const unique = <T>(items: T[]) => new Set(items).size === items.length;

export const idParams = z.object({ id: z.uuid() });

export const listExercisesQuery = z.object({
  competence: z.enum(COMPETENCES).optional(),
  q: text(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(100),
  cursor: z.string().max(200).optional(),
});

export const exerciseBody = z.object({
  title: text(200).min(1),
  competencies: z.array(z.enum(COMPETENCES)).min(1).max(5).refine(unique, 'Noem elke competentie één keer.'),
  levels: z.array(z.number().int().min(1).max(4)).min(1).max(4).refine(unique).default([1, 2, 3, 4]),
  durationMinutes: z.number().int().min(5).max(600),
  summary: text(1000).default(''),
  teacherInstructions: text(10000).default(''),
  studentInstructions: text(10000).min(1),
  series: text(200).nullable().default(null),
  shared: z.boolean().default(false),
});
export type ExerciseInput = z.infer<typeof exerciseBody>;

export const updateExerciseBody = exerciseBody.partial().refine((v) => Object.keys(v).length > 0, 'Er is niets om te wijzigen.');

export const assignBody = z.object({
  groupId: z.uuid(),
  dueOn: z.iso.date(),
  note: text(1000).default(''),
});

/** The student completes an assignment: with a new entry (the usual way) or one they already wrote. */
export const completeBody = z.union([
  z.object({ entryId: z.uuid() }).strict(),
  z.object({
    title: text(200).min(1).optional(),
    occurredOn: z.iso.date().optional(),
    competencies: z.array(z.enum(COMPETENCES)).min(1).max(5).refine(unique).optional(),
    reflection: z.object({
      orientatie: text(5000).default(''),
      mening: text(5000).default(''),
      reflectie: text(5000).min(1, 'Schrijf op wat je hebt geleerd.'),
    }),
    sharing: z.array(z.enum(SHARING_TARGETS)).max(5).refine(unique).default(['mentor']),
  }),
]);
export type CompleteInput = z.infer<typeof completeBody>;
