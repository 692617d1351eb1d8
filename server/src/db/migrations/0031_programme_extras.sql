-- Participation in an LOB activity is also attendance (guidance): one attendance session per
-- activity and group, created through the guidance service. This table (owned by the programme
-- module) remembers which session belongs to which activity, so recording again updates the
-- same session instead of adding another.
create table lob_activity_sessions (
  activity_id uuid not null references lob_activities (id) on delete cascade,
  group_id uuid not null references groups (id) on delete cascade,
  session_id uuid not null references guidance_sessions (id) on delete cascade,
  primary key (activity_id, group_id)
);
create unique index lob_activity_sessions_session on lob_activity_sessions (session_id);
