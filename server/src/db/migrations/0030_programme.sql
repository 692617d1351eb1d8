-- LOB-programma (module programme) and Loopbaanmagazijn (module library).
-- programme: the activity catalogue with sign-up, waiting list and participation; the
-- programme per opleiding (versioned components by period, and the rule for the
-- inspanningsverplichting); documented manual overrides by the mentor.
-- library: exercises per career competence, assignments to groups, and completions that
-- link an assignment to the student's portfolio entry.

create table lob_activities (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  kind text not null check (kind in ('open_day', 'job_shadowing', 'trial_lesson', 'guest_lesson', 'company_visit',
    'alumni_talk', 'real_life_assignment', 'workshop', 'career_conversation', 'other')),
  title text not null check (length(title) between 1 and 200),
  description text not null default '',
  competencies text[] not null default '{}'
    check (competencies <@ array['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken']::text[]),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location text not null default '',
  -- null: no limit
  capacity integer check (capacity is null or capacity > 0),
  organiser_id uuid references users (id) on delete set null,
  -- audience; an empty list means everyone of the institution
  audience_programme_ids uuid[] not null default '{}',
  audience_levels smallint[] not null default '{}',
  audience_cohort_ids uuid[] not null default '{}',
  created_at timestamptz not null,
  check (ends_at >= starts_at)
);
create index lob_activities_institution on lob_activities (institution_id, starts_at);
create index lob_activities_organiser on lob_activities (organiser_id);

