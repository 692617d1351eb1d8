import { z } from 'zod';

export const loginBody = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(1024),
});

export const roleView = z.object({ institutionId: z.uuid(), role: z.string() });

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  locale: z.enum(['nl', 'en']),
  birthDate: z.string().nullable(),
  roles: z.array(roleView),
});

export const loginResponse = z.object({
  user: userView,
  csrfToken: z.string(),
  mfa: z.enum(['none', 'verify', 'enrol']),
});

export const meResponse = userView.extend({
  csrfToken: z.string(),
  mfa: z.enum(['none', 'verify', 'enrol']),
});

export const auditQuery = z.object({
  studentId: z.uuid(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().positive().optional(),
});
