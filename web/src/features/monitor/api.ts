import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';

/** Types and data hooks of the monitor pages. */
export type Level = 'group' | 'team' | 'opleiding' | 'institution' | 'region' | 'nation';

export interface Indicator {
  code: string;
  label: string;
  value: number | null;
  n: number | null;
  suppressed: boolean;
  explanation: string;
}

export interface Indicators {
  level: Level;
  id: string | null;
  name: string;
  schoolYear: string;
  refreshedAt: string | null;
  items: Indicator[];
  drillDown: { level: Level; id: string; name: string }[];
  schoolYears: string[];
}

export function useIndicators(level: Level, id?: string | null, schoolYear?: string, enabled = true) {
  const params = new URLSearchParams({ level });
  if (id) params.set('id', id);
  if (schoolYear) params.set('schoolYear', schoolYear);
  return useQuery({
    queryKey: ['monitor', level, id ?? null, schoolYear ?? null],
    queryFn: () => api<Indicators>(`/monitor/indicators?${params}`),
    enabled,
    retry: false,
  });
}
