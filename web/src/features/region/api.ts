import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export const STATUSES = ['without_place', 'school', 'work', 'care', 'moved_out', 'unreachable'] as const;
export const REASONS = ['dropout', 'no_start_qualification', 'school_leaver_no_destination', 'not_enrolled', 'moved_in', 'other'] as const;
export const OUTCOMES = ['back_to_school', 'work', 'care', 'moved_out', 'unreachable'] as const;
export const ACTION_KINDS = ['contact', 'home_visit', 'referral', 'meeting', 'note'] as const;
export const SERVICE_KINDS = ['entree', 'jongerenloket', 'werkgeversservicepunt', 'zorg', 'dagbesteding', 'other'] as const;
export const DIMENSIONS = ['programme', 'institution', 'level', 'month', 'reason'] as const;

export interface Person {
  id: string;
  displayName: string;
}

export interface YouthItem {
  id: string;
  name: string;
  age: number;
  birthDate: string;
  gemeente: string;
  status: (typeof STATUSES)[number];
  since: string;
  daysInStatus: number;
  reason: (typeof REASONS)[number] | null;
  lastSchool: string | null;
  lastProgramme: string | null;
  caseId: string | null;
  caseOwner: Person | null;
  followUpOn: string | null;
  overdue: boolean;
  legalBasis: 'leerplicht' | 'rmc' | 'consent' | null;
}

export interface CaseView {
  id: string;
  openedAt: string;
  owner: Person | null;
  followUpOn: string | null;
  lastActivityAt: string;
  closedAt: string | null;
  outcome: (typeof OUTCOMES)[number] | null;
  outcomeNote: string | null;
  owners: { owner: Person | null; assignedBy: Person | null; assignedAt: string; endedAt: string | null }[];
  actions: { id: string; kind: (typeof ACTION_KINDS)[number]; body: string; followUpOn: string | null; createdBy: Person | null; createdAt: string; meetingId: string | null; service: { id: string; name: string } | null }[];
}

export interface YouthDetail extends YouthItem {
  placements: { status: (typeof STATUSES)[number]; since: string; reason: string | null; institutionName: string | null; programme: string | null; level: number | null; source: string }[];
  openCase: CaseView | null;
  closedCases: CaseView[];
  access: 'legal_basis' | 'meeting';
  hasAccount: boolean;
  consent: boolean;
}

export interface DropoutCell {
  value: string;
  n: number | null;
  placed3m: number | null;
  known3m: number | null;
  pct3m: number | null;
  placed6m: number | null;
  known6m: number | null;
  pct6m: number | null;
  suppressed: boolean;
}

export const useYouthList = (query: string) =>
  useQuery({ queryKey: ['region', 'youth', query], queryFn: () => api<{ items: YouthItem[]; nextCursor: string | null }>(`/region/youth?${query}`) });

export const useYouth = (id: string) => useQuery({ queryKey: ['region', 'youth', 'detail', id], queryFn: () => api<YouthDetail>(`/region/youth/${id}`) });

export const useOwnerCandidates = (id: string) =>
  useQuery({ queryKey: ['region', 'candidates', id], queryFn: () => api<{ items: (Person & { role: string })[] }>(`/region/youth/${id}/owner-candidates`) });

export const useSignals = () =>
  useQuery({
    queryKey: ['region', 'signals'],
    queryFn: () => api<{ items: { kind: 'follow_up_overdue' | 'no_owner'; youthId: string; name: string; owner: Person | null; followUpOn: string | null; since: string; daysOverdue: number }[] }>('/region/signals'),
  });

export const useDropout = (query: string) =>
  useQuery({ queryKey: ['region', 'dropout', query], queryFn: () => api<{ by: string; from: string; to: string; minCell: number; total: DropoutCell | null; items: DropoutCell[] }>(`/region/dropout?${query}`) });

/** A write on a young person's case; refreshes the record and the overview afterwards. */
export function useCaseWrite<T>(youthId: string, write: (input: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['region'] }),
    meta: { youthId },
  });
}

export const assignOwner = (youthId: string, userId: string) => api(`/region/youth/${youthId}/case-owner`, { method: 'PUT', body: { userId } });
export const addAction = (youthId: string, body: { kind: string; body: string; followUpOn: string | null; serviceId: string | null }) => api(`/region/youth/${youthId}/case/actions`, { method: 'POST', body });
export const closeCase = (youthId: string, body: { outcome: string; note: string }) => api(`/region/youth/${youthId}/case/close`, { method: 'POST', body });
export const importFile = (kind: string, file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api<{ imported: number; updated: number; rejected: { row: number; reason: string }[] }>(`/region/imports?kind=${kind}`, { form });
};

export interface Service {
  id: string;
  name: string;
  kind: (typeof SERVICE_KINDS)[number];
  description: string;
  audience: string;
  minAge: number | null;
  maxAge: number | null;
  eligibility: string;
  contact: string;
  url: string | null;
  region: string;
}

export const useServices = (query = '') => useQuery({ queryKey: ['region', 'services', query], queryFn: () => api<{ items: Service[] }>(`/region/services?${query}`) });
export const createService = (body: Partial<Service>) => api<Service>('/region/services', { method: 'POST', body });
