import type { PrivacyProvider } from '../../platform/privacy.js';

/**
 * The LOB programme stores who organises activities, who signed up and took part, who
 * published a programme version, and the mentor's documented exceptions. Participation and
 * exceptions are part of the student's record (the inspanningsverplichting on the result list).
 */
export const programmePrivacy: PrivacyProvider = {
  module: 'programme',
  tables: [
    { table: 'lob_activities', personColumns: ['organiser_id'], purpose: 'The organiser of an LOB activity, so students know whom to ask and the organiser can record participation.', retention: 'As long as the activity is kept (default: five school years); the organiser is unlinked on erasure.' },
    { table: 'lob_activity_signups', personColumns: ['student_id', 'recorded_by'], purpose: 'Sign-up, waiting list and participation of a student in LOB activities: evidence for the inspanningsverplichting LOB.', retention: 'As long as the student record (the result list is part of the diploma file).' },
    { table: 'lob_programme_versions', personColumns: ['created_by'], purpose: 'Who published a version of an opleiding’s LOB programme (accountability towards the inspectorate).', retention: 'As long as a cohort follows the version.' },
    { table: 'lob_target_groups', personColumns: ['created_by'], purpose: 'Who defined a target group (doelgroep) of the LOB programme.', retention: 'As long as the target group exists; the creator is unlinked on erasure.' },
    { table: 'lob_target_group_members', personColumns: ['student_id', 'added_by'], purpose: 'Which target group (for example entree, oudere instromers, extra support need) a student belongs to, so the LOB programme components for that group apply. Kept by the LOB-coördinator and manager only.', retention: 'As long as the student record; removed when the student leaves the group.' },
    { table: 'lob_status_overrides', personColumns: ['student_id', 'decided_by', 'revoked_by'], purpose: 'Documented exceptions by the mentor to the derived LOB status, with the reason.', retention: 'As long as the student record.' },
  ],
  async exportFor(db, userId) {
    const signups = await db
      .selectFrom('lob_activity_signups as s')
      .innerJoin('lob_activities as a', 'a.id', 's.activity_id')
      .select(['a.title', 'a.kind', 'a.starts_at', 's.status', 's.signed_up_at', 's.attended'])
      .where('s.student_id', '=', userId)
      .orderBy('a.starts_at')
      .execute();
    const exceptions = await db
      .selectFrom('lob_status_overrides as o')
      .innerJoin('lob_programme_components as c', 'c.id', 'o.component_id')
      .select(['c.title as component', 'o.reason', 'o.decided_at', 'o.revoked_at'])
      .where('o.student_id', '=', userId)
      .execute();
    const organised = await db.selectFrom('lob_activities').select(['title', 'kind', 'starts_at']).where('organiser_id', '=', userId).execute();
    const decided = await db.selectFrom('lob_status_overrides').select(['component_id', 'decided_at']).where('decided_by', '=', userId).execute();
    const targetGroups = await db
      .selectFrom('lob_target_group_members as m')
      .innerJoin('lob_target_groups as g', 'g.id', 'm.target_group_id')
      .select(['g.name', 'm.added_at'])
      .where('m.student_id', '=', userId)
      .execute();
    return { signups, exceptions, organised, exceptionsDecided: decided, targetGroups };
  },
  async eraseFor(trx, userId) {
    await trx.deleteFrom('lob_activity_signups').where('student_id', '=', userId).execute();
    await trx.deleteFrom('lob_status_overrides').where('student_id', '=', userId).execute();
    await trx.deleteFrom('lob_target_group_members').where('student_id', '=', userId).execute();
    await trx.updateTable('lob_target_group_members').set({ added_by: null }).where('added_by', '=', userId).execute();
    await trx.updateTable('lob_target_groups').set({ created_by: null }).where('created_by', '=', userId).execute();
    // What this person did for others stays, without the person.
    await trx.updateTable('lob_activity_signups').set({ recorded_by: null }).where('recorded_by', '=', userId).execute();
    await trx.updateTable('lob_activities').set({ organiser_id: null }).where('organiser_id', '=', userId).execute();
    await trx.updateTable('lob_programme_versions').set({ created_by: null }).where('created_by', '=', userId).execute();
    await trx.updateTable('lob_status_overrides').set({ decided_by: null }).where('decided_by', '=', userId).execute();
    await trx.updateTable('lob_status_overrides').set({ revoked_by: null }).where('revoked_by', '=', userId).execute();
  },
};
