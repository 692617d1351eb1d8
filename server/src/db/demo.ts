import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import type { Clock } from '../platform/clock.js';
import { schoolDate } from '../platform/clock.js';
import { hashPassword } from '../modules/identity/service.js';
import type { Role } from '../modules/org/tables.js';
import { allModules } from '../modules/index.js';
import { seededRandom, type DemoSchool } from './demo-school.js';

/**
 * The demo school: a fictional ROC, generated from a fixed seed so every run yields the same
 * people and structure. Dates are placed relative to the day it is loaded (Sanne's internship
 * runs "now"). Capability modules add their own demo content through their `demo` hook.
 */
export const DEMO_PASSWORD = 'koers-demo';
export const DEMO_SEED = 20151;

export const DEMO_ACCOUNTS = [
  { email: 'student@demo.koers.nl', description: 'Sanne, student niveau 2 (16 jaar)' },
  { email: 'student2@demo.koers.nl', description: 'student van een andere mentor' },
  { email: 'mentor@demo.koers.nl', description: "mentor / SLB'er van klas ZW2A" },
  { email: 'docent@demo.koers.nl', description: 'docent in hetzelfde team' },
  { email: 'coordinator@demo.koers.nl', description: 'LOB-coördinator' },
  { email: 'manager@demo.koers.nl', description: 'opleidingsmanager Zorg & Welzijn' },
  { email: 'admin@demo.koers.nl', description: 'applicatiebeheerder van de instelling' },
  { email: 'ouder@demo.koers.nl', description: 'ouder van Sanne' },
  { email: 'praktijk@demo.koers.nl', description: 'praktijkopleider bij Zorgcentrum De Linde' },
  { email: 'examencommissie@demo.koers.nl', description: 'lid van de examencommissie van Sannes opleiding' },
  { email: 'rmc@demo.koers.nl', description: 'RMC-trajectbegeleider van de regio van het ROC' },
  { email: 'leerplicht@demo.koers.nl', description: 'leerplichtambtenaar van de gemeente' },
  { email: 'regio@demo.koers.nl', description: 'regionaal coördinator van de RMC-regio' },
  { email: 'jongerencoach@demo.koers.nl', description: 'jongerencoach van de gemeente' },
  { email: 'alumnus@demo.koers.nl', description: 'oud-student van het ROC, werkt nu, is buddy' },
  { email: 'decaan@demo.koers.nl', description: 'decaan van De Brug (vmbo, zelfde RMC-regio)' },
  { email: 'leerling@demo.koers.nl', description: 'Daan (15), vmbo-kader leerjaar 4 op De Brug, aangemeld bij het ROC' },
  { email: 'ouder2@demo.koers.nl', description: 'ouder van Daan' },
  { email: 'intake@demo.koers.nl', description: 'intaker van het ROC' },
] as const;


const GIVEN_NAMES = [
  'Daan', 'Emma', 'Mohammed', 'Noah', 'Fatima', 'Lucas', 'Yara', 'Sem', 'Julia', 'Liam', 'Ayoub', 'Zoë',
  'Milan', 'Sara', 'Luuk', 'Nour', 'Finn', 'Lotte', 'Bram', 'Eva', 'Ilias', 'Anouk', 'Jesse', 'Amira',
  'Thijs', 'Fleur', 'Ravi', 'Noor', 'Kevin', 'Sophie', 'Yusuf', 'Lieke', 'Mila', 'Jayden', 'Hanna', 'Omar',
  'Tess', 'Rayan', 'Iris', 'Stijn', 'Aya', 'Ruben', 'Maud', 'Dewi', 'Sven', 'Chanel', 'Gijs', 'Esra',
];
const FAMILY_NAMES = [
  'de Vries', 'Jansen', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Bos',
  'Vos', 'Peters', 'Hendriks', 'van Dijk', 'Yilmaz', 'El Amrani', 'Kaya', 'Öztürk', 'Pinas', 'Martina',
  'Dekker', 'Brouwer', 'de Graaf', 'Koster', 'Bouzid', 'Nguyen', 'Wijaya', 'Kramer', 'van Leeuwen', 'Postma',
];



const DEMO_LOCK_ID = 4_711_2016;

