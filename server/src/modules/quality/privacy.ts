import type { PrivacyProvider } from '../../platform/privacy.js';

/**
 * Kwaliteit stores who made a questionnaire, who was invited and whether they answered, the
 * answers of identified questionnaires (a team-scan), and who owns an improvement action.
 * Anonymous answers have no person reference at all, so they are not part of anyone's export
 * and cannot be erased per person: that is what anonymous means, and respondents are told so.
 */
export const qualityPrivacy: PrivacyProvider = {
  module: 'quality',
  tables: [
    { table: 'quality_questionnaires', personColumns: ['created_by'], purpose: 'Who made a questionnaire or scan, so colleagues know whom to ask.', retention: 'As long as the questionnaire exists; the maker is unlinked on erasure.' },
    { table: 'quality_responses', personColumns: ['respondent_id'], purpose: 'Answers to an identified questionnaire (a team-scan the team discusses openly). Anonymous answers are stored without any person reference.', retention: 'As long as the questionnaire exists; identified answers are removed on erasure.' },
    { table: 'quality_invitations', personColumns: ['user_id'], purpose: 'Who is asked to answer, for invitations, reminders and the response rate; records only whether they answered, not when or what.', retention: 'As long as the questionnaire exists; removed on erasure.' },
    { table: 'quality_actions', personColumns: ['owner_id', 'created_by'], purpose: 'The owner and author of an improvement action on the Kwaliteitskaart.', retention: 'As long as the action exists; the person is unlinked on erasure.' },
  ],
  async exportFor(db, userId) {
    const invitations = await db
      .selectFrom('quality_invitations as i')
      .innerJoin('quality_questionnaires as q', 'q.id', 'i.questionnaire_id')
      .select(['q.title', 'q.anonymous', 'i.invited_on', 'i.reminded_on', 'i.responded'])
      .where('i.user_id', '=', userId)
      .execute();
    const identifiedAnswers = await db
      .selectFrom('quality_responses as r')
      .innerJoin('quality_questionnaires as q', 'q.id', 'r.questionnaire_id')
      .select(['q.title', 'r.submitted_at', 'r.answers'])
      .where('r.respondent_id', '=', userId)
      .execute();
    const questionnairesMade = await db.selectFrom('quality_questionnaires').select(['id', 'title', 'created_at']).where('created_by', '=', userId).execute();
    const actions = await db
      .selectFrom('quality_actions')
      .select(['id', 'title', 'step', 'theme', 'due_on', 'status', 'evidence'])
      .where((eb) => eb.or([eb('owner_id', '=', userId), eb('created_by', '=', userId)]))
      .execute();
    return { invitations, identifiedAnswers, questionnairesMade, actions };
  },
  async eraseFor(trx, userId) {
    await trx.deleteFrom('quality_responses').where('respondent_id', '=', userId).execute();
    await trx.deleteFrom('quality_invitations').where('user_id', '=', userId).execute();
    await trx.updateTable('quality_questionnaires').set({ created_by: null }).where('created_by', '=', userId).execute();
    await trx.updateTable('quality_actions').set({ owner_id: null }).where('owner_id', '=', userId).execute();
    await trx.updateTable('quality_actions').set({ created_by: null }).where('created_by', '=', userId).execute();
  },
};
