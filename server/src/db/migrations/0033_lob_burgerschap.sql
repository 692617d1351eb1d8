-- Loopbaan en burgerschap (MBO Raad 2012): besides the five career competencies, activities and
-- programme components name the burgerschap dimensions they address, so a programme version can
-- show its coverage and warn when a competence or dimension is never addressed (the
-- institution's resultaatverplichting).
alter table lob_activities
  add column dimensions text[] not null default '{}'
    check (dimensions <@ array['politiek_juridisch', 'economisch', 'sociaal_maatschappelijk', 'vitaal']::text[]);
alter table lob_programme_components
  add column competencies text[] not null default '{}'
    check (competencies <@ array['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken']::text[]),
  add column dimensions text[] not null default '{}'
    check (dimensions <@ array['politiek_juridisch', 'economisch', 'sociaal_maatschappelijk', 'vitaal']::text[]);
