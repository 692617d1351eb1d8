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

const password = z.string().min(1).max(1024);
const totpCode = z.string().trim().min(6).max(12);

export const mfaEnrolResponse = z.object({ secret: z.string(), uri: z.string() });
export const mfaCodeBody = z.object({ code: totpCode });
export const mfaConfirmResponse = z.object({ recoveryCodes: z.array(z.string()) });
/** Exactly one of the two; the route names the field when neither or both are given. */
export const mfaVerifyBody = z.object({ code: totpCode.optional(), recoveryCode: z.string().trim().min(8).max(40).optional() });
export const mfaVerifyResponse = z.object({ mfa: z.literal('none'), recoveryCodesLeft: z.number().int() });
export const mfaStatusResponse = z.object({ enabled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number().int() });
export const mfaDisableBody = z.object({ currentPassword: password });

export const passwordChangeBody = z.object({ currentPassword: password, newPassword: password });
export const resetRequestBody = z.object({ email: z.string().trim().min(3).max(254) });
export const resetRequestResponse = z.object({ status: z.literal('accepted'), message: z.string() });
export const resetCompleteBody = z.object({ token: z.string().min(10).max(200), newPassword: password });

export const invitationBody = z.object({
  kind: z.enum(['parent', 'praktijkopleider']),
  email: z.email().max(254),
  studentId: z.uuid(),
  internshipId: z.uuid().optional(),
});
export const invitationCreated = z.object({ id: z.uuid(), kind: z.enum(['parent', 'praktijkopleider']), expiresAt: z.string() });
export const invitationParams = z.object({ token: z.string().min(10).max(200) });
export const invitationView = z.object({
  kind: z.enum(['parent', 'praktijkopleider']),
  studentGivenName: z.string(),
  institutionName: z.string(),
  expiresAt: z.string(),
});
export const invitationAcceptBody = z.object({
  givenName: z.string().trim().max(100).optional(),
  familyName: z.string().trim().max(100).optional(),
  password: password.optional(),
});
