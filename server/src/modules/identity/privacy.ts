import type { PrivacyProvider } from '../../platform/privacy.js';

export const identityPrivacy: PrivacyProvider = {
  module: 'identity',
  tables: [
    { table: 'credentials', personColumns: ['user_id'], purpose: 'Password hash and second factor, to sign in safely.', retention: 'As long as the account.' },
    { table: 'sessions', personColumns: ['user_id'], purpose: 'Signed-in sessions, with address and browser to spot misuse.', retention: 'Until sign-out or expiry (at most the absolute session time).' },
    { table: 'password_reset_tokens', personColumns: ['user_id'], purpose: 'A one-time link to set a new password, stored only as a hash.', retention: 'Valid 30 minutes; removed with the next request of the same person or the erasure of the account.' },
    {
      table: 'invitations',
      personColumns: ['student_id', 'invited_by', 'accepted_by'],
      purpose: 'Invite a parent or praktijkopleider of one student: who invited whom (e-mail address) and whether it was accepted.',
      retention: 'Valid 14 days; kept afterwards as the record of how a parent or praktijkopleider got access, until the student’s data is erased.',
    },
    { table: 'user_identities', personColumns: ['user_id'], purpose: 'The federated account (SURFconext, Entree, eduID) an administrator linked, to sign in through the institution.', retention: 'Until unlinked, the provider is removed, or the account ends.' },
    { table: 'audit_log', personColumns: ['actor_id', 'student_id'], purpose: 'Accountability: who read or changed whose data. Required by the school as controller.', retention: 'Append-only; kept as the school’s audit retention says. Erasure replaces the person by a pseudonym and removes their address and the details.' },
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
    const invitations = await db
      .selectFrom('invitations')
      .select(['kind', 'email', 'student_id', 'invited_by', 'created_at', 'expires_at', 'accepted_at'])
      .where((eb) => eb.or([eb('student_id', '=', userId), eb('invited_by', '=', userId), eb('accepted_by', '=', userId)]))
      .orderBy('created_at')
      .execute();
    const identities = await db
      .selectFrom('user_identities as i')
      .innerJoin('oidc_providers as p', 'p.id', 'i.provider_id')
      .select(['p.name as provider', 'i.subject', 'i.created_at'])
      .where('i.user_id', '=', userId)
      .execute();
    return { credentials: credentials ?? null, sessions, invitations, identities, audit: auditAboutMe };
  },
  async eraseFor(trx, userId, person) {
    // Throttle counters are keyed by the person's e-mail address or id.
    const email = person?.email.trim().toLowerCase();
    const keys = [`mfa:${userId}`, `reauth:${userId}`, ...(email ? [`account:${email}`, `reset:${email}`] : [])];
    await trx.deleteFrom('login_throttle').where('key', 'in', keys).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await trx.deleteFrom('credentials').where('user_id', '=', userId).execute();
    await trx.deleteFrom('user_identities').where('user_id', '=', userId).execute();
    await trx.deleteFrom('password_reset_tokens').where('user_id', '=', userId).execute();
    // Invitations about the erased student go; as inviter or invitee the person is unlinked.
    await trx.deleteFrom('invitations').where('student_id', '=', userId).execute();
    await trx.updateTable('invitations').set({ invited_by: null }).where('invited_by', '=', userId).execute();
    await trx.updateTable('invitations').set({ accepted_by: null }).where('accepted_by', '=', userId).execute();
    // audit_log is append-only; the privacy service pseudonymises the person's rows after every
    // module has erased (AuditLog.pseudonymise).
  },
};
