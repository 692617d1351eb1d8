import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export const ACTIVITY_KINDS = [
  'open_day', 'job_shadowing', 'trial_lesson', 'guest_lesson', 'company_visit',
  'alumni_talk', 'real_life_assignment', 'workshop', 'career_conversation', 'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface Activity {
  id: string;
  kind: ActivityKind;
  title: string;
  description: string;
  competencies: string[];
  /** burgerschap dimensions the activity addresses */
  dimensions?: string[];
  startsAt: string;
  endsAt: string;
  location: string;
  capacity: number | null;
  organiser: { id: string; displayName: string } | null;
  registered: number;
  waitlisted: number;
  mySignup: { status: 'registered' | 'waitlisted'; position: number | null; attended: boolean | null } | null;
  canManage: boolean;
}

export interface Participant {
  studentId: string;
  displayName: string;
  groupCode: string | null;
  status: 'registered' | 'waitlisted';
  position: number | null;
  attended: boolean | null;
}

export interface ComponentStatus {
  id: string;
  year: number;
  period: number | null;
  from: string;
  to: string;
  kind: 'conversation' | 'activity' | 'entries' | 'exercise';
  title: string;
  required: number;
  done: number;
  minCompetencies: number;
  competenciesCovered: string[];
  intensity: string;
  guidance: string;
  met: boolean;
  status: 'met' | 'open' | 'missed';
  override: { id: string; reason?: string; decidedBy?: string | null; decidedAt?: string } | null;
  /** the component accepts attendance of an activity without a reflection */
  attendanceAlone?: boolean;
  /** the records that counted */
  records: LobRecord[];
  /** the records that did not count, each with its reasons */
  notCounted?: LobRecord[];
}

export type Aspect = 'orientatie' | 'mening' | 'reflectie';
export interface LobRecord {
  type: 'activity' | 'conversation' | 'entry' | 'exercise';
  id: string;
  title: string;
  date: string;
  counted?: boolean;
  reasons?: ('not_shared' | 'aspect_missing' | 'no_reflection')[];
  missingAspects?: Aspect[];
  reflectionEntryId?: string | null;
  attendanceOnly?: boolean;
}

/** An entry that counted, as the mentor and the exam board open it. */
export interface CountedEntry {
  id: string;
  studentId: string;
  kind: string;
  title: string;
  occurredOn: string;
  place: string | null;
  competencies: string[];
  reflection: Record<Aspect, string>;
  activityId: string | null;
  evidence: { id: string; filename: string; mediaType: string; sizeBytes: number }[];
}

export interface LobStatus {
  studentId: string;
  required: number;
  done: number;
  fulfilled: boolean;
  reason: 'no_enrolment' | 'no_programme' | null;
  programme: { id: string; name: string; level: number; pathway: string } | null;
  cohort?: string | null;
  version: { version: number; effectiveFrom: string; ruleText: string } | null;
  canOverride?: boolean;
  canOpenRecords?: boolean;
  minAspectLength?: number;
  components: ComponentStatus[];
}

export interface ResultRow {
  studentId: string;
  displayName: string;
  groupCode: string | null;
  programme: string | null;
  fulfilled: boolean;
  required: number;
  done: number;
  missing: { id: string; title: string; year: number; period: number | null; status: 'open' | 'missed' }[];
  reason: 'no_enrolment' | 'no_programme' | null;
  overrides: number;
}

export const useActivities = () =>
  useQuery({ queryKey: ['lob', 'activities'], queryFn: () => api<{ items: Activity[]; nextCursor: string | null }>('/lob/activities') });
export const useActivity = (id: string | undefined) =>
  useQuery({ queryKey: ['lob', 'activity', id], queryFn: () => api<Activity>(`/lob/activities/${id}`), enabled: !!id });
export const useParticipants = (id: string | undefined, enabled: boolean) =>
  useQuery({ queryKey: ['lob', 'participants', id], queryFn: () => api<{ items: Participant[] }>(`/lob/activities/${id}/participants`), enabled: !!id && enabled });
export const useLobStatus = (studentId: string | undefined) =>
  useQuery({ queryKey: ['lob', 'status', studentId], queryFn: () => api<LobStatus>(`/students/${studentId}/lob-status`), enabled: !!studentId });
export const useCountedEntry = (studentId: string | undefined, entryId: string | undefined) =>
  useQuery({
    queryKey: ['lob', 'record', studentId, entryId],
    queryFn: () => api<CountedEntry>(`/students/${studentId}/lob-status/records/${entryId}`),
    enabled: !!studentId && !!entryId,
  });
export const useResultGroups = () =>
  useQuery({
    queryKey: ['lob', 'result-groups'],
    queryFn: () => api<{ groups: { id: string; code: string; name: string }[]; programmes: { id: string; name: string; crebo: string; level: number }[] }>('/lob/result-groups'),
  });
export const useResults = (groupId: string | undefined) =>
  useQuery({ queryKey: ['lob', 'results', groupId], queryFn: () => api<{ items: ResultRow[]; scope: { label: string } }>(`/lob/results?groupId=${groupId}`), enabled: !!groupId });
export const useProgrammes = () =>
  useQuery({
    queryKey: ['lob', 'programmes'],
    queryFn: () => api<{ items: { id: string; name: string; crebo: string; level: number; pathway: string; versions: { id: string; version: number; effectiveFrom: string; rule: string; components: number }[] }[] }>('/lob/programmes'),
  });
export const useVersion = (id: string | undefined) =>
  useQuery({
    queryKey: ['lob', 'version', id],
    queryFn: () => api<{ id: string; version: number; effectiveFrom: string; rule: string; ruleMin: number | null; ruleText: string; components: any[] }>(`/lob/programme-versions/${id}`),
    enabled: !!id,
  });

export interface TargetGroup {
  id: string;
  name: string;
  description: string;
  members: number;
}
export const useTargetGroups = () =>
  useQuery({ queryKey: ['lob', 'target-groups'], queryFn: () => api<{ items: TargetGroup[] }>('/lob/target-groups') });
export const useTargetGroupMembers = (id: string | undefined) =>
  useQuery({
    queryKey: ['lob', 'target-groups', id, 'members'],
    queryFn: () => api<{ items: { studentId: string; displayName: string }[] }>(`/lob/target-groups/${id}/members`),
    enabled: !!id,
  });
