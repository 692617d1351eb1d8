import type { PrivacyProvider } from '../../platform/privacy.js';

export const identityPrivacy: PrivacyProvider = {
  module: 'identity',
  tables: [
    { table: 'credentials', personColumns: ['user_id'], purpose: 'Password hash and second factor, to sign in safely.', retention: 'As long as the account.' },
    { table: 'sessions', personColumns: ['user_id'], purpose: 'Signed-in sessions, with address and browser to spot misuse.', retention: 'Until sign-out or expiry (at most the absolute session time).' },
    { table: 'user_identities', personColumns: ['user_id'], purpose: 'The federated account (SURFconext, Entree, eduID) an administrator linked, to sign in through the institution.', retention: 'Until unlinked, the provider is removed, or the account ends.' },
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
    const identities = await db
      .selectFrom('user_identities as i')
      .innerJoin('oidc_providers as p', 'p.id', 'i.provider_id')
      .select(['p.name as provider', 'i.subject', 'i.created_at'])
      .where('i.user_id', '=', userId)
      .execute();
    return { credentials: credentials ?? null, identities, sessions, audit: auditAboutMe };
  },
  async eraseFor(trx, userId) {
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await trx.deleteFrom('credentials').where('user_id', '=', userId).execute();
    await trx.deleteFrom('user_identities').where('user_id', '=', userId).execute();
    // audit_log is append-only by law and design: its rows keep the bare id, which no longer
    // resolves to a name once the user row is gone.
  },
};
