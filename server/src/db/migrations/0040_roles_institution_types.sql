-- Many institutions, one person (module org). Koers now holds every kind of school and the
-- regional organisations around them, and the roles of the transitions, the exam board, the
-- region and alumni. One person may hold roles at several institutions; every access
-- decision still names the institution that grants it.

alter table institutions
  add column type text not null default 'mbo'
    check (type in ('vo', 'vso', 'pro', 'mbo', 'hbo', 'gemeente'));
-- A gemeente or RMC organisation has no BRIN number; every school has one.
alter table institutions alter column brin drop not null;
alter table institutions add constraint institutions_brin_for_schools
  check (type = 'gemeente' or brin is not null);
create index institutions_type on institutions (type);
create index institutions_rmc_region on institutions (rmc_region_id);

alter table user_roles drop constraint user_roles_role_check;
alter table user_roles add constraint user_roles_role_check check (role in (
  'student', 'mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin', 'parent',
  'praktijkopleider',
  -- the exam board decides on the inspanningsverplichting loopbaan en burgerschap
  'examencommissie',
  -- transitions: the decaan of a vo school sends, the intake officer of the next school receives
  'decaan', 'intake',
  -- regional roles of a gemeente or RMC organisation (sluitende aanpak)
  'rmc_trajectbegeleider', 'leerplichtambtenaar', 'jongerencoach', 'regional_coordinator',
  -- a former student who keeps a light account (story, buddy)
  'alumnus'
));