export async function loadDemoSchoolIfEmpty(db: Kysely<DB>, clock: Clock): Promise<boolean> {
  const existing = await db.selectFrom('institutions').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // One transaction: a demo school is there completely or not at all, even after a crash.
  // The advisory lock and the second look make two processes starting at once load it once.
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${DEMO_LOCK_ID})`.execute(trx);
    const loadedMeanwhile = await trx.selectFrom('institutions').select('id').limit(1).executeTakeFirst();
    if (loadedMeanwhile) return false;
    const school = await createDemoSchool(trx, clock, passwordHash);
    // Capability modules add their content (portfolio, agenda, …) in module order.
    for (const module of allModules) await module.demo?.(trx, school);
    return true;
  });
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The school year a date falls in: it starts on 1 August. */
export function schoolYearStart(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return `${m >= 8 ? y : y - 1}-08-01`;
}

async function createDemoSchool(trx: Transaction<DB>, clock: Clock, passwordHash: string): Promise<DemoSchool> {
  const random = seededRandom(DEMO_SEED);
  const today = schoolDate(clock.now());
  const yearStart = schoolYearStart(today);
  const lastYearStart = addDays(yearStart, -365);

  const rmc = await trx
    .insertInto('regions')
    .values({ kind: 'rmc', code: 'RMC-DEMO', name: 'RMC-regio Koersland' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Amersfoort's labour-market region comes with the reference data (migration 0007).
  const amr = await trx.selectFrom('regions').select('id').where('kind', '=', 'arbeidsmarkt').where('name', '=', 'Arbeidsmarktregio Amersfoort').executeTakeFirstOrThrow();
  const institution = await trx
    .insertInto('institutions')
    .values({ name: 'ROC Koersland', brin: '99KL', rmc_region_id: rmc.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const inst = institution.id;

  const [centrum, parkweg] = await trx
    .insertInto('locations')
    .values([
      { institution_id: inst, name: 'Locatie Centrum', city: 'Amersfoort', labour_market_region_id: amr.id },
      { institution_id: inst, name: 'Locatie Parkweg', city: 'Veenendaal', labour_market_region_id: amr.id },
    ])
    .returning('id')
    .execute();
  const [teamZorg, teamIct] = await trx
    .insertInto('teams')
    .values([
      { institution_id: inst, name: 'Team Zorg & Welzijn' },
      { institution_id: inst, name: 'Team ICT' },
    ])
    .returning('id')
    .execute();

  const programmeRows = await trx
    .insertInto('programmes')
    .values([
      { institution_id: inst, team_id: teamZorg.id, location_id: centrum.id, crebo: '25498', name: 'Helpende Zorg en Welzijn', level: 2, pathway: 'BOL', sector: 'Zorg en welzijn' },
      { institution_id: inst, team_id: teamZorg.id, location_id: centrum.id, crebo: '25491', name: 'Verzorgende-IG', level: 3, pathway: 'BBL', sector: 'Zorg en welzijn' },
      { institution_id: inst, team_id: teamIct.id, location_id: parkweg.id, crebo: '25604', name: 'Software developer', level: 4, pathway: 'BOL', sector: 'ICT en creatieve industrie' },
    ])
    .returning(['id', 'crebo'])
    .execute();
  const programmes = Object.fromEntries(programmeRows.map((p) => [p.crebo, p.id]));

  const cohortRows = await trx
    .insertInto('cohorts')
    .values([
      { institution_id: inst, name: `Cohort ${lastYearStart.slice(0, 4)}`, starts_on: lastYearStart },
      { institution_id: inst, name: `Cohort ${yearStart.slice(0, 4)}`, starts_on: yearStart },
    ])
    .returning(['id', 'starts_on'])
    .execute();
  const [cohortLast, cohortThis] = cohortRows;

  const groupSpecs = [
    { code: 'ZW2A', name: 'Helpende Zorg en Welzijn 2A', crebo: '25498', cohort: cohortThis, level: 2 },
    { code: 'ZW2B', name: 'Helpende Zorg en Welzijn 2B', crebo: '25498', cohort: cohortLast, level: 2 },
    { code: 'VIG3A', name: 'Verzorgende-IG 3A (BBL)', crebo: '25491', cohort: cohortLast, level: 3 },
    { code: 'SD4A', name: 'Software developer 4A', crebo: '25604', cohort: cohortThis, level: 4 },
  ];
  const groupRows = await trx
    .insertInto('groups')
    .values(groupSpecs.map((g) => ({ institution_id: inst, programme_id: programmes[g.crebo], cohort_id: g.cohort.id, code: g.code, name: g.name })))
    .returning(['id', 'code'])
    .execute();
  const groups = Object.fromEntries(groupRows.map((g) => [g.code, g.id]));

  const users: Record<string, string> = {};
  const addUser = async (key: string, email: string, given: string, family: string, roles: Role[], birthDate: string | null = null) => {
    const u = await trx
      .insertInto('users')
      .values({ email, given_name: given, family_name: family, display_name: `${given} ${family}`, birth_date: birthDate })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('credentials').values({ user_id: u.id, password_hash: passwordHash, password_changed_at: clock.now() }).execute();
    await trx.insertInto('user_roles').values(roles.map((role) => ({ user_id: u.id, institution_id: inst, role }))).execute();
    users[key] = u.id;
    return u.id;
  };

  // Staff. Mentors also teach, so they hold the docent role too.
  await addUser('mentor', 'mentor@demo.koers.nl', 'Mirjam', 'Hoekstra', ['mentor', 'docent']);
  await addUser('mentorZw2b', 'mentor.zw2b@demo.koers.nl', 'Karim', 'Benali', ['mentor', 'docent']);
  await addUser('mentorVig', 'mentor.vig3a@demo.koers.nl', 'Ingrid', 'Willems', ['mentor', 'docent']);
  await addUser('mentorSd', 'mentor.sd4a@demo.koers.nl', 'Joost', 'van der Linden', ['mentor', 'docent']);
  await addUser('docent', 'docent@demo.koers.nl', 'Peter', 'Claassen', ['docent']);
  await addUser('coordinator', 'coordinator@demo.koers.nl', 'Hatice', 'Demir', ['lob_coordinator']);
  await addUser('manager', 'manager@demo.koers.nl', 'Ellen', 'Verbeek', ['manager']);
  await addUser('admin', 'admin@demo.koers.nl', 'Ruud', 'Schouten', ['institution_admin']);
  await addUser('ouder', 'ouder@demo.koers.nl', 'Marloes', 'de Wit', ['parent']);
  await addUser('praktijk', 'praktijk@demo.koers.nl', 'Anita', 'Gerritsen', ['praktijkopleider']);
  // A former student who keeps a light account: her story and buddy choice are in module explore.
  await addUser('alumnus', 'alumnus@demo.koers.nl', 'Yasmina', 'El Idrissi', ['alumnus']);

  await trx
    .insertInto('team_members')
    .values([
      ...['mentor', 'mentorZw2b', 'mentorVig', 'docent', 'manager'].map((k) => ({ team_id: teamZorg.id, user_id: users[k] })),
      { team_id: teamIct.id, user_id: users.mentorSd },
    ])
    .execute();
  // The exam board of Team Zorg & Welzijn (Sanne's opleiding): opens the records that counted.
  await addUser('examencommissie', 'examencommissie@demo.koers.nl', 'Farida', 'Yıldız', ['examencommissie']);
  await trx.insertInto('team_members').values({ team_id: teamZorg.id, user_id: users.examencommissie }).execute();
  await trx
    .insertInto('group_mentors')
    .values([
      { group_id: groups.ZW2A, user_id: users.mentor },
      { group_id: groups.ZW2B, user_id: users.mentorZw2b },
      { group_id: groups.VIG3A, user_id: users.mentorVig },
      { group_id: groups.SD4A, user_id: users.mentorSd },
    ])
    .execute();

  // 80 students, 20 per group. Sanne is the first of ZW2A, student2 the first of ZW2B.
  const students: DemoSchool['students'] = [];
  let n = 0;
  for (const spec of groupSpecs) {
    for (let i = 0; i < 20; i++) {
      n++;
      const isSanne = spec.code === 'ZW2A' && i === 0;
      const isStudent2 = spec.code === 'ZW2B' && i === 0;
      const given = isSanne ? 'Sanne' : random.pick(GIVEN_NAMES);
      const family = isSanne ? 'de Wit' : random.pick(FAMILY_NAMES);
      const age = isSanne ? 16 : spec.level === 2 ? random.int(16, 19) : random.int(17, 22);
      const birthDate = isSanne ? addDays(today, -(16 * 365 + 120)) : addDays(today, -(age * 365 + random.int(0, 364)));
      const email = isSanne ? 'student@demo.koers.nl' : isStudent2 ? 'student2@demo.koers.nl' : `leerling${String(n).padStart(3, '0')}@demo.koers.nl`;
      const id = await addUser(isSanne ? 'student' : isStudent2 ? 'student2' : `student${n}`, email, given, family, ['student'], birthDate);
      await trx
        .insertInto('enrolments')
        .values({
          student_id: id,
          institution_id: inst,
          programme_id: programmes[spec.crebo],
          group_id: groups[spec.code],
          cohort_id: spec.cohort.id,
          starts_on: spec.cohort.starts_on,
          ends_on: null,
          source_id: null,
        })
        .execute();
      students.push({ id, groupCode: spec.code, level: spec.level });
    }
  }

  await trx.insertInto('parent_links').values({ parent_id: users.ouder, student_id: users.student }).execute();
  await trx
    .insertInto('internships')
    .values({
      student_id: users.student,
      institution_id: inst,
      company_name: 'Zorgcentrum De Linde',
      praktijkopleider_id: users.praktijk,
      starts_on: addDays(today, -56),
      ends_on: addDays(today, 70),
    })
    .execute();
  await addTransitionPartners(trx, { clock, passwordHash, rmcRegionId: rmc.id, rocId: inst, today, users });
  await sql`analyze`.execute(trx);
  return { institutionId: inst, today, random, users, students, groups, programmes };
}

/**
 * The schools around the ROC for the overstap: De Brug, a vmbo school in the same RMC region
 * with its decaan and the pupil Daan (15, vmbo-kader year 4) and his parent, and a hogeschool
 * for mbo → hbo. The ROC gets an intake officer. No random numbers: the ROC's demo stays the same.
 */
async function addTransitionPartners(
  trx: Transaction<DB>,
  ctx: { clock: Clock; passwordHash: string; rmcRegionId: string; rocId: string; today: string; users: Record<string, string> },
) {
  const { today, users } = ctx;
  const yearStart = schoolYearStart(today);
  const [deBrug, hogeschool] = await trx
    .insertInto('institutions')
    .values([
      { name: 'De Brug, school voor vmbo', brin: '99DB', type: 'vo', rmc_region_id: ctx.rmcRegionId },
      { name: 'Hogeschool Koersland', brin: '99HK', type: 'hbo', rmc_region_id: ctx.rmcRegionId },
    ])
    .returning('id')
    .execute();
  const [vmboKb4] = await trx
    .insertInto('programmes')
    .values([
      { institution_id: deBrug.id, kind: 'vo', name: 'vmbo kader Zorg en welzijn', vo_path: 'vmbo_kb', vo_year: 4, crebo: null, level: null, pathway: null, croho: null },
      { institution_id: deBrug.id, kind: 'vo', name: 'vmbo basis Zorg en welzijn', vo_path: 'vmbo_bb', vo_year: 4, crebo: null, level: null, pathway: null, croho: null },
      { institution_id: hogeschool.id, kind: 'hbo', name: 'Verpleegkunde', croho: '34560', crebo: null, level: null, pathway: null, vo_path: null, vo_year: null },
      { institution_id: hogeschool.id, kind: 'hbo', name: 'HBO-ICT', croho: '30020', crebo: null, level: null, pathway: null, vo_path: null, vo_year: null },
    ])
    .returning('id')
    .execute();
  const [group4k] = await trx
    .insertInto('groups')
    .values({ institution_id: deBrug.id, programme_id: vmboKb4.id, cohort_id: null, code: '4K-ZW', name: 'Klas 4 kader Zorg en welzijn' })
    .returning('id')
    .execute();

  const addPerson = async (key: string, email: string, given: string, family: string, institutionId: string, role: Role, birthDate: string | null = null) => {
    const u = await trx
      .insertInto('users')
      .values({ email, given_name: given, family_name: family, display_name: `${given} ${family}`, birth_date: birthDate })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('credentials').values({ user_id: u.id, password_hash: ctx.passwordHash, password_changed_at: ctx.clock.now() }).execute();
    await trx.insertInto('user_roles').values({ user_id: u.id, institution_id: institutionId, role }).execute();
    users[key] = u.id;
    return u.id;
  };
  await addPerson('decaan', 'decaan@demo.koers.nl', 'Fatima', 'Ouali', deBrug.id, 'decaan');
  // Daan is 15: a parent consents too before his form may be sent.
  const daan = await addPerson('leerling', 'leerling@demo.koers.nl', 'Daan', 'Jansen', deBrug.id, 'student', addDays(today, -(15 * 365 + 200)));
  await trx
    .insertInto('enrolments')
    .values({ student_id: daan, institution_id: deBrug.id, programme_id: vmboKb4.id, group_id: group4k.id, cohort_id: null, starts_on: addDays(yearStart, -3 * 365), ends_on: addDays(yearStart, 364), source_id: null })
    .execute();
  const parent = await addPerson('ouder2', 'ouder2@demo.koers.nl', 'Kees', 'Jansen', deBrug.id, 'parent');
  await trx.insertInto('parent_links').values({ parent_id: parent, student_id: daan }).execute();
  await addPerson('intake', 'intake@demo.koers.nl', 'Ilse', 'Bakker', ctx.rocId, 'intake');
}
