/**
 * The national data set: 60 mbo institutions in 35 RMC regions with their opleidingen, groups,
 * staff and students, and per student a portfolio, conversations, attendance, messages and the
 * rest of a school year — generated from a seed, so the same seed, size and date give the same
 * rows. Every table is filled with COPY on a connection of its own, all in one pass.
 * Proportions: bench/README.md ("National data set").
 */
import pg from 'pg';
import { hashPassword } from '../../server/src/modules/identity/passwords.js';
import { seededRandom, type Random } from '../../server/src/db/demo-school.js';
import { CopyTable, type CopyValue } from './copy.js';

export const NATIONAL_PASSWORD = 'koers-demo';
export const NATIONAL_DOMAIN = 'national.koers.test';
/**
 * Managers and LOB-coördinatoren must pass a second factor. The well-known staff accounts of
 * this test data set share this TOTP secret (base32), so the bench can sign in as them.
 */
export const NATIONAL_TOTP_SECRET = 'KOERSNATIONALBENCHKOERSNATIONAL2';
export const INSTITUTIONS = 60;
export const REGIONS = 35;
export const GROUP_SIZE = 30;

export interface GenerateOptions {
  url: string;
  students: number;
  seed?: number;
  /** the day the data set is built around (enrolments and internships run then); default today */
  today?: string;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  studentsDone: number;
  students: number;
  rows: number;
  phase: string;
}

