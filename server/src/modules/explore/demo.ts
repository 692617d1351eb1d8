import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DemoSchool } from '../../db/demo-school.js';

/**
 * Demo content of Verkennen: the demo school's programmes in the national catalogue with a
 * few others and their hbo follow-ons, Studie in Cijfers figures (all marked as demo figures:
 * invented, not measured), a few dozen occupations written in our own words with prospects in
 * some labour-market regions, and the story of the demo alumnus who agreed to be a buddy.
 */
const DEMO_SOURCE = 'Demo-cijfers Koers (verzonnen, geen meting)';
const DEMO_LM_SOURCE = 'Demo-arbeidsmarktbeeld Koers (verzonnen)';

type P = { kind: 'mbo' | 'hbo'; code: string; name: string; level?: number; hboType?: 'ad' | 'bachelor'; sector: string; description: string; followOns?: string[] };

const PROGRAMMES: P[] = [
  { kind: 'mbo', code: '25498', name: 'Helpende Zorg en Welzijn', level: 2, sector: 'Zorg en welzijn', description: 'Je helpt mensen die niet alles meer zelf kunnen: bij het wassen en aankleden, het eten en het huishouden. Je werkt in een verpleeghuis, in de thuiszorg of in de kinderopvang.' },
  { kind: 'mbo', code: '25491', name: 'Verzorgende-IG', level: 3, sector: 'Zorg en welzijn', description: 'Je verzorgt cliënten en doet verpleegtechnische handelingen, zoals wonden verzorgen en medicijnen geven. Je let op hoe het met iemand gaat en overlegt met de verpleegkundige.' },
  { kind: 'mbo', code: '25604', name: 'Software developer', level: 4, sector: 'ICT en creatieve industrie', description: 'Je bouwt websites, apps en programma’s. Je praat met de klant over wat die nodig heeft, schrijft de code, test die en verbetert hem.', followOns: ['30020', '80084'] },
  { kind: 'mbo', code: '25480', name: 'Maatschappelijke zorg', level: 3, sector: 'Zorg en welzijn', description: 'Je begeleidt mensen met een beperking of psychische problemen bij wonen, werk en vrije tijd, zodat ze zo zelfstandig mogelijk leven.' },
  { kind: 'mbo', code: '25655', name: 'Verpleegkundige', level: 4, sector: 'Zorg en welzijn', description: 'Je verpleegt patiënten in een ziekenhuis, verpleeghuis of thuis. Je plant de zorg, doet verpleegtechnische handelingen en stuurt collega’s aan.', followOns: ['34560'] },
  { kind: 'mbo', code: '25697', name: 'Pedagogisch medewerker kinderopvang', level: 3, sector: 'Zorg en welzijn', description: 'Je zorgt voor kinderen in de kinderopvang of de buitenschoolse opvang en bedenkt activiteiten waarin ze spelen en leren.' },
  { kind: 'mbo', code: '25187', name: 'Medewerker ICT-support', level: 3, sector: 'ICT en creatieve industrie', description: 'Je helpt mensen met hun computer, telefoon en netwerk. Je lost storingen op en richt nieuwe apparaten in.' },
  { kind: 'mbo', code: '25229', name: 'Eerste monteur elektrotechnische installaties', level: 3, sector: 'Techniek en installatie', description: 'Je legt elektrische installaties aan in huizen en gebouwen, zoals verlichting, laadpalen en zonnepanelen, en zoekt storingen.' },
  { kind: 'mbo', code: '25404', name: 'Logistiek medewerker', level: 2, sector: 'Transport en logistiek', description: 'Je ontvangt goederen, slaat ze op en maakt bestellingen klaar in een magazijn of distributiecentrum.' },
  { kind: 'mbo', code: '25168', name: 'Kok', level: 2, sector: 'Horeca en bakkerij', description: 'Je bereidt gerechten in een restaurant, hotel of grootkeuken en houdt de keuken schoon en veilig.' },
  { kind: 'mbo', code: '25255', name: 'Medewerker bedrijfsadministratie', level: 3, sector: 'Economie en administratie', description: 'Je verwerkt facturen, boekt betalingen en houdt de administratie van een bedrijf op orde.' },
  { kind: 'mbo', code: '25596', name: 'Onderwijsassistent', level: 4, sector: 'Zorg en welzijn', description: 'Je ondersteunt de leraar in de basisschool of het speciaal onderwijs en begeleidt groepjes leerlingen.', followOns: ['34808'] },
  { kind: 'hbo', code: '34560', name: 'Verpleegkunde (hbo-v)', hboType: 'bachelor', sector: 'Gezondheidszorg', description: 'Vierjarige hbo-bachelor. Je leert complexe zorg te plannen en te verlenen en mee te denken over hoe de zorg beter kan.' },
  { kind: 'hbo', code: '30020', name: 'HBO-ICT', hboType: 'bachelor', sector: 'Techniek en ICT', description: 'Vierjarige hbo-bachelor met richtingen als software engineering, business IT en infrastructuur.' },
  { kind: 'hbo', code: '80084', name: 'Associate degree Software Development', hboType: 'ad', sector: 'Techniek en ICT', description: 'Tweejarige hbo-opleiding die je direct voorbereidt op werk als developer; daarna kun je doorstuderen in de bachelor.' },
  { kind: 'hbo', code: '34808', name: 'Leraar basisonderwijs (pabo)', hboType: 'bachelor', sector: 'Onderwijs', description: 'Vierjarige hbo-bachelor waarin je leraar in het basisonderwijs wordt.' },
  { kind: 'hbo', code: '34566', name: 'Social Work', hboType: 'bachelor', sector: 'Gedrag en maatschappij', description: 'Vierjarige hbo-bachelor. Je ondersteunt mensen en groepen bij problemen met wonen, werk, geld of gezondheid.' },
];

