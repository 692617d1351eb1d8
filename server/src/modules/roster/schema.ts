import { z } from 'zod';

export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

const lineReport = z.object({
  line: z.number().int(),
  action: z.enum(['create', 'update', 'unchanged', 'skip']),
  sourcedId: z.string(),
  note: z.string().optional(),
});

export const importResponse = z.object({
  dryRun: z.boolean(),
  institution: z.object({ id: z.string(), brin: z.string(), name: z.string() }).nullable(),
  files: z.record(
    z.string(),
    z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), skipped: z.number(), lines: z.array(lineReport) }),
  ),
  errors: z.array(z.object({ file: z.string(), line: z.number().nullable(), field: z.string().nullable(), message: z.string() })),
});
