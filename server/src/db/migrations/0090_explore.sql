-- Verkennen (module explore): the national catalogue of programmes with their Studie in
-- Cijfers figures, occupations with their labour-market prospects per arbeidsmarktregio,
-- what a student explored (linked to their werkexploratie entries), alumni who tell their
-- story and act as buddies, and public sign-ups for open days, meeloopdagen and proeflessen.

-- One programme of the national catalogue: an mbo kwalificatie (crebo) or an hbo
-- programme (CROHO). Not the same thing as `programmes` (module org), which is an opleiding
-- as one institution runs it; an offering may point at that.
create table explore_programmes (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('mbo', 'hbo')),
  code text not null check (code ~ '^[0-9]{5}$'),
  name text not null check (length(name) between 1 and 200),
  level smallint check (level between 1 and 4),
  -- hbo: associate degree or bachelor
  hbo_type text check (hbo_type in ('ad', 'bachelor')),
  sector text not null default '',
  description text not null default '',
  -- figures and texts written for the demo installation, shown as such
  demo boolean not null default false,
  updated_at timestamptz not null,
  unique (kind, code),
  check ((kind = 'mbo' and level is not null and hbo_type is null) or (kind = 'hbo' and level is null and hbo_type is not null))
);
create index explore_programmes_name on explore_programmes (lower(name));

-- Where a programme is offered: institution, pathway (BOL/BBL for mbo; voltijd, deeltijd,
-- duaal for hbo) and city.
create table explore_offerings (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references explore_programmes (id) on delete cascade,
  institution_id uuid not null references institutions (id) on delete cascade,
  pathway text not null check (pathway in ('BOL', 'BBL', 'voltijd', 'deeltijd', 'duaal')),
  city text not null default '',
  org_programme_id uuid references programmes (id) on delete set null,
  unique (programme_id, institution_id, pathway, city)
);
create index explore_offerings_institution on explore_offerings (institution_id);

-- hbo programmes an mbo level-4 programme leads to (doorstroom)
create table explore_followons (
  mbo_programme_id uuid not null references explore_programmes (id) on delete cascade,
  hbo_programme_id uuid not null references explore_programmes (id) on delete cascade,
  primary key (mbo_programme_id, hbo_programme_id)
);
create index explore_followons_hbo on explore_followons (hbo_programme_id);

-- Studie in Cijfers: one indicator of one programme at one institution (institution_id null:
-- the national figure), for one year, with the number of students it is based on and its source.
create table explore_figures (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references explore_programmes (id) on delete cascade,
  institution_id uuid references institutions (id) on delete cascade,
  indicator text not null check (indicator in ('satisfaction', 'pass_rate', 'progression_hbo', 'work_in_field', 'internship_chance', 'starting_salary')),
  value numeric not null check (value >= 0),
  students integer not null check (students >= 0),
  source text not null check (length(source) between 1 and 300),
  year smallint not null check (year between 2000 and 2100),
  demo boolean not null default false,
  imported_at timestamptz not null
);
create unique index explore_figures_school on explore_figures (programme_id, institution_id, indicator, year) where institution_id is not null;
create unique index explore_figures_national on explore_figures (programme_id, indicator, year) where institution_id is null;
create index explore_figures_institution on explore_figures (institution_id);

-- The school's own explanation beside its figures (toelichting)
create table explore_explanations (
  programme_id uuid not null references explore_programmes (id) on delete cascade,
  institution_id uuid not null references institutions (id) on delete cascade,
  body text not null check (length(body) between 1 and 2000),
  year smallint not null check (year between 2000 and 2100),
  updated_at timestamptz not null,
  primary key (programme_id, institution_id)
);

create table explore_occupations (
  id uuid primary key default gen_random_uuid(),
  -- stable key of the import format
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  name text not null check (length(name) between 1 and 200),
  description text not null check (length(description) between 1 and 4000),
  tasks text[] not null default '{}',
  competencies text[] not null default '{}',
  -- ISCO-08 unit group (4 digits) and ESCO occupation URI, where known
  isco text check (isco ~ '^[0-9]{4}$'),
  esco_uri text check (esco_uri ~ '^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$'),
  -- typical gross monthly earnings, euros
  earnings_low integer check (earnings_low > 0),
  earnings_high integer check (earnings_high > 0),
  earnings_source text not null default '',
  earnings_year smallint check (earnings_year between 2000 and 2100),
  sector text not null default '',
  demo boolean not null default false,
  updated_at timestamptz not null,
  check (earnings_high is null or earnings_low is null or earnings_high >= earnings_low)
);
create index explore_occupations_name on explore_occupations (lower(name));

