-- Target groups (doelgroepen) an institution defines besides level and BOL/BBL, for example
-- entree, oudere instromers, or students with an extra support need: the programme is
-- "uitgesplitst naar de verschillende niveaus en doelgroepen" (L&B in het mbo, par. 3).
-- Membership can be sensitive (a support need): only the LOB-coördinator and the manager
-- keep it, every change is audited.
create table lob_target_groups (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  description text not null default '',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  unique (institution_id, name)
);

create table lob_target_group_members (
  target_group_id uuid not null references lob_target_groups (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  added_by uuid references users (id) on delete set null,
  added_at timestamptz not null,
  primary key (target_group_id, student_id)
);
create index lob_target_group_members_student on lob_target_group_members (student_id);

-- A component for some target groups only; empty: every student (as for levels and pathways).
alter table lob_programme_components
  add column target_group_ids uuid[] not null default '{}';