/** [indicator, national value, national students, school value, school students]: demo figures. */
type Fig = [string, number, number, number | null, number];
const FIGURES: Record<string, Fig[]> = {
  '25498': [['satisfaction', 7.1, 5200, 7.4, 46], ['pass_rate', 71, 5200, 74, 46], ['work_in_field', 78, 3100, 81, 31], ['internship_chance', 88, 5200, 92, 46], ['starting_salary', 1950, 2400, 1990, 22]],
  // Small BBL programme at the demo school: below the threshold its figures are suppressed.
  '25491': [['satisfaction', 7.0, 8800, 7.8, 8], ['pass_rate', 76, 8800, 88, 8], ['work_in_field', 91, 6100, 100, 6], ['internship_chance', 95, 8800, 100, 8], ['starting_salary', 2350, 4100, 2400, 5]],
  '25604': [['satisfaction', 6.8, 9400, 7.0, 58], ['pass_rate', 64, 9400, 66, 58], ['progression_hbo', 38, 6000, 42, 40], ['work_in_field', 72, 4200, 70, 25], ['internship_chance', 79, 9400, 83, 58], ['starting_salary', 2400, 2100, 2450, 18]],
  '25480': [['satisfaction', 7.2, 7300, null, 0], ['pass_rate', 73, 7300, null, 0], ['work_in_field', 80, 4500, null, 0]],
  '25655': [['satisfaction', 7.0, 12000, null, 0], ['pass_rate', 70, 12000, null, 0], ['progression_hbo', 21, 9000, null, 0], ['work_in_field', 93, 8000, null, 0], ['starting_salary', 2700, 5000, null, 0]],
  '25697': [['satisfaction', 7.1, 9000, null, 0], ['pass_rate', 75, 9000, null, 0], ['work_in_field', 85, 5200, null, 0]],
  '25187': [['satisfaction', 6.9, 3800, null, 0], ['pass_rate', 68, 3800, null, 0], ['work_in_field', 66, 1900, null, 0]],
  '25229': [['satisfaction', 7.0, 4100, null, 0], ['pass_rate', 69, 4100, null, 0], ['work_in_field', 90, 2600, null, 0], ['starting_salary', 2500, 1500, null, 0]],
  '25404': [['satisfaction', 6.7, 2900, null, 0], ['pass_rate', 66, 2900, null, 0], ['work_in_field', 70, 1600, null, 0]],
  '25168': [['satisfaction', 6.9, 3300, null, 0], ['pass_rate', 67, 3300, null, 0], ['work_in_field', 74, 1800, null, 0]],
  '25255': [['satisfaction', 6.8, 3600, null, 0], ['pass_rate', 70, 3600, null, 0], ['work_in_field', 59, 2000, null, 0]],
  '25596': [['satisfaction', 7.3, 5100, null, 0], ['pass_rate', 77, 5100, null, 0], ['progression_hbo', 45, 3900, null, 0], ['work_in_field', 71, 2500, null, 0]],
};

