-- Roster import (module roster): the OneRoster sourcedId of the structure a student
-- administration system exports, so a re-import matches rows instead of duplicating them.
-- users.source_id and enrolments.source_id already exist (migration 0001).

alter table locations add column source_id text;
alter table cohorts add column source_id text;
alter table programmes add column source_id text;
alter table groups add column source_id text;

create unique index locations_source_id on locations (institution_id, source_id) where source_id is not null;
create unique index cohorts_source_id on cohorts (institution_id, source_id) where source_id is not null;
create unique index programmes_source_id on programmes (institution_id, source_id) where source_id is not null;
create unique index groups_source_id on groups (institution_id, source_id) where source_id is not null;
