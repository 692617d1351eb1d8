import { sql } from 'kysely';
import type { PrivacyProvider } from '../../platform/privacy.js';

/**
 * Verkennen stores what a student looked at and linked to their entries, an alumnus's story
 * with the consent they gave, who is in contact with which alumnus (not the messages: those
 * are guidance_messages), and public sign-ups for open days. The catalogue, figures and
 * occupations name no person.
 *
 * explore_public_signups holds an e-mail address and a name without an account (so no
 * foreign key to users): it is kept only until the activity is over, or 48 hours when the
 * address is never confirmed. Export and erasure of an account also cover the sign-ups made
 * with that account's e-mail address.
 */
export const explorePrivacy: PrivacyProvider = {
  module: 'explore',
  tables: [
    { table: 'explore_views', personColumns: ['student_id'], purpose: 'Which programmes and occupations a student looked at, so their mentor can prepare a career conversation.', retention: 'As long as the student record; the student can see and erase it.' },
    { table: 'explore_entry_links', personColumns: ['student_id'], purpose: 'The programme or occupation a werkexploratie entry of the portfolio explored.', retention: 'As long as the entry exists.' },
    { table: 'explore_alumni', personColumns: ['user_id'], purpose: 'The story of a former student (route, work now, tips) with their consent, and whether they may be contacted or be a buddy.', retention: 'Until the alumnus withdraws consent or the account ends.' },
    { table: 'explore_contacts', personColumns: ['student_id', 'alumnus_id'], purpose: 'That a student asked an alumnus a question or has a buddy; the mentor sees only that a buddy match exists.', retention: 'As long as both accounts exist; ended matches one school year.' },
  ],
  async exportFor(db, userId) {
    const user = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    const [viewed, entryLinks, alumnus, contacts, publicSignups] = await Promise.all([
      db.selectFrom('explore_views').select(['item_kind', 'item_id', 'times', 'last_viewed_at']).where('student_id', '=', userId).execute(),
      db.selectFrom('explore_entry_links').select(['entry_id', 'programme_id', 'occupation_id', 'created_at']).where('student_id', '=', userId).execute(),
      db.selectFrom('explore_alumni').selectAll().where('user_id', '=', userId).executeTakeFirst(),
      db.selectFrom('explore_contacts').select(['id', 'student_id', 'alumnus_id', 'kind', 'reason', 'created_at', 'ended_at']).where((eb) => eb.or([eb('student_id', '=', userId), eb('alumnus_id', '=', userId)])).execute(),
      user
        ? db.selectFrom('explore_public_signups').select(['activity_id', 'name', 'created_at', 'confirmed_at']).where(sql<boolean>`lower(email) = lower(${user.email})`).execute()
        : Promise.resolve([]),
    ]);
    return { viewed, entryLinks, alumnus: alumnus ?? null, contacts, publicSignups };
  },
  async eraseFor(trx, userId) {
    const user = await trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    await trx.deleteFrom('explore_views').where('student_id', '=', userId).execute();
    await trx.deleteFrom('explore_entry_links').where('student_id', '=', userId).execute();
    await trx.deleteFrom('explore_alumni').where('user_id', '=', userId).execute();
    await trx.deleteFrom('explore_contacts').where((eb) => eb.or([eb('student_id', '=', userId), eb('alumnus_id', '=', userId)])).execute();
    if (user) await trx.deleteFrom('explore_public_signups').where(sql<boolean>`lower(email) = lower(${user.email})`).execute();
  },
};
