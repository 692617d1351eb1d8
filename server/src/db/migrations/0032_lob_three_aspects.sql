-- The three aspects decide what counts (MBO Raad, Loopbaan en burgerschap in het mbo, par. 3 and 4):
-- the student's inspanningsverplichting is active participation in orientation/research,
-- opinion/action and reflection/accountability in every activity.
--
-- programme: per version the minimal length of a substantive answer to an aspect; per component
-- whether attendance alone counts (the result list then says so).
alter table lob_programme_versions
  add column min_aspect_length integer not null default 40 check (min_aspect_length between 1 and 2000);
alter table lob_programme_components
  add column attendance_alone boolean not null default false;

-- portfolio: an entry can be the student's reflection on an LOB activity (owned by the
-- programme module). An activity counts only together with such a reflection.
alter table portfolio_entries
  add column activity_id uuid references lob_activities (id) on delete set null;
create index portfolio_entries_activity on portfolio_entries (activity_id) where activity_id is not null;