create table explore_occupation_programmes (
  occupation_id uuid not null references explore_occupations (id) on delete cascade,
  programme_id uuid not null references explore_programmes (id) on delete cascade,
  primary key (occupation_id, programme_id)
);
create index explore_occupation_programmes_programme on explore_occupation_programmes (programme_id);

-- Prospects (kansen) of an occupation in one of the 35 arbeidsmarktregio's
create table explore_prospects (
  occupation_id uuid not null references explore_occupations (id) on delete cascade,
  region_id uuid not null references regions (id) on delete cascade,
  outlook text not null check (outlook in ('shortage', 'balanced', 'surplus')),
  source text not null check (length(source) between 1 and 300),
  as_of date not null,
  demo boolean not null default false,
  primary key (occupation_id, region_id)
);
create index explore_prospects_region on explore_prospects (region_id);

-- What a student looked at (signed in): last time and how often, for the mentor's preparation
create table explore_views (
  student_id uuid not null references users (id) on delete cascade,
  item_kind text not null check (item_kind in ('programme', 'occupation')),
  item_id uuid not null,
  times integer not null default 1,
  last_viewed_at timestamptz not null,
  primary key (student_id, item_kind, item_id)
);
create index explore_views_recent on explore_views (student_id, last_viewed_at desc);

-- A werkexploratie entry of the portfolio links what it explored
create table explore_entry_links (
  entry_id uuid primary key references portfolio_entries (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  programme_id uuid references explore_programmes (id) on delete cascade,
  occupation_id uuid references explore_occupations (id) on delete cascade,
  created_at timestamptz not null,
  check ((programme_id is null) <> (occupation_id is null))
);
create index explore_entry_links_student on explore_entry_links (student_id);

-- An alumnus who agreed (consent recorded here) to tell their story and, optionally, to be
-- contacted or be a buddy
create table explore_alumni (
  user_id uuid primary key references users (id) on delete cascade,
  institution_id uuid not null references institutions (id) on delete cascade,
  programme_id uuid references explore_programmes (id) on delete set null,
  occupation_id uuid references explore_occupations (id) on delete set null,
  route text not null default '' check (length(route) <= 2000),
  work_now text not null default '' check (length(work_now) <= 2000),
  tips text not null default '' check (length(tips) <= 2000),
  contact_allowed boolean not null default false,
  buddy boolean not null default false,
  consent_text text not null,
  consent_at timestamptz not null,
  withdrawn_at timestamptz,
  updated_at timestamptz not null
);
create index explore_alumni_programme on explore_alumni (programme_id) where withdrawn_at is null;
create index explore_alumni_occupation on explore_alumni (occupation_id) where withdrawn_at is null;

-- A student in contact with an alumnus: after a question, or as buddy match. The messages
-- themselves live in guidance_messages between the two; the mentor sees only that a buddy
-- match exists.
create table explore_contacts (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  alumnus_id uuid not null references users (id) on delete cascade,
  kind text not null check (kind in ('question', 'buddy')),
  reason text not null default '',
  created_at timestamptz not null,
  ended_at timestamptz,
  unique (student_id, alumnus_id, kind)
);
create index explore_contacts_alumnus on explore_contacts (alumnus_id);

-- Public sign-up (no account) for an open day, meeloopdag or proefles, confirmed by a mail link.
-- Holds an e-mail address and a name, not a user: removed after the activity.
create table explore_public_signups (
  id uuid primary key default gen_random_uuid(),
  activity_id uuid not null references lob_activities (id) on delete cascade,
  email text not null check (length(email) between 3 and 254),
  name text not null check (length(name) between 1 and 120),
  token_hash text not null unique,
  -- a hash of the client address, only to throttle
  address_hash text not null,
  -- mails sent to this address for this sign-up since mail_window_at, to throttle per address
  mails integer not null default 1,
  mail_window_at timestamptz not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  confirmed_at timestamptz
);
create unique index explore_public_signups_once on explore_public_signups (activity_id, lower(email));
create index explore_public_signups_throttle on explore_public_signups (address_hash, created_at);
create index explore_public_signups_email on explore_public_signups (lower(email), created_at);
