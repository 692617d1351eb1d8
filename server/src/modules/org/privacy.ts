import type { PrivacyProvider } from '../../platform/privacy.js';

export const orgPrivacy: PrivacyProvider = {
  module: 'org',
  tables: [
    { table: 'users', personColumns: ['id'], purpose: 'Account and name, to know who uses Koers and to show names to the people who guide a student.', retention: 'While enrolled or employed, then as the school’s retention policy says (default: 1 year after leaving).' },
    { table: 'user_roles', personColumns: ['user_id'], purpose: 'Which roles a person holds in an institution; decides access.', retention: 'As long as the role lasts.' },
    { table: 'team_members', personColumns: ['user_id'], purpose: 'Staff membership of an opleidingsteam.', retention: 'As long as the membership lasts.' },
    { table: 'group_mentors', personColumns: ['user_id'], purpose: 'Who mentors a group; grants a mentor access to its students.', retention: 'As long as the assignment lasts.' },
    { table: 'enrolments', personColumns: ['student_id'], purpose: 'The opleiding and group a student is enrolled in.', retention: 'Copied from the student administration; kept as long as the student record.' },
    { table: 'parent_links', personColumns: ['parent_id', 'student_id'], purpose: 'Parent or carer of a student; grants access to the guidance record while the student is a minor.', retention: 'Until the student turns 18 without opting in, or the link is removed.' },
    { table: 'internships', personColumns: ['student_id', 'praktijkopleider_id'], purpose: 'The bpv placement; grants the praktijkopleider access during the placement.', retention: 'As long as the student record.' },
  ],
  async exportFor(db, userId) {
    const user = await db.selectFrom('users').select(['email', 'given_name', 'family_name', 'display_name', 'birth_date', 'locale', 'created_at']).where('id', '=', userId).executeTakeFirst();
    const roles = await db.selectFrom('user_roles').select(['institution_id', 'role']).where('user_id', '=', userId).execute();
    const enrolments = await db
      .selectFrom('enrolments as e')
      .leftJoin('programmes as p', 'p.id', 'e.programme_id')
      .leftJoin('groups as g', 'g.id', 'e.group_id')
      .select(['p.name as programme', 'p.crebo', 'g.code as group', 'e.starts_on', 'e.ends_on'])
      .where('e.student_id', '=', userId)
      .execute();
    const internships = await db.selectFrom('internships').select(['company_name', 'starts_on', 'ends_on']).where('student_id', '=', userId).execute();
    const parents = await db
      .selectFrom('parent_links as pl')
      .innerJoin('users as u', 'u.id', 'pl.parent_id')
      .select(['u.display_name', 'pl.adult_opt_in'])
      .where('pl.student_id', '=', userId)
      .execute();
    return { user, roles, enrolments, internships, parents };
  },
  async eraseFor(trx, userId) {
    // Rows that reference the person cascade with the user row; a praktijkopleider's
    // internships keep existing for the student, without the person.
    await trx.deleteFrom('users').where('id', '=', userId).execute();
  },
};
