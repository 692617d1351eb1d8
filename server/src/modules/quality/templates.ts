import type { Definition, Item, Section, Theme } from './definition.js';

/**
 * The ready instruments, in Koers' own words, around the themes of the seeds: the LOB-scan for
 * the institution and the team-scan for the opleidingsteam (seed 000 §4, 001 ch. 4), the
 * inventory of 14 implementation needs (001 appendix 6), a student satisfaction questionnaire
 * on LOB and guidance (the points JOB raises, seed 002) and the pre/post measurement of the
 * five career competencies. Scores per theme come from the Likert items tagged with it.
 */
export interface Template {
  code: string;
  title: string;
  description: string;
  anonymous: boolean;
  /** who usually answers it, in plain words */
  audience: string;
  panel?: boolean;
  definition: Definition;
}

export const SCAN_THEMES: Theme[] = [
  { code: 'visie', label: 'Visie en beleid' },
  { code: 'curriculum', label: 'LOB in het curriculum' },
  { code: 'gesprek', label: 'Het loopbaangesprek' },
  { code: 'professionalisering', label: 'Professionalisering' },
  { code: 'keten', label: 'Samenwerking in de keten vmbo–mbo–hbo–werk' },
  { code: 'ouders', label: 'Ouderbetrokkenheid' },
  { code: 'borging', label: 'Borging en evaluatie' },
];

const AGREE = ['Klopt helemaal niet', 'Klopt niet', 'Deels', 'Klopt', 'Klopt helemaal'];
const NEED = ['1 Geen behoefte aan ondersteuning', '2 Weinig behoefte', '3 Enige behoefte', '4 Behoefte', '5 Veel behoefte aan ondersteuning'];
const SATISFIED = ['Heel ontevreden', 'Ontevreden', 'Niet tevreden, niet ontevreden', 'Tevreden', 'Heel tevreden'];
const CAN = ['Dat kan ik nog helemaal niet', 'Dat kan ik nog niet goed', 'Dat kan ik een beetje', 'Dat kan ik goed', 'Dat kan ik heel goed'];

const likert = (code: string, text: string, theme: string, labels = AGREE): Item => ({ code, text, type: 'likert5', labels, theme });

function scanSections(prefix: string, statements: Record<string, string[]>): Section[] {
  return SCAN_THEMES.map((theme) => ({
    title: theme.label,
    items: statements[theme.code].map((text, i) => likert(`${prefix}_${theme.code}_${i + 1}`, text, theme.code)),
  }));
}

const teamScan: Template = {
  code: 'team_scan',
  title: 'Team-scan LOB',
  description: 'Een korte zelfevaluatie van het opleidingsteam: hoe staat LOB er bij ons voor? Bespreek de uitkomst samen en kies wat jullie gaan verbeteren.',
  anonymous: false,
  audience: 'docenten, mentoren en de manager van een opleidingsteam',
  definition: {
    themes: SCAN_THEMES,
    sections: [
      ...scanSections('ts', {
        visie: ['Ons team weet wat LOB voor onze studenten moet opleveren.', 'We hebben samen afgesproken hoe we LOB in onze opleiding aanpakken.'],
        curriculum: ['LOB-activiteiten zijn een vast onderdeel van ons lesprogramma.', 'Onze studenten zien hoe LOB samenhangt met hun beroep en hun toekomst.', 'Praktijkervaringen (bpv, gastlessen, bedrijfsbezoeken) gebruiken we bewust voor LOB.'],
        gesprek: ['Elke student heeft minstens twee keer per jaar een loopbaangesprek.', 'In de gesprekken praat vooral de student; wij stellen vragen.', 'Afspraken uit een gesprek leggen we vast en we komen erop terug.'],
        professionalisering: ['Ik voel me toegerust om loopbaangesprekken te voeren.', 'Ons team leert samen over LOB (intervisie, training, collegiale consultatie).'],
        keten: ['We weten wat onze studenten in het vmbo aan LOB hebben gedaan.', 'We werken samen met het hbo en met bedrijven om studenten te laten oriënteren op wat na het mbo komt.'],
        ouders: ['We betrekken ouders of verzorgers bij de loopbaankeuzes van minderjarige studenten.', 'Ouders weten wat LOB in onze opleiding inhoudt.'],
        borging: ['We kijken elk jaar na of onze LOB-aanpak werkt.', 'Wat we uit evaluaties leren, verandert echt iets aan onze aanpak.'],
      }),
      {
        title: 'Tot slot',
        items: [
          { code: 'ts_trots', text: 'Waar is het team trots op als het om LOB gaat?', type: 'text' },
          { code: 'ts_verbeter', text: 'Wat zou het team als eerste willen verbeteren?', type: 'text' },
        ],
      },
    ],
  },
};

