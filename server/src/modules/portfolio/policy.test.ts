import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../../platform/policy.js';
import { entryVisible, feedbackRole, readerTargets, type EntryResource, type PortfolioRelation } from './policy.js';
import type { SharingTarget } from './schema.js';

const actor: Actor = { userId: 'reader', displayName: 'Reader', roles: [{ institutionId: 'i', role: 'mentor' }] };

function rel(flags: Partial<PortfolioRelation>): PortfolioRelation {
  return {
    studentId: 's', institutionId: 'i', self: false, mentor: false, parent: false, parentSeesRecord: false,
    praktijkopleider: false, teamStaff: false, institutionRoles: [], minor: true, private: true, groupPeer: false, ...flags,
  };
}
const entry = (sharing: SharingTarget[], status: 'draft' | 'published' = 'published') => ({ id: 'e', sharing, status });
const resource = (r: PortfolioRelation, e: ReturnType<typeof entry>): EntryResource => ({ studentId: 's', institutionId: 'i', rel: r, entry: e, private: !entryVisible(r, e) });

/** actor relation × sharing → may read, may give feedback */
const MATRIX: [string, Partial<PortfolioRelation>, SharingTarget[], boolean, string | null][] = [
  ['owner, private', { self: true }, [], true, 'student'],
  ['mentor, private', { mentor: true }, [], false, null],
  ['mentor, shared with mentor', { mentor: true }, ['mentor'], true, 'mentor'],
  ['mentor, shared with parents only', { mentor: true }, ['parents'], false, null],
  ['docent in the team, shared with mentor', { teamStaff: true, institutionRoles: ['docent'] }, ['mentor'], false, null],
  ['admin, shared with mentor', { institutionRoles: ['institution_admin'] }, ['mentor'], false, null],
  ['parent of a minor, shared with parents', { parent: true, parentSeesRecord: true }, ['parents'], true, 'parent'],
  ['parent of an adult without opt-in, shared with parents', { parent: true, parentSeesRecord: false, minor: false }, ['parents'], false, null],
  ['praktijkopleider during the internship', { praktijkopleider: true }, ['praktijkopleider'], true, 'praktijkopleider'],
  ['fellow student, shared with group', { groupPeer: true }, ['group'], true, null],
  ['fellow student, shared with mentor', { groupPeer: true }, ['mentor'], false, null],
  ['next school (not yet in use)', {}, ['next_school'], false, null],
];

describe('portfolio policy matrix', () => {
  it.each(MATRIX)('%s', (_label, flags, sharing, read, feedback) => {
    const r = rel(flags);
    const e = entry(sharing);
    expect(can(actor, 'portfolio.entry.read', resource(r, e))).toBe(read);
    expect(feedbackRole(r, e)).toBe(feedback);
    expect(can(actor, 'portfolio.feedback.create', resource(r, e))).toBe(feedback !== null);
    expect(can(actor, 'portfolio.entry.write', resource(r, e))).toBe(!!flags.self);
  });

  it('never shows a draft to a reader, even when shared', () => {
    const r = rel({ mentor: true });
    expect(entryVisible(r, entry(['mentor'], 'draft'))).toBe(false);
    expect(entryVisible(rel({ self: true }), entry([], 'draft'))).toBe(true);
  });

  it('lets only personal relations ask for the list; the SQL filters by the same targets', () => {
    expect(can(actor, 'portfolio.entries.list', rel({ institutionRoles: ['institution_admin'] }))).toBe(false);
    expect(can(actor, 'portfolio.entries.list', rel({ mentor: true }))).toBe(true);
    expect(readerTargets(rel({ mentor: true, parent: true, parentSeesRecord: false }))).toEqual(['mentor']);
  });
});
