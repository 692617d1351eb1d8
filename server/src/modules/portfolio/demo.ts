import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DemoSchool } from '../../db/demo-school.js';
import { CONVERSATION_GOAL_TITLE } from './plan.js';
import { COMPETENCES, type Competence, type EntryKind, type SharingTarget } from './schema.js';

/**
 * Demo LOBbooks for the 80 demo students: varied entries over the last two school years with
 * reflections in plain Dutch, different sharing choices, feedback of mentors and of Sanne's
 * praktijkopleider, self-assessments that grow, a plan, a network and milestones. Everything
 * is drawn from school.random, so every run gives the same content; rows go in in bulk.
 */
interface Template {
  kind: EntryKind;
  title: string;
  place: string | null;
  competencies: Competence[];
  orientatie: string;
  mening: string;
  reflectie: string;
}

const ZORG: Template[] = [
  { kind: 'bpv', title: 'Mijn eerste week op de stage', place: 'Zorgcentrum De Linde', competencies: ['werkexploratie', 'kwaliteiten'], orientatie: 'Ik help bewoners bij het eten en bij het wassen. Ik wist nog niet hoe een dag op de afdeling gaat.', mening: 'Het was druk, maar ik vond het fijn om echt te helpen. Mijn begeleider zegt dat ik rustig blijf.', reflectie: 'Ik heb geleerd dat ik goed kan luisteren. Ik wil nog leren om meer te vragen als ik iets niet weet.' },
  { kind: 'bpv', title: 'Een moeilijk gesprek met een bewoner', place: 'Zorgcentrum De Linde', competencies: ['kwaliteiten', 'motieven'], orientatie: 'Een bewoner was boos omdat zijn dochter niet kwam. Ik wist niet goed wat ik moest zeggen.', mening: 'Ik vond het spannend. Ik denk dat luisteren beter was dan praten.', reflectie: 'Ik heb rustig naast hem gezeten. Daarna was hij minder boos. Dit wil ik vaker zo doen.' },
  { kind: 'lob_activity', title: 'Open dag bij de opleiding Verzorgende-IG', place: 'ROC Koersland', competencies: ['werkexploratie', 'loopbaansturing'], orientatie: 'Ik wilde weten wat je leert op niveau 3. Ik heb vragen gesteld aan studenten.', mening: 'Het lijkt me leuk, maar ook zwaar. Je moet veel zelf plannen.', reflectie: 'Ik weet nu dat ik na niveau 2 verder wil. Ik ga met mijn mentor praten over de overstap.' },
  { kind: 'school', title: 'Opdracht: wie ben ik?', place: 'ROC Koersland', competencies: ['kwaliteiten', 'motieven'], orientatie: 'We moesten drie sterke punten opschrijven en aan anderen vragen of dat klopt.', mening: 'Ik vond het lastig om over mezelf te schrijven. Anderen zagen meer dan ik dacht.', reflectie: 'Mijn klasgenoten zeggen dat ik geduldig ben. Dat past bij werken in de zorg.' },
  { kind: 'volunteering', title: 'Helpen bij de voedselbank', place: 'Voedselbank Amersfoort', competencies: ['motieven', 'netwerken'], orientatie: 'Op zaterdag pak ik pakketten in. Ik kwam er via mijn tante.', mening: 'Ik vind het belangrijk dat iedereen genoeg eten heeft.', reflectie: 'Ik merk dat ik graag iets voor anderen doe. Ik heb ook nieuwe mensen leren kennen.' },
  { kind: 'work', title: 'Bijbaan in de supermarkt', place: 'Supermarkt Plus', competencies: ['kwaliteiten', 'loopbaansturing'], orientatie: 'Ik werk twee avonden per week aan de kassa en vul vakken.', mening: 'Het werk is saai, maar ik leer op tijd komen en klantvriendelijk zijn.', reflectie: 'Ik wil later werk waar ik meer contact met mensen heb dan aan de kassa.' },
  { kind: 'lob_activity', title: 'Gastles van een wijkverpleegkundige', place: 'ROC Koersland', competencies: ['werkexploratie', 'netwerken'], orientatie: 'Een wijkverpleegkundige vertelde over haar werk bij mensen thuis.', mening: 'Ik vond het mooi dat je zo zelfstandig werkt.', reflectie: 'Ik heb haar gevraagd of ik een dag mag meelopen. Ze gaf me haar e-mailadres.' },
  { kind: 'life', title: 'Zorgen voor mijn opa', place: null, competencies: ['motieven'], orientatie: 'Mijn opa was ziek en ik hielp hem na school met boodschappen.', mening: 'Het was soms zwaar, maar ik deed het graag.', reflectie: 'Hierdoor weet ik zeker dat ik in de zorg wil werken.' },
];

