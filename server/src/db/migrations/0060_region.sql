-- Sluitende aanpak (module region): the regional registry of young people (12–27) and where
-- they are (school, work, care/day activities, or no place), the legal basis each regional
-- role reads them on, and the case (casus) with its owner history, actions, follow-up dates
-- and outcome.

-- The legal basis of each regional role, as data: a role reads a young person only while the
-- young person's age lies in [min_age, max_age) of one of its rows, and — where the basis is
-- consent — only with the young person's recorded consent.
create table region_legal_bases (
  role text not null check (role in ('rmc_trajectbegeleider', 'leerplichtambtenaar', 'jongerencoach', 'regional_coordinator')),
  basis text not null check (basis in ('leerplicht', 'rmc', 'consent')),
  min_age smallint not null,
  max_age smallint not null,
  requires_consent boolean not null,
  law text not null,
  primary key (role, basis),
  check (min_age < max_age)
);
insert into region_legal_bases (role, basis, min_age, max_age, requires_consent, law) values
  ('leerplichtambtenaar', 'leerplicht', 12, 18, false, 'Leerplichtwet 1969: leerplicht en kwalificatieplicht tot 18 jaar'),
  ('rmc_trajectbegeleider', 'rmc', 18, 23, false, 'RMC-functie: voortijdig schoolverlaters van 18 tot 23 jaar zonder startkwalificatie'),
  ('rmc_trajectbegeleider', 'consent', 23, 28, true, 'Toestemming van de jongere (23 tot 27 jaar)'),
  ('regional_coordinator', 'leerplicht', 12, 18, false, 'Leerplichtwet 1969: regie op de sluitende aanpak tot 18 jaar'),
  ('regional_coordinator', 'rmc', 18, 23, false, 'RMC-functie: regie en coördinatie van 18 tot 23 jaar'),
  ('regional_coordinator', 'consent', 23, 28, true, 'Toestemming van de jongere (23 tot 27 jaar)'),
  ('jongerencoach', 'consent', 12, 28, true, 'Toestemming van de jongere (12 tot 27 jaar)');