const lobScan: Template = {
  code: 'lob_scan',
  title: 'LOB-scan instelling',
  description: 'De stand van zaken van LOB in de hele instelling: visie, beleid en uitvoering. Te gebruiken als nulmeting en later opnieuw, om de voortgang te zien.',
  anonymous: false,
  audience: 'directie, managers, LOB-coördinatoren en teamleiders',
  definition: {
    themes: SCAN_THEMES,
    sections: scanSections('ls', {
      visie: ['De instelling heeft een vastgestelde visie op LOB.', 'Het LOB-beleid is vertaald naar afspraken voor de opleidingen.', 'Het bestuur en management dragen LOB zichtbaar uit.'],
      curriculum: ['Elke opleiding heeft een LOB-programma met activiteiten per leerjaar.', 'LOB is verbonden met de beroepspraktijk en de bpv.', 'Studenten kunnen kiezen uit activiteiten die bij hun vragen passen.'],
      gesprek: ['Loopbaangesprekken zijn in alle opleidingen een vast onderdeel van de begeleiding.', 'Er is tijd in de taakverdeling voor loopbaangesprekken.', 'Gesprekken en afspraken worden op één plek vastgelegd.'],
      professionalisering: ['Er is een scholingsaanbod voor het voeren van loopbaangesprekken.', 'Nieuwe collega’s worden ingewerkt in de LOB-aanpak.', 'Teams krijgen tijd om samen aan LOB te werken.'],
      keten: ['Er zijn afspraken met vmbo-scholen over de overdracht van het LOB-dossier.', 'Er zijn afspraken met hbo-instellingen over oriëntatie op doorstuderen.', 'Het bedrijfsleven en alumni doen mee aan LOB-activiteiten.'],
      ouders: ['De instelling informeert ouders over LOB en over keuzemomenten.', 'Ouders worden uitgenodigd bij gesprekken over de loopbaan van minderjarige studenten.'],
      borging: ['LOB is opgenomen in de kwaliteitszorg (plan-do-check-act).', 'De instelling meet geregeld hoe tevreden studenten zijn over LOB.', 'Verbeterpunten krijgen een eigenaar en een datum.'],
    }),
  },
};

const NEEDS: [string, string][] = [
  ['diversiteit', 'LOB voor een diverse studentengroep (diversiteit)'],
  ['ouders', 'Ouders betrekken bij LOB'],
  ['magazijn', 'Werken met de oefeningen van het Loopbaanmagazijn'],
  ['excellentie', 'Talent en excellentie zichtbaar maken'],
  ['intake', 'Een loopbaangerichte intake inrichten'],
  ['kwaliteitskaart', 'De Kwaliteitskaart gebruiken in het beleid'],
  ['portfolio', 'Werken met het digitale loopbaanportfolio'],
  ['hbo_werk', 'Samenwerking mbo–hbo–arbeidsmarkt (de loopbaan als reis)'],
  ['vmbo_mbo', 'Samenwerking vmbo–mbo'],
  ['netwerken', 'Studenten leren netwerken'],
  ['kwetsbaar', 'Begeleiding van jongeren in een kwetsbare positie'],
  ['gesprek', 'Teams trainen in het voeren van het loopbaangesprek'],
  ['visie', 'Visie en beleid: de scan voor de instelling en voor teams gebruiken'],
  ['levensecht', 'Werken met levensechte opdrachten'],
];

