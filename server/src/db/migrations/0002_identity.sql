-- Identity (module identity): credentials, sessions, and the audit log.

create table credentials (
  user_id uuid primary key references users (id) on delete cascade,
  password_hash text,
  password_changed_at timestamptz,
  -- TOTP secret (base32) once enrolment is confirmed
  totp_secret text,
  totp_pending_secret text,
  totp_enabled_at timestamptz,
  -- hashed one-time recovery codes for when the authenticator is lost
  recovery_code_hashes text[] not null default '{}'
);

-- Failed login attempts per account (by e-mail, existing or not) and per address.
create table login_throttle (
  key text primary key,
  failures integer not null,
  window_started_at timestamptz not null,
  locked_until timestamptz
);

create table sessions (
  -- sha-256 of the cookie token: a database leak does not hand out live sessions
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  mfa_passed boolean not null default false,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  ip text,
  user_agent text
);
create index sessions_user on sessions (user_id);

-- Append-only: the application role never updates or deletes rows here (see the trigger).
create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  institution_id uuid,
  actor_id uuid,
  action text not null,
  subject_type text,
  subject_id uuid,
  student_id uuid,
  outcome text not null default 'ok' check (outcome in ('ok', 'denied', 'failed')),
  ip text,
  details jsonb not null default '{}'
);
create index audit_log_student on audit_log (student_id, at);
create index audit_log_institution on audit_log (institution_id, at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
