import PDFDocument from 'pdfkit';
import type { SentForm } from './schema.js';

const TYPE_NL: Record<string, string> = { vo: 'vo', vso: 'vso', pro: 'praktijkonderwijs', mbo: 'mbo', hbo: 'hbo', gemeente: 'gemeente' };
const PATH_NL: Record<string, string> = {
  vmbo_bb: 'vmbo basisberoepsgerichte leerweg',
  vmbo_kb: 'vmbo kaderberoepsgerichte leerweg',
  vmbo_gl: 'vmbo gemengde leerweg',
  vmbo_tl: 'vmbo theoretische leerweg',
  havo: 'havo',
  vwo: 'vwo',
  vso: 'vso',
  pro: 'praktijkonderwijs',
};

function programmeText(p: SentForm['programme']): string {
  if (!p) return '—';
  if (p.kind === 'vo') return `${p.name} (${PATH_NL[p.voPath ?? ''] ?? p.voPath}${p.voYear ? `, leerjaar ${p.voYear}` : ''})`;
  if (p.kind === 'hbo') return `${p.name} (CROHO ${p.croho})`;
  return `${p.name} (crebo ${p.crebo}, niveau ${p.level}, ${p.pathway})`;
}

/**
 * The transfer form as a readable PDF, for schools that do not use Koers. Same content and order
 * as the JSON format (docs/overstapformulier.md).
 */
export function renderTransferPdf(form: SentForm, draft: boolean): Promise<Buffer> {
  const name = `${form.student.givenName} ${form.student.familyName}`;
  const doc = new PDFDocument({ size: 'A4', margin: 56, lang: 'nl-NL', displayTitle: true, info: { Title: `Overstapformulier van ${name}`, Creator: 'Koers' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const heading = (text: string) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(14).text(text).font('Helvetica').fontSize(11);
  const field = (label: string, text: string | null | undefined) => doc.font('Helvetica-Bold').text(label).font('Helvetica').text(text || '—').moveDown(0.3);

  doc.font('Helvetica-Bold').fontSize(20).text(`Overstapformulier — ${name}`);
  doc.font('Helvetica').fontSize(11).text(draft ? 'Voorbeeld: dit formulier is nog niet verstuurd.' : `Verstuurd op ${form.sentAt?.slice(0, 10) ?? '—'} met Koers.`);

  heading('Leerling');
  field('Naam', name);
  field('Geboortedatum', form.student.birthDate);
  field('Huidige school', `${form.from.name} (${TYPE_NL[form.from.type]}${form.from.brin ? `, BRIN ${form.from.brin}` : ''})`);
  field('Huidige opleiding', programmeText(form.currentProgramme));

  heading('Keuze');
  field('Naar', form.destination === 'work' ? `Werk${form.employer ? `: ${form.employer}` : ''}` : `${form.to?.name ?? '—'} (${TYPE_NL[form.to?.type ?? ''] ?? ''})`);
  if (form.destination === 'school') field('Opleiding', programmeText(form.programme));
  field('Keuze van de leerling', form.choice);
  field('Motivatie', form.motivation);

  heading('Loopbaanoriëntatie');
  field('LOB-activiteiten', form.lobActivities);
  field('Advies van de school', form.advice);

  heading('Ondersteuning');
  if (form.supportNeeds === null) doc.text('Niet meegestuurd: er is geen toestemming en geen wettelijke grond.').moveDown(0.3);
  else {
    field('Ondersteuningsbehoefte en afspraken', form.supportNeeds);
    field('Grond', form.supportBasis === 'law' ? `Wettelijke grond: ${form.supportLegalBasis}` : 'Toestemming');
  }

  heading('Contactpersoon');
  field('Naam', form.contact.name);
  field('E-mail', form.contact.email);
  field('Telefoon', form.contact.phone);

  heading(`Uit het LOBbook (${form.entries.length})`);
  if (form.entries.length === 0) doc.text('De leerling deelt geen ervaringen met de volgende school.');
  for (const e of form.entries) {
    doc.font('Helvetica-Bold').text(`${e.highlight ? '★ ' : ''}${e.title}`).font('Helvetica').text(`${e.occurredOn}${e.place ? ` — ${e.place}` : ''}`);
    if (e.reflection.orientatie) doc.text(`Oriëntatie: ${e.reflection.orientatie}`);
    if (e.reflection.mening) doc.text(`Mening: ${e.reflection.mening}`);
    if (e.reflection.reflectie) doc.text(`Reflectie: ${e.reflection.reflectie}`);
    doc.moveDown(0.3);
  }
  if (form.cv) {
    heading('Cv');
    for (const ed of form.cv.education) doc.text(`Opleiding: ${ed.school}${ed.programme ? ` — ${ed.programme}` : ''}`);
    for (const x of form.cv.experience) doc.text(`${x.occurredOn}: ${x.title}${x.place ? ` (${x.place})` : ''}`);
  }
  heading('Toestemming');
  if (form.consents.length === 0) doc.text('Nog geen toestemming.');
  for (const c of form.consents) doc.text(`${c.role === 'student' ? 'Leerling' : 'Ouder'}: ${c.givenAt.slice(0, 10)}${c.includeSupport ? ', ook voor ondersteuning' : ''}`);
  doc.text(`Later contact als oud-leerling: ${form.alumniContactConsent ? 'ja' : 'nee'}`);
  doc.end();
  return done;
}
