import type { Generated } from 'kysely';

export type ConversationStatus = 'planned' | 'held' | 'cancelled';
export type NoteVisibility = 'shared' | 'private';
export type AppointmentKind = 'conversation' | 'internship_visit' | 'lob_activity' | 'other';
export type InvitationResponse = 'pending' | 'accepted' | 'declined';
export type SessionKind = 'lesson' | 'lob_activity' | 'conversation';
export type AttendanceStatus = 'present' | 'absent_excused' | 'absent_unexcused' | 'late';
export type Reaction = 'like' | 'heart' | 'clap';

/** Tables owned by the guidance module (migrations 0020 and 0021). */
export interface GuidanceTables {
  guidance_conversations: {
    id: Generated<string>;
    student_id: string;
    mentor_id: string | null;
    institution_id: string;
    planned_at: Date;
    status: Generated<ConversationStatus>;
    held_on: string | null;
    prep_answers: Generated<Record<string, string>>;
    prep_entry_ids: Generated<string[]>;
    prepared_at: Date | null;
    step_terugkijken: Generated<string>;
    step_reflecteren: Generated<string>;
    step_vooruitkijken: Generated<string>;
    created_at: Date;
  };
  guidance_conversation_notes: {
    id: Generated<string>;
    conversation_id: string;
    author_id: string | null;
    visibility: NoteVisibility;
    body: string;
    created_at: Date;
  };
  guidance_agreements: {
    id: Generated<string>;
    conversation_id: string;
    student_id: string;
    action: string;
    due_on: string | null;
    owner: Generated<'student' | 'mentor'>;
    plan_action_id: string | null;
    created_at: Date;
  };
  guidance_appointments: {
    id: Generated<string>;
    institution_id: string;
    organiser_id: string | null;
    kind: AppointmentKind;
    title: string;
    location: Generated<string>;
    starts_at: Date;
    ends_at: Date;
    student_id: string | null;
    conversation_id: string | null;
    cancelled_at: Date | null;
    confirmed_by: string | null;
    confirmed_at: Date | null;
    created_at: Date;
    sequence: Generated<number>;
  };
  guidance_invitations: {
    appointment_id: string;
    user_id: string;
    response: Generated<InvitationResponse>;
    responded_at: Date | null;
    reminded_at: Date | null;
  };
  guidance_calendar_tokens: {
    id: Generated<string>;
    user_id: string;
    token_hash: string;
    created_at: Date;
    revoked_at: Date | null;
  };
  guidance_feed_posts: {
    id: Generated<string>;
    group_id: string;
    author_id: string | null;
    parent_id: string | null;
    body: string;
    created_at: Date;
    hidden_at: Date | null;
    hidden_by: string | null;
  };
  guidance_feed_reactions: { post_id: string; user_id: string; reaction: Reaction };
  /** migration 0021 */
  guidance_feed_attachments: {
    id: Generated<string>;
    post_id: string;
    uploader_id: string | null;
    filename: string;
    media_type: string;
    size_bytes: number;
    content: Buffer | Uint8Array;
    position: Generated<number>;
    created_at: Date;
  };
  guidance_feed_reports: {
    id: Generated<string>;
    post_id: string;
    reporter_id: string | null;
    reason: Generated<string>;
    created_at: Date;
    resolved_at: Date | null;
  };
  guidance_feed_reads: { group_id: string; user_id: string; read_at: Date };
  guidance_messages: {
    id: Generated<string>;
    student_id: string;
    sender_id: string | null;
    recipient_id: string | null;
    body: string;
    created_at: Date;
    read_at: Date | null;
  };
  guidance_sessions: {
    id: Generated<string>;
    institution_id: string;
    group_id: string | null;
    kind: SessionKind;
    title: string;
    held_on: string;
    created_by: string | null;
    created_at: Date;
  };
  guidance_attendance: {
    session_id: string;
    student_id: string;
    status: AttendanceStatus;
    reason: Generated<string>;
    recorded_by: string | null;
    recorded_at: Date;
  };
  guidance_notifications: {
    id: Generated<string>;
    user_id: string;
    kind: string;
    params: Generated<Record<string, unknown>>;
    link: Generated<string>;
    created_at: Date;
    read_at: Date | null;
  };
  guidance_mail_preferences: { user_id: string; kinds: string[]; updated_at: Date };
  /** 0035: a named SLB'er or team teacher assigned to a student to hold career conversations */
  guidance_coach_assignments: {
    student_id: string;
    coach_id: string;
    assigned_by: string | null;
    assigned_at: Date;
  };
  /** 0036: a proposed new time for an appointment, by one side, decided by the other */
  guidance_time_proposals: {
    id: Generated<string>;
    appointment_id: string;
    proposed_by: string | null;
    starts_at: Date;
    ends_at: Date;
    status: Generated<'pending' | 'accepted' | 'declined'>;
    created_at: Date;
    decided_by: string | null;
    decided_at: Date | null;
  };
}