const COMPETENCIES = ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'];
const ENTRY_KINDS = ['bpv', 'school', 'lob_activity', 'work', 'volunteering', 'life'];
const SHARING = ['mentor', 'group', 'praktijkopleider', 'parents', 'next_school'];
const ACTIVITY_KINDS = ['open_day', 'job_shadowing', 'trial_lesson', 'guest_lesson', 'company_visit', 'alumni_talk', 'real_life_assignment', 'workshop'];
const ATTENDANCE = ['present', 'present', 'present', 'present', 'present', 'present', 'late', 'absent_excused', 'absent_unexcused'];
const GIVEN = ['Daan', 'Emma', 'Mohammed', 'Noah', 'Fatima', 'Lucas', 'Yara', 'Sem', 'Julia', 'Liam', 'Ayoub', 'Zoë', 'Milan', 'Sara', 'Luuk', 'Nour', 'Finn', 'Lotte', 'Bram', 'Eva', 'Ilias', 'Anouk', 'Jesse', 'Amira', 'Thijs', 'Fleur', 'Ravi', 'Noor', 'Kevin', 'Sophie'];
const FAMILY = ['de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Dijk', 'Yilmaz', 'El Amrani', 'Kaya', 'Öztürk', 'Pinas', 'Martina'];
const CITIES = ['Amsterdam', 'Rotterdam', 'Den Haag', 'Utrecht', 'Eindhoven', 'Groningen', 'Tilburg', 'Almere', 'Breda', 'Nijmegen', 'Apeldoorn', 'Arnhem', 'Haarlem', 'Enschede', 'Amersfoort', 'Zwolle', 'Leeuwarden', 'Maastricht', 'Dordrecht', 'Leiden', 'Venlo', 'Deventer', 'Delft', 'Alkmaar', 'Heerlen', 'Helmond', 'Oss', 'Emmen', 'Hengelo', 'Gouda', 'Assen', 'Middelburg', 'Roermond', 'Lelystad', 'Den Bosch'];
const PROGRAMMES = [
  ['Helpende Zorg en Welzijn', 'Zorg en welzijn'], ['Verzorgende-IG', 'Zorg en welzijn'], ['Pedagogisch medewerker', 'Zorg en welzijn'],
  ['Software developer', 'ICT en creatieve industrie'], ['Medewerker ICT support', 'ICT en creatieve industrie'], ['Mediavormgever', 'ICT en creatieve industrie'],
  ['Kok', 'Horeca en bakkerij'], ['Gastheer/-vrouw', 'Horeca en bakkerij'], ['Verkoopspecialist', 'Handel'], ['Logistiek medewerker', 'Transport en logistiek'],
  ['Eerste monteur elektrotechniek', 'Techniek en gebouwde omgeving'], ['Timmerman', 'Techniek en gebouwde omgeving'], ['Autotechnicus', 'Mobiliteit'],
  ['Doktersassistent', 'Zorg en welzijn'], ['Juridisch medewerker', 'Economie en administratie'], ['Medewerker secretariaat', 'Economie en administratie'],
];
const SENTENCES = [
  'Ik heb vandaag veel geleerd over hoe het werk echt gaat.', 'Het was spannend om zelf contact op te nemen.',
  'Mijn praktijkopleider gaf me goede tips.', 'Ik merk dat ik het leuk vind om mensen te helpen.',
  'Plannen blijft lastig, daar wil ik aan werken.', 'Ik ben trots dat ik het zelf heb opgelost.',
  'Volgende keer vraag ik eerder om hulp.', 'Dit past goed bij wat ik later wil doen.',
  'Ik twijfel nog of deze richting bij me past.', 'Samenwerken in een team gaat me steeds beter af.',
];

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00Z`;

/** A UUID (version 4 layout) from the seeded generator: deterministic, spread like real ids. */
function uuid(r: Random): string {
  const h = () => (Math.floor(r.next() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, '0');
  const a = h(), b = h(), c = h(), d = h();
  const variant = (8 | (parseInt(c[0], 16) & 3)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

function text(r: Random, sentences: number): string {
  return Array.from({ length: sentences }, () => r.pick(SENTENCES)).join(' ');
}

function pickSome<T>(r: Random, items: readonly T[], min: number, max: number): T[] {
  const n = r.int(min, max);
  return items.filter(() => r.next() < n / items.length).slice(0, max);
}

/** Splits total over n parts by weight; the parts add up to total exactly. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts.length, rest--) parts[i]++;
  return parts;
}

const TABLES: Record<string, readonly string[]> = {
  regions: ['id', 'kind', 'code', 'name'],
  institutions: ['id', 'name', 'brin', 'type', 'rmc_region_id'],
  locations: ['id', 'institution_id', 'name', 'city', 'labour_market_region_id'],
  teams: ['id', 'institution_id', 'name'],
  programmes: ['id', 'institution_id', 'team_id', 'location_id', 'crebo', 'name', 'level', 'pathway', 'sector'],
  cohorts: ['id', 'institution_id', 'name', 'starts_on'],
  groups: ['id', 'institution_id', 'programme_id', 'cohort_id', 'code', 'name'],
  users: ['id', 'email', 'given_name', 'family_name', 'display_name', 'birth_date'],
  credentials: ['user_id', 'password_hash', 'password_changed_at', 'totp_secret', 'totp_enabled_at'],
  user_roles: ['user_id', 'institution_id', 'role'],
  team_members: ['team_id', 'user_id'],
  group_mentors: ['group_id', 'user_id'],
  enrolments: ['id', 'student_id', 'institution_id', 'programme_id', 'group_id', 'cohort_id', 'starts_on'],
  parent_links: ['parent_id', 'student_id', 'adult_opt_in'],
  internships: ['id', 'student_id', 'institution_id', 'company_name', 'praktijkopleider_id', 'starts_on', 'ends_on'],
  portfolio_entries: ['id', 'student_id', 'kind', 'title', 'occurred_on', 'place', 'competencies', 'orientatie', 'mening', 'reflectie', 'sharing', 'status', 'created_at', 'updated_at'],
  portfolio_feedback: ['id', 'entry_id', 'author_id', 'author_role', 'body', 'created_at', 'read_by_student_at'],
  portfolio_self_assessments: ['id', 'student_id', 'assessed_at', 'kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'],
  portfolio_goals: ['id', 'student_id', 'kind', 'title', 'created_at'],
  portfolio_actions: ['id', 'goal_id', 'student_id', 'description', 'due_on', 'status', 'conversation_id', 'created_at', 'done_at'],
  portfolio_contacts: ['id', 'student_id', 'name', 'relation', 'organisation', 'can_help_with', 'step', 'created_at'],
  portfolio_milestones: ['id', 'student_id', 'kind', 'title', 'occurred_on', 'note', 'created_at'],
  guidance_conversations: ['id', 'student_id', 'mentor_id', 'institution_id', 'planned_at', 'status', 'held_on', 'prepared_at', 'step_terugkijken', 'step_reflecteren', 'step_vooruitkijken', 'created_at'],
  guidance_conversation_notes: ['id', 'conversation_id', 'author_id', 'visibility', 'body', 'created_at'],
  guidance_agreements: ['id', 'conversation_id', 'student_id', 'action', 'due_on', 'owner', 'plan_action_id', 'created_at'],
  guidance_appointments: ['id', 'institution_id', 'organiser_id', 'kind', 'title', 'location', 'starts_at', 'ends_at', 'student_id', 'conversation_id', 'created_at'],
  guidance_invitations: ['appointment_id', 'user_id', 'response'],
  guidance_feed_posts: ['id', 'group_id', 'author_id', 'parent_id', 'body', 'created_at'],
  guidance_feed_reactions: ['post_id', 'user_id', 'reaction'],
  guidance_messages: ['id', 'student_id', 'sender_id', 'recipient_id', 'body', 'created_at', 'read_at'],
  guidance_sessions: ['id', 'institution_id', 'group_id', 'kind', 'title', 'held_on', 'created_by', 'created_at'],
  guidance_attendance: ['session_id', 'student_id', 'status', 'recorded_by', 'recorded_at'],
  guidance_notifications: ['id', 'user_id', 'kind', 'params', 'link', 'created_at', 'read_at'],
  lob_activities: ['id', 'institution_id', 'kind', 'title', 'description', 'competencies', 'starts_at', 'ends_at', 'location', 'capacity', 'organiser_id', 'created_at'],
  lob_activity_signups: ['activity_id', 'student_id', 'status', 'signed_up_at', 'attended', 'recorded_by', 'recorded_at'],
  lob_programme_versions: ['id', 'institution_id', 'programme_id', 'version', 'effective_from', 'rule', 'rule_min', 'rule_text', 'created_by', 'created_at'],
  lob_programme_components: ['id', 'version_id', 'position', 'year', 'period', 'kind', 'title', 'required_count', 'activity_kinds', 'min_competencies'],
  audit_log: ['at', 'institution_id', 'actor_id', 'action', 'subject_type', 'subject_id', 'student_id', 'outcome'],
};

/** The tables of modules still being built (transfers, questionnaires) are not generated yet. */
export const GENERATED_TABLES = Object.keys(TABLES);

interface Staff {
  mentors: string[];
  coordinator: string;
  praktijkopleiders: string[];
}

export async function generateNational(options: GenerateOptions): Promise<Record<string, number>> {
  const seed = options.seed ?? 2026;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const yearStart = `${Number(today.slice(5, 7)) >= 8 ? today.slice(0, 4) : Number(today.slice(0, 4)) - 1}-08-01`;
  const report = (phase: string, studentsDone: number) =>
    options.onProgress?.({ phase, studentsDone, students: options.students, rows: Object.values(tables).reduce((s, t) => s + t.rows, 0) });

  const admin = new pg.Client({ connectionString: options.url });
  await admin.connect();
  const superuser = (await admin.query(`select rolsuper from pg_roles where rolname = current_user`)).rows[0]?.rolsuper === true;
  const existing = await admin.query('select count(*)::int as n from institutions');
  if (existing.rows[0].n > 0) {
    await admin.end();
    throw new Error('The database already holds institutions; seed:national fills an empty, migrated database.');
  }
  const amr = (await admin.query(`select id from regions where kind = 'arbeidsmarkt' order by code`)).rows.map((r) => r.id as string);
  const passwordHash = await hashPassword(NATIONAL_PASSWORD);

  // Generated rows are consistent by construction; skipping the per-row foreign-key triggers
  // (superuser only) makes COPY several times faster. Without superuser they stay on.
  const session = ['set synchronous_commit = off', ...(superuser ? ['set session_replication_role = replica'] : [])];
  const tables: Record<string, CopyTable> = {};
  try {
    for (const [name, columns] of Object.entries(TABLES)) tables[name] = await CopyTable.open(options.url, name, columns, session);
  } catch (err) {
    await Promise.all(Object.values(tables).map((t) => t.abort()));
    await admin.end();
    throw err;
  }
  const t = tables;
  const r = seededRandom(seed);
  let emailSeq = 0;
  const email = (kind: string) => `${kind}${emailSeq++}@${NATIONAL_DOMAIN}`;
  const addUser = (rr: Random, kind: string, institutionId: string, roles: string[], birthDate: string | null = null, mail?: string) => {
    const id = uuid(rr);
    const given = rr.pick(GIVEN);
    const family = rr.pick(FAMILY);
    t.users.row([id, mail ?? email(kind), given, family, `${given} ${family}`, birthDate]);
    const totp = mail && (roles.includes('manager') || roles.includes('lob_coordinator'));
    t.credentials.row([id, passwordHash, at(yearStart, 9), totp ? NATIONAL_TOTP_SECRET : null, totp ? at(yearStart, 9) : null]);
    for (const role of roles) t.user_roles.row([id, institutionId, role]);
    return id;
  };
  // Well-known accounts for the bench and the soak: the first of each kind gets a fixed address.
  let firstStudent = true, firstMentor = true, firstManager = true, firstCoordinator = true;

  try {
    const rmc = Array.from({ length: REGIONS }, (_, i) => {
      const id = uuid(r);
      t.regions.row([id, 'rmc', `RMC-${String(i + 1).padStart(2, '0')}`, `RMC-regio ${CITIES[i]}`]);
      return id;
    });
    const sizes = apportion(options.students, Array.from({ length: INSTITUTIONS }, () => 0.4 + r.next() * 1.2));
    let studentsDone = 0;
    for (let i = 0; i < INSTITUTIONS; i++) {
      const inst = uuid(r);
      const city = CITIES[i % CITIES.length];
      t.institutions.row([inst, `ROC ${city}${i >= CITIES.length ? ` ${Math.floor(i / CITIES.length) + 1}` : ''}`, `${10 + i}NL`, 'mbo', rmc[i % REGIONS]]);
      const locations = [0, 1, 2].map((k) => {
        const id = uuid(r);
        t.locations.row([id, inst, `Locatie ${k + 1}`, CITIES[(i + k) % CITIES.length], amr[(i + k) % amr.length] ?? null]);
        return id;
      });
      const cohorts = [2, 1, 0].map((yearsAgo) => {
        const id = uuid(r);
        const start = addDays(yearStart, -365 * yearsAgo);
        t.cohorts.row([id, inst, `Cohort ${start.slice(0, 4)}`, start]);
        return { id, start, year: yearsAgo + 1 };
      });
      const programmeCount = Math.max(2, Math.round(sizes[i] / 450));
      const teamCount = Math.max(1, Math.ceil(programmeCount / 3));
      const staff: Staff = {
        mentors: [],
        coordinator: addUser(r, 'lob', inst, ['lob_coordinator'], null, firstCoordinator ? `coordinator@${NATIONAL_DOMAIN}` : undefined),
        praktijkopleiders: [],
      };
      firstCoordinator = false;
      addUser(r, 'lob', inst, ['lob_coordinator']);
      addUser(r, 'admin', inst, ['institution_admin']);
      const teams = Array.from({ length: teamCount }, (_, k) => {
        const id = uuid(r);
        t.teams.row([id, inst, `Team ${k + 1}`]);
        const manager = addUser(r, 'mgr', inst, ['manager'], null, firstManager ? `manager@${NATIONAL_DOMAIN}` : undefined);
        firstManager = false;
        t.team_members.row([id, manager]);
        for (let d = 0; d < 4; d++) t.team_members.row([id, addUser(r, 'doc', inst, ['docent'])]);
        return id;
      });
      for (let p = 0; p < Math.ceil((sizes[i] * 0.45) / 6); p++) staff.praktijkopleiders.push(addUser(r, 'po', inst, ['praktijkopleider']));
      const activities = Array.from({ length: 30 }, (_, k) => {
        const id = uuid(r);
        const day = addDays(yearStart, r.int(0, 330));
        t.lob_activities.row([id, inst, r.pick(ACTIVITY_KINDS), `LOB-activiteit ${k + 1}`, text(r, 2), pickSome(r, COMPETENCIES, 1, 2), at(day, 9), at(day, 12), CITIES[i % CITIES.length], r.next() < 0.5 ? 60 : null, staff.coordinator, at(yearStart, 8)]);
        return { id, day };
      });

      const perProgramme = apportion(sizes[i], Array.from({ length: programmeCount }, () => 1));
      for (let p = 0; p < programmeCount; p++) {
        const programme = uuid(r);
        const [name, sector] = PROGRAMMES[(i + p) % PROGRAMMES.length];
        const level = r.pick([1, 2, 2, 3, 3, 3, 4, 4, 4, 4]);
        const team = teams[p % teamCount];
        t.programmes.row([programme, inst, team, locations[p % 3], String(25000 + p), name, level, r.next() < 0.8 ? 'BOL' : 'BBL', sector]);
        writeProgrammeVersions(r, t, inst, programme, staff.coordinator, yearStart);
        const perCohort = apportion(perProgramme[p], [1, 1, 1]);
        for (let c = 0; c < 3; c++) {
          const groupCount = Math.ceil(perCohort[c] / GROUP_SIZE);
          const perGroup = apportion(perCohort[c], Array.from({ length: groupCount }, () => 1));
          for (let g = 0; g < groupCount; g++) {
            const group = uuid(r);
            t.groups.row([group, inst, programme, cohorts[c].id, `P${p + 1}C${cohorts[c].year}${String.fromCharCode(65 + (g % 26))}${Math.floor(g / 26) || ''}`, `${name} ${level}${String.fromCharCode(65 + (g % 26))}`]);
            // Mentors also teach, so they hold the docent role too (as in the demo school).
            const mentor = addUser(r, 'mentor', inst, ['mentor', 'docent'], null, firstMentor ? `mentor@${NATIONAL_DOMAIN}` : undefined);
            firstMentor = false;
            staff.mentors.push(mentor);
            t.group_mentors.row([group, mentor]);
            t.team_members.row([team, mentor]);
            const members: string[] = [];
            for (let s = 0; s < perGroup[g]; s++) {
              // Each student has a generator of her own: her rows do not depend on batch sizes.
              const sr = seededRandom((seed * 1_000_003 + studentsDone) >>> 0);
              const mail = firstStudent ? `student@${NATIONAL_DOMAIN}` : undefined;
              firstStudent = false;
              members.push(writeStudent(sr, t, { inst, programme, group, cohort: cohorts[c], mentor, staff, activities, today, yearStart, addUser, mail }));
              studentsDone++;
            }
            writeGroupLife(r, t, { inst, group, mentor, members, today, yearStart });
            await Promise.all(Object.values(t).map((x) => x.drain()));
            report('students', studentsDone);
          }
        }
      }
    }
    report('finishing COPY', studentsDone);
    const counts: Record<string, number> = {};
    for (const table of Object.values(t)) {
      await table.end();
      counts[table.table] = table.rows;
    }
    report('vacuum analyze', studentsDone);
    // Statistics and the visibility map, as on a database that has been running for a while.
    await admin.query('vacuum (analyze)');
    return counts;
  } catch (err) {
    await Promise.all(Object.values(t).map((x) => x.abort()));
    throw err;
  } finally {
    await admin.end();
  }
}

function writeProgrammeVersions(r: Random, t: Record<string, CopyTable>, inst: string, programme: string, coordinator: string, yearStart: string) {
  const versions = r.next() < 0.3 ? 2 : 1;
  for (let v = 1; v <= versions; v++) {
    const id = uuid(r);
    const from = addDays(yearStart, -365 * (versions - v) * 2);
    t.lob_programme_versions.row([id, inst, programme, v, from, v === versions ? 'min_components' : 'all', v === versions ? 6 : null, 'Minstens zes onderdelen per jaar', coordinator, at(from, 8)]);
    for (let k = 0; k < 8; k++) {
      const kind = ['conversation', 'activity', 'entries', 'exercise'][k % 4];
      t.lob_programme_components.row([uuid(r), id, k, 1 + Math.floor(k / 3), 1 + (k % 4), kind, `Onderdeel ${k + 1}`, kind === 'entries' ? 3 : 1, kind === 'activity' ? ['open_day', 'company_visit'] : [], kind === 'entries' ? 2 : 0]);
    }
  }
}

interface StudentContext {
  inst: string;
  programme: string;
  group: string;
  cohort: { id: string; start: string };
  mentor: string;
  staff: Staff;
  activities: { id: string; day: string }[];
  today: string;
  yearStart: string;
  addUser: (r: Random, kind: string, inst: string, roles: string[], birthDate?: string | null, mail?: string) => string;
  mail?: string;
}

function writeStudent(r: Random, t: Record<string, CopyTable>, c: StudentContext): string {
  const age = r.int(15, 22);
  const birth = addDays(c.today, -(age * 365 + r.int(0, 364)));
  const student = c.addUser(r, 's', c.inst, ['student'], birth, c.mail);
  t.enrolments.row([uuid(r), student, c.inst, c.programme, c.group, c.cohort.id, c.cohort.start]);
  const daysEnrolled = Math.max(30, Math.round((Date.parse(c.today) - Date.parse(c.cohort.start)) / DAY));
  const day = () => addDays(c.cohort.start, r.int(0, daysEnrolled - 1));

  if (age < 18 ? r.next() < 0.85 : r.next() < 0.3) {
    const parent = c.addUser(r, 'ouder', c.inst, ['parent']);
    t.parent_links.row([parent, student, age >= 18 && r.next() < 0.5]);
  }
  const onInternship = r.next() < 0.45;
  const praktijkopleider = onInternship ? r.pick(c.staff.praktijkopleiders) : null;
  if (praktijkopleider) {
    t.internships.row([uuid(r), student, c.inst, `Bedrijf ${r.int(1, 5000)}`, praktijkopleider, addDays(c.today, -r.int(10, 90)), addDays(c.today, r.int(30, 120))]);
  }

  // Portfolio: about 20 entries, most published, about half shared with the mentor.
  const entryCount = r.int(12, 28);
  for (let e = 0; e < entryCount; e++) {
    const entry = uuid(r);
    const occurred = day();
    const sharing = SHARING.filter((s) => r.next() < (s === 'mentor' ? 0.55 : s === 'praktijkopleider' && !onInternship ? 0 : 0.15));
    const published = r.next() < 0.9;
    t.portfolio_entries.row([entry, student, r.pick(ENTRY_KINDS), `Ervaring ${e + 1}`, occurred, r.next() < 0.5 ? `Bedrijf ${r.int(1, 5000)}` : null, pickSome(r, COMPETENCIES, 1, 3), text(r, 3), text(r, 2), text(r, 3), sharing, published ? 'published' : 'draft', at(occurred, 15), at(occurred, 16)]);
    if (published && sharing.includes('mentor') && r.next() < 0.4) {
      t.portfolio_feedback.row([uuid(r), entry, c.mentor, 'mentor', text(r, 2), at(occurred, 18), r.next() < 0.7 ? at(addDays(occurred, 1), 8) : null]);
      if (r.next() < 0.5) t.portfolio_feedback.row([uuid(r), entry, student, 'student', text(r, 1), at(addDays(occurred, 1), 9), null]);
    }
  }
  for (let a = 0; a < 2; a++) {
    t.portfolio_self_assessments.row([uuid(r), student, at(day(), 10), r.int(1, 5), r.int(1, 5), r.int(1, 5), r.int(1, 5), r.int(1, 5)]);
  }
  const goalConversations = uuid(r);
  t.portfolio_goals.row([goalConversations, student, 'conversations', 'Afspraken uit loopbaangesprekken', at(c.cohort.start, 10)]);
  const ownGoal = uuid(r);
  t.portfolio_goals.row([ownGoal, student, 'own', 'Een stageplek vinden die bij me past', at(day(), 10)]);
  for (let k = 0; k < 2; k++) {
    const done = r.next() < 0.5;
    t.portfolio_actions.row([uuid(r), ownGoal, student, text(r, 1), addDays(c.today, r.int(-30, 60)), done ? 'done' : 'open', null, at(day(), 11), done ? at(c.today, 7) : null]);
  }
  for (let k = 0; k < 3; k++) {
    t.portfolio_contacts.row([uuid(r), student, `${r.pick(GIVEN)} ${r.pick(FAMILY)}`, r.pick(['oom', 'buurvrouw', 'trainer', 'oud-collega']), `Bedrijf ${r.int(1, 5000)}`, text(r, 1), r.pick(['mapped', 'asked', 'active']), at(day(), 12)]);
  }
  t.portfolio_milestones.row([uuid(r), student, 'opleiding_start', 'Start opleiding', c.cohort.start, '', at(c.cohort.start, 12)]);
  t.portfolio_milestones.row([uuid(r), student, 'choice', 'Keuze uitstroomprofiel', day(), text(r, 1), at(c.today, 6)]);

  // Conversations: two held (with a shared note and an agreement in the career plan), one planned.
  for (let k = 0; k < 3; k++) {
    const conversation = uuid(r);
    const held = k < 2;
    const date = held ? day() : addDays(c.today, r.int(1, 30));
    t.guidance_conversations.row([conversation, student, c.mentor, c.inst, at(date, 10), held ? 'held' : 'planned', held ? date : null, held ? at(addDays(date, -1), 18) : null, held ? text(r, 2) : '', held ? text(r, 2) : '', held ? text(r, 2) : '', at(addDays(date, -14), 9)]);
    if (held) {
      t.guidance_conversation_notes.row([uuid(r), conversation, c.mentor, r.next() < 0.7 ? 'shared' : 'private', text(r, 2), at(date, 11)]);
      const action = uuid(r);
      t.portfolio_actions.row([action, goalConversations, student, 'Afspraak uit het gesprek', addDays(date, 30), 'open', conversation, at(date, 11), null]);
      t.guidance_agreements.row([uuid(r), conversation, student, 'Afspraak uit het gesprek', addDays(date, 30), 'student', action, at(date, 11)]);
    } else {
      const appointment = uuid(r);
      t.guidance_appointments.row([appointment, c.inst, c.mentor, 'conversation', 'Loopbaangesprek', 'Lokaal 1.12', at(date, 10), at(date, 11), student, conversation, at(c.today, 8)]);
      t.guidance_invitations.row([appointment, student, r.pick(['pending', 'accepted'])]);
    }
  }
  // A message thread with the mentor.
  const messages = r.int(4, 12);
  for (let k = 0; k < messages; k++) {
    const fromStudent = k % 2 === 0;
    const date = day();
    t.guidance_messages.row([uuid(r), student, fromStudent ? student : c.mentor, fromStudent ? c.mentor : student, text(r, 1), at(date, 13), k < messages - 1 ? at(date, 17) : null]);
  }
  for (let k = 0; k < 5; k++) {
    t.guidance_notifications.row([uuid(r), student, r.pick(['feedback', 'message', 'appointment']), '{}', '/', at(day(), 14), k < 3 ? at(c.today, 7) : null]);
  }
  for (const activity of pickSome(r, c.activities, 3, 5)) {
    const past = activity.day < c.today;
    t.lob_activity_signups.row([activity.id, student, 'registered', at(addDays(activity.day, -7), 12), past ? r.next() < 0.9 : null, past ? c.staff.coordinator : null, past ? at(activity.day, 13) : null]);
  }
  // Staff reads of the student's data, as the audit log holds them after a year.
  for (let k = 0; k < 4; k++) t.audit_log.row([at(day(), 12), c.inst, c.mentor, 'student.read', 'student', student, student, 'ok']);
  return student;
}

interface GroupContext {
  inst: string;
  group: string;
  mentor: string;
  members: string[];
  today: string;
  yearStart: string;
}

/** A group's year: the feed with replies and reactions, and twelve registered sessions. */
function writeGroupLife(r: Random, t: Record<string, CopyTable>, c: GroupContext) {
  for (let k = 0; k < 20; k++) {
    const post = uuid(r);
    const author = r.next() < 0.4 ? c.mentor : r.pick(c.members);
    const date = addDays(c.yearStart, r.int(0, Math.max(1, Math.round((Date.parse(c.today) - Date.parse(c.yearStart)) / DAY))));
    t.guidance_feed_posts.row([post, c.group, author, null, text(r, 2), at(date, 12)]);
    if (r.next() < 0.5) t.guidance_feed_posts.row([uuid(r), c.group, r.pick(c.members), post, text(r, 1), at(date, 13)]);
    for (const member of pickSome(r, c.members, 0, 4)) t.guidance_feed_reactions.row([post, member, r.pick(['like', 'heart', 'clap'])]);
  }
  for (let k = 0; k < 12; k++) {
    const session = uuid(r);
    const date = addDays(c.yearStart, 7 * k + 35);
    if (date > c.today) break;
    t.guidance_sessions.row([session, c.inst, c.group, k % 4 === 3 ? 'lob_activity' : 'lesson', k % 4 === 3 ? 'LOB-les' : 'Les loopbaan en burgerschap', date, c.mentor, at(date, 8)]);
    for (const member of c.members) t.guidance_attendance.row([session, member, r.pick(ATTENDANCE), c.mentor, at(date, 10)]);
  }
}

export type { CopyValue };
