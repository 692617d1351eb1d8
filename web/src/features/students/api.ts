import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface StudentProfile {
  id: string;
  displayName: string;
  givenName: string;
  familyName: string;
  birthDate: string | null;
  institution: { id: string; name: string } | null;
  enrolment: {
    programme: { id: string; crebo: string; name: string; level: number; pathway: string } | null;
    group: { id: string; code: string; name: string } | null;
    cohort: string | null;
    startsOn: string;
  } | null;
  mentors: { id: string; displayName: string }[];
  internship: { id: string; companyName: string; startsOn: string; endsOn: string } | null;
}

export interface RelatedStudent {
  id: string;
  displayName: string;
  groupCode: string | null;
  programme: string | null;
  relation: 'mentor' | 'parent' | 'praktijkopleider';
}

export const useStudentProfile = (id: string | undefined) =>
  useQuery({ queryKey: ['student', id], queryFn: () => api<StudentProfile>(`/students/${id}`), enabled: !!id });

export const useRelatedStudents = () =>
  useQuery({ queryKey: ['me', 'students'], queryFn: () => api<{ items: RelatedStudent[] }>('/me/students') });
