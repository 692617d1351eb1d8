-- LOBbook (module portfolio): the student's career portfolio around the five career
-- competencies. Everything here belongs to one student (student_id) and is private unless
-- the student shares an entry with named readers.

-- ervaringen: an experience with a guided reflection in the three L&B aspects
create table portfolio_entries (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  kind text not null check (kind in ('bpv', 'school', 'lob_activity', 'work', 'volunteering', 'life')),
  title text not null check (length(title) between 1 and 200),
  occurred_on date not null,
  place text,
  competencies text[] not null default '{}'
    check (competencies <@ array['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken']::text[]),
  orientatie text not null default '',
  mening text not null default '',
  reflectie text not null default '',
  -- readers the student chose; empty is private. Only published entries are ever shown to them.
  sharing text[] not null default '{}'
    check (sharing <@ array['mentor', 'group', 'praktijkopleider', 'parents', 'next_school']::text[]),
  status text not null default 'published' check (status in ('draft', 'published')),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index portfolio_entries_student on portfolio_entries (student_id, occurred_on desc, id desc);

-- photos, PDFs and short audio attached to an entry; kept in the database, never in the web root
create table portfolio_evidence (
  id uuid primary key default gen_random_uuid(),
  entry_id uuid not null references portfolio_entries (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  filename text not null,
  media_type text not null,
  size_bytes integer not null check (size_bytes > 0),
  content bytea not null,
  created_at timestamptz not null
);
create index portfolio_evidence_entry on portfolio_evidence (entry_id);

-- feedback on an entry by a permitted reader, and the student's replies
create table portfolio_feedback (
  id uuid primary key default gen_random_uuid(),
  -- the order of the thread, also when two messages share a timestamp
  seq bigint generated always as identity,
  entry_id uuid not null references portfolio_entries (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  author_role text not null check (author_role in ('student', 'mentor', 'praktijkopleider', 'parent')),
  body text not null check (length(body) between 1 and 4000),
  created_at timestamptz not null,
  -- the student's in-app notification: unread until the student opened the thread
  read_by_student_at timestamptz
);
create index portfolio_feedback_entry on portfolio_feedback (entry_id, seq);
create index portfolio_feedback_unread on portfolio_feedback (entry_id) where read_by_student_at is null;

-- zelfbeoordeling: the five competencies rated 1-5 at one moment
create table portfolio_self_assessments (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  assessed_at timestamptz not null,
  kwaliteiten smallint not null check (kwaliteiten between 1 and 5),
  motieven smallint not null check (motieven between 1 and 5),
  werkexploratie smallint not null check (werkexploratie between 1 and 5),
  loopbaansturing smallint not null check (loopbaansturing between 1 and 5),
  netwerken smallint not null check (netwerken between 1 and 5)
);
create index portfolio_self_assessments_student on portfolio_self_assessments (student_id, assessed_at);

-- loopbaanplan: goals with concrete actions
create table portfolio_goals (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  -- 'conversations' is the one goal that collects agreements from career conversations
  kind text not null default 'own' check (kind in ('own', 'conversations')),
  title text not null check (length(title) between 1 and 200),
  created_at timestamptz not null
);
create index portfolio_goals_student on portfolio_goals (student_id, created_at);
create unique index portfolio_goals_conversations on portfolio_goals (student_id) where kind = 'conversations';

create table portfolio_actions (
  id uuid primary key default gen_random_uuid(),
  goal_id uuid not null references portfolio_goals (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  description text not null check (length(description) between 1 and 500),
  due_on date,
  status text not null default 'open' check (status in ('open', 'done')),
  -- the career conversation (guidance module) the agreement was made in
  conversation_id uuid,
  created_at timestamptz not null,
  done_at timestamptz
);
create index portfolio_actions_goal on portfolio_actions (goal_id, created_at);
create index portfolio_actions_open on portfolio_actions (student_id, due_on) where status = 'open';

-- netwerk: people who can help (they are not Koers users; only the student sees them)
create table portfolio_contacts (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  relation text not null default '',
  organisation text not null default '',
  can_help_with text not null default '',
  last_contact_on date,
  -- the Lessenserie Netwerken steps: map your network, ask for support, set it in motion
  step text not null default 'mapped' check (step in ('mapped', 'asked', 'active')),
  created_at timestamptz not null
);
create index portfolio_contacts_student on portfolio_contacts (student_id, name);

-- Kaart van de Loopbaanrealisatie: milestones and choices on the career journey
create table portfolio_milestones (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  kind text not null check (kind in ('opleiding_start', 'internship', 'choice', 'next_step', 'other')),
  title text not null check (length(title) between 1 and 200),
  occurred_on date not null,
  note text not null default '',
  created_at timestamptz not null
);
create index portfolio_milestones_student on portfolio_milestones (student_id, occurred_on);