-- aanmelding: a student's sign-up, waiting-list place and participation
create table lob_activity_signups (
  activity_id uuid not null references lob_activities (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  -- order of the waiting list, also when two sign-ups share a timestamp
  seq bigint generated always as identity,
  status text not null check (status in ('registered', 'waitlisted', 'cancelled')),
  signed_up_at timestamptz not null,
  -- recorded by the organiser: null until recorded
  attended boolean,
  recorded_by uuid references users (id) on delete set null,
  recorded_at timestamptz,
  primary key (activity_id, student_id)
);
create index lob_activity_signups_student on lob_activity_signups (student_id) where attended;
create index lob_activity_signups_waitlist on lob_activity_signups (activity_id, seq) where status = 'waitlisted';

-- LOB-programma of one opleiding, as a version. A cohort uses the version in effect on the
-- day it started (the latest effective_from on or before cohort.starts_on, else the first).
create table lob_programme_versions (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references institutions (id) on delete cascade,
  programme_id uuid not null references programmes (id) on delete cascade,
  version integer not null check (version > 0),
  effective_from date not null,
  -- 'all': every component that applies; 'min_components': at least rule_min of them
  rule text not null check (rule in ('all', 'min_components')),
  rule_min integer check (rule_min is null or rule_min > 0),
  -- how the team judges the inspanningsverplichting, in words for the OER
  rule_text text not null default '',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null,
  unique (programme_id, version),
  check (rule <> 'min_components' or rule_min is not null)
);

create table lob_programme_components (
  id uuid primary key default gen_random_uuid(),
  version_id uuid not null references lob_programme_versions (id) on delete cascade,
  position integer not null,
  year smallint not null check (year between 1 and 4),
  -- school period 1-4 (a quarter of the year from the cohort's start); null: the whole year
  period smallint check (period between 1 and 4),
  kind text not null check (kind in ('conversation', 'activity', 'entries', 'exercise')),
  title text not null check (length(title) between 1 and 200),
  required_count integer not null check (required_count between 1 and 50),
  -- activity: which kinds count (empty: any LOB activity)
  activity_kinds text[] not null default '{}',
  -- entries: how many different competencies the entries must cover together
  min_competencies integer not null default 0 check (min_competencies between 0 and 5),
  -- differentiation: empty means every level / pathway (BOL, BBL)
  levels smallint[] not null default '{}',
  pathways text[] not null default '{}',
  intensity text not null default '',
  guidance text not null default ''
);
create index lob_programme_components_version on lob_programme_components (version_id, position);

-- A mentor's documented decision that a component counts as met in an exceptional case.
create table lob_status_overrides (
  id uuid primary key default gen_random_uuid(),
  student_id uuid not null references users (id) on delete cascade,
  component_id uuid not null references lob_programme_components (id) on delete cascade,
  reason text not null check (length(reason) between 10 and 2000),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz not null,
  revoked_by uuid references users (id) on delete set null,
  revoked_at timestamptz
);
create unique index lob_status_overrides_active on lob_status_overrides (student_id, component_id) where revoked_at is null;

-- Loopbaanmagazijn: exercises. institution_id null = the starter set every installation gets.
create table library_exercises (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid references institutions (id) on delete cascade,
  -- a stable name for starter exercises, so later migrations can update them
  slug text unique,
  series text,
  series_position smallint,
  title text not null check (length(title) between 1 and 200),
  competencies text[] not null
    check (cardinality(competencies) > 0 and competencies <@ array['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken']::text[]),
  levels smallint[] not null default '{1,2,3,4}',
  duration_minutes integer not null check (duration_minutes between 5 and 600),
  summary text not null default '',
  teacher_instructions text not null default '',
  student_instructions text not null default '',
  -- shared with the other institutions on this installation
  shared boolean not null default false,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index library_exercises_institution on library_exercises (institution_id);

create table library_attachments (
  id uuid primary key default gen_random_uuid(),
  exercise_id uuid not null references library_exercises (id) on delete cascade,
  filename text not null,
  media_type text not null,
  size_bytes integer not null check (size_bytes > 0),
  content bytea not null,
  created_at timestamptz not null
);
create index library_attachments_exercise on library_attachments (exercise_id);

create table library_assignments (
  id uuid primary key default gen_random_uuid(),
  exercise_id uuid not null references library_exercises (id) on delete cascade,
  group_id uuid not null references groups (id) on delete cascade,
  assigned_by uuid references users (id) on delete set null,
  due_on date not null,
  note text not null default '',
  created_at timestamptz not null
);
create index library_assignments_group on library_assignments (group_id, due_on);

-- A student completed an assignment with a portfolio entry; removing the entry undoes it.
create table library_completions (
  assignment_id uuid not null references library_assignments (id) on delete cascade,
  student_id uuid not null references users (id) on delete cascade,
  entry_id uuid not null references portfolio_entries (id) on delete cascade,
  completed_at timestamptz not null,
  primary key (assignment_id, student_id)
);
create index library_completions_student on library_completions (student_id, completed_at);

-- Starter set of the Loopbaanmagazijn (every installation): exercises in plain Dutch (B1),
-- at least five per career competence, with the three lessons of the Lessenserie Netwerken.
insert into library_exercises
  (slug, series, series_position, title, competencies, levels, duration_minutes, summary, teacher_instructions, student_instructions, shared, created_at)
values
  ('talent-drie-sterke-punten', null, null, 'Drie sterke punten', array['kwaliteiten']::text[], '{1,2,3,4}', 45,
   'Je schrijft drie dingen op waar je goed in bent en vraagt anderen of dat klopt.',
   'Laat studenten eerst alleen werken (10 minuten). Daarna in tweetallen: de ander geeft bij elk punt een voorbeeld. Sluit af met een korte ronde: wat verraste je?',
   'Schrijf drie dingen op waar je goed in bent. Geef bij elk punt een voorbeeld uit school, werk of thuis. Vraag daarna twee mensen of zij het herkennen. Schrijf op wat zij zeggen en wat je daarvan vindt.', true, now()),
  ('talent-complimentenronde', null, null, 'Complimentenronde', array['kwaliteiten']::text[], '{1,2,3,4}', 30,
   'In de groep geef je elkaar echte complimenten. Je ontdekt wat anderen in jou zien.',
   'Maak groepjes van vier. Iedereen krijgt een kaartje met zijn naam; de anderen schrijven één compliment met een voorbeeld. Let op veiligheid: alleen positieve, concrete zinnen.',
   'Lees de complimenten op je kaartje. Welke herken je? Welke niet? Kies er één uit en schrijf op waar je dit nog meer laat zien.', true, now()),
  ('talent-trots-moment', null, null, 'Mijn trotse moment', array['kwaliteiten', 'motieven']::text[], '{1,2,3,4}', 40,
   'Je vertelt over iets waar je trots op bent en zoekt uit welke kwaliteiten je toen liet zien.',
   'Geef zelf eerst een kort voorbeeld. Laat studenten in drietallen vertellen; de luisteraars noemen de kwaliteiten die ze horen.',
   'Denk aan een moment waar je trots op bent. Wat gebeurde er? Wat deed jij? Welke kwaliteiten liet je zien? Schrijf op hoe je die kwaliteiten in je opleiding kunt gebruiken.', true, now()),
  ('talent-stage-feedback', null, null, 'Vraag feedback op je stage', array['kwaliteiten', 'netwerken']::text[], '{1,2,3,4}', 30,
   'Je vraagt je praktijkopleider wat je goed doet en wat je nog kunt leren.',
   'Bespreek vooraf hoe je om feedback vraagt. Geef de student drie voorbeeldvragen mee. Bespreek de antwoorden in het volgende loopbaangesprek.',
   'Vraag je praktijkopleider: wat doe ik goed? Wat kan ik beter doen? Wat zou jij in mijn plaats nog willen leren? Schrijf de antwoorden op en wat je ermee gaat doen.', true, now()),
  ('talent-test-en-gesprek', null, null, 'Talenten in het echt', array['kwaliteiten']::text[], '{1,2,3,4}', 50,
   'Je kiest vijf talenten van een lijst en zoekt bij elk talent een bewijs.',
   'Deel een lijst met talenten uit (bijvoorbeeld: geduldig, handig, creatief, nauwkeurig, sociaal). Laat studenten bewijs zoeken: een foto, een opdracht of een verhaal.',
   'Kies vijf talenten die bij jou passen. Zoek bij elk talent een bewijs: iets wat je hebt gedaan. Welk talent wil je verder ontwikkelen? Hoe ga je dat doen?', true, now()),
  ('passie-wat-vind-ik-belangrijk', null, null, 'Wat vind ik belangrijk in werk?', array['motieven']::text[], '{1,2,3,4}', 40,
   'Je kiest uit een lijst de vijf dingen die jij het belangrijkst vindt in werk.',
   'Geef een lijst met waarden (bijvoorbeeld: geld, mensen helpen, vrijheid, zekerheid, samenwerken, iets maken). Laat studenten er vijf kiezen en op volgorde zetten. Bespreek verschillen in de groep.',
   'Kies vijf dingen die jij belangrijk vindt in werk. Zet ze op volgorde. Waarom staat nummer één bovenaan? Past je opleiding bij jouw lijst?', true, now()),
  ('passie-energie-dagboek', null, null, 'Energiedagboek', array['motieven', 'kwaliteiten']::text[], '{1,2,3,4}', 20,
   'Een week lang schrijf je op wat je energie geeft en wat energie kost.',
   'Introduceer het dagboek in de les en bespreek het na een week. Vraag naar patronen: bij welke taken krijg je energie?',
   'Schrijf elke dag op: wat gaf mij vandaag energie? Wat kostte energie? Kijk na een week terug. Wat valt je op? Wat zegt dit over het werk dat bij je past?', true, now()),
  ('passie-rolmodel', null, null, 'Mijn rolmodel', array['motieven', 'werkexploratie']::text[], '{1,2,3,4}', 45,
   'Je kiest iemand die je bewondert en onderzoekt waarom.',
   'Laat studenten een rolmodel kiezen uit hun omgeving of uit het nieuws. Vraag door naar het waarom: welke waarden zie je terug?',
   'Kies iemand die je bewondert. Wat doet deze persoon? Waarom vind jij dat goed? Wat wil jij ook zo doen in je werk of leven?', true, now()),
  ('passie-dilemmas', null, null, 'Kiezen is lastig: dilemma’s', array['motieven']::text[], '{1,2,3,4}', 45,
   'Je bespreekt keuzes uit het werk waarin twee dingen belangrijk zijn.',
   'Leg een paar dilemma’s uit de beroepspraktijk voor (bijvoorbeeld: meer geld of leuker werk dichtbij huis). Laat studenten een kant kiezen en hun keuze uitleggen.',
   'Lees de dilemma’s. Kies steeds wat jij zou doen. Leg uit waarom. Wat vinden anderen? Welke waarde vind jij dus het belangrijkst?', true, now()),
  ('passie-droombaan', null, null, 'Mijn droombaan over vijf jaar', array['motieven', 'loopbaansturing']::text[], '{1,2,3,4}', 40,
   'Je beschrijft een werkdag over vijf jaar: waar ben je, wat doe je, met wie?',
   'Laat studenten vrij schrijven of tekenen. Bespreek daarna welke stappen nodig zijn om er te komen.',
   'Beschrijf een werkdag over vijf jaar. Waar werk je? Wat doe je? Met wie? Wat vind je er leuk aan? Schrijf één stap op die je dit jaar al kunt zetten.', true, now()),
  ('werkplek-interview-vakmens', null, null, 'Interview een vakmens', array['werkexploratie', 'netwerken']::text[], '{1,2,3,4}', 60,
   'Je interviewt iemand die werkt in het beroep van je opleiding.',
   'Help studenten vragen te maken. Laat ze zelf iemand zoeken; geef tips als het niet lukt (stagebedrijf, familie, alumni).',
   'Zoek iemand die werkt in jouw vak. Vraag: hoe ziet je werkdag eruit? Wat is leuk en wat is lastig? Hoe ben je hier gekomen? Schrijf op wat je geleerd hebt en of dit werk bij je past.', true, now()),
  ('werkplek-bedrijfsbezoek-voorbereiden', null, null, 'Bereid je bedrijfsbezoek voor', array['werkexploratie']::text[], '{1,2,3,4}', 45,
   'Je zoekt vooraf informatie over het bedrijf en maakt vragen.',
   'Gebruik dit voor een gepland bedrijfsbezoek. Laat studenten drie vragen maken en bespreek ze na het bezoek.',
   'Zoek op wat het bedrijf doet. Maak drie vragen die je wilt stellen. Schrijf na het bezoek op: wat zag je? Wat vond je ervan? Zou je hier willen werken? Waarom wel of niet?', true, now()),
  ('werkplek-vacatures-lezen', null, null, 'Vacatures lezen', array['werkexploratie', 'kwaliteiten']::text[], '{1,2,3,4}', 40,
   'Je zoekt drie vacatures in je vak en vergelijkt ze met wat jij kunt.',
   'Laat studenten vacatures zoeken op een vacaturesite. Bespreek welke eisen vaak terugkomen.',
   'Zoek drie vacatures die bij je opleiding passen. Welke eisen kom je steeds tegen? Wat kun jij al? Wat moet je nog leren? Welke vacature spreekt je het meest aan?', true, now()),
  ('werkplek-arbeidsmarkt', null, null, 'Kans op werk', array['werkexploratie', 'loopbaansturing']::text[], '{1,2,3,4}', 45,
   'Je zoekt uit hoe groot de kans op werk is na jouw opleiding.',
   'Laat studenten cijfers zoeken over kans op werk en startsalaris (bijvoorbeeld bij Kiesmbo of de opleiding zelf). Bespreek wat de cijfers betekenen.',
   'Zoek op: hoeveel mensen met jouw diploma vinden werk? Wat verdien je als starter? Wat betekent dit voor jou? Wil je daarna werken of verder leren?', true, now()),
  ('werkplek-meeloopdag-verslag', null, null, 'Verslag van een meeloopdag', array['werkexploratie', 'motieven']::text[], '{1,2,3,4}', 30,
   'Na een meeloopdag schrijf je op wat je zag, wat je vond en wat je ervan leerde.',
   'Gebruik dit na een meeloopdag of proefles. Laat studenten het verslag delen met hun mentor.',
   'Waar liep je mee? Wat heb je gezien en gedaan? Wat vond je leuk en wat niet? Past dit werk of deze opleiding bij jou? Wat is je volgende stap?', true, now()),
  ('sturing-doel-smart', null, null, 'Een doel voor deze periode', array['loopbaansturing']::text[], '{1,2,3,4}', 40,
   'Je kiest één doel voor deze periode en maakt het concreet.',
   'Leg uit wat een concreet doel is (wat, wanneer, hoe weet je dat het gelukt is). Laat het doel in het loopbaanplan zetten.',
   'Kies één doel voor deze periode. Schrijf op: wat wil je bereiken? Wanneer? Wat is je eerste stap? Wie kan je helpen? Zet het doel in je loopbaanplan.', true, now()),
  ('sturing-gesprek-voorbereiden', null, null, 'Bereid je loopbaangesprek voor', array['loopbaansturing', 'kwaliteiten']::text[], '{1,2,3,4}', 30,
   'Je bereidt je gesprek met je mentor voor: terugkijken, vooruitkijken en wat je wilt vragen.',
   'Geef dit een week voor het loopbaangesprek. Vraag de student om de antwoorden mee te nemen.',
   'Kijk terug: wat ging goed sinds ons vorige gesprek? Wat was lastig? Kijk vooruit: wat wil je de komende tijd doen? Welke vraag wil je aan je mentor stellen?', true, now()),
  ('sturing-keuze-maken', null, null, 'Een keuze maken', array['loopbaansturing', 'motieven']::text[], '{1,2,3,4}', 45,
   'Je zet twee keuzes naast elkaar en weegt de voor- en nadelen.',
   'Gebruik een echte keuze (stage, uitstroomprofiel, vervolgopleiding). Laat voor- en nadelen opschrijven en punten geven.',
   'Welke keuze moet je maken? Schrijf bij elke mogelijkheid de voordelen en nadelen op. Wat past het best bij jouw talenten en wat je belangrijk vindt? Wat kies je en waarom?', true, now()),
  ('sturing-terugblik-periode', null, null, 'Terugblik op de periode', array['loopbaansturing']::text[], '{1,2,3,4}', 30,
   'Aan het eind van de periode kijk je terug op je doelen en maak je een nieuw plan.',
   'Plan dit aan het eind van elke periode. Bespreek de antwoorden kort in het loopbaangesprek.',
   'Welke doelen had je? Wat is gelukt? Wat niet, en waarom? Wat neem je mee naar de volgende periode? Schrijf één nieuw doel op.', true, now()),
  ('sturing-na-je-diploma', null, null, 'Na je diploma', array['loopbaansturing', 'werkexploratie']::text[], '{1,2,3,4}', 50,
   'Je zoekt uit welke wegen er zijn na je diploma: werken, verder leren of allebei.',
   'Laat studenten drie mogelijkheden onderzoeken (werk, hoger niveau mbo, hbo). Nodig eventueel een oud-student uit.',
   'Zoek drie mogelijkheden na je diploma. Wat is er nodig voor elke mogelijkheid? Welke past het best bij jou? Wat moet je nu al regelen?', true, now()),
  ('netwerken-1-breng-je-netwerk-in-kaart', 'Lessenserie Netwerken', 1, 'Les 1: Breng je netwerk in kaart', array['netwerken']::text[], '{1,2,3,4}', 50,
   'Je tekent je netwerk: wie ken je, en wie kan je helpen bij school, stage of werk?',
   'Leg uit dat iedereen een netwerk heeft: familie, vrienden, sport, bijbaan, school. Laat studenten een netwerkkaart tekenen met cirkels (dichtbij en verder weg). Laat ze de contacten in de netwerkkaart van hun LOBbook zetten.',
   'Teken jezelf in het midden. Zet om je heen de mensen die je kent: familie, vrienden, buren, sport, bijbaan, school, stage. Schrijf bij elke persoon wat hij of zij weet of kan. Wie kan jou helpen bij je opleiding of werk? Zet drie mensen in je netwerk in Koers.', true, now()),
  ('netwerken-2-vraag-om-steun', 'Lessenserie Netwerken', 2, 'Les 2: Vraag om steun', array['netwerken', 'loopbaansturing']::text[], '{1,2,3,4}', 50,
   'Je oefent hoe je iemand om hulp vraagt en stelt je vraag echt.',
   'Oefen in tweetallen met rollenspel: een vraag stellen aan iemand die je minder goed kent. Bespreek wat een goede vraag is: kort, duidelijk, met een reden. Geef de opdracht mee om de vraag echt te stellen.',
   'Kies iemand uit je netwerkkaart die je kan helpen. Schrijf op wat je wilt vragen en waarom juist aan deze persoon. Oefen je vraag met een klasgenoot. Stel je vraag echt. Wat was het antwoord? Hoe voelde het?', true, now()),
  ('netwerken-3-zet-je-netwerk-in-beweging', 'Lessenserie Netwerken', 3, 'Les 3: Zet je netwerk in beweging', array['netwerken', 'werkexploratie']::text[], '{1,2,3,4}', 50,
   'Je maakt een plan om je netwerk te gebruiken en uit te breiden, bijvoorbeeld voor een stageplek.',
   'Laat studenten een doel kiezen (stage, bijbaan, informatie over een beroep). Ze maken een plan: wie benader ik, hoe en wanneer. Bespreek na twee weken wat het opleverde.',
   'Kies een doel waarbij je netwerk kan helpen. Wie benader je? Hoe doe je dat: bellen, mailen, langsgaan? Wanneer? Voer je plan uit en schrijf op wat het opleverde. Wie heb je nieuw leren kennen?', true, now()),
  ('netwerken-pitch', null, null, 'Stel jezelf voor in één minuut', array['netwerken', 'kwaliteiten']::text[], '{1,2,3,4}', 40,
   'Je maakt een korte pitch over wie je bent en wat je zoekt.',
   'Laat studenten een pitch van een minuut schrijven en oefenen in kleine groepen. Geef tips: naam, opleiding, wat je goed kunt, wat je zoekt.',
   'Schrijf een korte tekst: wie ben je, welke opleiding doe je, waar ben je goed in, wat zoek je? Oefen hem hardop. Vraag een klasgenoot om tips. Gebruik je pitch bij een bedrijfsbezoek of open dag.', true, now()),
  ('netwerken-bedankje', null, null, 'Bedank iemand uit je netwerk', array['netwerken', 'motieven']::text[], '{1,2,3,4}', 20,
   'Je bedankt iemand die je heeft geholpen en houdt zo contact.',
   'Leg uit waarom contact houden belangrijk is. Laat studenten een kort bericht of kaartje schrijven.',
   'Wie heeft jou geholpen met je opleiding, stage of werk? Schrijf een kort bedankje. Vertel wat de hulp voor jou betekende. Stuur het echt. Schrijf op hoe de persoon reageerde.', true, now()),
  ('netwerken-alumni-gesprek', null, null, 'In gesprek met een oud-student', array['netwerken', 'werkexploratie']::text[], '{1,2,3,4}', 45,
   'Je spreekt een oud-student van je opleiding over zijn of haar loopbaan.',
   'Nodig een oud-student uit of laat studenten er zelf een benaderen. Bereid samen vragen voor.',
   'Maak vijf vragen voor een oud-student. Bijvoorbeeld: wat doe je nu? Wat had je op school willen weten? Welke tip heb je? Schrijf op wat je hebt geleerd en wat je ermee doet.', true, now());