const ICT: Template[] = [
  { kind: 'bpv', title: 'Stage bij een webbureau: de eerste sprint', place: 'Webbureau Pixelwerk', competencies: ['werkexploratie', 'kwaliteiten'], orientatie: 'Ik werkte mee aan een webshop. We werken in sprints van twee weken.', mening: 'Ik vond het leuk om echte code te schrijven voor een klant.', reflectie: 'Ik ben goed in zoeken naar fouten. Ik wil beter worden in plannen.' },
  { kind: 'school', title: 'Projectweek: app voor de kantine', place: 'ROC Koersland', competencies: ['kwaliteiten', 'loopbaansturing'], orientatie: 'In een team bouwden we een app om eten te bestellen.', mening: 'Samenwerken ging niet altijd goed. Niet iedereen deed evenveel.', reflectie: 'Ik heb geleerd om afspraken op te schrijven. De volgende keer maak ik een planning.' },
  { kind: 'lob_activity', title: 'Bedrijfsbezoek bij een softwarebedrijf', place: 'Codefabriek Utrecht', competencies: ['werkexploratie', 'netwerken'], orientatie: 'We kregen een rondleiding en praatten met developers.', mening: 'Het was anders dan ik dacht: veel overleg, minder alleen achter de computer.', reflectie: 'Ik weet nu dat ik teamwerk belangrijk vind. Ik heb een visitekaartje gekregen.' },
  { kind: 'work', title: 'Bijbaan bij een computerwinkel', place: 'PC-Hulp Veenendaal', competencies: ['kwaliteiten', 'netwerken'], orientatie: 'Ik help klanten met hun laptop en installeer programma’s.', mening: 'Ik vind het leuk om mensen uit te leggen hoe iets werkt.', reflectie: 'Misschien past een baan als servicedesk-medewerker ook bij mij.' },
  { kind: 'lob_activity', title: 'Proefstuderen hbo-ict', place: 'Hogeschool Utrecht', competencies: ['loopbaansturing', 'werkexploratie'], orientatie: 'Ik volgde een dag lessen op het hbo.', mening: 'Het tempo was hoog, maar de lessen waren interessant.', reflectie: 'Ik wil na mijn diploma misschien naar het hbo. Ik moet dan beter worden in wiskunde.' },
  { kind: 'life', title: 'Een game maken met vrienden', place: null, competencies: ['motieven', 'kwaliteiten'], orientatie: 'In de vakantie maakten we samen een klein spel.', mening: 'Dit vond ik het leukste wat ik dit jaar deed.', reflectie: 'Ik merk dat ik het meeste leer als ik iets maak dat ik zelf leuk vind.' },
];

const MENTOR_FEEDBACK = [
  'Mooi hoe eerlijk je dit opschrijft. Wat ga je de volgende keer anders doen?',
  'Goed dat je dit hebt gedaan! Laten we hier in ons volgende gesprek over praten.',
  'Je laat goed zien wat je hebt geleerd. Kun je nog een voorbeeld geven?',
  'Sterk dat je zelf om hulp hebt gevraagd. Dat is echt zelf aan zet.',
];
const PRAKTIJK_FEEDBACK = [
  'Dit herken ik: je bent rustig en geduldig bij de bewoners. Ga zo door.',
  'Vraag gerust vaker om uitleg, daar zijn we voor. Je doet het goed.',
];
const STUDENT_REPLIES = ['Dank je! Ik ga het proberen.', 'Ja, dat wil ik graag bespreken.'];

