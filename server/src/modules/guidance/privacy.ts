import { sql } from 'kysely';
import type { PrivacyProvider } from '../../platform/privacy.js';

const RECORD = 'As long as the student record (enrolment plus the school’s retention period for the guidance record).';

/**
 * The guidance record: conversations, agreements, appointments, attendance, feed and messages.
 *
 * Private mentor notes (guidance_conversation_notes with visibility 'private') are the mentor's
 * working notes. No one but their author ever reads them in the app — not the student, not a
 * parent, not the institution admin. They are personal data about the student all the same, so
 * where the AVG requires it (a student's right of access, art. 15) they are part of the export
 * the MENTOR-SIDE produces: `exportFor(mentorId)` includes the notes the mentor wrote, and the
 * student's own export lists that private notes exist for a conversation (count and date) so the
 * school can answer an access request through the mentor. On erasure of the student the notes go
 * with the conversation; on erasure of the mentor their private notes are deleted (nobody else
 * may read them, so keeping them without an author would serve no purpose), shared notes are
 * kept without author.
 */
export const guidancePrivacy: PrivacyProvider = {
  module: 'guidance',
  tables: [
    { table: 'guidance_conversations', personColumns: ['student_id', 'mentor_id'], purpose: 'Career conversations (loopbaangesprekken) between student and mentor: planning, the student’s preparation and the four steps.', retention: RECORD },
    { table: 'guidance_coach_assignments', personColumns: ['student_id', 'coach_id', 'assigned_by'], purpose: 'Who besides the group mentor (a teacher of the team or a named SLB’er) holds career conversations with a student.', retention: RECORD },
    { table: 'guidance_conversation_notes', personColumns: ['author_id'], purpose: 'Notes of the mentor on a conversation; shared notes are seen by the student, private notes only by the mentor.', retention: RECORD },
    { table: 'guidance_agreements', personColumns: ['student_id'], purpose: 'Agreements (afspraken) made in a conversation, also placed in the student’s career plan.', retention: RECORD },
    { table: 'guidance_appointments', personColumns: ['organiser_id', 'student_id', 'confirmed_by'], purpose: 'Appointments in the agenda: conversations, internship visits, LOB activities.', retention: 'One school year after the appointment.' },
    { table: 'guidance_time_proposals', personColumns: ['proposed_by', 'decided_by'], purpose: 'A new time proposed for an appointment or conversation, by whom, and who accepted or declined it.', retention: 'As long as the appointment.' },
    { table: 'guidance_invitations', personColumns: ['user_id'], purpose: 'Who is invited to an appointment and whether they accepted.', retention: 'As long as the appointment.' },
    { table: 'guidance_calendar_tokens', personColumns: ['user_id'], purpose: 'The secret address of a person’s calendar feed (only its hash is stored).', retention: 'Until revoked or the account ends.' },
    { table: 'guidance_feed_posts', personColumns: ['author_id', 'hidden_by'], purpose: 'Posts and replies in the closed feed of a group, and who hid a post (moderation).', retention: 'The school year of the group plus one year.' },
    { table: 'guidance_feed_attachments', personColumns: ['uploader_id'], purpose: 'Photos and PDF documents attached to a post in the group feed.', retention: 'As long as the post.' },
    { table: 'guidance_feed_reactions', personColumns: ['user_id'], purpose: 'Reactions to a post in the group feed.', retention: 'As long as the post.' },
    { table: 'guidance_feed_reports', personColumns: ['reporter_id'], purpose: 'Reports of posts for moderation.', retention: 'As long as the post.' },
    { table: 'guidance_feed_reads', personColumns: ['user_id'], purpose: 'When a member last read the group feed, for unread counts.', retention: 'As long as the membership.' },
    { table: 'guidance_messages', personColumns: ['student_id', 'sender_id', 'recipient_id'], purpose: 'Direct messages about a student between the student and their mentor, praktijkopleider or parent.', retention: RECORD },
    { table: 'guidance_sessions', personColumns: ['created_by'], purpose: 'Sessions (lessons, LOB activities, conversations) attendance is taken for.', retention: RECORD },
    { table: 'guidance_attendance', personColumns: ['student_id', 'recorded_by'], purpose: 'Attendance of the student (present, absent with or without reason, late), for guidance and the inspanningsverplichting.', retention: RECORD },
    { table: 'guidance_notifications', personColumns: ['user_id'], purpose: 'In-app notifications of a person.', retention: 'Three months after being read.' },
    { table: 'guidance_mail_preferences', personColumns: ['user_id'], purpose: 'Which notifications a person also wants by e-mail.', retention: 'As long as the account.' },
  ],
  async exportFor(db, userId, scope = 'own') {
    const conversations = await db
      .selectFrom('guidance_conversations')
      .select(['id', 'planned_at', 'status', 'held_on', 'prep_answers', 'prep_entry_ids', 'step_terugkijken', 'step_reflecteren', 'step_vooruitkijken'])
      .where('student_id', '=', userId)
      .orderBy('planned_at')
      .execute();
    const sharedNotes = await db
      .selectFrom('guidance_conversation_notes as n')
      .innerJoin('guidance_conversations as c', 'c.id', 'n.conversation_id')
      .select(['n.conversation_id', 'n.body', 'n.created_at'])
      .where('c.student_id', '=', userId)
      .where('n.visibility', '=', 'shared')
      .execute();
    // Access requests: the student learns that private notes exist; the mentor-side export holds their text.
    const privateNotesHeldByMentor = await db
      .selectFrom('guidance_conversation_notes as n')
      .innerJoin('guidance_conversations as c', 'c.id', 'n.conversation_id')
      .select(['n.conversation_id', 'n.created_at'])
      .where('c.student_id', '=', userId)
      .where('n.visibility', '=', 'private')
      .execute();
    // The notes a mentor wrote are about students. The mentor gets them in their own export;
    // an administrator answering a request about the mentor does not (that would hand private
    // notes about students to someone who may not read them): only how many there are.
    const notesIWrote =
      scope === 'own'
        ? await db
            .selectFrom('guidance_conversation_notes as n')
            .innerJoin('guidance_conversations as c', 'c.id', 'n.conversation_id')
            .innerJoin('users as s', 's.id', 'c.student_id')
            .select(['n.conversation_id', 's.display_name as student', 'n.visibility', 'n.body', 'n.created_at'])
            .where('n.author_id', '=', userId)
            .execute()
        : { count: Number((await db.selectFrom('guidance_conversation_notes').select((eb) => eb.fn.countAll<number>().as('n')).where('author_id', '=', userId).executeTakeFirst())?.n ?? 0) };
    const agreements = await db.selectFrom('guidance_agreements').select(['conversation_id', 'action', 'due_on', 'owner', 'created_at']).where('student_id', '=', userId).execute();
    const appointments = await db
      .selectFrom('guidance_appointments as a')
      .leftJoin('guidance_invitations as i', (j) => j.onRef('i.appointment_id', '=', 'a.id').on('i.user_id', '=', userId))
      .select(['a.id', 'a.kind', 'a.title', 'a.location', 'a.starts_at', 'a.ends_at', 'i.response'])
      .where((eb) => eb.or([eb('a.organiser_id', '=', userId), eb('a.student_id', '=', userId), eb('i.user_id', '=', userId)]))
      .execute();
    const messages = await db
      .selectFrom('guidance_messages')
      .select(['id', 'student_id', 'sender_id', 'recipient_id', 'body', 'created_at', 'read_at'])
      .where((eb) => eb.or([eb('sender_id', '=', userId), eb('recipient_id', '=', userId), eb('student_id', '=', userId)]))
      .execute();
    const feedPosts = await db.selectFrom('guidance_feed_posts').select(['id', 'group_id', 'parent_id', 'body', 'created_at', 'hidden_at']).where('author_id', '=', userId).execute();
    // The files themselves are in the posts; the export lists them (name, type, size), not their bytes.
    const feedAttachments = await db.selectFrom('guidance_feed_attachments').select(['id', 'post_id', 'filename', 'media_type', 'size_bytes', 'created_at']).where('uploader_id', '=', userId).execute();
    const attendance = await db
      .selectFrom('guidance_attendance as a')
      .innerJoin('guidance_sessions as s', 's.id', 'a.session_id')
      .select(['s.kind', 's.title', 's.held_on', 'a.status', 'a.reason'])
      .where('a.student_id', '=', userId)
      .execute();
    const feedReactions = await db.selectFrom('guidance_feed_reactions').selectAll().where('user_id', '=', userId).execute();
    const feedReports = await db.selectFrom('guidance_feed_reports').selectAll().where('reporter_id', '=', userId).execute();
    // The token itself is only stored as a hash: the export says that a feed address exists and since when.
    const calendarTokens = await db.selectFrom('guidance_calendar_tokens').selectAll().where('user_id', '=', userId).execute();
    const notifications = await db.selectFrom('guidance_notifications').select(['kind', 'params', 'created_at', 'read_at']).where('user_id', '=', userId).execute();
    const mailPreferences = await db.selectFrom('guidance_mail_preferences').select(['kinds']).where('user_id', '=', userId).executeTakeFirst();
    const timeProposals = await db
      .selectFrom('guidance_time_proposals')
      .select(['appointment_id', 'starts_at', 'ends_at', 'status', 'created_at', 'decided_at'])
      .where((eb) => eb.or([eb('proposed_by', '=', userId), eb('decided_by', '=', userId)]))
      .execute();
    const coachAssignments = await db
      .selectFrom('guidance_coach_assignments')
      .select(['student_id', 'coach_id', 'assigned_at'])
      .where((eb) => eb.or([eb('student_id', '=', userId), eb('coach_id', '=', userId)]))
      .execute();
    return {
      conversations,
      sharedNotes,
      privateNotesHeldByMentor,
      notesIWrote,
      agreements,
      appointments,
      messages,
      feedPosts,
      feedAttachments,
      feedReactions,
      feedReports,
      calendarTokens: calendarTokens.map(({ token_hash: _hash, ...rest }: Record<string, unknown>) => rest),
      attendance,
      notifications,
      mailPreferences: mailPreferences?.kinds ?? null,
      timeProposals,
      coachAssignments,
    };
  },
  async filesFor(db, userId) {
    const rows = await db.selectFrom('guidance_feed_attachments').select(['id', 'filename', 'media_type', 'created_at', 'content']).where('uploader_id', '=', userId).orderBy('created_at').execute();
    return rows.map((r) => ({ category: 'guidance_feed_attachments', id: r.id, filename: r.filename, mediaType: r.media_type, createdAt: r.created_at, content: r.content }));
  },
  async eraseFor(trx, userId, person) {
    // Other people's notifications carry copies of the person: a link with their id, their name
    // in the text's parameters (a message from, an answer by). Those notifications go.
    await trx
      .deleteFrom('guidance_notifications')
      .where((eb) =>
        eb.or([
          eb('link', 'like', `%${userId}%`),
          eb(sql`params::text`, 'like', `%${userId}%`),
          ...(person?.names ?? []).map((name) => eb(sql`params::text`, 'ilike', `%${name}%`)),
          ...(person ? [eb(sql`params::text`, 'ilike', `%${person.email}%`)] : []),
        ]),
      )
      .execute();
    // As the student: the whole guidance record goes (conversations take notes and agreements).
    await trx.deleteFrom('guidance_conversations').where('student_id', '=', userId).execute();
    await trx.deleteFrom('guidance_agreements').where('student_id', '=', userId).execute();
    await trx.deleteFrom('guidance_appointments').where('student_id', '=', userId).execute();
    await trx.deleteFrom('guidance_attendance').where('student_id', '=', userId).execute();
    await trx.deleteFrom('guidance_messages').where('student_id', '=', userId).execute();
    // As anyone: own traces.
    await trx.deleteFrom('guidance_conversation_notes').where('author_id', '=', userId).where('visibility', '=', 'private').execute();
    await trx.updateTable('guidance_conversation_notes').set({ author_id: null }).where('author_id', '=', userId).execute();
    await trx.updateTable('guidance_conversations').set({ mentor_id: null }).where('mentor_id', '=', userId).execute();
    await trx.deleteFrom('guidance_invitations').where('user_id', '=', userId).execute();
    await trx.deleteFrom('guidance_calendar_tokens').where('user_id', '=', userId).execute();
    // Deleting the posts takes their attachments; files on others' posts (none today) go too.
    await trx.deleteFrom('guidance_feed_posts').where('author_id', '=', userId).execute();
    await trx.deleteFrom('guidance_feed_attachments').where('uploader_id', '=', userId).execute();
    await trx.updateTable('guidance_feed_posts').set({ hidden_by: null }).where('hidden_by', '=', userId).execute();
    await trx.deleteFrom('guidance_feed_reactions').where('user_id', '=', userId).execute();
    await trx.updateTable('guidance_feed_reports').set({ reporter_id: null }).where('reporter_id', '=', userId).execute();
    await trx.deleteFrom('guidance_feed_reads').where('user_id', '=', userId).execute();
    await trx.deleteFrom('guidance_messages').where((eb) => eb.or([eb('sender_id', '=', userId), eb('recipient_id', '=', userId)])).execute();
    await trx.updateTable('guidance_appointments').set({ organiser_id: null }).where('organiser_id', '=', userId).execute();
    await trx.updateTable('guidance_appointments').set({ confirmed_by: null }).where('confirmed_by', '=', userId).execute();
    await trx.updateTable('guidance_sessions').set({ created_by: null }).where('created_by', '=', userId).execute();
    await trx.updateTable('guidance_attendance').set({ recorded_by: null }).where('recorded_by', '=', userId).execute();
    await trx.deleteFrom('guidance_notifications').where('user_id', '=', userId).execute();
    await trx.deleteFrom('guidance_mail_preferences').where('user_id', '=', userId).execute();
    await trx.updateTable('guidance_time_proposals').set({ proposed_by: null }).where('proposed_by', '=', userId).execute();
    await trx.updateTable('guidance_time_proposals').set({ decided_by: null }).where('decided_by', '=', userId).execute();
    await trx.deleteFrom('guidance_coach_assignments').where((eb) => eb.or([eb('student_id', '=', userId), eb('coach_id', '=', userId)])).execute();
    await trx.updateTable('guidance_coach_assignments').set({ assigned_by: null }).where('assigned_by', '=', userId).execute();
  },
};