const needsInventory: Template = {
  code: 'needs_inventory',
  title: 'Inventarisatie implementatiebehoeften LOB',
  description: 'Op welke onderwerpen wil je ondersteuning bij het invoeren van LOB? Geef per onderwerp aan hoeveel behoefte je hebt, van 1 (geen behoefte) tot 5 (veel behoefte).',
  anonymous: true,
  audience: 'LOB-coördinatoren, teamleiders en docenten',
  definition: {
    themes: NEEDS.map(([code, label]) => ({ code, label })),
    sections: [
      {
        title: 'Behoefte aan ondersteuning',
        items: NEEDS.map(([code, label]) => ({ code: `nb_${code}`, text: label, type: 'likert5' as const, labels: NEED, theme: code })),
      },
      { title: 'Tot slot', items: [{ code: 'nb_anders', text: 'Zijn er andere onderwerpen waarop je ondersteuning wilt?', type: 'text' }] },
    ],
  },
};

const satisfaction: Template = {
  code: 'satisfaction',
  title: 'Tevredenheid over loopbaanbegeleiding',
  description: 'Wat vind jij van de hulp bij je keuzes en je loopbaan op school? Je antwoorden zijn anoniem: niemand kan zien wat jij hebt ingevuld.',
  anonymous: true,
  audience: 'studenten',
  definition: {
    themes: [
      { code: 'keuze', label: 'Hulp bij kiezen' },
      { code: 'informatie', label: 'Informatie over na het mbo' },
      { code: 'begeleiding', label: 'Begeleiding' },
      { code: 'praktijk', label: 'LOB en de praktijk' },
    ],
    sections: [
      {
        title: 'Hulp bij kiezen',
        items: [
          likert('tv_keuze_opleiding', 'Hoe tevreden ben je over de hulp bij keuzes in je opleiding?', 'keuze', SATISFIED),
          likert('tv_keuze_verder', 'Hoe tevreden ben je over de hulp bij de keuze om verder te leren of te gaan werken?', 'keuze', SATISFIED),
        ],
      },
      {
        title: 'Informatie over na het mbo',
        items: [
          likert('tv_info_studie', 'Hoe tevreden ben je over de informatie over verder studeren (bijvoorbeeld in het hbo)?', 'informatie', SATISFIED),
          likert('tv_info_werk', 'Hoe tevreden ben je over de informatie over je kans op werk?', 'informatie', SATISFIED),
        ],
      },
      {
        title: 'Begeleiding',
        items: [
          likert('tv_gesprek', 'Hoe tevreden ben je over de gesprekken met je mentor of loopbaanbegeleider?', 'begeleiding', SATISFIED),
          likert('tv_voortgang', 'Hoe tevreden ben je over hoe goed je weet hoe je ervoor staat?', 'begeleiding', SATISFIED),
          { code: 'tv_gesprekken_aantal', text: 'Hoe vaak had je dit schooljaar een loopbaangesprek?', type: 'single', options: [
            { value: '0', label: 'Nog niet' }, { value: '1', label: '1 keer' }, { value: '2', label: '2 keer' }, { value: '3', label: '3 keer of vaker' },
          ] },
        ],
      },
      {
        title: 'LOB en de praktijk',
        items: [
          likert('tv_bpv', 'Hoe tevreden ben je over hoe school je voorbereidt op je stage (bpv)?', 'praktijk', SATISFIED),
          likert('tv_samenhang', 'Hoe tevreden ben je over hoe de LOB-activiteiten bij elkaar en bij je beroep passen?', 'praktijk', SATISFIED),
          {
            code: 'tv_hielp',
            text: 'Wat hielp jou het meest bij je keuzes?',
            type: 'multi',
            other: true,
            options: [
              { value: 'stage', label: 'Stage (bpv)' },
              { value: 'gesprek', label: 'Gesprekken met mijn mentor' },
              { value: 'gastles', label: 'Gastlessen en bedrijfsbezoeken' },
              { value: 'alumni', label: 'Verhalen van oud-studenten' },
              { value: 'meeloop', label: 'Meeloopdagen en proeflessen' },
              { value: 'ouders', label: 'Mijn ouders of familie' },
            ],
          },
          { code: 'tv_tip', text: 'Wat is jouw tip voor de school?', type: 'text' },
        ],
      },
    ],
  },
};

