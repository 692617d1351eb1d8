import { z } from 'zod';
import { ROLES } from '../org/tables.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();
const optionalId = z.uuid().nullable().optional();

export const institutionParams = z.object({ institutionId: z.uuid() });
export const itemParams = institutionParams.extend({ id: z.uuid() });
export const memberParams = itemParams.extend({ userId: z.uuid() });
export const roleParams = itemParams.extend({ role: z.enum(ROLES) });

// The BRIN number identifies the institution to DUO and the roster import: read-only here.
export const institutionPatch = z
  .object({ name: text(200).optional(), brin: z.undefined({ message: 'BRIN kan niet worden gewijzigd / BRIN is read-only' }).optional() })
  .strict();

export const locationBody = z.object({ name: text(200), city: text(100) }).strict();
export const locationPatch = locationBody.partial().strict();

export const teamBody = z.object({ name: text(200) }).strict();
export const userRef = z.object({ userId: z.uuid() }).strict();

export const programmeBody = z
  .object({
    crebo: z.string().trim().regex(/^[0-9]{5}$/, { message: 'crebo: 5 cijfers / 5 digits' }),
    name: text(200),
    level: z.coerce.number().int().min(1).max(4),
    pathway: z.enum(['BOL', 'BBL']),
    teamId: optionalId,
    locationId: optionalId,
    sector: z.string().trim().max(100).nullable().optional(),
  })
  .strict();
export const programmePatch = programmeBody.partial().strict();

export const cohortBody = z.object({ name: text(100), startsOn: isoDate }).strict();
export const cohortPatch = cohortBody.partial().strict();

export const groupBody = z
  .object({
    // a group code is what people type and see on lists: short, no spaces
    code: z.string().trim().regex(/^[A-Za-z0-9._-]{1,20}$/, { message: 'code: 1–20 letters, cijfers, . _ - / letters, digits, . _ -' }),
    name: text(200),
    programmeId: optionalId,
    cohortId: optionalId,
  })
  .strict();
export const groupPatch = groupBody.partial().strict();

export const userBody = z
  .object({
    email: z.email().max(254),
    givenName: text(100),
    familyName: text(100),
    birthDate: isoDate.nullable().optional(),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  })
  .strict();
export const userPatch = z
  .object({
    email: z.email().max(254).optional(),
    givenName: text(100).optional(),
    familyName: text(100).optional(),
    status: z.enum(['active', 'disabled']).optional(),
  })
  .strict();
export const roleBody = z.object({ role: z.enum(ROLES) }).strict();

export const usersQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(400).optional(),
});

export const enrolmentBody = z.object({ studentId: z.uuid(), groupId: z.uuid(), startsOn: isoDate, endsOn: isoDate.nullable().optional() }).strict();
export const enrolmentPatch = z.object({ startsOn: isoDate.optional(), endsOn: isoDate.nullable().optional() }).strict();

export const internshipBody = z
  .object({
    studentId: z.uuid(),
    companyName: text(200),
    startsOn: isoDate,
    endsOn: isoDate,
    praktijkopleiderId: optionalId,
  })
  .strict();
export const internshipPatch = internshipBody.omit({ studentId: true }).partial().strict();

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional(),
  studentId: z.uuid().optional(),
});
