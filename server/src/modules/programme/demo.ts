import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DemoSchool } from '../../db/demo-school.js';
import { WORKPLACE_KINDS, type ActivityKind, type Dimension } from './schema.js';
import type { Competence } from '../portfolio/schema.js';

/**
 * Demo LOB programme for every demo opleiding (one version, in effect since last year's cohort
 * started, so both demo cohorts follow it), upcoming activities in the catalogue and last
 * year's activities with recorded participation. Dates are relative to the demo's "today";
 * every choice comes from school.random, so each run gives the same content.
 */
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** The school year a date falls in starts on 1 August. */
function schoolYearStart(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return `${m >= 8 ? y : y - 1}-08-01`;
}
const at = (date: string, hour: number) => new Date(`${date}T${String(hour - 1).padStart(2, '0')}:00:00Z`);

interface DemoComponent {
  year: number;
  kind: 'conversation' | 'activity' | 'entries' | 'exercise';
  title: string;
  count: number;
  kinds?: ActivityKind[];
  minCompetencies?: number;
  levels?: number[];
  pathways?: ('BOL' | 'BBL')[];
  intensity: string;
  guidance: string;
  competencies?: Competence[];
  dimensions?: Dimension[];
}

const COMPONENTS: DemoComponent[] = [
  { year: 1, kind: 'conversation', title: 'Twee loopbaangesprekken met je mentor', count: 2, intensity: 'Twee keer per jaar, 30 minuten', guidance: 'Mentor (SLB’er), vier stappen', competencies: ['kwaliteiten', 'motieven', 'loopbaansturing'], dimensions: ['vitaal'] },
  { year: 1, kind: 'activity', title: 'Twee werkplekgerichte activiteiten', count: 2, kinds: WORKPLACE_KINDS, pathways: ['BOL'], intensity: 'Een dagdeel per activiteit', guidance: 'Docent organiseert, mentor bespreekt na', competencies: ['werkexploratie', 'netwerken'], dimensions: ['economisch'] },
  { year: 1, kind: 'activity', title: 'Eén werkplekgerichte activiteit buiten je leerbedrijf', count: 1, kinds: WORKPLACE_KINDS, pathways: ['BBL'], intensity: 'Een dagdeel', guidance: 'Praktijkopleider en mentor', competencies: ['werkexploratie', 'netwerken'], dimensions: ['economisch'] },
  { year: 1, kind: 'activity', title: 'Burgerschap: debat of project in de wijk', count: 1, kinds: ['workshop', 'real_life_assignment', 'other'], intensity: 'Twee lessen', guidance: 'Docent burgerschap', competencies: ['motieven'], dimensions: ['politiek_juridisch', 'sociaal_maatschappelijk'] },
  { year: 1, kind: 'entries', title: 'Drie ervaringen over minstens drie competenties', count: 3, minCompetencies: 3, intensity: 'Verspreid over het jaar', guidance: 'Feedback van de mentor', competencies: ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'], dimensions: ['economisch', 'vitaal'] },
  { year: 1, kind: 'exercise', title: 'Een opdracht uit het Loopbaanmagazijn', count: 1, levels: [1, 2], intensity: 'Eén les', guidance: 'Docent LOB', competencies: ['kwaliteiten'] },
  { year: 2, kind: 'conversation', title: 'Twee loopbaangesprekken over je volgende stap', count: 2, intensity: 'Twee keer per jaar', guidance: 'Mentor (SLB’er)', competencies: ['loopbaansturing', 'motieven'] },
  { year: 2, kind: 'activity', title: 'Oriëntatie op vervolgopleiding of werk', count: 1, kinds: ['open_day', 'trial_lesson', 'alumni_talk', 'job_shadowing'], intensity: 'Een dagdeel', guidance: 'Decaan en mentor', competencies: ['werkexploratie', 'loopbaansturing'], dimensions: ['economisch'] },
  { year: 2, kind: 'entries', title: 'Drie ervaringen over minstens drie competenties', count: 3, minCompetencies: 3, levels: [1, 2, 3], intensity: 'Verspreid over het jaar', guidance: 'Feedback van de mentor', competencies: ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'], dimensions: ['sociaal_maatschappelijk', 'vitaal'] },
  { year: 2, kind: 'entries', title: 'Vier ervaringen over minstens vier competenties', count: 4, minCompetencies: 4, levels: [4], intensity: 'Verspreid over het jaar', guidance: 'Feedback van mentor en praktijkopleider', competencies: ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'], dimensions: ['sociaal_maatschappelijk', 'vitaal'] },
];

const UPCOMING: { kind: ActivityKind; title: string; days: number; location: string; capacity: number | null; competencies: string[]; dimensions?: Dimension[]; crebo?: string; description: string }[] = [
  { kind: 'open_day', title: 'Open dag hbo Verpleegkunde', days: 9, location: 'Hogeschool Utrecht', capacity: null, competencies: ['werkexploratie', 'loopbaansturing'], crebo: '25491', description: 'Kijk rond bij de hbo-opleiding Verpleegkunde en stel je vragen aan studenten.' },
  { kind: 'job_shadowing', title: 'Meeloopdag in de wijkzorg', days: 12, location: 'Thuiszorg Eemland', capacity: 2, competencies: ['werkexploratie', 'netwerken'], crebo: '25498', description: 'Loop een ochtend mee met een wijkverpleegkundige. Er zijn maar twee plekken.' },
  { kind: 'guest_lesson', title: 'Gastles: werken in de gehandicaptenzorg', days: 15, location: 'Locatie Centrum, lokaal 2.14', capacity: 30, competencies: ['werkexploratie', 'motieven'], description: 'Een begeleider vertelt over haar werk en wat zij belangrijk vindt.' },
  { kind: 'company_visit', title: 'Bedrijfsbezoek Codefabriek', days: 18, location: 'Codefabriek Utrecht', capacity: 20, competencies: ['werkexploratie', 'netwerken'], crebo: '25604', description: 'Rondleiding en gesprek met developers over hun werk.' },
  { kind: 'workshop', title: 'Workshop netwerken: wie kan jou helpen?', days: 21, location: 'Locatie Parkweg, aula', capacity: 25, competencies: ['netwerken'], description: 'Je maakt je netwerkkaart en oefent hoe je iemand om hulp vraagt.' },
  { kind: 'alumni_talk', title: 'Oud-studenten vertellen', days: 28, location: 'Locatie Centrum, aula', capacity: 60, competencies: ['werkexploratie', 'loopbaansturing'], description: 'Oud-studenten vertellen waar ze nu werken of studeren.' },
  { kind: 'workshop', title: 'Debat: mag je staken in de zorg?', days: 30, location: 'Locatie Centrum, aula', capacity: 60, competencies: ['motieven'], dimensions: ['politiek_juridisch', 'sociaal_maatschappelijk'], description: 'Burgerschap: je zoekt uit wat de wet zegt, vormt je mening, debatteert en kijkt terug op wat je zei en hoe anderen reageerden.' },
];

export async function programmeDemo(trx: Transaction<DB>, school: DemoSchool): Promise<void> {
  const { random, today, users, programmes, institutionId } = school;
  const lastYearStart = addDays(schoolYearStart(today), -365);
  const now = new Date(`${today}T09:00:00Z`);
  for (const programmeId of Object.values(programmes)) {
    const version = await trx
      .insertInto('lob_programme_versions')
      .values({
        institution_id: institutionId,
        programme_id: programmeId,
        version: 1,
        effective_from: lastYearStart,
        rule: 'all',
        rule_min: null,
        rule_text: 'De student heeft voldaan als alle onderdelen van het programma voor zijn niveau en leerweg zijn gedaan. De mentor kan in bijzondere gevallen een onderdeel goedkeuren, met een reden.',
        created_by: users.coordinator,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('lob_programme_components')
      .values(
        COMPONENTS.map((c, i) => ({
          version_id: version.id,
          position: i + 1,
          year: c.year,
          period: null,
          kind: c.kind,
          title: c.title,
          required_count: c.count,
          activity_kinds: c.kinds ?? [],
          min_competencies: c.minCompetencies ?? 0,
          levels: c.levels ?? [],
          pathways: c.pathways ?? [],
          intensity: c.intensity,
          guidance: c.guidance,
          competencies: c.competencies ?? [],
          dimensions: c.dimensions ?? [],
        })),
      )
      .execute();
  }

  await trx
    .insertInto('lob_activities')
    .values(
      UPCOMING.map((a) => ({
        institution_id: institutionId,
        kind: a.kind,
        title: a.title,
        description: a.description,
        competencies: a.competencies as any,
        dimensions: a.dimensions ?? [],
        starts_at: at(addDays(today, a.days), 13),
        ends_at: at(addDays(today, a.days), 16),
        location: a.location,
        capacity: a.capacity,
        organiser_id: a.kind === 'company_visit' ? users.mentorSd : a.kind === 'workshop' ? users.coordinator : users.docent,
        audience_programme_ids: a.crebo ? [programmes[a.crebo]] : [],
        audience_levels: [],
        audience_cohort_ids: [],
        created_at: now,
      })),
    )
    .execute();

  // Last school year: activities of the groups that were there then, with recorded participation.
  const lastYearStudents = school.students.filter((s) => s.groupCode === 'ZW2B' || s.groupCode === 'VIG3A');
  const past = await trx
    .insertInto('lob_activities')
    .values([
      { kind: 'company_visit' as const, title: 'Bedrijfsbezoek Zorgcentrum De Linde', days: 60, organiser: users.docent },
      { kind: 'guest_lesson' as const, title: 'Gastles van een wijkverpleegkundige', days: 120, organiser: users.docent },
      { kind: 'alumni_talk' as const, title: 'Oud-studenten vertellen', days: 90, organiser: users.mentorZw2b },
      { kind: 'workshop' as const, title: 'Workshop: breng je netwerk in kaart', days: 200, organiser: users.coordinator },
    ].map((a) => ({
      institution_id: institutionId,
      kind: a.kind,
      title: a.title,
      description: '',
      competencies: ['werkexploratie'] as any,
      starts_at: at(addDays(lastYearStart, a.days), 10),
      ends_at: at(addDays(lastYearStart, a.days), 12),
      location: 'ROC Koersland',
      capacity: null,
      organiser_id: a.organiser,
      audience_programme_ids: [],
      audience_levels: [],
      audience_cohort_ids: [],
      created_at: at(addDays(lastYearStart, a.days - 20), 10),
    })))
    .returning(['id', 'starts_at'])
    .execute();
  const signups = past.flatMap((a) =>
    lastYearStudents
      .filter(() => random.next() < 0.85)
      .map((s) => ({
        activity_id: a.id,
        student_id: s.id,
        status: 'registered' as const,
        signed_up_at: new Date(new Date(a.starts_at).getTime() - 7 * 86_400_000),
        attended: random.next() < 0.9,
        recorded_by: users.docent,
        recorded_at: a.starts_at,
      })),
  );
  if (signups.length) await trx.insertInto('lob_activity_signups').values(signups).execute();
}
