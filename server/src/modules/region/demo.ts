import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DemoSchool } from '../../db/demo-school.js';
import type { Role } from '../org/tables.js';
import type { PlaceStatus, Reason } from './tables.js';

/**
 * Demo region: the gemeente/RMC organisation of the ROC's RMC region with an RMC
 * trajectbegeleider (rmc@demo.koers.nl), a leerplichtambtenaar and a regional coordinator;
 * young people without a place (some without a case owner, one case past its follow-up
 * date), one under 18 for leerplicht, one of 24 who consented, one already back at work, and
 * one in a neighbouring region that the demo's workers must never see.
 */
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** A birth date that makes someone `age` years old today, `daysAfterBirthday` past their birthday. */
const bornAt = (today: string, age: number, daysAfterBirthday: number) => addDays(today, -(age * 365 + Math.floor(age / 4) + daysAfterBirthday));

interface DemoYouth {
  key: string;
  given: string;
  family: string;
  age: number;
  gemeente: string;
  status: PlaceStatus;
  daysAgo: number;
  reason: Reason | null;
  school?: 'roc';
  programme?: { crebo: string; name: string; level: number };
  owner?: 'rmc' | 'leerplicht';
  /** follow-up date relative to today, and the last activity (days ago) */
  followUp?: { in: number; lastActivityDaysAgo: number };
  consent?: boolean;
  otherRegion?: boolean;
}

const HELPENDE = { crebo: '25498', name: 'Helpende Zorg en Welzijn', level: 2 };
const SOFTWARE = { crebo: '25604', name: 'Software developer', level: 4 };
const VIG = { crebo: '25491', name: 'Verzorgende-IG', level: 3 };

const YOUTH: DemoYouth[] = [
  { key: 'ayoub', given: 'Ayoub', family: 'Kaya', age: 19, gemeente: 'Amersfoort', status: 'without_place', daysAgo: 120, reason: 'dropout', school: 'roc', programme: SOFTWARE },
  { key: 'lotte', given: 'Lotte', family: 'Mulder', age: 20, gemeente: 'Veenendaal', status: 'without_place', daysAgo: 200, reason: 'no_start_qualification', school: 'roc', programme: HELPENDE, owner: 'rmc', followUp: { in: -7, lastActivityDaysAgo: 20 } },
  { key: 'jesse', given: 'Jesse', family: 'Bakker', age: 18, gemeente: 'Leusden', status: 'without_place', daysAgo: 45, reason: 'school_leaver_no_destination' },
  { key: 'nour', given: 'Nour', family: 'El Amrani', age: 21, gemeente: 'Amersfoort', status: 'without_place', daysAgo: 75, reason: 'dropout', school: 'roc', programme: VIG, owner: 'rmc', followUp: { in: 10, lastActivityDaysAgo: 3 } },
  { key: 'kevin', given: 'Kevin', family: 'Pinas', age: 22, gemeente: 'Soest', status: 'without_place', daysAgo: 30, reason: 'not_enrolled' },
  { key: 'esra', given: 'Esra', family: 'Öztürk', age: 24, gemeente: 'Amersfoort', status: 'without_place', daysAgo: 300, reason: 'dropout', owner: 'rmc', followUp: { in: 14, lastActivityDaysAgo: 12 }, consent: true },
  { key: 'fleur', given: 'Fleur', family: 'de Graaf', age: 16, gemeente: 'Amersfoort', status: 'without_place', daysAgo: 20, reason: 'dropout', school: 'roc', programme: HELPENDE, owner: 'leerplicht', followUp: { in: 5, lastActivityDaysAgo: 2 } },
  { key: 'ravi', given: 'Ravi', family: 'Nguyen', age: 17, gemeente: 'Veenendaal', status: 'without_place', daysAgo: 60, reason: 'school_leaver_no_destination' },
  { key: 'milan', given: 'Milan', family: 'Visser', age: 19, gemeente: 'Leusden', status: 'work', daysAgo: 40, reason: null, school: 'roc', programme: SOFTWARE },
  { key: 'yara', given: 'Yara', family: 'Bos', age: 19, gemeente: 'Ede', status: 'without_place', daysAgo: 90, reason: 'dropout', otherRegion: true },
];

