-- Programmes of every kind of school (module org). A vo programme is a learning path and year
-- (vmbo-bb/kb/gl/tl, havo, vwo, or vso / praktijkonderwijs), an mbo programme keeps its crebo,
-- level and pathway, an hbo programme has its CROHO code. Existing rows are mbo programmes.

alter table programmes add column kind text not null default 'mbo' check (kind in ('vo', 'mbo', 'hbo'));
alter table programmes add column vo_path text
  check (vo_path in ('vmbo_bb', 'vmbo_kb', 'vmbo_gl', 'vmbo_tl', 'havo', 'vwo', 'vso', 'pro'));
alter table programmes add column vo_year smallint check (vo_year between 1 and 6);
alter table programmes add column croho text check (croho ~ '^[0-9]{5}$');

alter table programmes alter column crebo drop not null;
alter table programmes alter column level drop not null;
alter table programmes alter column pathway drop not null;

-- Each kind carries exactly the codes that identify it.
alter table programmes add constraint programmes_kind_codes check (
  (kind = 'mbo' and crebo is not null and level is not null and pathway is not null and vo_path is null and croho is null)
  or (kind = 'vo' and vo_path is not null and crebo is null and croho is null)
  or (kind = 'hbo' and croho is not null and crebo is null and vo_path is null)
);
create index programmes_kind on programmes (kind);
-- institution search by name (lowercase prefix and substring)
create index institutions_name_lower on institutions (lower(name));