const EXPLANATIONS: Record<string, string> = {
  '25498': 'Onze studenten lopen vanaf het eerste jaar stage bij zorgorganisaties in de regio Amersfoort. Daardoor vinden bijna alle studenten een stageplek dicht bij huis.',
  '25491': 'Deze BBL-opleiding is klein: de groep telt minder studenten dan nodig is om cijfers te tonen. Vraag op de open dag naar de ervaringen van studenten.',
  '25604': 'Sinds vorig jaar werken studenten in het tweede jaar aan echte opdrachten van bedrijven uit Veenendaal. We verwachten dat de tevredenheid daardoor stijgt.',
};

type O = { slug: string; name: string; sector: string; isco: string | null; description: string; tasks: string[]; competencies: string[]; earnings: [number, number]; programmes: string[] };

// Written in our own words for the demo; earnings are rough demo figures, not measurements.
const OCCUPATIONS: O[] = [
  { slug: 'helpende-zorg', name: 'Helpende in de zorg', sector: 'Zorg en welzijn', isco: '5322', description: 'Je helpt ouderen of mensen met een beperking met wat ze zelf niet meer kunnen: opstaan, wassen, eten. Je bent er vaak voor een praatje.', tasks: ['Helpen bij wassen en aankleden', 'Maaltijden klaarzetten en helpen bij eten', 'Huishoudelijke taken doen'], competencies: ['Geduldig zijn', 'Goed luisteren', 'Samenwerken'], earnings: [1900, 2400], programmes: ['mbo:25498'] },
  { slug: 'verzorgende-ig', name: 'Verzorgende IG', sector: 'Zorg en welzijn', isco: '5321', description: 'Je verzorgt cliënten in een verpleeghuis of thuis en doet ook medische handelingen, zoals een wond verzorgen of medicijnen geven.', tasks: ['Cliënten verzorgen', 'Medicijnen geven en wonden verzorgen', 'Veranderingen opmerken en doorgeven'], competencies: ['Nauwkeurig werken', 'Verantwoordelijkheid nemen', 'Goed observeren'], earnings: [2300, 3000], programmes: ['mbo:25491'] },
  { slug: 'wijkverpleegkundige', name: 'Wijkverpleegkundige', sector: 'Zorg en welzijn', isco: '2221', description: 'Je gaat bij mensen thuis langs, beoordeelt welke zorg ze nodig hebben en regelt die samen met de huisarts en het team.', tasks: ['Zorgvragen in kaart brengen', 'Verpleegkundige zorg geven', 'Overleggen met huisarts en familie'], competencies: ['Zelfstandig werken', 'Beslissen', 'Goed communiceren'], earnings: [2900, 4300], programmes: ['mbo:25655', 'hbo:34560'] },
  { slug: 'verpleegkundige-ziekenhuis', name: 'Verpleegkundige in het ziekenhuis', sector: 'Zorg en welzijn', isco: '2221', description: 'Je zorgt voor patiënten op een afdeling van het ziekenhuis, voor en na een operatie of bij een ziekte.', tasks: ['Patiënten observeren en verplegen', 'Medicatie klaarmaken en geven', 'Rapporteren in het dossier'], competencies: ['Snel schakelen', 'Nauwkeurig werken', 'Stressbestendig zijn'], earnings: [2800, 4200], programmes: ['mbo:25655', 'hbo:34560'] },
  { slug: 'begeleider-gehandicaptenzorg', name: 'Begeleider gehandicaptenzorg', sector: 'Zorg en welzijn', isco: '3412', description: 'Je begeleidt mensen met een verstandelijke beperking in een woongroep of op de dagbesteding, zodat ze een fijn leven hebben.', tasks: ['Dagritme en activiteiten begeleiden', 'Ondersteunen bij wonen en werk', 'Contact houden met familie'], competencies: ['Inlevingsvermogen', 'Creatief zijn', 'Grenzen stellen'], earnings: [2300, 3200], programmes: ['mbo:25480'] },
  { slug: 'woonbegeleider-ggz', name: 'Woonbegeleider in de ggz', sector: 'Zorg en welzijn', isco: '3412', description: 'Je helpt mensen met psychische problemen om zelfstandig te wonen: met geld, het huishouden en contact met anderen.', tasks: ['Gesprekken voeren met cliënten', 'Helpen bij praktische zaken', 'Samenwerken met behandelaars'], competencies: ['Rustig blijven', 'Luisteren', 'Signaleren'], earnings: [2300, 3200], programmes: ['mbo:25480', 'hbo:34566'] },
  { slug: 'pedagogisch-medewerker', name: 'Pedagogisch medewerker kinderopvang', sector: 'Zorg en welzijn', isco: '5311', description: 'Je zorgt voor baby’s, peuters of schoolkinderen in de opvang. Je speelt, troost, let op hoe ze zich ontwikkelen en praat met ouders.', tasks: ['Kinderen verzorgen', 'Activiteiten bedenken en doen', 'Ouders vertellen hoe de dag ging'], competencies: ['Geduld', 'Creativiteit', 'Samenwerken'], earnings: [2200, 2900], programmes: ['mbo:25697'] },
  { slug: 'onderwijsassistent', name: 'Onderwijsassistent', sector: 'Onderwijs', isco: '5312', description: 'Je helpt de leraar in de klas: je werkt met kleine groepjes leerlingen en bereidt lessen mee voor.', tasks: ['Groepjes leerlingen begeleiden', 'Lesmateriaal klaarzetten', 'Leerlingen extra uitleg geven'], competencies: ['Uitleggen', 'Geduld', 'Plannen'], earnings: [2200, 3000], programmes: ['mbo:25596'] },
  { slug: 'leraar-basisonderwijs', name: 'Leraar basisonderwijs', sector: 'Onderwijs', isco: '2341', description: 'Je geeft les aan een groep kinderen van 4 tot 12 jaar in alle vakken en let op hoe elk kind zich ontwikkelt.', tasks: ['Lessen voorbereiden en geven', 'Leerlingen volgen en helpen', 'Gesprekken met ouders voeren'], competencies: ['Leiding geven aan een groep', 'Uitleggen', 'Organiseren'], earnings: [3100, 4900], programmes: ['hbo:34808'] },
  { slug: 'maatschappelijk-werker', name: 'Maatschappelijk werker', sector: 'Zorg en welzijn', isco: '2635', description: 'Je helpt mensen die vastlopen met geld, wonen, werk of relaties, en zoekt samen met hen naar oplossingen.', tasks: ['Gesprekken voeren', 'Hulp regelen bij instanties', 'Plannen maken met cliënten'], competencies: ['Luisteren', 'Doorvragen', 'Netwerken'], earnings: [2900, 4300], programmes: ['hbo:34566'] },
  { slug: 'software-developer', name: 'Software developer', sector: 'ICT', isco: '2512', description: 'Je schrijft de code van websites, apps en programma’s. Je werkt in een team en test wat je bouwt.', tasks: ['Code schrijven en testen', 'Met de klant wensen bespreken', 'Fouten opsporen en oplossen'], competencies: ['Logisch denken', 'Samenwerken', 'Doorzetten'], earnings: [2400, 4200], programmes: ['mbo:25604', 'hbo:80084', 'hbo:30020'] },
  { slug: 'front-end-developer', name: 'Front-end developer', sector: 'ICT', isco: '2513', description: 'Je bouwt wat mensen op hun scherm zien: de knoppen, pagina’s en formulieren van een website of app, zodat ze werken voor iedereen.', tasks: ['Schermen bouwen', 'Toegankelijkheid testen', 'Samenwerken met ontwerpers'], competencies: ['Oog voor detail', 'Creatief zijn', 'Logisch denken'], earnings: [2400, 4000], programmes: ['mbo:25604', 'hbo:80084'] },
  { slug: 'tester-software', name: 'Softwaretester', sector: 'ICT', isco: '2519', description: 'Je zoekt fouten in software voordat gebruikers ze vinden. Je bedenkt tests en schrijft ze vaak zelf als code.', tasks: ['Testplannen maken', 'Testen uitvoeren en automatiseren', 'Fouten helder beschrijven'], competencies: ['Nauwkeurig werken', 'Kritisch kijken', 'Communiceren'], earnings: [2400, 3800], programmes: ['mbo:25604', 'hbo:30020'] },
  { slug: 'ict-servicedesk', name: 'Servicedeskmedewerker ICT', sector: 'ICT', isco: '3512', description: 'Je bent het eerste aanspreekpunt als iemand een probleem heeft met computer, wifi of wachtwoord, en je lost het op of zet het door.', tasks: ['Vragen aannemen', 'Storingen oplossen', 'Laptops en accounts klaarmaken'], competencies: ['Klantvriendelijk zijn', 'Geduld', 'Problemen oplossen'], earnings: [2100, 3000], programmes: ['mbo:25187'] },
  { slug: 'netwerkbeheerder', name: 'Netwerkbeheerder', sector: 'ICT', isco: '3513', description: 'Je zorgt dat het netwerk van een school of bedrijf veilig is en blijft werken.', tasks: ['Netwerkapparatuur inrichten', 'Beveiliging bijhouden', 'Storingen verhelpen'], competencies: ['Zorgvuldig werken', 'Analyseren', 'Verantwoordelijk zijn'], earnings: [2500, 3900], programmes: ['mbo:25187', 'hbo:30020'] },
  { slug: 'cybersecurity-specialist', name: 'Cybersecurityspecialist', sector: 'ICT', isco: '2529', description: 'Je beschermt systemen tegen hackers: je zoekt zwakke plekken en bedenkt hoe je ze dichtzet.', tasks: ['Systemen controleren op zwakke plekken', 'Incidenten onderzoeken', 'Collega’s leren veilig te werken'], competencies: ['Analyseren', 'Nieuwsgierig zijn', 'Integer zijn'], earnings: [3200, 5500], programmes: ['hbo:30020'] },
  { slug: 'elektromonteur', name: 'Elektromonteur', sector: 'Techniek', isco: '7411', description: 'Je legt stroomkabels, stopcontacten en verlichting aan in nieuwe en oude gebouwen, en zoekt uit waar een storing zit.', tasks: ['Installaties aanleggen', 'Storingen zoeken', 'Veilig werken volgens de regels'], competencies: ['Technisch inzicht', 'Nauwkeurig werken', 'Veiligheidsbewust zijn'], earnings: [2300, 3400], programmes: ['mbo:25229'] },
  { slug: 'monteur-zonnepanelen', name: 'Monteur zonnepanelen', sector: 'Techniek en energie', isco: '7411', description: 'Je plaatst zonnepanelen op daken en sluit ze aan. Zo werk je mee aan de energietransitie.', tasks: ['Panelen monteren op het dak', 'Omvormers aansluiten', 'Klanten uitleg geven'], competencies: ['Hoogtevrees-vrij', 'Samenwerken', 'Technisch inzicht'], earnings: [2200, 3200], programmes: ['mbo:25229'] },
  { slug: 'monteur-warmtepompen', name: 'Monteur warmtepompen', sector: 'Techniek en energie', isco: '7126', description: 'Je installeert en onderhoudt warmtepompen, zodat huizen zonder gas warm blijven.', tasks: ['Warmtepompen plaatsen', 'Installaties afstellen', 'Onderhoud en storingen'], competencies: ['Technisch inzicht', 'Zelfstandig werken', 'Klantgericht zijn'], earnings: [2400, 3500], programmes: ['mbo:25229'] },
  { slug: 'laadpaalinstallateur', name: 'Installateur laadpalen', sector: 'Techniek en energie', isco: '7411', description: 'Je plaatst laadpalen voor elektrische auto’s bij huizen en bedrijven en sluit ze veilig aan op het net.', tasks: ['Laadpalen plaatsen', 'Aansluiten en testen', 'Uitleg geven aan de klant'], competencies: ['Nauwkeurig werken', 'Veiligheidsbewust zijn', 'Plannen'], earnings: [2300, 3300], programmes: ['mbo:25229'] },
  { slug: 'magazijnmedewerker', name: 'Magazijnmedewerker', sector: 'Logistiek', isco: '4321', description: 'Je ontvangt, controleert en bewaart goederen en maakt bestellingen klaar voor verzending.', tasks: ['Goederen ontvangen en controleren', 'Orders verzamelen', 'Heftruck of reachtruck rijden'], competencies: ['Nauwkeurig werken', 'Tempo maken', 'Samenwerken'], earnings: [2000, 2600], programmes: ['mbo:25404'] },
  { slug: 'voorraadbeheerder', name: 'Voorraadbeheerder', sector: 'Logistiek', isco: '4321', description: 'Je zorgt dat er altijd genoeg op voorraad is, maar niet te veel. Je werkt met een computersysteem en overlegt met inkoop.', tasks: ['Voorraad tellen en bijhouden', 'Bestellingen plannen', 'Afwijkingen uitzoeken'], competencies: ['Cijfermatig inzicht', 'Plannen', 'Overzicht houden'], earnings: [2200, 3000], programmes: ['mbo:25404'] },
  { slug: 'kok', name: 'Kok', sector: 'Horeca', isco: '5120', description: 'Je maakt gerechten klaar in een restaurant, hotel of bedrijfskeuken en werkt vaak in de avond en het weekend.', tasks: ['Gerechten bereiden', 'Ingrediënten bestellen', 'De keuken schoon en veilig houden'], competencies: ['Werken onder tijdsdruk', 'Creatief zijn', 'Hygiënisch werken'], earnings: [2000, 2800], programmes: ['mbo:25168'] },
  { slug: 'zelfstandig-werkend-kok', name: 'Zelfstandig werkend kok', sector: 'Horeca', isco: '3434', description: 'Je hebt de leiding over een deel van de keuken, bedenkt gerechten en stuurt jongere koks aan.', tasks: ['Menu mee bedenken', 'Koks aansturen', 'Kosten bewaken'], competencies: ['Leiding geven', 'Creatief zijn', 'Plannen'], earnings: [2400, 3300], programmes: ['mbo:25168'] },
  { slug: 'administratief-medewerker', name: 'Administratief medewerker', sector: 'Economie en administratie', isco: '4311', description: 'Je verwerkt facturen en betalingen en zorgt dat de administratie klopt.', tasks: ['Facturen boeken', 'Betalingen controleren', 'Vragen van klanten beantwoorden'], competencies: ['Nauwkeurig werken', 'Cijfermatig inzicht', 'Zelfstandig werken'], earnings: [2200, 3000], programmes: ['mbo:25255'] },
  { slug: 'salarisadministrateur', name: 'Salarisadministrateur', sector: 'Economie en administratie', isco: '4313', description: 'Je zorgt dat iedereen in een bedrijf op tijd het juiste loon krijgt en dat de belasting klopt.', tasks: ['Salarissen berekenen', 'Wijzigingen verwerken', 'Vragen van medewerkers beantwoorden'], competencies: ['Nauwkeurig werken', 'Betrouwbaar zijn', 'Regels toepassen'], earnings: [2500, 3600], programmes: ['mbo:25255'] },
  { slug: 'doktersassistent', name: 'Doktersassistent', sector: 'Zorg en welzijn', isco: '3256', description: 'Je bent het eerste contact in de huisartsenpraktijk: je neemt de telefoon aan, beoordeelt hoe dringend iets is en doet kleine behandelingen.', tasks: ['Patiënten te woord staan', 'Kleine behandelingen doen', 'Afspraken plannen'], competencies: ['Klantvriendelijk zijn', 'Inschatten', 'Nauwkeurig werken'], earnings: [2300, 3200], programmes: [] },
  { slug: 'jongerenwerker', name: 'Jongerenwerker', sector: 'Zorg en welzijn', isco: '3412', description: 'Je zoekt jongeren op in de wijk, organiseert activiteiten en helpt ze bij school, werk of problemen thuis.', tasks: ['Contact leggen met jongeren', 'Activiteiten organiseren', 'Doorverwijzen naar hulp'], competencies: ['Contact maken', 'Vertrouwen winnen', 'Organiseren'], earnings: [2500, 3500], programmes: ['mbo:25480', 'hbo:34566'] },
  { slug: 'gastouder', name: 'Gastouder', sector: 'Zorg en welzijn', isco: '5311', description: 'Je vangt bij jou thuis (of bij de ouders thuis) een paar kinderen op en bent zelfstandig ondernemer.', tasks: ['Kinderen opvangen en verzorgen', 'Afspraken maken met ouders', 'Je eigen administratie doen'], competencies: ['Zelfstandig werken', 'Zorgzaam zijn', 'Ondernemen'], earnings: [1600, 2600], programmes: ['mbo:25697'] },
  { slug: 'data-analist', name: 'Data-analist', sector: 'ICT', isco: '2511', description: 'Je zoekt in grote hoeveelheden gegevens naar patronen en maakt daar overzichten van die anderen helpen beslissen.', tasks: ['Gegevens verzamelen en opschonen', 'Analyses maken', 'Resultaten helder uitleggen'], competencies: ['Analyseren', 'Nauwkeurig werken', 'Uitleggen'], earnings: [2900, 4800], programmes: ['hbo:30020'] },
];

