import type { Programme } from './api';

type T = (key: string, opts?: Record<string, unknown>) => string;

/** A programme as people name it: vo by learning path and year, mbo by level and crebo, hbo by CROHO. */
export function programmeLabel(p: Omit<Programme, 'id'>, t: T): string {
  if (p.kind === 'vo') return `${p.name} (${t(`voPath.${p.voPath}`)}${p.voYear ? `, ${t('voYear', { year: p.voYear })}` : ''})`;
  if (p.kind === 'hbo') return `${p.name} (CROHO ${p.croho})`;
  return `${p.name} (${t('level', { level: p.level })}, ${p.pathway}, crebo ${p.crebo})`;
}
