import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

/** Verkennen: the public catalogue, occupations, open activities, and the student's own exploration. */
export type Indicator = 'satisfaction' | 'pass_rate' | 'progression_hbo' | 'work_in_field' | 'internship_chance' | 'starting_salary';
export const INDICATORS: Indicator[] = ['satisfaction', 'pass_rate', 'progression_hbo', 'work_in_field', 'internship_chance', 'starting_salary'];

export interface Figure {
  indicator: Indicator;
  unit: 'percent' | 'score' | 'euro';
  value: number | null;
  students: number | null;
  suppressed: boolean;
  source: string;
  year: number;
  demo: boolean;
}
export interface ProgrammeRef { id: string; kind: 'mbo' | 'hbo'; code: string; name: string; level: number | null }
export interface ProgrammeSummary extends ProgrammeRef {
  hboType: 'ad' | 'bachelor' | null;
  sector: string;
  demo: boolean;
  institutions: { id: string; name: string; pathways: string[]; cities: string[] }[];
  national: Figure[];
}
export interface ProgrammeDetail extends ProgrammeSummary {
  description: string;
  perInstitution: { institution: { id: string; name: string; type: string }; pathways: string[]; cities: string[]; figures: Figure[]; explanation: { body: string; year: number } | null }[];
  followOns: ProgrammeRef[];
  leadsFrom: ProgrammeRef[];
  occupations: { id: string; slug: string; name: string }[];
  minStudents: number;
}
export interface Occupation {
  id: string;
  slug: string;
  name: string;
  description: string;
  tasks: string[];
  competencies: string[];
  isco: string | null;
  escoUri: string | null;
  earnings: { low: number | null; high: number | null; source: string; year: number | null } | null;
  sector: string;
  demo: boolean;
  prospects: { region: { id: string; code: string; name: string }; outlook: 'shortage' | 'balanced' | 'surplus'; source: string; asOf: string; demo: boolean }[];
  programmes: ProgrammeRef[];
}
export interface PublicActivity {
  id: string;
  kind: 'open_day' | 'job_shadowing' | 'trial_lesson';
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  location: string;
  institution: { id: string; name: string };
  full: boolean;
}
type Page<T> = { items: T[]; nextCursor: string | null };

export const useProgrammes = (q: string, kind: string) =>
  useQuery({ queryKey: ['explore', 'programmes', q, kind], queryFn: () => api<Page<ProgrammeSummary>>(`/public/programmes?limit=100&q=${encodeURIComponent(q)}${kind ? `&kind=${kind}` : ''}`) });
export const useProgramme = (id: string | undefined) =>
  useQuery({ queryKey: ['explore', 'programme', id], queryFn: () => api<ProgrammeDetail>(`/public/programmes/${id}`), enabled: !!id, retry: false });
export const useOccupations = (q: string, region: string) =>
  useQuery({ queryKey: ['explore', 'occupations', q, region], queryFn: () => api<Page<Occupation>>(`/public/occupations?limit=100&q=${encodeURIComponent(q)}${region ? `&region=${region}` : ''}`) });
export const useOccupation = (id: string | undefined, region = '') =>
  useQuery({ queryKey: ['explore', 'occupation', id, region], queryFn: () => api<Occupation>(`/public/occupations/${id}${region ? `?region=${region}` : ''}`), enabled: !!id, retry: false });
export const useRegions = () => useQuery({ queryKey: ['explore', 'regions'], queryFn: () => api<{ items: { id: string; code: string; name: string }[] }>('/public/regions'), staleTime: Infinity });
export const usePublicActivities = () => useQuery({ queryKey: ['explore', 'activities'], queryFn: () => api<Page<PublicActivity>>('/public/activities') });

export const useSignUp = (activityId: string) =>
  useMutation({ mutationFn: (body: { email: string; name: string }) => api<{ status: string }>(`/public/activities/${activityId}/signups`, { body }) });
export const useConfirm = () =>
  useMutation({ mutationFn: (token: string) => api<{ status: 'confirmed' | 'full'; activity: { title: string; startsAt: string; location: string } }>('/public/signups/confirm', { body: { token } }) });

/** A signed-in student noting what they looked at; silently skipped for everyone else. */
export function recordView(kind: 'programme' | 'occupation', id: string) {
  return api('/explore/views', { body: { kind, id } }).catch(() => undefined);
}

export interface EntryLink { entryId: string; entryTitle: string; programme: ProgrammeRef | null; occupation: { id: string; slug: string; name: string } | null; createdAt: string }
export interface Exploration {
  viewed: { kind: 'programme' | 'occupation'; id: string; name: string; times: number; lastViewedAt: string }[];
  links: EntryLink[];
  buddy: { exists: boolean; since: string | null };
}
export const useExploration = (studentId: string | undefined) =>
  useQuery({ queryKey: ['explore', 'exploration', studentId], queryFn: () => api<Exploration>(`/students/${studentId}/exploration`), enabled: !!studentId, retry: false });
export const useSuggestions = () =>
  useQuery({ queryKey: ['explore', 'suggestions'], queryFn: () => api<{ items: { kind: 'programme' | 'occupation' | 'activity'; id: string; name: string; because: string }[]; basis: { selfAssessmentAt: string | null } }>('/me/explore/suggestions') });

export function useLinkEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { entryId: string; programmeId?: string; occupationId?: string }) =>
      api<EntryLink>(`/explore/entries/${v.entryId}/link`, { method: 'PUT', body: v.programmeId ? { programmeId: v.programmeId } : { occupationId: v.occupationId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['explore', 'exploration'] }),
  });
}

export interface Alumnus {
  id: string;
  displayName: string;
  programme: ProgrammeRef | null;
  occupation: { id: string; slug: string; name: string } | null;
  route: string;
  workNow: string;
  tips: string;
  contactAllowed: boolean;
  buddy: boolean;
}
export const useAlumni = (filter: { programmeId?: string; occupationId?: string }) =>
  useQuery({
    queryKey: ['explore', 'alumni', filter],
    queryFn: () => api<Page<Alumnus>>(`/explore/alumni?${new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString()}`),
  });
export const useAsk = (alumnusId: string) =>
  useMutation({ mutationFn: (body: string) => api<{ messageId: string; threadUrl: string }>(`/explore/alumni/${alumnusId}/questions`, { body: { body } }) });
export const useBuddy = () => useQuery({ queryKey: ['explore', 'buddy'], queryFn: () => api<{ buddy: { id: string; displayName: string; reason: string } | null }>('/me/buddy') });
export function useRequestBuddy() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: () => api<{ buddy: { id: string; displayName: string; reason: string } | null }>('/me/buddy', { method: 'POST' }), onSuccess: (d) => qc.setQueryData(['explore', 'buddy'], d) });
}
export type OwnAlumnus = (Alumnus & { consentAt: string; consentText: string }) | null;
export const useOwnAlumnus = () => useQuery({ queryKey: ['explore', 'me-alumnus'], queryFn: () => api<OwnAlumnus>('/me/alumnus') });
export function useSaveAlumnus() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<OwnAlumnus>('/me/alumnus', { method: 'PUT', body }),
    onSuccess: (d) => qc.setQueryData(['explore', 'me-alumnus'], d),
  });
}
