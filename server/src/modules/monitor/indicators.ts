import { ACTIVITY_KINDS, type ActivityKind } from '../programme/schema.js';
import { COMPETENCES, type Competence } from '../portfolio/schema.js';
import type { Locale } from '../../platform/i18n.js';

/**
 * The catalogue of LOB indicators: code, how the value follows from numerator and denominator,
 * the lowest level it may be shown at, and a plain-Dutch explanation of what it means and how it
 * is computed (shown next to every figure on the dashboard).
 *
 * A code with a dot is a breakdown of its family: `activity_participation.open_day`,
 * `entries_per_student.netwerken`, `lob_met.2025` (cohort that started in 2025).
 */
export type IndicatorKind = 'share' | 'ratio' | 'mean';
export type Level = 'group' | 'team' | 'opleiding' | 'institution' | 'region' | 'nation';
export const LEVELS: readonly Level[] = ['group', 'team', 'opleiding', 'institution', 'region', 'nation'];
export type Source = 'guidance' | 'programme' | 'portfolio' | 'quality' | 'transition';

export interface IndicatorDef {
  family: string;
  kind: IndicatorKind;
  source: Source;
  /** special category data (support needs, care): never shown below the region */
  special?: boolean;
  /** the lowest levels the data exists for (satisfaction is asked per team, the Kwaliteitskaart per institution) */
  lowest?: Level;
  label: Record<Locale, string>;
  explanation: Record<Locale, string>;
}

const KIND_LABELS: Record<ActivityKind, string> = {
  open_day: 'open dag',
  job_shadowing: 'meeloopdag',
  trial_lesson: 'proefles',
  guest_lesson: 'gastles',
  company_visit: 'bedrijfsbezoek',
  alumni_talk: 'gesprek met oud-student',
  real_life_assignment: 'praktijkopdracht',
  workshop: 'workshop',
  career_conversation: 'loopbaangesprek (activiteit)',
  other: 'andere activiteit',
};
const KIND_LABELS_EN: Record<ActivityKind, string> = {
  open_day: 'open day',
  job_shadowing: 'job shadowing',
  trial_lesson: 'trial lesson',
  guest_lesson: 'guest lesson',
  company_visit: 'company visit',
  alumni_talk: 'talk with an alumnus',
  real_life_assignment: 'real-life assignment',
  workshop: 'workshop',
  career_conversation: 'career conversation (activity)',
  other: 'other activity',
};

