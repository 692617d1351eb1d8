-- Organisation model (module org): institutions and their structure, and the people in it.

create table regions (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('rmc', 'arbeidsmarkt')),
  code text not null,
  name text not null,
  unique (kind, code)
);

create table institutions (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  brin text not null unique check (brin ~ '^[0-9]{2}[A-Z0-9]{2}$'),
  rmc_region_id uuid references regions (id),
  created_at timestamptz not null default now()
);

create table locations (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  name text not null,
  city text not null,
  labour_market_region_id uuid references regions (id)
);
create index locations_institution on locations (institution_id);

-- opleidingsteams
create table teams (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  name text not null,
  unique (institution_id, name)
);

-- opleidingen
create table programmes (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  team_id uuid references teams (id) on delete set null,
  location_id uuid references locations (id) on delete set null,
  crebo text not null check (crebo ~ '^[0-9]{5}$'),
  name text not null,
  level smallint not null check (level between 1 and 4),
  pathway text not null check (pathway in ('BOL', 'BBL')),
  sector text,
  unique (institution_id, crebo, pathway, location_id)
);
create index programmes_institution on programmes (institution_id);

create table cohorts (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  name text not null,
  starts_on date not null,
  unique (institution_id, name)
);

-- klassen
create table groups (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  programme_id uuid references programmes (id) on delete set null,
  cohort_id uuid references cohorts (id) on delete set null,
  code text not null,
  name text not null,
  unique (institution_id, code)
);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  given_name text not null,
  family_name text not null,
  display_name text not null,
  birth_date date,
  locale text not null default 'nl' check (locale in ('nl', 'en')),
  status text not null default 'active' check (status in ('active', 'disabled')),
  -- stable identifier from the student administration (OneRoster sourcedId)
  source_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email on users (lower(email));
create unique index users_source_id on users (source_id) where source_id is not null;

-- Roles are scoped to an institution; one person may hold several.
create table user_roles (
  user_id uuid not null references users (id) on delete cascade,
  institution_id uuid not null references institutions (id) on delete cascade,
  role text not null check (role in ('student', 'mentor', 'docent', 'lob_coordinator', 'manager',
                                     'institution_admin', 'parent', 'praktijkopleider')),
  created_at timestamptz not null default now(),
  primary key (user_id, institution_id, role)
);
create index user_roles_institution on user_roles (institution_id, role);

create table team_members (
  team_id uuid not null references teams (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  primary key (team_id, user_id)
);
create index team_members_user on team_members (user_id);

-- mentor (SLB'er) of a group, and so of its students
create table group_mentors (
  group_id uuid not null references groups (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  primary key (group_id, user_id)
);
create index group_mentors_user on group_mentors (user_id);

create table enrolments (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  institution_id uuid not null references institutions (id) on delete cascade,
  programme_id uuid references programmes (id) on delete set null,
  group_id uuid references groups (id) on delete set null,
  cohort_id uuid references cohorts (id) on delete set null,
  starts_on date not null,
  ends_on date,
  source_id text,
  check (ends_on is null or ends_on >= starts_on)
);
create index enrolments_student on enrolments (student_id);
create index enrolments_group on enrolments (group_id);
create unique index enrolments_source_id on enrolments (source_id) where source_id is not null;

-- A parent (ouder/verzorger) of a student.
create table parent_links (
  parent_id uuid not null references users (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  -- From 18 the student decides: the parent keeps seeing the guidance record only on opt-in.
  adult_opt_in boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (parent_id, student_id)
);
create index parent_links_student on parent_links (student_id);

-- bpv (internship) of a student; the praktijkopleider's access lasts exactly this period.
create table internships (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  institution_id uuid not null references institutions (id) on delete cascade,
  company_name text not null,
  praktijkopleider_id uuid references users (id) on delete set null,
  starts_on date not null,
  ends_on date not null,
  check (ends_on >= starts_on)
);
create index internships_student on internships (student_id);
create index internships_praktijkopleider on internships (praktijkopleider_id);
