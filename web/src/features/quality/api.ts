import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

/** Types and data hooks of the quality pages (vragenlijsten, scans, Kwaliteitskaart). */
export interface Option {
  value: string;
  label: string;
}
export interface Item {
  code: string;
  text: string;
  type: 'single' | 'multi' | 'likert5' | 'number' | 'text';
  options?: Option[];
  other?: boolean;
  labels?: string[];
  required?: boolean;
  min?: number;
  max?: number;
  help?: string;
  theme?: string;
  showIf?: { item: string; in: string[] };
}
export interface Section {
  title: string;
  intro?: string;
  items: Item[];
}
export interface Definition {
  sections: Section[];
  themes?: { code: string; label: string }[];
}

export interface QuestionnaireSummary {
  id: string;
  institutionId: string;
  teamId: string | null;
  seriesId: string;
  wave: number;
  templateCode: string | null;
  title: string;
  anonymous: boolean;
  panel: boolean;
  minGroupSize: number;
  version: number;
  status: 'draft' | 'open' | 'closed';
  closesOn: string | null;
  schoolYear: string;
  responses: number;
  invited: number;
  responded: number;
  responseRate: number | null;
}
export interface Questionnaire extends QuestionnaireSummary {
  description: string;
  definition: Definition;
  pending: number;
}

export interface Template {
  code: string;
  title: string;
  description: string;
  anonymous: boolean;
  audience: string;
  items: number;
  themes: { code: string; label: string }[];
}

export interface Frequency {
  code: string;
  text: string;
  type: string;
  section: string;
  n: number | null;
  suppressed: boolean;
  options?: { value: string; label: string; n: number | null; pct: number | null }[];
  mean?: number | null;
  texts?: string[];
  otherTexts?: string[];
}

export interface Profile {
  questionnaire: { id: string; title: string; wave: number; teamId: string | null };
  previousWaveId: string | null;
  themes: { code: string; label: string; team: Score; institution: Score; previous: Score }[];
}
export interface Score {
  score: number | null;
  n: number | null;
}

export interface Crosstab {
  percent: 'row' | 'column';
  respondents: number | null;
  threshold: number;
  columns: { value: string; label: string; base: number | null }[];
  rows: { value: string; label: string; base: number | null; cells: { value: string; label: string; n: number | null; pct: number | null }[] }[];
}

export interface Action {
  id: string;
  teamId: string | null;
  teamName: string | null;
  schoolYear: string;
  step: 'verankeren' | 'faciliteren' | 'verbeteren';
  theme: string;
  sourceQuestionnaireId: string | null;
  title: string;
  description: string;
  ownerId: string | null;
  ownerName: string | null;
  dueOn: string;
  status: 'planned' | 'doing' | 'done' | 'dropped';
  evidence: string;
  doneOn: string | null;
  overdue: boolean;
}

export const STEPS = ['verankeren', 'faciliteren', 'verbeteren'] as const;

export const useQuestionnaires = () => useQuery({ queryKey: ['quality', 'list'], queryFn: () => api<{ items: QuestionnaireSummary[] }>('/questionnaires') });
export const useQuestionnaire = (id: string) => useQuery({ queryKey: ['quality', 'q', id], queryFn: () => api<Questionnaire>(`/questionnaires/${id}`) });
export const useTemplates = () => useQuery({ queryKey: ['quality', 'templates'], queryFn: () => api<{ items: Template[] }>('/quality/templates'), staleTime: 3_600_000 });
export const useChoices = (enabled = true) =>
  useQuery({ queryKey: ['quality', 'choices'], queryFn: () => api<{ institutionId: string; owners: { id: string; name: string }[]; teams: { id: string; name: string }[] }>('/quality/choices'), enabled, staleTime: 300_000 });
export const useReport = (id: string, enabled = true) =>
  useQuery({ queryKey: ['quality', 'report', id], queryFn: () => api<{ respondents: number | null; items: Frequency[]; questionnaire: { threshold: number } }>(`/questionnaires/${id}/report`), enabled });
export const useProfile = (id: string, enabled: boolean) => useQuery({ queryKey: ['quality', 'profile', id], queryFn: () => api<Profile>(`/questionnaires/${id}/profile`), enabled });
export const useCrosstab = (id: string, row: string, col: string, percent: 'row' | 'column') =>
  useQuery({ queryKey: ['quality', 'crosstab', id, row, col, percent], queryFn: () => api<Crosstab>(`/questionnaires/${id}/crosstab?row=${encodeURIComponent(row)}&col=${encodeURIComponent(col)}&percent=${percent}`), enabled: !!row && !!col });
export const useMyQuestionnaires = () =>
  useQuery({ queryKey: ['quality', 'mine'], queryFn: () => api<{ items: { id: string; title: string; anonymous: boolean; closesOn: string | null; responded: boolean; panel: boolean; status: string }[] }>('/me/questionnaires') });
export const useForm = (id: string) =>
  useQuery({ queryKey: ['quality', 'form', id], queryFn: () => api<{ id: string; title: string; description: string; anonymous: boolean; closesOn: string | null; status: string; definition: Definition; responded: boolean }>(`/questionnaires/${id}/form`) });
export const useActions = (status: 'open' | 'overdue' | 'all' = 'all') =>
  useQuery({ queryKey: ['quality', 'actions', status], queryFn: () => api<{ items: Action[]; summary: { open: number; overdue: number; done: number; byStep: Record<string, { open: number; done: number }> } }>(`/quality/actions?status=${status}`) });
export const useTimeline = () =>
  useQuery({ queryKey: ['quality', 'timeline'], queryFn: () => api<{ schoolYear: string; events: { date: string; phase: 'plan' | 'do' | 'check' | 'act'; kind: string; title: string; id: string; status: string }[] }>('/quality/timeline') });

/** A mutation that refreshes every quality query when it succeeds. */
export function useQualityMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['quality'] }) });
}

/** Which items routing shows, given the answers so far (mirrors the server's rule). */
export function visibleItems(def: Definition, answers: Record<string, unknown>): Set<string> {
  const byCode = new Map(def.sections.flatMap((s) => s.items).map((i) => [i.code, i]));
  const shown = new Set<string>();
  const values = (item: Item, a: unknown): string[] => (a === undefined || a === null || a === '' ? [] : Array.isArray(a) ? a.map(String) : [String(a)]);
  for (const item of byCode.values()) {
    if (!item.showIf) shown.add(item.code);
    else {
      const source = byCode.get(item.showIf.item);
      if (source && shown.has(source.code) && values(source, answers[source.code]).some((v) => item.showIf!.in.includes(v))) shown.add(item.code);
    }
  }
  return shown;
}

export const DEFAULT_LIKERT = ['Helemaal oneens', 'Oneens', 'Neutraal', 'Eens', 'Helemaal eens'];

/** A number the Dutch way (3,5) or the English way (3.5). */
export const formatNumber = (n: number | null | undefined, language: string, digits = 1) =>
  n === null || n === undefined ? '–' : n.toLocaleString(language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