const REGIONS = ['AMR-13', 'AMR-14', 'AMR-19', 'AMR-24', 'AMR-32'];
const OUTLOOKS = ['shortage', 'balanced', 'surplus'] as const;
/** Sectors with a shortage almost everywhere in the demo (zorg, onderwijs, techniek for the energy transition). */
const SHORTAGE_SECTORS = ['Zorg en welzijn', 'Onderwijs', 'Techniek en energie', 'Techniek'];

export async function exploreDemo(trx: Transaction<DB>, school: DemoSchool) {
  const now = new Date(`${school.today}T09:00:00Z`);
  const year = Number(school.today.slice(0, 4)) - 1;
  const rows = await trx
    .insertInto('explore_programmes')
    .values(PROGRAMMES.map((p) => ({ kind: p.kind, code: p.code, name: p.name, level: p.level ?? null, hbo_type: p.hboType ?? null, sector: p.sector, description: p.description, demo: true, updated_at: now })))
    .returning(['id', 'kind', 'code'])
    .execute();
  const id = Object.fromEntries(rows.map((r) => [`${r.kind}:${r.code}`, r.id]));
  await trx
    .insertInto('explore_followons')
    .values(PROGRAMMES.flatMap((p) => (p.followOns ?? []).map((h) => ({ mbo_programme_id: id[`mbo:${p.code}`], hbo_programme_id: id[`hbo:${h}`] }))))
    .execute();

  // Where the demo school offers its own programmes, linked to its opleidingen.
  const own = await trx.selectFrom('programmes as p').leftJoin('locations as l', 'l.id', 'p.location_id').select(['p.id', 'p.crebo', 'p.pathway', 'l.city']).where('p.institution_id', '=', school.institutionId)
    // mbo programmes carry crebo and pathway (migration 0050)
    .where('p.kind', '=', 'mbo').$narrowType<{ crebo: string; pathway: 'BOL' | 'BBL' }>().execute();
  await trx
    .insertInto('explore_offerings')
    .values(own.filter((p) => id[`mbo:${p.crebo}`]).map((p) => ({ programme_id: id[`mbo:${p.crebo}`], institution_id: school.institutionId, pathway: p.pathway, city: p.city ?? '', org_programme_id: p.id })))
    .execute();

  const figures = Object.entries(FIGURES).flatMap(([code, list]) =>
    list.flatMap(([indicator, national, nationalN, school_, schoolN]) => [
      { programme_id: id[`mbo:${code}`], institution_id: null, indicator: indicator as any, value: national, students: nationalN, source: DEMO_SOURCE, year, demo: true, imported_at: now },
      ...(school_ === null ? [] : [{ programme_id: id[`mbo:${code}`], institution_id: school.institutionId, indicator: indicator as any, value: school_, students: schoolN, source: DEMO_SOURCE, year, demo: true, imported_at: now }]),
    ]),
  );
  await trx.insertInto('explore_figures').values(figures).execute();
  await trx
    .insertInto('explore_explanations')
    .values(Object.entries(EXPLANATIONS).map(([code, body]) => ({ programme_id: id[`mbo:${code}`], institution_id: school.institutionId, body, year, updated_at: now })))
    .execute();

  const occRows = await trx
    .insertInto('explore_occupations')
    .values(
      OCCUPATIONS.map((o) => ({
        slug: o.slug, name: o.name, description: o.description, tasks: o.tasks, competencies: o.competencies, isco: o.isco, esco_uri: null,
        earnings_low: o.earnings[0], earnings_high: o.earnings[1], earnings_source: DEMO_SOURCE, earnings_year: year, sector: o.sector, demo: true, updated_at: now,
      })),
    )
    .returning(['id', 'slug'])
    .execute();
  const occ = Object.fromEntries(occRows.map((o) => [o.slug, o.id]));
  await trx.insertInto('explore_occupation_programmes').values(OCCUPATIONS.flatMap((o) => o.programmes.map((p) => ({ occupation_id: occ[o.slug], programme_id: id[p] })))).execute();
  const regions = await trx.selectFrom('regions').select(['id', 'code']).where('kind', '=', 'arbeidsmarkt').where('code', 'in', REGIONS).execute();
  await trx
    .insertInto('explore_prospects')
    .values(
      OCCUPATIONS.flatMap((o, i) =>
        regions.map((r, j) => ({
          occupation_id: occ[o.slug],
          region_id: r.id,
          // A fixed pattern (no shared random numbers, so other modules' demo data stays the same).
          outlook: SHORTAGE_SECTORS.includes(o.sector) ? ((i + j) % 6 === 5 ? 'balanced' : 'shortage') : OUTLOOKS[(i * 7 + j * 3) % 3],
          source: DEMO_LM_SOURCE,
          as_of: `${school.today.slice(0, 7)}-01`,
          demo: true,
        })),
      ),
    )
    .execute();

  // The demo alumnus: Helpende Zorg en Welzijn, now working in the wijkzorg, buddy.
  const alumnus = school.users.alumnus;
  if (alumnus) {
    await trx
      .insertInto('explore_alumni')
      .values({
        user_id: alumnus,
        institution_id: school.institutionId,
        programme_id: id['mbo:25498'],
        occupation_id: occ['helpende-zorg'],
        route: 'Na het vmbo ben ik Helpende Zorg en Welzijn gaan doen op niveau 2. Daarna heb ik Verzorgende-IG gedaan in de BBL, dus werken en leren tegelijk.',
        work_now: 'Ik werk nu in de wijkzorg in Amersfoort. Ik ga bij mensen thuis langs en help ze met wassen, aankleden en hun medicijnen.',
        tips: 'Loop een dag mee voordat je kiest. En durf vragen te stellen op je stage: daar leer je het meest.',
        contact_allowed: true,
        buddy: true,
        consent_text: 'Ik geef toestemming dat studenten van ROC Koersland mijn verhaal lezen, mij een vraag stellen via Koers en mij als buddy kiezen. Ik kan dit altijd intrekken.',
        consent_at: now,
        withdrawn_at: null,
        updated_at: now,
      })
      .execute();
  }
}
