import { sql } from 'kysely';
import type { PrivacyProvider } from '../../platform/privacy.js';

const STAFF = 'Unlinked from the regional worker on erasure; the case itself stays with the region.';

/**
 * The regional registry holds young people of 12–27 whom the gemeente follows under the
 * Leerplichtwet and the RMC task (or with their consent), their places over time, and their
 * case. The gemeente is controller of these records; a young person's own account is only a
 * window on them (who read my record). Erasure of that account unlinks it; the record stays
 * as long as the legal task runs.
 */
export const regionPrivacy: PrivacyProvider = {
  module: 'region',
  tables: [
    { table: 'region_youth', personColumns: ['user_id'], purpose: 'Who in the region has no school, work or care place, since when and why, so a case owner can follow them up (Leerplichtwet, RMC task, or consent).', retention: 'While the legal task runs (until 23, or the consent is withdrawn), then five years after the last case closed; the account link is removed when the account is erased.' },
    { table: 'region_placements', personColumns: ['recorded_by'], purpose: 'The places of a young person over time, for follow-up and the dropout analysis (reported only in groups of 10 or more).', retention: 'As long as the young person’s record; the recording worker is unlinked on erasure.' },
    { table: 'region_cases', personColumns: ['owner_id', 'opened_by', 'closed_by'], purpose: 'The case: who owns the follow-up, the next follow-up date and the outcome.', retention: `As long as the young person’s record. ${STAFF}` },
    { table: 'region_case_owners', personColumns: ['owner_id', 'assigned_by'], purpose: 'Who owned the case when, and who assigned them (eigenaarschap).', retention: `As long as the case. ${STAFF}` },
    { table: 'region_case_actions', personColumns: ['created_by'], purpose: 'Actions and follow-up dates in the case (nazorg).', retention: `As long as the case. ${STAFF}` },
    { table: 'region_services', personColumns: ['updated_by'], purpose: 'Who last changed a service on the sociale kaart.', retention: `As long as the service. ${STAFF}` },
    { table: 'region_meetings', personColumns: ['created_by'], purpose: 'The regional meetings (commissie doorstroom, casusoverleg, afstemmingsoverleg).', retention: `Five years. ${STAFF}` },
    { table: 'region_meeting_participants', personColumns: ['user_id'], purpose: 'Who takes part in a meeting: they see the young people on its agenda only while it runs.', retention: 'As long as the meeting; removed on erasure.' },
    { table: 'region_meeting_items', personColumns: ['added_by'], purpose: 'Which young people a meeting discussed, and the decision.', retention: `As long as the meeting. ${STAFF}` },
  ],
  async exportFor(db, userId) {
    const records = await db
      .selectFrom('region_youth')
      .select(['id', 'given_name', 'family_name', 'birth_date', 'gemeente', 'status', 'since', 'reason', 'last_school', 'last_programme', 'source', 'consent_at', 'created_at'])
      .where('user_id', '=', userId)
      .execute();
    const ids = records.map((r) => r.id);
    const placements = ids.length ? await db.selectFrom('region_placements').select(['youth_id', 'status', 'since', 'reason', 'institution_name', 'programme', 'level', 'source']).where('youth_id', 'in', ids).execute() : [];
    const cases = ids.length
      ? (
          await sql<any>`select c.id, c.youth_id, c.opened_at, u.display_name as owner, c.follow_up_on, c.closed_at, c.outcome, c.outcome_note
            from region_cases c left join users u on u.id = c.owner_id where c.youth_id = any(${ids}::uuid[])`.execute(db)
        ).rows
      : [];
    const caseIds = cases.map((c: any) => c.id);
    const actions = caseIds.length ? await db.selectFrom('region_case_actions').select(['case_id', 'kind', 'body', 'follow_up_on', 'created_at']).where('case_id', 'in', caseIds).execute() : [];
    const casesOwned = await db.selectFrom('region_cases').select(['id', 'youth_id', 'opened_at', 'closed_at']).where('owner_id', '=', userId).execute();
    const meetings = await db.selectFrom('region_meeting_participants as p').innerJoin('region_meetings as m', 'm.id', 'p.meeting_id').select(['m.id', 'm.kind', 'm.title', 'm.starts_at', 'm.ends_at']).where('p.user_id', '=', userId).execute();
    return { records, placements, cases, actions, asWorker: { casesOwned, meetings } };
  },
  async eraseFor(trx, userId) {
    await trx.updateTable('region_youth').set({ user_id: null }).where('user_id', '=', userId).execute();
    await trx.updateTable('region_placements').set({ recorded_by: null }).where('recorded_by', '=', userId).execute();
    await trx.updateTable('region_cases').set({ owner_id: null }).where('owner_id', '=', userId).execute();
    await trx.updateTable('region_cases').set({ opened_by: null }).where('opened_by', '=', userId).execute();
    await trx.updateTable('region_cases').set({ closed_by: null }).where('closed_by', '=', userId).execute();
    await trx.updateTable('region_case_owners').set({ owner_id: null }).where('owner_id', '=', userId).execute();
    await trx.updateTable('region_case_owners').set({ assigned_by: null }).where('assigned_by', '=', userId).execute();
    await trx.updateTable('region_case_actions').set({ created_by: null }).where('created_by', '=', userId).execute();
    await trx.updateTable('region_services').set({ updated_by: null }).where('updated_by', '=', userId).execute();
    await trx.updateTable('region_meetings').set({ created_by: null }).where('created_by', '=', userId).execute();
    await trx.deleteFrom('region_meeting_participants').where('user_id', '=', userId).execute();
    await trx.updateTable('region_meeting_items').set({ added_by: null }).where('added_by', '=', userId).execute();
  },
};