export const FAMILIES: Record<string, IndicatorDef> = {
  conversation_share: {
    family: 'conversation_share',
    kind: 'share',
    source: 'guidance',
    label: { nl: 'Studenten met een loopbaangesprek', en: 'Students with a career conversation' },
    explanation: {
      nl: 'Het deel van de studenten (in %) dat dit schooljaar minstens één loopbaangesprek had dat echt is gehouden. Geplande of afgezegde gesprekken tellen niet mee.',
      en: 'The share of students (in %) who had at least one career conversation this school year that was actually held. Planned or cancelled conversations do not count.',
    },
  },
  conversations_per_student: {
    family: 'conversations_per_student',
    kind: 'ratio',
    source: 'guidance',
    label: { nl: 'Loopbaangesprekken per student', en: 'Career conversations per student' },
    explanation: {
      nl: 'Het aantal gehouden loopbaangesprekken dit schooljaar, gedeeld door het aantal studenten.',
      en: 'The number of career conversations held this school year, divided by the number of students.',
    },
  },
  activity_participation: {
    family: 'activity_participation',
    kind: 'share',
    source: 'programme',
    label: { nl: 'Meegedaan aan een LOB-activiteit', en: 'Took part in an LOB activity' },
    explanation: {
      nl: 'Het deel van de studenten (in %) dat dit schooljaar aanwezig was bij minstens één LOB-activiteit (van deze soort). Alleen aanwezigheid die de organisator heeft vastgelegd telt.',
      en: 'The share of students (in %) recorded as present at at least one LOB activity (of this kind) this school year.',
    },
  },
  entries_per_student: {
    family: 'entries_per_student',
    kind: 'ratio',
    source: 'portfolio',
    label: { nl: 'Portfolio-items per student', en: 'Portfolio entries per student' },
    explanation: {
      nl: 'Het aantal gepubliceerde portfolio-items met een datum in dit schooljaar, gedeeld door het aantal studenten. Per competentie: de items waarbij de student die competentie heeft aangevinkt.',
      en: 'The number of published portfolio entries dated in this school year, divided by the number of students. Per competence: the entries the student tagged with that competence.',
    },
  },
  entries_three_aspects: {
    family: 'entries_three_aspects',
    kind: 'share',
    source: 'portfolio',
    label: { nl: 'Items met oriëntatie, mening én reflectie', en: 'Entries with orientation, opinion and reflection' },
    explanation: {
      nl: 'Van alle gepubliceerde portfolio-items van dit schooljaar: het deel (in %) waarin de student alle drie de onderdelen heeft ingevuld (oriëntatie, mening en reflectie). Het aantal studenten is het aantal studenten met minstens één item.',
      en: 'Of all published portfolio entries of this school year: the share (in %) in which the student filled in all three parts (orientation, opinion, reflection). The number of students is those with at least one entry.',
    },
  },
  competence_growth: {
    family: 'competence_growth',
    kind: 'mean',
    source: 'portfolio',
    label: { nl: 'Groei in loopbaancompetenties (zelfbeoordeling)', en: 'Growth in career competences (self-assessment)' },
    explanation: {
      nl: 'Studenten beoordelen zelf hun vijf loopbaancompetenties (1 tot 5). Voor elke student met minstens twee beoordelingen in dit schooljaar: de laatste min de eerste (nameting min voormeting). Daarvan het gemiddelde. Boven 0 betekent groei.',
      en: 'Students rate their five career competences (1 to 5). For every student with at least two ratings this school year: the last minus the first (post minus pre), averaged. Above 0 means growth.',
    },
  },
  lob_met: {
    family: 'lob_met',
    kind: 'share',
    source: 'programme',
    label: { nl: 'Inspanningsverplichting gehaald', en: 'LOB obligation met' },
    explanation: {
      nl: 'Het deel van de studenten (in %) dat volgens het LOB-programma van de opleiding aan de inspanningsverplichting voldoet, zoals het programma dat nu beoordeelt (met de regel van de drie onderdelen). Per cohort: studenten die in dat jaar begonnen.',
      en: 'The share of students (in %) who meet the LOB obligation of their opleiding’s programme, as the programme judges it now. Per cohort: students who started in that year.',
    },
  },
  lob_open: {
    family: 'lob_open',
    kind: 'share',
    source: 'programme',
    label: { nl: 'Inspanningsverplichting nog open', en: 'LOB obligation still open' },
    explanation: {
      nl: 'Het deel van de studenten (in %) dat nog niet klaar is, maar bij wie geen onderdeel is gemist: de periode loopt nog.',
      en: 'The share of students (in %) who are not done yet but have missed no component: the period is still running.',
    },
  },
  lob_missed: {
    family: 'lob_missed',
    kind: 'share',
    source: 'programme',
    label: { nl: 'Inspanningsverplichting gemist', en: 'LOB obligation missed' },
    explanation: {
      nl: 'Het deel van de studenten (in %) bij wie minstens één onderdeel van het LOB-programma is gemist: de periode is voorbij en het onderdeel is niet gehaald (en niet door de examencommissie vrijgesteld).',
      en: 'The share of students (in %) who missed at least one component: its period ended without it being met (and without an exemption).',
    },
  },
  satisfaction: {
    family: 'satisfaction',
    kind: 'mean',
    source: 'quality',
    lowest: 'team',
    label: { nl: 'Tevredenheid over LOB (1–5)', en: 'Satisfaction with LOB (1–5)' },
    explanation: {
      nl: 'Het gemiddelde antwoord (1 tot 5) van studenten op de tevredenheidsvragenlijst over LOB en begeleiding van dit schooljaar. De vragenlijst is anoniem; alleen per team en voor de hele instelling bekend.',
      en: 'The mean answer (1 to 5) of students on this school year’s satisfaction questionnaire about LOB and guidance. Anonymous; known per team and for the institution only.',
    },
  },
  warm_handover: {
    family: 'warm_handover',
    kind: 'share',
    source: 'transition',
    lowest: 'institution',
    label: { nl: 'Warme overdracht', en: 'Warm handover' },
    explanation: {
      nl: 'Van de studenten die met een overstapformulier naar een volgende school of werk gaan: het deel (in %) van wie het formulier echt is verstuurd. Telt in het schooljaar van de laatste stap; een formulier dat nog niet is verstuurd telt in dit schooljaar.',
      en: 'Of the students leaving with a transfer form to a next school or work: the share (in %) whose form was actually sent. Counted in the school year of the latest step; an unsent form counts in this school year.',
    },
  },
  started_after_transfer: {
    family: 'started_after_transfer',
    kind: 'share',
    source: 'transition',
    lowest: 'institution',
    label: { nl: 'Begonnen na de overstap', en: 'Started after the transfer' },
    explanation: {
      nl: 'Van de studenten van wie het overstapformulier is verstuurd: het deel (in %) dat echt is begonnen op de nieuwe school of het werk (of daarna verder is gegaan of gestopt).',
      en: 'Of the students whose transfer form was sent: the share (in %) who actually started at the new school or work (or went on, or stopped, after that).',
    },
  },
  early_leaving: {
    family: 'early_leaving',
    kind: 'share',
    source: 'transition',
    lowest: 'institution',
    label: { nl: 'Voortijdig gestopt', en: 'Left early' },
    explanation: {
      nl: 'Van de studenten die met een overstapformulier bij deze instelling zijn begonnen: het deel (in %) dat is gestopt.',
      en: 'Of the students who started at this institution with a transfer form: the share (in %) who stopped.',
    },
  },
  replaced_within_6_months: {
    family: 'replaced_within_6_months',
    kind: 'share',
    source: 'transition',
    lowest: 'institution',
    label: { nl: 'Binnen 6 maanden weer geplaatst', en: 'Placed again within 6 months' },
    explanation: {
      nl: 'Van de studenten die bij deze instelling zijn gestopt: het deel (in %) dat binnen 6 maanden daarna weer een plek had op een school of werk.',
      en: 'Of the students who stopped at this institution: the share (in %) who had a place at a school or work again within 6 months.',
    },
  },
  kwaliteitskaart_done: {
    family: 'kwaliteitskaart_done',
    kind: 'share',
    source: 'quality',
    lowest: 'institution',
    label: { nl: 'Acties van de Kwaliteitskaart afgerond', en: 'Kwaliteitskaart actions done' },
    explanation: {
      nl: 'Van de verbeteracties op de Kwaliteitskaart van dit schooljaar (geschrapte acties niet meegeteld): het deel (in %) dat klaar is. Dit gaat over acties, niet over studenten; het aantal is het aantal acties.',
      en: 'Of this school year’s improvement actions on the Kwaliteitskaart (dropped ones not counted): the share (in %) done. This is about actions, not students; the number is the number of actions.',
    },
  },
};