const CONTACTS = [
  { name: 'Tante Yvonne', relation: 'familie', organisation: 'Ziekenhuis Meander', canHelpWith: 'Vertellen over werken in het ziekenhuis' },
  { name: 'Meneer Bakker', relation: 'buurman', organisation: 'Eigen bedrijf', canHelpWith: 'Tips voor een bijbaan' },
  { name: 'Fatima', relation: 'oud-klasgenoot', organisation: 'hbo-student', canHelpWith: 'Hoe het hbo is' },
  { name: 'Coach van de voetbalclub', relation: 'sport', organisation: 'VV Amersfoort', canHelpWith: 'Een goed woordje doen bij een werkgever' },
  { name: 'Mijn stagebegeleider', relation: 'stage', organisation: 'Stagebedrijf', canHelpWith: 'Een referentie schrijven' },
];

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const atNoon = (date: string) => new Date(`${date}T11:00:00Z`);
const clamp = (n: number) => Math.max(1, Math.min(5, Math.round(n)));

async function insertChunks<T extends keyof DB & string>(trx: Transaction<DB>, table: T, rows: any[]) {
  for (let i = 0; i < rows.length; i += 400) await trx.insertInto(table).values(rows.slice(i, i + 400) as any).execute();
}

export async function portfolioDemo(trx: Transaction<DB>, school: DemoSchool): Promise<void> {
  const { random, today, users } = school;
  const mentorOf: Record<string, string> = { ZW2A: users.mentor, ZW2B: users.mentorZw2b, VIG3A: users.mentorVig, SD4A: users.mentorSd };
  const entries: any[] = [];
  const feedback: any[] = [];
  const assessments: any[] = [];
  const goals: any[] = [];
  const actions: any[] = [];
  const contacts: any[] = [];
  const milestones: any[] = [];

  for (const student of school.students) {
    const isSanne = student.id === users.student;
    const templates = student.groupCode === 'SD4A' ? ICT : ZORG;
    const count = isSanne ? templates.length : random.int(3, templates.length);
    const start = random.int(0, templates.length - 1);
    for (let k = 0; k < count; k++) {
      const tpl = templates[(start + k) % templates.length];
      const id = crypto.randomUUID();
      // internship entries fall in the last weeks (Sanne's internship runs now); others over two years
      const occurredOn = addDays(today, tpl.kind === 'bpv' ? -random.int(1, 50) : -random.int(20, 700));
      const sharing = isSanne ? sanneSharing(k) : randomSharing(random.next());
      const status = !isSanne && random.next() < 0.1 ? 'draft' : 'published';
      const created = atNoon(occurredOn);
      entries.push({
        id,
        student_id: student.id,
        kind: tpl.kind,
        title: tpl.title,
        occurred_on: occurredOn,
        place: tpl.place,
        competencies: tpl.competencies,
        orientatie: tpl.orientatie,
        mening: tpl.mening,
        reflectie: tpl.reflectie,
        sharing,
        status,
        created_at: created,
        updated_at: created,
      });
      if (status !== 'published') continue;
      const feedbackAt = new Date(created.getTime() + 2 * 86_400_000);
      if (sharing.includes('mentor') && random.next() < 0.7) {
        feedback.push({ entry_id: id, author_id: mentorOf[student.groupCode], author_role: 'mentor', body: random.pick(MENTOR_FEEDBACK), created_at: feedbackAt, read_by_student_at: isSanne && k === 0 ? null : feedbackAt });
        if (random.next() < 0.4) {
          feedback.push({ entry_id: id, author_id: student.id, author_role: 'student', body: random.pick(STUDENT_REPLIES), created_at: new Date(feedbackAt.getTime() + 3_600_000), read_by_student_at: feedbackAt });
        }
      }
      if (isSanne && sharing.includes('praktijkopleider')) {
        feedback.push({ entry_id: id, author_id: users.praktijk, author_role: 'praktijkopleider', body: random.pick(PRAKTIJK_FEEDBACK), created_at: new Date(feedbackAt.getTime() + 7_200_000), read_by_student_at: feedbackAt });
      }
    }

    // Self-assessments at four moments over two school years, mostly growing.
    const base = COMPETENCES.map(() => random.int(1, 3));
    [-600, -420, -240, -45].forEach((offset, moment) => {
      const scores = Object.fromEntries(COMPETENCES.map((c, i) => [c, clamp(base[i] + moment * 0.6 + (random.next() - 0.5))]));
      assessments.push({ student_id: student.id, assessed_at: atNoon(addDays(today, offset + random.int(0, 10))), ...scores });
    });

    const goalId = crypto.randomUUID();
    goals.push({ id: goalId, student_id: student.id, kind: 'own', title: student.level >= 4 ? 'Kiezen: werken of hbo' : 'Een goede stageplek vinden voor volgend jaar', created_at: atNoon(addDays(today, -120)) });
    actions.push(
      { goal_id: goalId, student_id: student.id, description: 'Twee bedrijven opzoeken die mij leuk lijken', due_on: addDays(today, isSanne ? -5 : random.int(-20, 30)), status: 'open', created_at: atNoon(addDays(today, -120)) },
      { goal_id: goalId, student_id: student.id, description: 'Mijn cv bijwerken', due_on: addDays(today, -60), status: 'done', created_at: atNoon(addDays(today, -120)), done_at: atNoon(addDays(today, -62)) },
    );
    if (isSanne || random.next() < 0.5) {
      const convGoal = crypto.randomUUID();
      goals.push({ id: convGoal, student_id: student.id, kind: 'conversations', title: CONVERSATION_GOAL_TITLE, created_at: atNoon(addDays(today, -30)) });
      actions.push({ goal_id: convGoal, student_id: student.id, description: 'Een dag meelopen met een wijkverpleegkundige regelen', due_on: addDays(today, 14), status: 'open', created_at: atNoon(addDays(today, -30)) });
    }

    const contactCount = isSanne ? 3 : random.int(1, 3);
    for (let c = 0; c < contactCount; c++) {
      const p = CONTACTS[(c + (isSanne ? 0 : random.int(0, CONTACTS.length - 1))) % CONTACTS.length];
      contacts.push({ student_id: student.id, ...toContactRow(p), last_contact_on: addDays(today, -random.int(3, 90)), step: (['mapped', 'asked', 'active'] as const)[c % 3], created_at: atNoon(addDays(today, -100)) });
    }
    milestones.push({ student_id: student.id, kind: 'choice', title: student.level >= 4 ? 'Gekozen voor software developer' : 'Gekozen voor de zorg', occurred_on: addDays(today, -random.int(400, 500)), note: 'Na de open dag en een gesprek met de decaan.', created_at: atNoon(today) });
  }

  entries.push(...sanneLobCases(users.student, today));
  await insertChunks(trx, 'portfolio_entries', entries);
  await insertChunks(trx, 'portfolio_feedback', feedback);
  await insertChunks(trx, 'portfolio_self_assessments', assessments);
  await insertChunks(trx, 'portfolio_goals', goals);
  await insertChunks(trx, 'portfolio_actions', actions.map((a) => ({ done_at: null, conversation_id: null, ...a })));
  await insertChunks(trx, 'portfolio_contacts', contacts);
  await insertChunks(trx, 'portfolio_milestones', milestones);
}

