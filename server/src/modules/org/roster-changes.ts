import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Role } from './tables.js';

type Row = Record<string, unknown> & { id: string };

/**
 * Every write an import from the student administration (OneRoster) makes to the org tables,
 * as the roster module plans it. The org module applies it: it owns these tables, and it knows
 * whose access changes.
 */
export interface RosterChanges {
  institution: { op: 'insert' | 'update'; row: { id: string; name: string; brin: string } } | null;
  inserts: {
    locations: Row[];
    cohorts: Row[];
    programmes: Row[];
    groups: Row[];
    users: Row[];
    enrolments: Row[];
  };
  updates: { table: 'locations' | 'cohorts' | 'programmes' | 'groups' | 'users' | 'enrolments'; id: string; set: Record<string, unknown> }[];
  enrolmentDeletes: string[];
  roleAdds: { user_id: string; institution_id: string; role: Role }[];
  roleRemoves: { user_id: string; institution_id: string; role: Role }[];
  parentLinkAdds: { parent_id: string; student_id: string }[];
  parentLinkRemoves: { parent_id: string; student_id: string }[];
  mentorAdds: { group_id: string; user_id: string }[];
  mentorRemoves: { group_id: string; user_id: string }[];
}

const BATCH = 500;

async function insertBatches(db: Kysely<DB> | Transaction<DB>, table: keyof RosterChanges['inserts'], rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.insertInto(table).values(rows.slice(i, i + BATCH) as any).execute();
  }
}

/**
 * Applies roster changes inside the caller's transaction and returns the people whose roles
 * or relations changed: their cached sessions must be dropped once it commits, so a removed
 * role ends their access at once. Order follows the foreign keys: structure first, then
 * people, then what links them; removals last, so nothing points at a gap.
 */
export async function applyRosterChanges(trx: Transaction<DB>, w: RosterChanges): Promise<Set<string>> {
  const affected = new Set<string>();
  if (w.institution?.op === 'insert') await trx.insertInto('institutions').values(w.institution.row).execute();
  if (w.institution?.op === 'update') {
    await trx.updateTable('institutions').set({ name: w.institution.row.name }).where('id', '=', w.institution.row.id).execute();
  }
  for (const table of ['locations', 'cohorts', 'programmes', 'groups', 'users'] as const) {
    await insertBatches(trx, table, w.inserts[table]);
  }
  // Structure and people may be updated before enrolments are inserted: an updated group keeps its id.
  for (const u of w.updates) {
    if (u.table !== 'enrolments') await trx.updateTable(u.table).set(u.set as any).where('id', '=', u.id).execute();
    if (u.table === 'users') affected.add(u.id);
  }
  await insertBatches(trx, 'enrolments', w.inserts.enrolments);
  for (const u of w.updates) {
    if (u.table !== 'enrolments') continue;
    const changed = await trx.updateTable('enrolments').set(u.set as any).where('id', '=', u.id).returning('student_id').executeTakeFirst();
    if (changed) affected.add(changed.student_id);
  }
  for (let i = 0; i < w.roleAdds.length; i += BATCH) await trx.insertInto('user_roles').values(w.roleAdds.slice(i, i + BATCH)).execute();
  for (let i = 0; i < w.parentLinkAdds.length; i += BATCH) await trx.insertInto('parent_links').values(w.parentLinkAdds.slice(i, i + BATCH)).execute();
  for (let i = 0; i < w.mentorAdds.length; i += BATCH) await trx.insertInto('group_mentors').values(w.mentorAdds.slice(i, i + BATCH)).execute();

  for (const id of w.enrolmentDeletes) {
    const removed = await trx.deleteFrom('enrolments').where('id', '=', id).returning('student_id').executeTakeFirst();
    if (removed) affected.add(removed.student_id);
  }
  for (const m of w.mentorRemoves) {
    await trx.deleteFrom('group_mentors').where('group_id', '=', m.group_id).where('user_id', '=', m.user_id).execute();
  }
  for (const l of w.parentLinkRemoves) {
    await trx.deleteFrom('parent_links').where('parent_id', '=', l.parent_id).where('student_id', '=', l.student_id).execute();
  }
  for (const r of w.roleRemoves) {
    await trx.deleteFrom('user_roles').where('user_id', '=', r.user_id).where('institution_id', '=', r.institution_id).where('role', '=', r.role).execute();
  }
  for (const r of [...w.roleAdds, ...w.roleRemoves, ...w.mentorAdds, ...w.mentorRemoves]) affected.add(r.user_id);
  for (const l of [...w.parentLinkAdds, ...w.parentLinkRemoves]) affected.add(l.parent_id);
  return affected;
}