export const familyOf = (code: string) => code.split('.')[0];
export const definitionOf = (code: string): IndicatorDef | undefined => FAMILIES[familyOf(code)];

/** The label of a code in a locale, with its breakdown: "… — open dag", "… — cohort 2025". */
export function labelOf(code: string, locale: Locale): string {
  const def = definitionOf(code);
  if (!def) return code;
  const [family, part] = code.split('.');
  if (!part) return def.label[locale];
  if (family === 'activity_participation') return `${def.label[locale]}: ${(locale === 'nl' ? KIND_LABELS : KIND_LABELS_EN)[part as ActivityKind] ?? part}`;
  if ((COMPETENCES as readonly string[]).includes(part)) return `${def.label[locale]}: ${part}`;
  return `${def.label[locale]}: cohort ${part}`;
}

/** The value a rollup cell shows: a percentage for shares, else the plain ratio or mean; 2 decimals. */
export function valueOf(kind: IndicatorKind, numerator: number, denominator: number): number | null {
  if (!denominator) return null;
  const v = kind === 'share' ? (100 * numerator) / denominator : numerator / denominator;
  return Math.round(v * 100) / 100;
}

const ORDER: Level[] = ['group', 'opleiding', 'team', 'institution', 'region', 'nation'];
/** Whether an indicator may appear at a level: special categories never below region. */
export function shownAt(def: IndicatorDef, level: Level): boolean {
  const rank = ORDER.indexOf(level);
  if (def.special && rank < ORDER.indexOf('region')) return false;
  if (def.lowest && rank < ORDER.indexOf(def.lowest)) return false;
  return true;
}

export { ACTIVITY_KINDS, COMPETENCES };
export type { ActivityKind, Competence };
