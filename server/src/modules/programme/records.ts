import type { Evaluation } from './evaluate.js';

/**
 * The portfolio entries behind the records that counted: entries that counted themselves, and
 * the reflections that made an activity or an exercise count. These, and only these, the
 * mentor and the exam board may open from the status or the result list.
 */
export function countedEntryIds(status: Pick<Evaluation, 'components'>): Set<string> {
  const ids = new Set<string>();
  for (const c of status.components) {
    for (const r of c.records) {
      if (r.type === 'entry') ids.add(r.id);
      else if (r.reflectionEntryId) ids.add(r.reflectionEntryId);
    }
  }
  return ids;
}