/**
 * Two entries that show Sanne (and her mentor) why not everything counts for the LOB
 * inspanningsverplichting: one shared with the mentor with an aspect still missing, and one with
 * all three aspects that she keeps private ("deel met je mentor om mee te tellen").
 */
function sanneLobCases(studentId: string, today: string) {
  const row = (title: string, days: number, competencies: Competence[], aspects: { orientatie: string; mening: string; reflectie: string }, sharing: SharingTarget[]) => ({
    id: crypto.randomUUID(),
    student_id: studentId,
    kind: 'school' as EntryKind,
    title,
    occurred_on: addDays(today, -days),
    place: 'ROC Koersland',
    competencies,
    ...aspects,
    sharing,
    status: 'published',
    created_at: atNoon(addDays(today, -days)),
    updated_at: atNoon(addDays(today, -days)),
  });
  return [
    row('Debat in de klas: mag je staken in de zorg?', 4, ['motieven'], {
      orientatie: 'We lazen twee artikelen over staken in de zorg en zochten op wat de wet zegt.',
      mening: '',
      reflectie: 'Ik merkte dat ik eerst niets durfde te zeggen. Later wel, en dat ging goed.',
    }, ['mentor']),
    row('Mijn geldplan voor de stagevergoeding', 9, ['loopbaansturing'], {
      orientatie: 'Ik heb uitgezocht hoeveel stagevergoeding ik krijg en wat ik elke maand uitgeef.',
      mening: 'Ik vind het belangrijk om te sparen voor mijn rijbewijs, dus ik koop minder kleding.',
      reflectie: 'Na een maand had ik vijftig euro over. Mijn moeder was verbaasd dat het lukte.',
    }, []),
  ];
}

