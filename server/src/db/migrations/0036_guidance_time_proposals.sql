-- Moving an appointment or conversation: either side proposes a new time, the other side accepts
-- or declines. On acceptance the appointment moves (same UID in the calendar feed, a higher
-- SEQUENCE) and every invitee is notified.
create table guidance_time_proposals (
  id uuid primary key default gen_random_uuid(),
  appointment_id uuid not null references guidance_appointments (id) on delete cascade,
  proposed_by uuid references users (id) on delete set null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined')),
  created_at timestamptz not null,
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  check (ends_at > starts_at)
);
create index guidance_time_proposals_appointment on guidance_time_proposals (appointment_id, created_at);