-- A young person known to the region. Only what follow-up needs: no BSN, no health data.
create table region_youth (
  id uuid primary key default gen_random_uuid(),
  rmc_region_id uuid not null references regions (id),
  -- the young person's own Koers account, when there is one: they see who read their record
  user_id uuid references users (id) on delete set null,
  given_name text not null check (length(given_name) between 1 and 100),
  family_name text not null check (length(family_name) between 1 and 100),
  birth_date date not null,
  gemeente text not null check (length(gemeente) between 1 and 100),
  status text not null check (status in ('without_place', 'school', 'work', 'care', 'moved_out', 'unreachable')),
  since date not null,
  reason text check (reason in ('dropout', 'no_start_qualification', 'school_leaver_no_destination', 'not_enrolled', 'moved_in', 'other')),
  last_school text,
  last_institution_id uuid references institutions (id) on delete set null,
  last_programme text,
  -- the source's own key (onderwijsnummer-free: the school's or gemeente's record key), so a
  -- second import of the same file updates instead of duplicating
  source text not null check (source in ('school_leavers', 'municipal', 'transition', 'manual')),
  source_ref text,
  consent_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create unique index region_youth_source on region_youth (rmc_region_id, source, source_ref) where source_ref is not null;
create index region_youth_region_status on region_youth (rmc_region_id, status, since);
create index region_youth_user on region_youth (user_id);
create index region_youth_last_institution on region_youth (last_institution_id);

-- Every recorded place of a young person over time: the dropout analysis reads school
-- leaving and re-placement from here.
create table region_placements (
  id uuid primary key default gen_random_uuid(),
  youth_id uuid not null references region_youth (id) on delete cascade,
  status text not null check (status in ('without_place', 'school', 'work', 'care', 'moved_out', 'unreachable')),
  since date not null,
  reason text check (reason in ('dropout', 'no_start_qualification', 'school_leaver_no_destination', 'not_enrolled', 'moved_in', 'other')),
  institution_id uuid references institutions (id) on delete set null,
  institution_name text,
  programme text,
  level smallint check (level is null or level between 1 and 4),
  programme_started_on date,
  source text not null check (source in ('school_leavers', 'municipal', 'transition', 'manual', 'case_outcome')),
  recorded_by uuid references users (id) on delete set null,
  recorded_at timestamptz not null
);
create index region_placements_youth on region_placements (youth_id, since);
create index region_placements_recorded_by on region_placements (recorded_by);

-- The case (casus): who owns the follow-up of a young person until an outcome closes it.
create table region_cases (
  id uuid primary key default gen_random_uuid(),
  youth_id uuid not null references region_youth (id) on delete cascade,
  owner_id uuid references users (id) on delete set null,
  opened_at timestamptz not null,
  opened_by uuid references users (id) on delete set null,
  follow_up_on date,
  last_activity_at timestamptz not null,
  closed_at timestamptz,
  closed_by uuid references users (id) on delete set null,
  outcome text check (outcome in ('back_to_school', 'work', 'care', 'moved_out', 'unreachable')),
  outcome_note text,
  check ((closed_at is null) = (outcome is null))
);
-- one open case per young person
create unique index region_cases_open on region_cases (youth_id) where closed_at is null;
create index region_cases_owner on region_cases (owner_id) where closed_at is null;
create index region_cases_opened_by on region_cases (opened_by);
create index region_cases_closed_by on region_cases (closed_by);

-- Owner history: who owned the case when, and who assigned them.
create table region_case_owners (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references region_cases (id) on delete cascade,
  owner_id uuid references users (id) on delete set null,
  assigned_by uuid references users (id) on delete set null,
  assigned_at timestamptz not null,
  ended_at timestamptz
);
create index region_case_owners_case on region_case_owners (case_id, assigned_at);
create index region_case_owners_owner on region_case_owners (owner_id);
create index region_case_owners_assigned_by on region_case_owners (assigned_by);

-- Actions in the case (nazorg): contact, home visit, referral, note; each may set the next
-- follow-up date.
create table region_case_actions (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references region_cases (id) on delete cascade,
  kind text not null check (kind in ('contact', 'home_visit', 'referral', 'meeting', 'note')),
  body text not null check (length(body) between 1 and 4000),
  follow_up_on date,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null
);
create index region_case_actions_case on region_case_actions (case_id, created_at);
create index region_case_actions_created_by on region_case_actions (created_by);

-- Overleg: commissie doorstroom, casusoverleg, afstemmingsoverleg. A participant sees the
-- young people on the agenda only while the meeting runs (starts_at ≤ now < ends_at).
create table region_meetings (
  id uuid primary key default gen_random_uuid(),
  rmc_region_id uuid not null references regions (id),
  kind text not null check (kind in ('commissie_doorstroom', 'casusoverleg', 'afstemmingsoverleg')),
  title text not null check (length(title) between 1 and 200),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  check (ends_at > starts_at)
);
create index region_meetings_region on region_meetings (rmc_region_id, starts_at);
create index region_meetings_created_by on region_meetings (created_by);

create table region_meeting_participants (
  meeting_id uuid not null references region_meetings (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  primary key (meeting_id, user_id)
);
create index region_meeting_participants_user on region_meeting_participants (user_id);

-- A young person on the agenda, with the decision taken about them.
create table region_meeting_items (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references region_meetings (id) on delete cascade,
  youth_id uuid not null references region_youth (id) on delete cascade,
  decision text not null default '' check (length(decision) <= 4000),
  added_by uuid references users (id) on delete set null,
  added_at timestamptz not null,
  unique (meeting_id, youth_id)
);
create index region_meeting_items_youth on region_meeting_items (youth_id);
create index region_meeting_items_added_by on region_meeting_items (added_by);

-- Follow-up actions decided in a meeting land in the case; they name the meeting.
alter table region_case_actions add column meeting_id uuid references region_meetings (id) on delete set null;
