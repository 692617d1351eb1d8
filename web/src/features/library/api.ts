import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export const COMPETENCES = ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'] as const;

export interface Attachment {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
}

export interface Exercise {
  id: string;
  title: string;
  competencies: string[];
  levels: number[];
  durationMinutes: number;
  summary: string;
  teacherInstructions?: string;
  studentInstructions: string;
  series: string | null;
  seriesPosition: number | null;
  source: 'starter' | 'own' | 'shared';
  institutionName: string | null;
  shared: boolean;
  canEdit?: boolean;
  attachments?: Attachment[];
}

export interface Assignment {
  id: string;
  exercise: { id: string; title: string; competencies: string[]; durationMinutes: number };
  group: { id: string; code: string; name: string };
  dueOn: string;
  note: string;
  students?: number;
  completed?: number;
  assignedBy: string | null;
  studentInstructions?: string;
  completedAt?: string | null;
  entryId?: string | null;
  completions?: { studentId: string; displayName: string; completedAt: string | null }[];
  view?: 'teacher' | 'student';
  attachments?: Attachment[];
}

export const useExercises = (competence: string) =>
  useQuery({
    queryKey: ['library', 'exercises', competence],
    queryFn: () => api<{ items: Exercise[] }>(`/library/exercises${competence ? `?competence=${competence}` : ''}`),
  });
export const useExercise = (id: string | undefined) =>
  useQuery({ queryKey: ['library', 'exercise', id], queryFn: () => api<Exercise>(`/library/exercises/${id}`), enabled: !!id });
export const useTeachingGroups = () =>
  useQuery({ queryKey: ['library', 'groups'], queryFn: () => api<{ items: { id: string; code: string; name: string }[] }>('/library/groups') });
export const useTeacherAssignments = () =>
  useQuery({ queryKey: ['library', 'assignments'], queryFn: () => api<{ items: Assignment[] }>('/library/assignments') });
export const useAssignment = (id: string | undefined) =>
  useQuery({ queryKey: ['library', 'assignment', id], queryFn: () => api<Assignment>(`/library/assignments/${id}`), enabled: !!id });
export const useMyAssignments = () =>
  useQuery({ queryKey: ['library', 'mine'], queryFn: () => api<{ items: Assignment[] }>('/me/assignments') });
