-- Overstap (module transition): the warm handover of a pupil from one school to the next, or
-- from mbo to work. One standard form for every sending school; nothing leaves the sending
-- school before the consent it needs; what was sent is kept exactly as sent.

create table transfers (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  from_institution_id uuid not null references institutions (id) on delete cascade,
  -- null when the destination is work (mbo → werk)
  to_institution_id uuid references institutions (id) on delete cascade,
  programme_id uuid references programmes (id) on delete set null,
  destination text not null default 'school' check (destination in ('school', 'work')),
  -- for work: the employer or sector the student goes to
  employer text not null default '',
  status text not null default 'draft' check (status in ('draft', 'sent', 'accepted')),
  -- the form; the pupil writes the choice, the school writes advice and support
  choice text not null default '',
  motivation text not null default '',
  lob_activities text not null default '',
  advice text not null default '',
  support_needs text not null default '',
  -- the law that lets the school pass support needs on without consent, when there is one
  support_legal_basis text,
  contact_name text not null default '',
  contact_email text not null default '',
  contact_phone text not null default '',
  -- the pupil's own picks among entries shared with next_school, in the pupil's order
  highlight_entry_ids uuid[] not null default '{}',
  include_cv boolean not null default false,
  alumni_contact_consent boolean not null default false,
  -- raised on every change of the form, so an earlier consent no longer covers it
  form_version integer not null default 1,
  -- the form exactly as it was sent (what the receiving school reads, and the pupil sees)
  sent_form jsonb,
  imported boolean not null default false,
  created_by uuid references users (id) on delete set null,
  sent_by uuid references users (id) on delete set null,
  accepted_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  sent_at timestamptz,
  accepted_at timestamptz,
  check (destination = 'work' or to_institution_id is not null)
);
create index transfers_student on transfers (student_id);
create index transfers_from on transfers (from_institution_id, created_at desc);
create index transfers_to on transfers (to_institution_id, sent_at desc) where status <> 'draft';

-- Consent to send one version of the form: the pupil, and under 16 also a parent.
create table transfer_consents (
  transfer_id uuid not null references transfers (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('student', 'parent')),
  form_version integer not null,
  -- whether the consent covers passing on support needs
  include_support boolean not null default false,
  given_at timestamptz not null,
  primary key (transfer_id, user_id)
);

-- The career-oriented intake at the receiving school, on the four steps of the conversation.
create table transfer_intakes (
  id uuid primary key default gen_random_uuid(),
  transfer_id uuid not null unique references transfers (id) on delete cascade,
  intaker_id uuid references users (id) on delete set null,
  planned_at timestamptz not null,
  held_at timestamptz,
  motivation text not null default '',
  expectations text not null default '',
  support_needed text not null default '',
  first_agreements text not null default '',
  outcome text check (outcome in ('placed', 'advised_other', 'waiting_list')),
  -- what goes back to the sending school (terugkoppeling)
  feedback text not null default '',
  feedback_at timestamptz,
  created_at timestamptz not null
);

-- The transition of one young person as a timeline.
create table transition_statuses (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  transfer_id uuid references transfers (id) on delete cascade,
  -- the institution that recorded it
  institution_id uuid references institutions (id) on delete set null,
  status text not null check (status in ('aangemeld', 'intake_gehad', 'geplaatst', 'ingeschreven', 'gestart',
                                         'gestopt', 'diploma', 'werk', 'vervolgopleiding')),
  reason text not null default '',
  occurred_on date not null,
  recorded_by uuid references users (id) on delete set null,
  created_at timestamptz not null
);
create index transition_statuses_student on transition_statuses (student_id, occurred_on, created_at);
create index transition_statuses_transfer on transition_statuses (transfer_id);