/** The demo region's sociale kaart. */
const SOCIAL_MAP = [
  { name: 'Entree-opleiding ROC Koersland', kind: 'entree' as const, description: 'Entree-opleiding (niveau 1) met extra begeleiding en een stage vanaf de eerste week. Instroom elke tien weken.', audience: 'Jongeren zonder diploma die een vak willen leren', min_age: 16, max_age: 23, eligibility: 'Geen vooropleiding nodig. Intakegesprek met een loopbaanadviseur.', contact: 'Intake Entree, 033 123 45 67, entree@rockoersland.example', url: null },
  { name: 'Jongerenloket Amersfoort', kind: 'jongerenloket' as const, description: 'Eén loket voor jongeren met vragen over school, werk, geld of wonen. Loop binnen of maak een afspraak.', audience: 'Jongeren uit Amersfoort, Leusden en Soest', min_age: 16, max_age: 27, eligibility: 'Woonachtig in de regio. Geen verwijzing nodig.', contact: 'Stadhuisplein 1, Amersfoort, 033 469 99 00', url: 'https://www.example.nl/jongerenloket' },
  { name: 'Werkgeversservicepunt Regio Amersfoort', kind: 'werkgeversservicepunt' as const, description: 'Brengt jongeren in contact met werkgevers voor werk, een leerbaan (BBL) of een proefplaatsing.', audience: 'Werkzoekende jongeren en werkgevers', min_age: 18, max_age: null, eligibility: 'Aanmelding via de casuseigenaar of het jongerenloket. Proefplaatsing tot twee maanden met behoud van uitkering.', contact: 'wsp@regioamersfoort.example, 033 200 30 40', url: null },
  { name: 'Jeugdhulp Vallei', kind: 'zorg' as const, description: 'Ambulante jeugdhulp en begeleiding bij psychische of gezinsproblemen.', audience: 'Jongeren en hun gezin', min_age: 12, max_age: 23, eligibility: 'Met een verwijzing van de huisarts of het wijkteam. Boven 18 alleen verlengde jeugdhulp.', contact: 'Aanmelden via het wijkteam, 033 300 40 50', url: null },
  { name: 'Dagbesteding De Werkplaats', kind: 'dagbesteding' as const, description: 'Dagbesteding met werk in een fietsenmakerij, kantine en groenonderhoud, met doorstroom naar beschut werk.', audience: 'Jongeren die (nog) niet kunnen werken of leren', min_age: 16, max_age: 27, eligibility: 'Met een Wmo-indicatie van de gemeente. Proefdag mogelijk.', contact: 'De Werkplaats, Industrieweg 12, Veenendaal, 0318 55 66 77', url: null },
  { name: 'Leerwerkloket Midden-Utrecht', kind: 'other' as const, description: 'Advies over leren en werken tegelijk: BBL, praktijkverklaringen en erkenning van wat je al kunt.', audience: 'Jongeren en volwassenen', min_age: 16, max_age: null, eligibility: 'Gratis advies.', contact: 'leerwerkloket@example.nl', url: 'https://www.example.nl/leerwerkloket' },
];

