-- Monitor (module monitor): LOB indicators per school year for a team, opleiding, group and
-- institution, kept as a rollup so a dashboard, a region or the nation never recomputes them
-- from the raw records per request.
--
-- A rollup row is one figure of one scope: numerator / denominator, with n the number of
-- students the figure is about (the cell size for suppression). Sums of numerators,
-- denominators and n over institutions give the region and the nation. No row names a person.
create table monitor_rollups (
  institution_id uuid not null references institutions (id) on delete cascade,
  school_year text not null,
  scope_kind text not null check (scope_kind in ('institution', 'team', 'programme', 'group')),
  scope_id uuid not null,
  code text not null,
  numerator double precision not null,
  denominator double precision not null,
  n integer not null,
  -- false for figures about things, not students (Kwaliteitskaart actions): never suppressed
  person_based boolean not null default true,
  -- primary (n under 10) or secondary suppression, decided over the whole institution at refresh
  suppressed boolean not null default false,
  primary key (institution_id, school_year, scope_kind, scope_id, code)
);
create index monitor_rollups_scope on monitor_rollups (scope_kind, scope_id, school_year);
create index monitor_rollups_year on monitor_rollups (school_year, scope_kind, code);

-- When each institution's rollup of a school year was last refreshed (schedule or on demand).
create table monitor_refreshes (
  institution_id uuid not null references institutions (id) on delete cascade,
  school_year text not null,
  refreshed_at timestamptz not null,
  primary key (institution_id, school_year)
);

-- National feeds imported from other Koers installations (docs/monitor-feed.md): institution
-- aggregates only. A feed row of an institution of this installation is rejected on import.
create table monitor_feed_rows (
  brin text not null,
  region_code text not null default '',
  school_year text not null,
  code text not null,
  value double precision,
  n integer,
  numerator double precision,
  denominator double precision,
  suppressed boolean not null,
  imported_at timestamptz not null,
  primary key (brin, school_year, code)
);
create index monitor_feed_rows_year on monitor_feed_rows (school_year, code);
