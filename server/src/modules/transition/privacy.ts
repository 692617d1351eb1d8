import type { PrivacyProvider } from '../../platform/privacy.js';

/**
 * The overstap stores the transfer form of a pupil (with support needs only under consent or a
 * legal basis), who consented to sending it, the intake at the next school and the timeline of
 * the transition.
 */
export const transitionPrivacy: PrivacyProvider = {
  module: 'transition',
  tables: [
    {
      table: 'transfers',
      personColumns: ['student_id', 'created_by', 'sent_by', 'accepted_by'],
      purpose: 'The warm handover to the next school or to work: the pupil’s choice and motivation, the school’s advice, LOB activities and the portfolio entries the pupil shared with the next school; support needs only with consent or a legal basis.',
      retention: 'Until the end of the first school year at the next school (two years after sending at most); the sender and receiver are unlinked on erasure.',
      special: true,
    },
    { table: 'transfer_consents', personColumns: ['user_id'], purpose: 'Proof that the pupil (and under 16 a parent) agreed to sending this version of the form.', retention: 'As long as the transfer is kept.' },
    { table: 'transfer_intakes', personColumns: ['intaker_id'], purpose: 'The career-oriented intake at the next school and its outcome, fed back to the sending school.', retention: 'As long as the transfer is kept; the intake officer is unlinked on erasure.', special: true },
    { table: 'transition_statuses', personColumns: ['student_id', 'recorded_by'], purpose: 'The timeline of the transition (registered, intake, placed, started, stopped with reason, diploma, work, further education), so nobody falls through the cracks.', retention: 'Until the young person turns 23 (the RMC follow-up age), then removed.' },
  ],
  async exportFor(db, userId) {
    const transfers = await db
      .selectFrom('transfers')
      .select(['id', 'status', 'destination', 'from_institution_id', 'to_institution_id', 'choice', 'motivation', 'lob_activities', 'advice', 'support_needs', 'support_legal_basis', 'sent_form', 'created_at', 'sent_at', 'accepted_at'])
      .where('student_id', '=', userId)
      .execute();
    const consents = await db.selectFrom('transfer_consents').select(['transfer_id', 'role', 'form_version', 'include_support', 'given_at']).where('user_id', '=', userId).execute();
    const ids = transfers.map((t) => t.id);
    const intakes = ids.length
      ? await db.selectFrom('transfer_intakes').select(['transfer_id', 'planned_at', 'held_at', 'motivation', 'expectations', 'support_needed', 'first_agreements', 'outcome', 'feedback']).where('transfer_id', 'in', ids).execute()
      : [];
    const statuses = await db.selectFrom('transition_statuses').select(['transfer_id', 'status', 'reason', 'occurred_on']).where('student_id', '=', userId).execute();
    return { transfers, consents, intakes, statuses };
  },
  async eraseFor(trx, userId) {
    // The pupil's own transfers go with everything in them (consents, intakes, statuses cascade).
    await trx.deleteFrom('transfers').where('student_id', '=', userId).execute();
    await trx.deleteFrom('transition_statuses').where('student_id', '=', userId).execute();
    await trx.deleteFrom('transfer_consents').where('user_id', '=', userId).execute();
    await trx.updateTable('transfers').set({ created_by: null }).where('created_by', '=', userId).execute();
    await trx.updateTable('transfers').set({ sent_by: null }).where('sent_by', '=', userId).execute();
    await trx.updateTable('transfers').set({ accepted_by: null }).where('accepted_by', '=', userId).execute();
    await trx.updateTable('transfer_intakes').set({ intaker_id: null }).where('intaker_id', '=', userId).execute();
    await trx.updateTable('transition_statuses').set({ recorded_by: null }).where('recorded_by', '=', userId).execute();
  },
};
