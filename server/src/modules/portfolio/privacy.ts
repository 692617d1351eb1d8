import type { PrivacyProvider } from '../../platform/privacy.js';

const RETENTION = 'As long as the student record; the student can remove items at any time and takes the LOBbook along at a transition.';

/**
 * The LOBbook is the student's own: private by default, shared per entry. Feedback written by
 * someone else about a student's entry belongs to that entry; its author is unlinked when the
 * author's account is erased.
 */
export const portfolioPrivacy: PrivacyProvider = {
  module: 'portfolio',
  tables: [
    { table: 'portfolio_entries', personColumns: ['student_id'], purpose: 'Experiences and reflections of the student (LOBbook), for career guidance; shown only to readers the student chose.', retention: RETENTION },
    { table: 'portfolio_evidence', personColumns: ['student_id'], purpose: 'Photos, documents and audio the student attached as evidence to an entry.', retention: RETENTION },
    { table: 'portfolio_feedback', personColumns: ['author_id'], purpose: 'Feedback of mentor, praktijkopleider or parent on an entry shared with them, and the student’s replies.', retention: 'As long as the entry it belongs to.' },
    { table: 'portfolio_self_assessments', personColumns: ['student_id'], purpose: 'The student’s own rating of the five career competencies, to see growth over time.', retention: RETENTION },
    { table: 'portfolio_goals', personColumns: ['student_id'], purpose: 'Goals of the student’s career plan (loopbaansturing).', retention: RETENTION },
    { table: 'portfolio_actions', personColumns: ['student_id'], purpose: 'Actions of the career plan, including agreements of career conversations.', retention: RETENTION },
    { table: 'portfolio_contacts', personColumns: ['student_id'], purpose: 'People who can help the student (netwerken); names of non-users, seen only by the student.', retention: RETENTION },
    { table: 'portfolio_milestones', personColumns: ['student_id'], purpose: 'Milestones and choices of the student’s career journey.', retention: RETENTION },
  ],
  async exportFor(db, userId) {
    const entries = await db
      .selectFrom('portfolio_entries')
      .select(['id', 'kind', 'title', 'occurred_on', 'place', 'competencies', 'orientatie', 'mening', 'reflectie', 'sharing', 'status', 'created_at', 'updated_at'])
      .where('student_id', '=', userId)
      .orderBy('occurred_on')
      .execute();
    const evidence = await db.selectFrom('portfolio_evidence').select(['id', 'entry_id', 'filename', 'media_type', 'size_bytes', 'created_at']).where('student_id', '=', userId).execute();
    const feedbackOnMyEntries = await db
      .selectFrom('portfolio_feedback as f')
      .innerJoin('portfolio_entries as e', 'e.id', 'f.entry_id')
      .select(['f.id', 'f.entry_id', 'f.author_role', 'f.body', 'f.created_at'])
      .where('e.student_id', '=', userId)
      .execute();
    const feedbackIWrote = await db.selectFrom('portfolio_feedback').select(['id', 'entry_id', 'author_role', 'body', 'created_at']).where('author_id', '=', userId).execute();
    const selfAssessments = await db.selectFrom('portfolio_self_assessments').selectAll().where('student_id', '=', userId).orderBy('assessed_at').execute();
    const goals = await db.selectFrom('portfolio_goals').select(['id', 'kind', 'title', 'created_at']).where('student_id', '=', userId).execute();
    const actions = await db.selectFrom('portfolio_actions').select(['id', 'goal_id', 'description', 'due_on', 'status', 'created_at', 'done_at']).where('student_id', '=', userId).execute();
    const contacts = await db.selectFrom('portfolio_contacts').select(['name', 'relation', 'organisation', 'can_help_with', 'last_contact_on', 'step']).where('student_id', '=', userId).execute();
    const milestones = await db.selectFrom('portfolio_milestones').select(['kind', 'title', 'occurred_on', 'note']).where('student_id', '=', userId).execute();
    return { entries, evidence, feedbackOnMyEntries, feedbackIWrote, selfAssessments, goals, actions, contacts, milestones };
  },
  async filesFor(db, userId) {
    const rows = await db.selectFrom('portfolio_evidence').select(['id', 'filename', 'media_type', 'created_at', 'content']).where('student_id', '=', userId).orderBy('created_at').execute();
    return rows.map((r) => ({ category: 'portfolio_evidence', id: r.id, filename: r.filename, mediaType: r.media_type, createdAt: r.created_at, content: r.content }));
  },
  async eraseFor(trx, userId) {
    // Entries take their evidence and feedback threads with them (on delete cascade).
    await trx.deleteFrom('portfolio_entries').where('student_id', '=', userId).execute();
    await trx.deleteFrom('portfolio_evidence').where('student_id', '=', userId).execute();
    await trx.deleteFrom('portfolio_self_assessments').where('student_id', '=', userId).execute();
    await trx.deleteFrom('portfolio_goals').where('student_id', '=', userId).execute();
    await trx.deleteFrom('portfolio_actions').where('student_id', '=', userId).execute();
    await trx.deleteFrom('portfolio_contacts').where('student_id', '=', userId).execute();
    await trx.deleteFrom('portfolio_milestones').where('student_id', '=', userId).execute();
    // Feedback this person gave on someone else's entry stays with that entry, without its author.
    await trx.updateTable('portfolio_feedback').set({ author_id: null }).where('author_id', '=', userId).execute();
  },
};
