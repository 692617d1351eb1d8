import type { Writes } from './plan.js';
import type { RosterDb } from './tables.js';

const BATCH = 500;

async function insertBatches(db: RosterDb, table: keyof Writes['inserts'], rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.insertInto(table).values(rows.slice(i, i + BATCH) as any).execute();
  }
}

/**
 * Writes a plan inside the caller's transaction. Order follows the foreign keys: structure
 * first, then people, then what links them; removals last, so nothing points at a gap.
 */
export async function applyWrites(db: RosterDb, w: Writes): Promise<void> {
  if (w.institution?.op === 'insert') await db.insertInto('institutions').values(w.institution.row).execute();
  if (w.institution?.op === 'update') {
    await db.updateTable('institutions').set({ name: w.institution.row.name }).where('id', '=', w.institution.row.id).execute();
  }
  for (const table of ['locations', 'cohorts', 'programmes', 'groups', 'users'] as const) {
    await insertBatches(db, table, w.inserts[table]);
  }
  // Structure and people may be updated before enrolments are inserted: an updated group keeps its id.
  for (const u of w.updates) {
    if (u.table !== 'enrolments') await db.updateTable(u.table).set(u.set as any).where('id', '=', u.id).execute();
  }
  await insertBatches(db, 'enrolments', w.inserts.enrolments);
  for (const u of w.updates) {
    if (u.table === 'enrolments') await db.updateTable('enrolments').set(u.set as any).where('id', '=', u.id).execute();
  }
  for (let i = 0; i < w.roleAdds.length; i += BATCH) await db.insertInto('user_roles').values(w.roleAdds.slice(i, i + BATCH)).execute();
  for (let i = 0; i < w.parentLinkAdds.length; i += BATCH) await db.insertInto('parent_links').values(w.parentLinkAdds.slice(i, i + BATCH)).execute();
  for (let i = 0; i < w.mentorAdds.length; i += BATCH) await db.insertInto('group_mentors').values(w.mentorAdds.slice(i, i + BATCH)).execute();

  for (const id of w.enrolmentDeletes) await db.deleteFrom('enrolments').where('id', '=', id).execute();
  for (const m of w.mentorRemoves) {
    await db.deleteFrom('group_mentors').where('group_id', '=', m.group_id).where('user_id', '=', m.user_id).execute();
  }
  for (const l of w.parentLinkRemoves) {
    await db.deleteFrom('parent_links').where('parent_id', '=', l.parent_id).where('student_id', '=', l.student_id).execute();
  }
  for (const r of w.roleRemoves) {
    await db.deleteFrom('user_roles').where('user_id', '=', r.user_id).where('institution_id', '=', r.institution_id).where('role', '=', r.role).execute();
  }
}

/** How many rows a plan writes, for the audit entry. */
export function countWrites(w: Writes) {
  const inserts = Object.values(w.inserts).reduce((n, rows) => n + rows.length, 0) + (w.institution?.op === 'insert' ? 1 : 0);
  return {
    inserted: inserts + w.roleAdds.length + w.parentLinkAdds.length + w.mentorAdds.length,
    updated: w.updates.length + (w.institution?.op === 'update' ? 1 : 0),
    deleted: w.enrolmentDeletes.length + w.mentorRemoves.length + w.parentLinkRemoves.length + w.roleRemoves.length,
  };
}
