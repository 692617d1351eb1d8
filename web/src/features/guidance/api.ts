import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

/** The guidance (begeleiding) API as the web client uses it. */
export const keys = { all: ['guidance'] as const };

export interface Signal {
  code: string;
  text: string;
}
export interface CaseloadStudent {
  id: string;
  displayName: string;
  groupCode: string;
  lastEntryOn: string | null;
  lastConversationOn: string | null;
  nextConversationAt: string | null;
  signals: Signal[];
}
export type Step = 'terugkijken' | 'reflecteren' | 'vooruitkijken';
export const STEPS: Step[] = ['terugkijken', 'reflecteren', 'vooruitkijken'];
export interface Agreement {
  id: string;
  action: string;
  dueOn: string | null;
  owner: 'student' | 'mentor';
  status: 'open' | 'done' | null;
}
export interface Conversation {
  id: string;
  studentId?: string;
  plannedAt: string;
  status: 'planned' | 'held' | 'cancelled';
  heldOn: string | null;
  mentor: { id: string; displayName: string } | null;
  agreements: Agreement[];
  prepared?: boolean;
  steps?: Record<Step, string>;
  canPrepare?: boolean;
  canRecord?: boolean;
  prompts?: Record<Step, string>;
  preparation?: { answers: Partial<Record<Step, string>>; entries: { id: string; title: string; occurredOn: string }[] };
  notes?: { id: string; visibility: 'shared' | 'private'; body: string; createdAt: string; mine: boolean }[];
}
export interface AgendaItem {
  id: string;
  kind: 'conversation' | 'internship_visit' | 'lob_activity' | 'other';
  title: string;
  location: string;
  startsAt: string;
  endsAt: string;
  organiser: { id: string; displayName: string } | null;
  student: { id: string; displayName: string } | null;
  conversationId: string | null;
  myResponse: 'pending' | 'accepted' | 'declined' | null;
  isOrganiser: boolean;
  confirmedAt: string | null;
  canConfirm: boolean;
  invitees?: { id: string; displayName: string; response: 'pending' | 'accepted' | 'declined' }[];
}
export interface InviteeGroup {
  id: string;
  code: string;
  name: string;
  students: { id: string; displayName: string; praktijkopleider: { id: string; displayName: string } | null }[];
}
export interface FeedPost {
  id: string;
  author: { id: string; displayName: string } | null;
  body: string | null;
  createdAt: string;
  hidden: boolean;
  reactions: Record<'like' | 'heart' | 'clap', number>;
  myReactions: string[];
  reports: number | null;
  attachments: FeedAttachment[];
  replies: FeedPost[];
}
export interface FeedAttachment {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
}
export interface Notification {
  id: string;
  kind: string;
  text: string;
  link: string;
  createdAt: string;
  read: boolean;
}
export type AttendanceStatus = 'present' | 'absent_excused' | 'absent_unexcused' | 'late';
export const ATTENDANCE: AttendanceStatus[] = ['present', 'late', 'absent_excused', 'absent_unexcused'];

type List<T> = { items: T[]; nextCursor: string | null };
const q = <T,>(path: string | null, extra: unknown[] = []) => ({
  queryKey: [...keys.all, path, ...extra],
  queryFn: () => api<T>(path!),
  enabled: !!path,
});

export const useCaseload = (params: string) => useQuery(q<List<CaseloadStudent>>(`/mentor/caseload${params}`));
export const useConversation = (id?: string) => useQuery(q<Conversation>(id ? `/conversations/${id}` : null));
export const useStudentConversations = (studentId?: string) => useQuery({ ...q<List<Conversation>>(studentId ? `/students/${studentId}/conversations` : null), retry: false });
export const useStudentAgenda = (studentId?: string) => useQuery({ ...q<List<AgendaItem>>(studentId ? `/students/${studentId}/agenda` : null), retry: false });
export const useStudentAttendance = (studentId?: string) =>
  useQuery({ ...q<{ total: number; absencePercent: number | null; counts: Record<AttendanceStatus, number>; weeks: number }>(studentId ? `/students/${studentId}/attendance` : null), retry: false });
export const useAgenda = () => useQuery(q<List<AgendaItem>>('/agenda'));
export const useInvitees = () => useQuery(q<{ groups: InviteeGroup[] }>('/appointments/invitees'));
export const useCalendarToken = () => useQuery(q<{ active: boolean; createdAt: string | null }>('/calendar/token'));
export const useMyGroups = () => useQuery(q<List<{ id: string; code: string; name: string; unread: number }>>('/me/groups'));
export const useFeed = (groupId?: string) => useQuery(q<List<FeedPost> & { canModerate: boolean }>(groupId ? `/groups/${groupId}/feed` : null));
export const useThreads = () => useQuery(q<List<{ otherId: string; displayName: string; lastMessage: string; lastAt: string; unread: number }>>('/messages'));
export const useContacts = () => useQuery(q<List<{ id: string; displayName: string; relation: string }>>('/messages/contacts'));
export const useThread = (userId?: string) =>
  useQuery({ ...q<{ other: { id: string; displayName: string }; items: { id: string; mine: boolean; body: string; createdAt: string }[] }>(userId ? `/messages/with/${userId}` : null), retry: false });
export const useSessions = (groupId?: string) => useQuery(q<List<{ id: string; kind: string; title: string; heldOn: string; recorded: number }>>(groupId ? `/groups/${groupId}/attendance/sessions` : null));
export const useSession = (id?: string) =>
  useQuery(q<{ id: string; title: string; heldOn: string; group: { id: string; code: string }; students: { id: string; displayName: string; status: AttendanceStatus | null; reason: string }[] }>(id ? `/attendance/sessions/${id}` : null));
export const useNotifications = () => useQuery(q<List<Notification> & { unread: { notifications: number; messages: number } }>('/notifications'));
export const usePreferences = () => useQuery(q<{ kinds: string[]; available: string[] }>('/notifications/preferences'));

export function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: keys.all });
}