const COMPETENCES: [string, string, string[]][] = [
  ['kwaliteiten', 'Ontdek je talent', ['Ik kan vertellen waar ik goed in ben.', 'Ik weet welke dingen ik nog moeilijk vind.']],
  ['motieven', 'Ontdek je passie', ['Ik weet wat ik belangrijk vind in werk.', 'Ik kan uitleggen waarom ik deze opleiding koos.']],
  ['werkexploratie', 'Ontdek je werkplek', ['Ik weet welk werk bij mij past.', 'Ik zoek zelf informatie op over beroepen en mijn kansen.']],
  ['loopbaansturing', 'Zelf aan zet', ['Ik maak zelf plannen voor mijn opleiding en werk.', 'Als iets niet lukt, zoek ik zelf een oplossing.']],
  ['netwerken', 'In gesprek met', ['Ik weet wie mij kan helpen bij mijn keuzes.', 'Ik durf mensen te benaderen om iets te vragen over werk.']],
];

const competencePrePost: Template = {
  code: 'competence_prepost',
  title: 'Loopbaancompetenties voor- en nameting',
  description: 'Hoe goed kun jij nu al kiezen en sturen? Vul dit in aan het begin (voormeting) en later nog een keer (nameting). Je antwoorden zijn anoniem.',
  anonymous: true,
  audience: 'studenten',
  definition: {
    themes: COMPETENCES.map(([code, label]) => ({ code, label })),
    sections: COMPETENCES.map(([code, label, statements]) => ({
      title: label,
      items: statements.map((text, i) => likert(`lc_${code}_${i + 1}`, text, code, CAN)),
    })),
  },
};

const studentPanel: Template = {
  code: 'student_panel',
  title: 'Studentenpanel',
  description: 'Een korte vraag aan het studentenpanel van het team. Iedereen die meedoet, ziet daarna de uitkomst.',
  anonymous: true,
  audience: 'het studentenpanel van een team',
  panel: true,
  definition: {
    sections: [
      {
        title: 'Jouw mening',
        items: [
          { code: 'sp_oordeel', text: 'Hoe tevreden ben je over de LOB-activiteiten van deze periode?', type: 'likert5', labels: SATISFIED },
          { code: 'sp_beste', text: 'Welke activiteit vond je het nuttigst?', type: 'single', other: true, options: [
            { value: 'gastles', label: 'Gastles' }, { value: 'bedrijfsbezoek', label: 'Bedrijfsbezoek' }, { value: 'gesprek', label: 'Loopbaangesprek' }, { value: 'opdracht', label: 'Opdracht uit het Loopbaanmagazijn' },
          ] },
          { code: 'sp_idee', text: 'Wat moet de school anders doen? Schrijf je idee op.', type: 'text' },
        ],
      },
    ],
  },
};

export const TEMPLATES: Template[] = [teamScan, lobScan, needsInventory, satisfaction, competencePrePost, studentPanel];

export function findTemplate(code: string): Template | undefined {
  return TEMPLATES.find((t) => t.code === code);
}