/** Sanne shows every kind of choice: private, mentor, praktijkopleider, parents. */
function sanneSharing(k: number): SharingTarget[] {
  const choices: SharingTarget[][] = [['mentor', 'praktijkopleider'], ['mentor', 'praktijkopleider'], ['mentor'], [], ['mentor', 'parents'], [], ['mentor', 'group'], ['parents']];
  return choices[k % choices.length];
}

function randomSharing(r: number): SharingTarget[] {
  if (r < 0.3) return [];
  if (r < 0.7) return ['mentor'];
  if (r < 0.85) return ['mentor', 'group'];
  return ['mentor', 'parents'];
}

function toContactRow(p: (typeof CONTACTS)[number]) {
  return { name: p.name, relation: p.relation, organisation: p.organisation, can_help_with: p.canHelpWith };
}

/**
 * Demo entries of Daan, a vmbo pupil at De Brug who is about to move to the ROC: two shared
 * with his next school (they travel with the transfer form), one kept private. Called by the
 * transition module's demo through portfolio's service.
 */
export async function addTransferPupilEntries(trx: Transaction<DB>, studentId: string, today: string): Promise<void> {
  const rows = [
    { title: 'Snuffelstage in verpleeghuis De Eik', kind: 'lob_activity', days: -200, place: 'Amersfoort', competencies: ['werkexploratie', 'motieven'], sharing: ['next_school', 'mentor'], orientatie: 'Ik liep drie dagen mee met een verzorgende.', mening: 'Ik vond het fijn om mensen echt te helpen.', reflectie: 'Ik weet nu dat ik in de zorg wil werken.' },
    { title: 'Open dag ROC Koersland', kind: 'lob_activity', days: -90, place: 'ROC Koersland', competencies: ['loopbaansturing'], sharing: ['next_school'], orientatie: 'Ik heb de opleiding Helpende Zorg en Welzijn bekeken.', mening: 'De praktijklokalen waren echt.', reflectie: 'Ik heb me aangemeld voor niveau 2.' },
    { title: 'Wat ik lastig vind', kind: 'life', days: -40, place: null, competencies: ['kwaliteiten'], sharing: [], orientatie: 'Soms stress bij toetsen.', mening: 'Dat wil ik liever zelf vertellen.', reflectie: 'Ik houd dit voor mezelf.' },
  ];
  await trx
    .insertInto('portfolio_entries')
    .values(
      rows.map((r) => ({
        student_id: studentId,
        kind: r.kind as never,
        title: r.title,
        occurred_on: addDays(today, r.days),
        place: r.place,
        competencies: r.competencies as never,
        orientatie: r.orientatie,
        mening: r.mening,
        reflectie: r.reflectie,
        sharing: r.sharing as never,
        status: 'published' as const,
        created_at: atNoon(addDays(today, r.days)),
        updated_at: atNoon(addDays(today, r.days)),
      })),
    )
    .execute();
}
