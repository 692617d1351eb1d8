import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export const COMPETENCES = ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'] as const;
export type Competence = (typeof COMPETENCES)[number];
export const ENTRY_KINDS = ['bpv', 'school', 'lob_activity', 'work', 'volunteering', 'life'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
/** next_school stays out of the choices until the transition module uses it. */
export const SHARING_CHOICES = ['mentor', 'praktijkopleider', 'parents', 'group'] as const;
export type SharingTarget = 'mentor' | 'group' | 'praktijkopleider' | 'parents' | 'next_school';
export const ASPECTS = ['orientatie', 'mening', 'reflectie'] as const;
export type Aspect = (typeof ASPECTS)[number];

export interface Evidence {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
}

export interface Entry {
  id: string;
  studentId: string;
  kind: EntryKind;
  title: string;
  occurredOn: string;
  place: string | null;
  competencies: Competence[];
  reflection: Record<Aspect, string>;
  sharing?: SharingTarget[];
  status: 'draft' | 'published';
  /** the LOB activity this entry is the student's reflection on */
  activityId?: string | null;
  feedbackCount: number;
  unreadFeedback?: number;
  evidence: Evidence[];
}

export interface Feedback {
  id: string;
  authorId: string | null;
  authorName: string | null;
  authorRole: 'student' | 'mentor' | 'praktijkopleider' | 'parent';
  body: string;
  createdAt: string;
}

export interface EntryDetail extends Entry {
  feedback: Feedback[];
  canEdit: boolean;
  canGiveFeedback: boolean;
}

export type Scores = Record<Competence, number>;
export interface Growth {
  competences: Competence[];
  assessments: { id: string; assessedAt: string; scores: Scores }[];
  entryCounts: Record<Competence, number>;
}

export interface PlanAction {
  id: string;
  goalId: string;
  description: string;
  dueOn: string | null;
  status: 'open' | 'done';
  conversationId: string | null;
  overdue: boolean;
}
export interface PlanGoal {
  id: string;
  kind: 'own' | 'conversations';
  title: string;
  actions: PlanAction[];
}

export type NetworkStep = 'mapped' | 'asked' | 'active';
export interface Contact {
  id: string;
  name: string;
  relation: string;
  organisation: string;
  canHelpWith: string;
  lastContactOn: string | null;
  step: NetworkStep;
}

export interface JourneyItem {
  type: 'milestone' | 'entry' | 'enrolment' | 'internship';
  id: string;
  date: string;
  title: string;
  kind: string | null;
  note: string | null;
  removable: boolean;
}

export interface Summary {
  entryCount: number;
  draftCount: number;
  overdueActions: PlanAction[];
  newFeedback: { entryId: string; title: string; count: number }[];
  lastSelfAssessmentAt: string | null;
}

export const keys = {
  all: ['portfolio'] as const,
  entries: (studentId: string) => ['portfolio', 'entries', studentId] as const,
  entry: (id: string) => ['portfolio', 'entry', id] as const,
  growth: (studentId: string) => ['portfolio', 'growth', studentId] as const,
  plan: (studentId: string) => ['portfolio', 'plan', studentId] as const,
  network: (studentId: string) => ['portfolio', 'network', studentId] as const,
  journey: (studentId: string) => ['portfolio', 'journey', studentId] as const,
  summary: (studentId: string) => ['portfolio', 'summary', studentId] as const,
};

export const useEntries = (studentId: string | undefined) =>
  useInfiniteQuery({
    queryKey: keys.entries(studentId ?? ''),
    enabled: !!studentId,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<{ items: Entry[]; nextCursor: string | null }>(`/students/${studentId}/portfolio/entries?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    getNextPageParam: (last) => last.nextCursor,
  });

export const useEntry = (id: string | undefined) =>
  useQuery({ queryKey: keys.entry(id ?? ''), queryFn: () => api<EntryDetail>(`/portfolio/entries/${id}`), enabled: !!id, retry: false });

export const useGrowth = (studentId: string | undefined) =>
  useQuery({ queryKey: keys.growth(studentId ?? ''), queryFn: () => api<Growth>(`/students/${studentId}/portfolio/growth`), enabled: !!studentId });

export const usePlan = (studentId: string | undefined) =>
  useQuery({ queryKey: keys.plan(studentId ?? ''), queryFn: () => api<{ goals: PlanGoal[] }>(`/students/${studentId}/portfolio/plan`), enabled: !!studentId });

export const useNetwork = (studentId: string | undefined) =>
  useQuery({ queryKey: keys.network(studentId ?? ''), queryFn: () => api<{ items: Contact[] }>(`/students/${studentId}/portfolio/network`), enabled: !!studentId });

export const useJourney = (studentId: string | undefined) =>
  useQuery({ queryKey: keys.journey(studentId ?? ''), queryFn: () => api<{ items: JourneyItem[] }>(`/students/${studentId}/portfolio/journey`), enabled: !!studentId });

export const useSummary = (studentId: string | undefined) =>
  useQuery({ queryKey: keys.summary(studentId ?? ''), queryFn: () => api<Summary>(`/students/${studentId}/portfolio/summary`), enabled: !!studentId });
