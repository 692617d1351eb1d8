import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from './api';
import { clearDrafts } from './session';

export type Role =
  | 'student'
  | 'mentor'
  | 'docent'
  | 'lob_coordinator'
  | 'manager'
  | 'institution_admin'
  | 'parent'
  | 'praktijkopleider'
  | 'examencommissie'
  | 'decaan'
  | 'intake'
  | 'rmc_trajectbegeleider'
  | 'leerplichtambtenaar'
  | 'jongerencoach'
  | 'regional_coordinator'
  | 'alumnus';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  givenName: string;
  familyName: string;
  locale: 'nl' | 'en';
  birthDate: string | null;
  roles: { institutionId: string; role: Role }[];
  csrfToken: string;
  mfa: 'none' | 'verify' | 'enrol';
}

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api<Me>('/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    setCsrfToken(null);
    clearDrafts();
    qc.clear();
    qc.setQueryData(['me'], null);
  };
}

export const hasRole = (me: Me | null | undefined, ...roles: Role[]) => !!me?.roles.some((r) => roles.includes(r.role));

/** Which home a person lands on when they hold several roles: the widest view first. */
const HOME_ORDER: Role[] = ['institution_admin', 'lob_coordinator', 'manager', 'mentor', 'docent', 'praktijkopleider', 'decaan', 'intake', 'parent', 'student'];
export function primaryRole(me: Me): Role | null {
  return HOME_ORDER.find((role) => hasRole(me, role)) ?? null;
}