export async function regionDemo(trx: Transaction<DB>, school: DemoSchool) {
  const now = new Date();
  const today = school.today;
  const roc = await trx.selectFrom('institutions').select(['id', 'name', 'rmc_region_id']).where('id', '=', school.institutionId).executeTakeFirstOrThrow();
  const regionId = roc.rmc_region_id!;
  const other = await trx.insertInto('regions').values({ kind: 'rmc', code: 'RMC-DEMO-2', name: 'RMC-regio Vallei-Oost' }).returning('id').executeTakeFirstOrThrow();
  const gemeente = await trx
    .insertInto('institutions')
    .values({ name: 'Gemeente Amersfoort – RMC Koersland', brin: null, type: 'gemeente', rmc_region_id: regionId })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Every demo account shares one password; reuse the hash instead of hashing again.
  const { password_hash } = await trx.selectFrom('credentials').select('password_hash').where('user_id', '=', school.users.mentor).executeTakeFirstOrThrow();
  const addWorker = async (key: string, email: string, given: string, family: string, role: Role) => {
    const u = await trx.insertInto('users').values({ email, given_name: given, family_name: family, display_name: `${given} ${family}`, birth_date: null }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('credentials').values({ user_id: u.id, password_hash, password_changed_at: now }).execute();
    await trx.insertInto('user_roles').values({ user_id: u.id, institution_id: gemeente.id, role }).execute();
    school.users[key] = u.id;
    return u.id;
  };
  const rmc = await addWorker('rmc', 'rmc@demo.koers.nl', 'Roos', 'van Beek', 'rmc_trajectbegeleider');
  const leerplicht = await addWorker('leerplicht', 'leerplicht@demo.koers.nl', 'Hans', 'Brinkman', 'leerplichtambtenaar');
  await addWorker('regio', 'regio@demo.koers.nl', 'Samira', 'Haddou', 'regional_coordinator');
  await addWorker('jongerencoach', 'jongerencoach@demo.koers.nl', 'Tim', 'Lammers', 'jongerencoach');
  const owners = { rmc, leerplicht };
  await trx
    .insertInto('region_services')
    .values(
      SOCIAL_MAP.map((service) => ({ ...service, rmc_region_id: regionId, updated_by: school.users.regio, updated_at: now })),
    )
    .execute();

  for (const y of YOUTH) {
    const since = addDays(today, -y.daysAgo);
    const at = new Date(`${since}T09:00:00Z`);
    const birthDate = bornAt(today, y.age, 30 + y.daysAgo % 200);
    const lastSchool = y.school ? roc.name : null;
    const row = await trx
      .insertInto('region_youth')
      .values({
        rmc_region_id: y.otherRegion ? other.id : regionId,
        user_id: null,
        given_name: y.given,
        family_name: y.family,
        birth_date: birthDate,
        gemeente: y.gemeente,
        status: y.status,
        since,
        reason: y.reason,
        last_school: lastSchool,
        last_institution_id: y.school ? roc.id : null,
        last_programme: y.programme?.name ?? null,
        source: y.school ? 'school_leavers' : 'municipal',
        source_ref: `demo-${y.key}`,
        consent_at: y.consent ? at : null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const leftOn = y.status === 'without_place' ? since : addDays(since, -90);
    await trx
      .insertInto('region_placements')
      .values({
        youth_id: row.id,
        status: 'without_place',
        since: leftOn,
        reason: y.reason ?? 'dropout',
        institution_id: y.school ? roc.id : null,
        institution_name: lastSchool,
        programme: y.programme?.name ?? null,
        level: y.programme?.level ?? null,
        programme_started_on: y.school ? addDays(leftOn, -150) : null,
        source: y.school ? 'school_leavers' : 'municipal',
        recorded_by: null,
        recorded_at: new Date(`${leftOn}T09:00:00Z`),
      })
      .execute();
    if (y.status !== 'without_place') {
      await trx.insertInto('region_placements').values({ youth_id: row.id, status: y.status, since, reason: null, institution_id: null, institution_name: null, programme: null, level: null, programme_started_on: null, source: 'case_outcome', recorded_by: rmc, recorded_at: at }).execute();
      const closed = await trx
        .insertInto('region_cases')
        .values({ youth_id: row.id, owner_id: rmc, opened_at: new Date(`${leftOn}T10:00:00Z`), opened_by: rmc, follow_up_on: null, last_activity_at: at, closed_at: at, closed_by: rmc, outcome: 'work', outcome_note: 'Werkt sinds kort bij een ICT-bedrijf in Leusden; volgt misschien later een BBL-opleiding.' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('region_case_owners').values({ case_id: closed.id, owner_id: rmc, assigned_by: rmc, assigned_at: new Date(`${leftOn}T10:00:00Z`), ended_at: at }).execute();
      continue;
    }
    if (y.owner) {
      const ownerId = owners[y.owner];
      const opened = new Date(`${addDays(since, 3)}T10:00:00Z`);
      const lastActivity = new Date(`${addDays(today, -(y.followUp?.lastActivityDaysAgo ?? 3))}T10:00:00Z`);
      const c = await trx
        .insertInto('region_cases')
        .values({ youth_id: row.id, owner_id: ownerId, opened_at: opened, opened_by: ownerId, follow_up_on: y.followUp ? addDays(today, y.followUp.in) : null, last_activity_at: lastActivity })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('region_case_owners').values({ case_id: c.id, owner_id: ownerId, assigned_by: ownerId, assigned_at: opened, ended_at: null }).execute();
      await trx
        .insertInto('region_case_actions')
        .values([
          { case_id: c.id, kind: 'contact', body: 'Gebeld en een eerste afspraak gemaakt.', follow_up_on: null, created_by: ownerId, created_at: opened, meeting_id: null },
          { case_id: c.id, kind: 'home_visit', body: 'Op huisbezoek geweest. Wil graag iets in de zorg of techniek; gaat kijken bij het jongerenloket.', follow_up_on: y.followUp ? addDays(today, y.followUp.in) : null, created_by: ownerId, created_at: lastActivity, meeting_id: null },
        ])
        .execute();
    }
  }
  await historicalLeavers(trx, school, regionId, roc, rmc);
  await sql`analyze region_youth`.execute(trx);
}

const GIVEN = ['Sem', 'Julia', 'Luuk', 'Anouk', 'Finn', 'Sara', 'Bram', 'Iris', 'Omar', 'Tess', 'Ilias', 'Maud', 'Stijn', 'Dewi'];
const FAMILY = ['Hendriks', 'van Dijk', 'Brouwer', 'Peters', 'Smit', 'Meijer', 'Wijaya', 'Bouzid', 'Kramer', 'Postma', 'Koster', 'Dekker'];

/**
 * A year of early leavers from the ROC, most of them back in school, work or care within
 * months: enough for the dropout analysis to show groups of 10 or more, and one small group
 * (Entree) that it hides.
 */
async function historicalLeavers(trx: Transaction<DB>, school: DemoSchool, regionId: string, roc: { id: string; name: string }, rmc: string) {
  const specs = [
    { ...HELPENDE, count: 14 },
    { ...VIG, count: 12 },
    { ...SOFTWARE, count: 10 },
    { crebo: '25637', name: 'Entree (assistent dienstverlening)', level: 1, count: 4 },
  ];
  const r = school.random;
  let n = 0;
  for (const spec of specs) {
    for (let k = 0; k < spec.count; k++, n++) {
      const leftOn = addDays(school.today, -r.int(100, 360));
      const started = `${Number(leftOn.slice(0, 4)) - (leftOn.slice(5, 7) >= '09' ? 0 : 1)}-08-28`;
      const roll = r.next();
      const outcome: { status: PlaceStatus; after: number } = roll < 0.55 ? { status: 'school', after: r.int(20, 85) } : roll < 0.8 ? { status: 'work', after: r.int(95, 170) } : { status: 'care', after: r.int(40, 200) };
      const since = addDays(leftOn, outcome.after);
      const at = (d: string) => new Date(`${d}T09:00:00Z`);
      const y = await trx
        .insertInto('region_youth')
        .values({
          rmc_region_id: regionId,
          user_id: null,
          given_name: r.pick(GIVEN),
          family_name: `${r.pick(FAMILY)}`,
          birth_date: bornAt(school.today, r.int(18, 21), r.int(20, 300)),
          gemeente: r.pick(['Amersfoort', 'Veenendaal', 'Leusden', 'Soest']),
          status: since <= school.today ? outcome.status : 'without_place',
          since: since <= school.today ? since : leftOn,
          reason: since <= school.today ? null : 'dropout',
          last_school: roc.name,
          last_institution_id: roc.id,
          last_programme: spec.name,
          source: 'school_leavers',
          source_ref: `demo-history-${n}`,
          consent_at: null,
          created_at: at(leftOn),
          updated_at: at(since <= school.today ? since : leftOn),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('region_placements')
        .values({ youth_id: y.id, status: 'without_place', since: leftOn, reason: 'dropout', institution_id: roc.id, institution_name: roc.name, programme: spec.name, level: spec.level, programme_started_on: started, source: 'school_leavers', recorded_by: null, recorded_at: at(leftOn) })
        .execute();
      if (since <= school.today) {
        await trx
          .insertInto('region_placements')
          .values({ youth_id: y.id, status: outcome.status, since, reason: null, institution_id: null, institution_name: null, programme: null, level: null, programme_started_on: null, source: 'municipal', recorded_by: rmc, recorded_at: at(since) })
          .execute();
      }
    }
  }
}
