-- Kwaliteit (module quality): questionnaires and scans, their responses, and the
-- Kwaliteitskaart improvement plan (PDCA).
--
-- A questionnaire is one run (wave) of an instrument. Waves of the same instrument share a
-- series_id (wave 1 is the nulmeting). The definition (sections, items, routing) is stored as
-- JSON and versioned: it may change only while no response exists, and each change raises
-- `version`; every response records the version it answered.

create table quality_questionnaires (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions(id) on delete cascade,
  team_id uuid references teams(id) on delete set null,
  series_id uuid not null,
  wave integer not null default 1 check (wave >= 1),
  -- the ready instrument it was made from (team_scan, lob_scan, …); null for an own instrument
  template_code text,
  title text not null,
  description text not null default '',
  anonymous boolean not null,
  -- no report shows a group smaller than this; never below 5
  min_group_size integer not null default 5 check (min_group_size >= 5),
  version integer not null default 1,
  definition jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  -- a student panel: those who took part see the results
  panel boolean not null default false,
  audience jsonb not null default '{}',
  closes_on date,
  school_year text not null,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  unique (series_id, wave)
);
create index quality_questionnaires_institution on quality_questionnaires (institution_id, school_year);
create index quality_questionnaires_team on quality_questionnaires (team_id);

-- One row per respondent. For an anonymous questionnaire respondent_id and submitted_at stay
-- null (the service writes them only for identified questionnaires; a test checks the
-- database) and the id is random, so nothing points at a person;
-- team and opleiding are kept only as report groups, shown only from min_group_size up.
create table quality_responses (
  id uuid primary key default gen_random_uuid(),
  questionnaire_id uuid not null references quality_questionnaires(id) on delete cascade,
  definition_version integer not null,
  respondent_id uuid references users(id) on delete cascade,
  submitted_at timestamptz,
  team_id uuid references teams(id) on delete set null,
  programme_id uuid references programmes(id) on delete set null,
  source text not null check (source in ('form', 'import')),
  answers jsonb not null
);
create index quality_responses_questionnaire on quality_responses (questionnaire_id);
create unique index quality_responses_one_per_person on quality_responses (questionnaire_id, respondent_id) where respondent_id is not null;

-- Anonymous answers given in Koers wait here, without any person reference, until at least
-- min_group_size have gathered (or the questionnaire closes); then they move to
-- quality_responses together, in random order, in one transaction. So neither row order nor
-- the transaction that wrote a response ties it to the moment one invitee answered.
create table quality_response_pool (
  id uuid primary key default gen_random_uuid(),
  questionnaire_id uuid not null references quality_questionnaires(id) on delete cascade,
  definition_version integer not null,
  team_id uuid references teams(id) on delete set null,
  programme_id uuid references programmes(id) on delete set null,
  answers jsonb not null
);
create index quality_response_pool_questionnaire on quality_response_pool (questionnaire_id);

-- Who is asked to respond. `responded` has no time on purpose (see above).
create table quality_invitations (
  questionnaire_id uuid not null references quality_questionnaires(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  team_id uuid references teams(id) on delete set null,
  programme_id uuid references programmes(id) on delete set null,
  responded boolean not null default false,
  invited_on date not null,
  reminded_on date,
  primary key (questionnaire_id, user_id)
);
create index quality_invitations_user on quality_invitations (user_id) where not responded;

-- The Kwaliteitskaart: improvement actions per institution (and team), in the three steps
-- Verankeren, Faciliteren, Verbeteren, each tied to the scan theme it answers.
create table quality_actions (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions(id) on delete cascade,
  team_id uuid references teams(id) on delete set null,
  school_year text not null,
  step text not null check (step in ('verankeren', 'faciliteren', 'verbeteren')),
  theme text not null,
  source_questionnaire_id uuid references quality_questionnaires(id) on delete set null,
  title text not null,
  description text not null default '',
  owner_id uuid references users(id) on delete set null,
  due_on date not null,
  status text not null default 'planned' check (status in ('planned', 'doing', 'done', 'dropped')),
  evidence text not null default '',
  done_on date,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index quality_actions_institution on quality_actions (institution_id, school_year);
create index quality_actions_owner on quality_actions (owner_id);
