import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api';
import { useMe, type Me, type Role } from '../../app/auth';

/** The institution this person administers (or oversees, for the read-only views). */
export function institutionOf(me: Me | null | undefined): string | null {
  if (!me) return null;
  const order: Role[] = ['institution_admin', 'lob_coordinator', 'manager'];
  for (const role of order) {
    const r = me.roles.find((x) => x.role === role);
    if (r) return r.institutionId;
  }
  return null;
}

export function useInstitutionId(): string | null {
  const { data: me } = useMe();
  return institutionOf(me);
}

export const isAdmin = (me: Me | null | undefined) => !!me?.roles.some((r) => r.role === 'institution_admin');

/** GET under /admin/institutions/{id}; cached per path so pages share lists. */
export function useAdmin<T>(path: string, enabled = true) {
  const inst = useInstitutionId();
  return useQuery({
    queryKey: ['admin', inst, path],
    queryFn: () => api<T>(`/admin/institutions/${inst}${path}`),
    enabled: Boolean(inst) && enabled,
  });
}

export interface ListResponse<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Overview {
  institution: { id: string; name: string; brin: string };
  counts: Record<string, number>;
}
export interface Named {
  id: string;
  name: string;
}
export interface Location extends Named {
  city: string;
}
export interface Cohort extends Named {
  startsOn: string;
}
export interface Team extends Named {
  members: Person[];
}
export interface Programme {
  id: string;
  crebo: string;
  name: string;
  level: number;
  pathway: 'BOL' | 'BBL';
  sector: string | null;
  team: Named | null;
  location: Named | null;
  groupCount: number;
}
export interface Person {
  id: string;
  displayName: string;
}
export interface Group {
  id: string;
  code: string;
  name: string;
  programme: { id: string; name: string; crebo: string } | null;
  cohort: Named | null;
  mentors: Person[];
  studentCount: number;
}
export interface GroupDetail extends Group {
  enrolments: { id: string; student: Person; startsOn: string; endsOn: string | null }[];
}
export interface UserItem {
  id: string;
  email: string;
  displayName: string;
  status: 'active' | 'disabled';
  roles: Role[];
}
export interface Internship {
  id: string;
  companyName: string;
  startsOn: string;
  endsOn: string;
  student: Person;
  praktijkopleider: Person | null;
}
export interface UserDetail {
  id: string;
  email: string;
  givenName: string;
  familyName: string;
  displayName: string;
  birthDate: string | null;
  status: 'active' | 'disabled';
  roles: Role[];
  enrolments: { id: string; group: { id: string; code: string } | null; startsOn: string; endsOn: string | null }[];
  internships: Internship[];
  mentorOf: { id: string; code: string }[];
}

export const ROLES: Role[] = ['student', 'mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin', 'parent', 'praktijkopleider'];

/**
 * One form submission: busy flag, the server's message, and its per-field errors so each
 * message can sit next to (and be tied to) its field.
 */
export function useSubmit() {
  const { t } = useTranslation('admin');
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);

  /** Runs the request; resolves to { value } on success and null on failure (shown in the form). */
  async function run<T>(action: () => Promise<T>, success?: string): Promise<{ value: T } | null> {
    setBusy(true);
    setError(null);
    setFields({});
    setDone(null);
    setCode(null);
    try {
      const result = await action();
      await qc.invalidateQueries({ queryKey: ['admin'] });
      if (success) setDone(success);
      return { value: result };
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
        setCode(err.code);
      } else setError(t('errors.generic'));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, fields, done, code, run, reset: () => (setError(null), setFields({}), setDone(null), setCode(null)) };
}

export const adminPath = (inst: string | null, path: string) => `/admin/institutions/${inst}${path}`;
