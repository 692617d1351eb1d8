import type { PrivacyProvider } from '../../platform/privacy.js';

export const identityPrivacy: PrivacyProvider = {
  module: 'identity',
  tables: [
    { table: 'credentials', personColumns: ['user_id'], purpose: 'Password hash and second factor, to sign in safely.', retention: 'As long as the account.' },
    { table: 'sessions', personColumns: ['user_id'], purpose: 'Signed-in sessions, with address and browser to spot misuse.', retention: 'Until sign-out or expiry (at most the absolute session time).' },
    { table: 'audit_log', personColumns: ['actor_id', 'student_id'], purpose: 'Accountability: who read or changed whose data. Required by the school as controller.', retention: 'Append-only; kept as the school’s audit retention says. Erasure leaves only the pseudonymous id.' },
  ],
  async exportFor(db, userId) {
    const sessions = await db.selectFrom('sessions').select(['created_at', 'last_seen_at', 'ip', 'user_agent']).where('user_id', '=', userId).execute();
    const auditAboutMe = await db
      .selectFrom('audit_log')
      .select(['at', 'action', 'outcome', 'actor_id'])
      .where((eb) => eb.or([eb('student_id', '=', userId), eb('actor_id', '=', userId)]))
      .orderBy('at')
      .execute();
    const credentials = await db.selectFrom('credentials').select(['password_changed_at', 'totp_enabled_at']).where('user_id', '=', userId).executeTakeFirst();
    return { credentials: credentials ?? null, sessions, audit: auditAboutMe };
  },
  async eraseFor(trx, userId) {
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await trx.deleteFrom('credentials').where('user_id', '=', userId).execute();
    // audit_log is append-only by law and design: its rows keep the bare id, which no longer
    // resolves to a name once the user row is gone.
  },
};
