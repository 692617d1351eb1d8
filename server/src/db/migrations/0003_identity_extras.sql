-- Identity extras (module identity): password reset, invitations, TOTP replay protection.

-- The last TOTP time step that was accepted: a code seen once is never accepted again (RFC 6238 §5.2).
alter table credentials add column totp_last_step bigint;

-- Password reset links. Only the sha-256 of the token is stored: a database leak hands out no links.
create table password_reset_tokens (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_reset_tokens_user on password_reset_tokens (user_id);

-- An invitation for a parent or a praktijkopleider to join around one student.
create table invitations (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  kind text not null check (kind in ('parent', 'praktijkopleider')),
  email text not null,
  institution_id uuid not null references institutions (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  -- the internship a praktijkopleider is invited for; null for parents
  internship_id uuid references internships (id) on delete cascade,
  invited_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references users (id) on delete set null,
  check ((kind = 'praktijkopleider') = (internship_id is not null))
);
create index invitations_student on invitations (student_id);
create index invitations_invited_by on invitations (invited_by);
create index invitations_accepted_by on invitations (accepted_by);
