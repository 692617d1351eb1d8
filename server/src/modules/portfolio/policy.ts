import { allow, defineAction, hasRole } from '../../platform/policy.js';
import type { StudentRelation } from '../org/relations.js';
import type { EntryStatus, SharingTarget } from './schema.js';

/**
 * Who may see what of a student's LOBbook. Everything is private by default; the student opens
 * an entry to named readers. The relation facts come from org's loadStudentRelation, plus
 * `groupPeer` (a fellow student of the same current group) which only this module needs.
 * The same function, readerTargets, drives both the per-entry rule and the SQL filter of lists,
 * so a list can never show what a single read would refuse.
 */
export interface PortfolioRelation extends StudentRelation {
  groupPeer: boolean;
  /**
   * The reader is intake officer or LOB-coördinator of a school that accepted a transfer of
   * this student: entries the student shared with 'next_school' came along to that school.
   */
  nextSchool?: boolean;
}

/** The sharing targets through which this reader may see the student's published entries. */
export function readerTargets(rel: PortfolioRelation): SharingTarget[] {
  const targets: SharingTarget[] = [];
  if (rel.mentor) targets.push('mentor');
  if (rel.praktijkopleider) targets.push('praktijkopleider');
  // A parent sees an entry shared with 'parents' only while the parent may see the record at all.
  if (rel.parentSeesRecord) targets.push('parents');
  if (rel.groupPeer) targets.push('group');
  if (rel.nextSchool) targets.push('next_school');
  return targets;
}

export interface EntryResource {
  studentId: string;
  institutionId: string;
  rel: PortfolioRelation;
  entry: { id: string; sharing: SharingTarget[]; status: EntryStatus };
  /** hide existence from anyone who may not see the entry */
  private: boolean;
}

/** Whether the reader may see this entry: the owner always; others only a published, shared entry. */
export function entryVisible(rel: PortfolioRelation, entry: EntryResource['entry']): boolean {
  if (rel.self) return true;
  if (entry.status !== 'published') return false;
  return readerTargets(rel).some((t) => entry.sharing.includes(t));
}

/** The role a feedback author writes in; null when the reader may not give feedback. */
export function feedbackRole(rel: PortfolioRelation, entry: EntryResource['entry']): 'student' | 'mentor' | 'praktijkopleider' | 'parent' | null {
  if (rel.self) return 'student';
  if (entry.status !== 'published') return null;
  if (rel.mentor && entry.sharing.includes('mentor')) return 'mentor';
  if (rel.praktijkopleider && entry.sharing.includes('praktijkopleider')) return 'praktijkopleider';
  if (rel.parentSeesRecord && entry.sharing.includes('parents')) return 'parent';
  return null;
}

defineAction('portfolio.entry.create', 'A student adds an entry to their own LOBbook');
allow('portfolio.entry.create', (actor) => hasRole(actor, 'student'));

defineAction('portfolio.entries.list', "List the entries of a student's LOBbook this reader may see");
// Anyone with a personal relation may ask; the SQL returns only what their relation opens.
allow<PortfolioRelation>('portfolio.entries.list', (_a, r) => r.self);
allow<PortfolioRelation>('portfolio.entries.list', (_a, r) => readerTargets(r).length > 0);

defineAction('portfolio.entry.read', 'Read one entry with its evidence and feedback');
allow<EntryResource>('portfolio.entry.read', (_a, r) => entryVisible(r.rel, r.entry));

defineAction('portfolio.entry.write', 'The owner changes, shares, adds evidence to or removes an entry');
allow<EntryResource>('portfolio.entry.write', (_a, r) => r.rel.self);

defineAction('portfolio.feedback.create', 'A permitted reader responds to an entry; the student replies');
allow<EntryResource>('portfolio.feedback.create', (_a, r) => feedbackRole(r.rel, r.entry) !== null);

defineAction('portfolio.self_assessment.create', 'A student rates their own five career competencies');
allow('portfolio.self_assessment.create', (actor) => hasRole(actor, 'student'));

defineAction('portfolio.growth.read', "Read a student's self-assessments over time");
allow<PortfolioRelation>('portfolio.growth.read', (_a, r) => r.self);
// The mentor talks about growth in the career conversation; counts of entries stay filtered.
allow<PortfolioRelation>('portfolio.growth.read', (_a, r) => r.mentor);

defineAction('portfolio.plan.read', "Read a student's career plan (goals and actions)");
allow<PortfolioRelation>('portfolio.plan.read', (_a, r) => r.self);
// Agreements of career conversations land in the plan; the mentor follows them up.
allow<PortfolioRelation>('portfolio.plan.read', (_a, r) => r.mentor);

defineAction('portfolio.own.read', 'The student reads their own network, journey, summary or export');
allow<PortfolioRelation>('portfolio.own.read', (_a, r) => r.self);

/** Resources owned by one student (goals, actions, contacts, milestones, evidence writes). */
export interface OwnedResource {
  studentId: string;
  private: true;
}
defineAction('portfolio.own.write', 'The student changes their own plan, network or journey');
allow<OwnedResource>('portfolio.own.write', (actor, r) => actor.userId === r.studentId);

defineAction('portfolio.own.create', 'A student adds a goal, action, contact or milestone to their own LOBbook');
allow('portfolio.own.create', (actor) => hasRole(actor, 'student'));
