-- Sociale kaart (module region): who does what in the region — schools' entree routes, the
-- jongerenloket, the werkgeversservicepunt, care and day activities — with contact, audience,
-- age limits and eligibility rules. Kept by the regional coordinator; a case action can refer
-- to a service.
create table region_services (
  id uuid primary key default gen_random_uuid(),
  rmc_region_id uuid not null references regions (id),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('entree', 'jongerenloket', 'werkgeversservicepunt', 'zorg', 'dagbesteding', 'other')),
  description text not null default '' check (length(description) <= 4000),
  audience text not null default '' check (length(audience) <= 1000),
  min_age smallint check (min_age is null or min_age between 0 and 99),
  max_age smallint check (max_age is null or max_age between 0 and 99),
  eligibility text not null default '' check (length(eligibility) <= 4000),
  contact text not null default '' check (length(contact) <= 1000),
  url text check (url is null or url ~ '^https?://'),
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null,
  check (min_age is null or max_age is null or min_age <= max_age)
);
create index region_services_region on region_services (rmc_region_id, kind);
create index region_services_updated_by on region_services (updated_by);

alter table region_case_actions add column service_id uuid references region_services (id) on delete set null;
