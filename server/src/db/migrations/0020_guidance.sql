-- Begeleiding (module guidance): career conversations with their agreements, the agenda,
-- group feeds and direct messages, attendance, and the notification centre.
-- "Zonder gesprek geen LOB": the conversation is the heart of it.

-- loopbaangesprek: planned by the mentor, prepared by the student, held in four steps
create table guidance_conversations (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  mentor_id uuid references users (id) on delete set null,
  institution_id uuid not null references institutions (id) on delete cascade,
  planned_at timestamptz not null,
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
  held_on date,
  -- the student's preparation: answers to the prompts and the entries to discuss
  prep_answers jsonb not null default '{}',
  prep_entry_ids uuid[] not null default '{}',
  prepared_at timestamptz,
  -- the four steps, as the mentor summarised them; seen by the student (and a parent while allowed)
  step_terugkijken text not null default '',
  step_reflecteren text not null default '',
  step_vooruitkijken text not null default '',
  created_at timestamptz not null,
  check (status <> 'held' or held_on is not null)
);
create index guidance_conversations_student on guidance_conversations (student_id, planned_at desc);
create index guidance_conversations_held on guidance_conversations (student_id, held_on) where status = 'held';
create index guidance_conversations_mentor on guidance_conversations (mentor_id, planned_at);

-- notes of the mentor: 'shared' are seen by the student; 'private' only ever by their author
create table guidance_conversation_notes (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references guidance_conversations (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  visibility text not null check (visibility in ('shared', 'private')),
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null
);
create index guidance_conversation_notes_conversation on guidance_conversation_notes (conversation_id, created_at);

-- afspraken (step 4, actie): each one also lands in the student's career plan (portfolio)
create table guidance_agreements (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references guidance_conversations (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  action text not null check (length(action) between 1 and 500),
  due_on date,
  owner text not null default 'student' check (owner in ('student', 'mentor')),
  plan_action_id uuid,
  created_at timestamptz not null
);
create index guidance_agreements_conversation on guidance_agreements (conversation_id, created_at);
create index guidance_agreements_student on guidance_agreements (student_id);

-- agenda: appointments with invitations
create table guidance_appointments (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  organiser_id uuid references users (id) on delete set null,
  kind text not null check (kind in ('conversation', 'internship_visit', 'lob_activity', 'other')),
  title text not null check (length(title) between 1 and 200),
  location text not null default '',
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  -- the student the appointment is about (conversation, internship visit), if any
  student_id uuid references users (id) on delete cascade,
  conversation_id uuid references guidance_conversations (id) on delete cascade,
  cancelled_at timestamptz,
  -- an internship visit confirmed by the praktijkopleider
  confirmed_by uuid references users (id) on delete set null,
  confirmed_at timestamptz,
  created_at timestamptz not null,
  -- bumped on every change, for the SEQUENCE of the iCalendar feed
  sequence integer not null default 0,
  check (ends_at > starts_at)
);
create index guidance_appointments_student on guidance_appointments (student_id, starts_at);
create index guidance_appointments_organiser on guidance_appointments (organiser_id, starts_at);

create table guidance_invitations (
  appointment_id uuid not null references guidance_appointments (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  response text not null default 'pending' check (response in ('pending', 'accepted', 'declined')),
  responded_at timestamptz,
  reminded_at timestamptz,
  primary key (appointment_id, user_id)
);
create index guidance_invitations_user on guidance_invitations (user_id);

-- a secret, revocable address of a person's iCalendar feed; only the hash is kept
create table guidance_calendar_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null,
  revoked_at timestamptz
);
create index guidance_calendar_tokens_user on guidance_calendar_tokens (user_id);

-- the closed feed of a group: posts and replies (parent_id), reactions, reports
create table guidance_feed_posts (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references groups (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  parent_id uuid references guidance_feed_posts (id) on delete cascade,
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null,
  hidden_at timestamptz,
  hidden_by uuid references users (id) on delete set null
);
create index guidance_feed_posts_group on guidance_feed_posts (group_id, created_at desc);
create index guidance_feed_posts_parent on guidance_feed_posts (parent_id);

create table guidance_feed_reactions (
  post_id uuid not null references guidance_feed_posts (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  reaction text not null check (reaction in ('like', 'heart', 'clap')),
  primary key (post_id, user_id, reaction)
);

create table guidance_feed_reports (
  id uuid primary key default gen_random_uuid(),
  post_id uuid not null references guidance_feed_posts (id) on delete cascade,
  reporter_id uuid references users (id) on delete set null,
  reason text not null default '' check (length(reason) <= 500),
  created_at timestamptz not null,
  resolved_at timestamptz
);
create index guidance_feed_reports_post on guidance_feed_reports (post_id);

-- when a member last read a group's feed, for unread counts
create table guidance_feed_reads (
  group_id uuid not null references groups (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  read_at timestamptz not null,
  primary key (group_id, user_id)
);

-- direct messages, always about one student (student ↔ mentor, praktijkopleider or parent)
create table guidance_messages (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  sender_id uuid references users (id) on delete set null,
  recipient_id uuid references users (id) on delete set null,
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null,
  read_at timestamptz
);
create index guidance_messages_recipient on guidance_messages (recipient_id, created_at desc);
create index guidance_messages_sender on guidance_messages (sender_id, created_at desc);
create index guidance_messages_student on guidance_messages (student_id);

-- attendance: sessions (lessons, LOB activities, conversations) and who was there
create table guidance_sessions (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  group_id uuid references groups (id) on delete cascade,
  kind text not null check (kind in ('lesson', 'lob_activity', 'conversation')),
  title text not null check (length(title) between 1 and 200),
  held_on date not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null
);
create index guidance_sessions_group on guidance_sessions (group_id, held_on desc);

create table guidance_attendance (
  session_id uuid not null references guidance_sessions (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  status text not null check (status in ('present', 'absent_excused', 'absent_unexcused', 'late')),
  reason text not null default '' check (length(reason) <= 300),
  recorded_by uuid references users (id) on delete set null,
  recorded_at timestamptz not null,
  primary key (session_id, student_id)
);
create index guidance_attendance_student on guidance_attendance (student_id);

-- the notification centre (in the app), and per-person e-mail preferences
create table guidance_notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  kind text not null,
  -- parameters for the translated text; no more personal detail than the link needs
  params jsonb not null default '{}',
  link text not null default '/',
  created_at timestamptz not null,
  read_at timestamptz
);
create index guidance_notifications_user on guidance_notifications (user_id, created_at desc);
create index guidance_notifications_unread on guidance_notifications (user_id) where read_at is null;

create table guidance_mail_preferences (
  user_id uuid primary key references users (id) on delete cascade,
  -- the kinds of notification this person also wants by e-mail
  kinds text[] not null default '{}',
  updated_at timestamptz not null
);
