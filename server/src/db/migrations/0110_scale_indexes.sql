-- National scale (bench/README.md): indexes the result list of a whole opleiding needs.
-- Without it, "who is enrolled in this opleiding" read every enrolment of the installation
-- (sequential scan of 50,000 rows for one opleiding; 500,000 at national size).
create index enrolments_programme on enrolments (programme_id);
