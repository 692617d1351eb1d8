import type { Writes } from './plan.js';

/** How many rows a plan writes, for the audit entry. */
export function countWrites(w: Writes) {
  const inserts = Object.values(w.inserts).reduce((n, rows) => n + rows.length, 0) + (w.institution?.op === 'insert' ? 1 : 0);
  return {
    inserted: inserts + w.roleAdds.length + w.parentLinkAdds.length + w.mentorAdds.length,
    updated: w.updates.length + (w.institution?.op === 'update' ? 1 : 0),
    deleted: w.enrolmentDeletes.length + w.mentorRemoves.length + w.parentLinkRemoves.length + w.roleRemoves.length,
  };
}
