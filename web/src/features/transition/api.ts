import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

export type TransferStatus = 'draft' | 'sent' | 'accepted';
export type TransitionStatus = 'aangemeld' | 'intake_gehad' | 'geplaatst' | 'ingeschreven' | 'gestart' | 'gestopt' | 'diploma' | 'werk' | 'vervolgopleiding';
export const TRANSITION_STATUSES: TransitionStatus[] = ['aangemeld', 'intake_gehad', 'geplaatst', 'ingeschreven', 'gestart', 'gestopt', 'diploma', 'werk', 'vervolgopleiding'];
export type Outcome = 'placed' | 'advised_other' | 'waiting_list';
export const OUTCOMES: Outcome[] = ['placed', 'advised_other', 'waiting_list'];

export interface Institution {
  id: string;
  name: string;
  type: 'vo' | 'vso' | 'pro' | 'mbo' | 'hbo' | 'gemeente';
  brin: string | null;
  region: { id: string; code: string; name: string } | null;
}

export interface Programme {
  id: string;
  kind: 'vo' | 'mbo' | 'hbo';
  name: string;
  crebo: string | null;
  level: number | null;
  pathway: 'BOL' | 'BBL' | null;
  voPath: string | null;
  voYear: number | null;
  croho: string | null;
}

export interface SentForm {
  student: { givenName: string; familyName: string; birthDate: string | null };
  from: { name: string; brin: string | null; type: string };
  currentProgramme: Omit<Programme, 'id'> | null;
  destination: 'school' | 'work';
  to: { name: string; brin: string | null; type: string } | null;
  programme: Omit<Programme, 'id'> | null;
  employer: string;
  choice: string;
  motivation: string;
  lobActivities: string;
  advice: string;
  supportNeeds: string | null;
  supportBasis: 'consent' | 'law' | null;
  supportLegalBasis: string | null;
  contact: { name: string; email: string; phone: string };
  entries: { id: string; title: string; occurredOn: string; place: string | null; highlight: boolean; reflection: { orientatie: string; mening: string; reflectie: string } }[];
  cv: { name: string; experience: { title: string; occurredOn: string }[] } | null;
  alumniContactConsent: boolean;
  consents: { role: 'student' | 'parent'; givenAt: string; includeSupport: boolean }[];
  sentAt: string | null;
}

export interface DraftForm {
  choice: string;
  motivation: string;
  highlightEntryIds: string[];
  includeCv: boolean;
  alumniContactConsent: boolean;
  lobActivities: string;
  advice: string;
  supportNeeds: string;
  supportLegalBasis: string | null;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  employer: string;
}

export interface Transfer {
  id: string;
  status: TransferStatus;
  destination: 'school' | 'work';
  student: { id: string; displayName: string; age: number | null };
  from: Institution;
  to: Institution | null;
  programme: Programme | null;
  viewer: { role: 'student' | 'parent' | 'sender' | 'receiver'; canEdit: boolean; canConsent: boolean; canSend: boolean; canAccept: boolean; canIntake: boolean };
  form: DraftForm | null;
  consent: { required: ('student' | 'parent')[]; given: { role: 'student' | 'parent'; displayName: string; givenAt: string; includeSupport: boolean; current: boolean }[]; complete: boolean };
  preview: SentForm | null;
  sent: SentForm | null;
  shareableEntries: { id: string; title: string; occurredOn: string }[] | null;
  intake: {
    plannedAt: string;
    heldAt: string | null;
    intaker: string | null;
    motivation: string | null;
    expectations: string | null;
    supportNeeded: string | null;
    firstAgreements: string | null;
    outcome: Outcome | null;
    feedback: string;
    feedbackAt: string | null;
  } | null;
  statuses: { id: string; status: TransitionStatus; reason: string; occurredOn: string; institution: string | null }[];
  imported: boolean;
  createdAt: string;
  sentAt: string | null;
  acceptedAt: string | null;
}

export interface TransferSummary {
  id: string;
  status: TransferStatus;
  destination: 'school' | 'work';
  student: { id: string; displayName: string };
  from: { id: string; name: string };
  to: { id: string; name: string } | null;
  programme: string | null;
  employer: string;
  consentComplete: boolean;
  outcome: Outcome | null;
  latestStatus: TransitionStatus | null;
  createdAt: string;
  sentAt: string | null;
}

export interface Handover {
  institution: { id: string; name: string };
  schoolYear: string;
  leavers: number;
  sent: number;
  placed: number;
  started: number;
  warmHandoverRate: number | null;
  items: { transferId: string; student: { id: string; displayName: string }; destination: string; transferStatus: TransferStatus; latestStatus: TransitionStatus | null; started: boolean }[];
}

export const useTransfers = (direction: 'incoming' | 'outgoing', enabled = true) =>
  useQuery({ queryKey: ['transfers', direction], queryFn: () => api<{ items: TransferSummary[] }>(`/transfers?direction=${direction}`), enabled });
export const useTransfer = (id: string | undefined) =>
  useQuery({ queryKey: ['transfer', id], queryFn: () => api<Transfer>(`/transfers/${id}`), enabled: !!id });
export const useInstitutions = (q: string) =>
  useQuery({ queryKey: ['institutions', q], queryFn: () => api<{ items: Institution[] }>(`/institutions?q=${encodeURIComponent(q)}`), enabled: q.trim().length >= 2 });
export const useProgrammes = (institutionId: string) =>
  useQuery({ queryKey: ['institution-programmes', institutionId], queryFn: () => api<{ items: Programme[] }>(`/institutions/${institutionId}/programmes`), enabled: !!institutionId });
export const useHandover = () => useQuery({ queryKey: ['transition', 'handover'], queryFn: () => api<Handover>('/transitions/handover') });
