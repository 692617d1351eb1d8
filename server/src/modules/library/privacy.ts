import type { PrivacyProvider } from '../../platform/privacy.js';

/**
 * The Loopbaanmagazijn stores who wrote an exercise, who gave an assignment, and which
 * student completed which assignment with which of their own portfolio entries.
 */
export const libraryPrivacy: PrivacyProvider = {
  module: 'library',
  tables: [
    { table: 'library_exercises', personColumns: ['created_by'], purpose: 'The author of an exercise of the institution, so colleagues know whom to ask.', retention: 'As long as the exercise exists; the author is unlinked on erasure.' },
    { table: 'library_assignments', personColumns: ['assigned_by'], purpose: 'Which teacher gave an exercise to a group, with the due date.', retention: 'As long as the group exists; the teacher is unlinked on erasure.' },
    { table: 'library_completions', personColumns: ['student_id'], purpose: 'That a student completed an assignment, and with which of their own portfolio entries; the teacher sees only that it was done.', retention: 'As long as the entry exists (removing the entry removes the completion).' },
  ],
  async exportFor(db, userId) {
    const completions = await db
      .selectFrom('library_completions as c')
      .innerJoin('library_assignments as a', 'a.id', 'c.assignment_id')
      .innerJoin('library_exercises as x', 'x.id', 'a.exercise_id')
      .select(['x.title as exercise', 'a.due_on', 'c.entry_id', 'c.completed_at'])
      .where('c.student_id', '=', userId)
      .execute();
    const exercisesWritten = await db.selectFrom('library_exercises').select(['id', 'title', 'shared', 'created_at']).where('created_by', '=', userId).execute();
    const assignmentsGiven = await db.selectFrom('library_assignments').select(['id', 'exercise_id', 'group_id', 'due_on']).where('assigned_by', '=', userId).execute();
    return { completions, exercisesWritten, assignmentsGiven };
  },
  async eraseFor(trx, userId) {
    await trx.deleteFrom('library_completions').where('student_id', '=', userId).execute();
    await trx.updateTable('library_exercises').set({ created_by: null }).where('created_by', '=', userId).execute();
    await trx.updateTable('library_assignments').set({ assigned_by: null }).where('assigned_by', '=', userId).execute();
  },
};
