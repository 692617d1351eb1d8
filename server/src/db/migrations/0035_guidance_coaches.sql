-- A named SLB'er who is not the group mentor, or another teacher of the student's team, may plan
-- and hold career conversations with a student when assigned to that student (by the mentor, the
-- LOB-coördinator or the manager). Such conversations count for the inspanningsverplichting
-- like the mentor's and show in the student's and the mentor's view.
create table guidance_coach_assignments (
  student_id uuid not null references users (id) on delete cascade,
  coach_id uuid not null references users (id) on delete cascade,
  assigned_by uuid references users (id) on delete set null,
  assigned_at timestamptz not null,
  primary key (student_id, coach_id)
);
create index guidance_coach_assignments_coach on guidance_coach_assignments (coach_id);
