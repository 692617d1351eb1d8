import PDFDocument from 'pdfkit';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { getEntry } from './entries.js';
import { getGrowth } from './growth.js';
import { getJourney } from './journey.js';
import { listContacts } from './network.js';
import { getPlan } from './plan.js';
import type { PortfolioRelation } from './policy.js';
import { COMPETENCES } from './schema.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

/**
 * The whole LOBbook of one student, as they take it along (AVG portability): every entry with
 * its reflection, evidence list and feedback, the self-assessments, the plan, the network and
 * the journey. Only rows of this student are read, so nothing of anyone else can slip in.
 */
export async function collectPortfolio(deps: Pick<Deps, 'db' | 'clock'>, rel: PortfolioRelation) {
  const studentId = rel.studentId;
  const student = await deps.db.selectFrom('users').select(['display_name']).where('id', '=', studentId).executeTakeFirstOrThrow();
  const ids = await deps.db
    .selectFrom('portfolio_entries')
    .select('id')
    .where('student_id', '=', studentId)
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  // Export runs rarely and per person; one read per entry keeps the shape identical to the API.
  const entries = [];
  for (const { id } of ids) entries.push((await getEntry(deps, id, true))!);
  const [growth, plan, network, journey] = await Promise.all([
    getGrowth(deps, rel),
    getPlan(deps, studentId),
    listContacts(deps, studentId),
    getJourney(deps, studentId),
  ]);
  return {
    format: 'koers-lobbook/1',
    exportedAt: deps.clock.now().toISOString(),
    student: { id: studentId, displayName: student.display_name },
    entries,
    selfAssessments: growth.assessments,
    plan: plan.goals,
    network,
    journey: journey.items,
  };
}

export type PortfolioExport = Awaited<ReturnType<typeof collectPortfolio>>;

/** Every export is audited before it leaves. */
export async function recordExport(deps: Ctx, actor: Actor, studentId: string, format: 'json' | 'pdf', entries: number, ip?: string) {
  await deps.audit.record({
    action: 'portfolio.export',
    actorId: actor.userId,
    studentId,
    subjectType: 'portfolio',
    subjectId: studentId,
    ip,
    details: { format, entries },
  });
}

const KIND_NL: Record<string, string> = {
  bpv: 'Stage (bpv)',
  school: 'Schoolopdracht',
  lob_activity: 'LOB-activiteit',
  work: 'Werk',
  volunteering: 'Vrijwilligerswerk',
  life: 'Leven',
};
const COMPETENCE_NL: Record<string, string> = {
  kwaliteiten: 'Kwaliteiten (ontdek je talent)',
  motieven: 'Motieven (ontdek je passie)',
  werkexploratie: 'Werkexploratie (ontdek je werkplek)',
  loopbaansturing: 'Loopbaansturing (zelf aan zet)',
  netwerken: 'Netwerken (in gesprek met)',
};
const ROLE_NL: Record<string, string> = { student: 'student', mentor: 'mentor', praktijkopleider: 'praktijkopleider', parent: 'ouder' };

/** A readable PDF of the export, with a bookmark per entry so it is easy to find your way. */
export function renderPdf(data: PortfolioExport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: 'nl-NL',
    displayTitle: true,
    info: { Title: `LOBbook van ${data.student.displayName}`, Author: data.student.displayName, Creator: 'Koers' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const heading = (text: string, size = 16) => doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).text(text).font('Helvetica').fontSize(11);
  const para = (label: string, text: string | null | undefined) => {
    if (!text) return;
    doc.font('Helvetica-Bold').text(label).font('Helvetica').text(text).moveDown(0.3);
  };

  doc.font('Helvetica-Bold').fontSize(22).text(`LOBbook van ${data.student.displayName}`);
  doc.font('Helvetica').fontSize(11).text(`Gemaakt op ${data.exportedAt.slice(0, 10)} met Koers. ${data.entries.length} ervaringen.`);

  const entriesOutline = doc.outline.addItem(`Ervaringen (${data.entries.length})`);
  heading(`Ervaringen (${data.entries.length})`, 18);
  for (const e of data.entries) {
    entriesOutline.addItem(e.title);
    heading(e.title, 14);
    doc.text(`${KIND_NL[e.kind] ?? e.kind} — ${e.occurredOn}${e.place ? ` — ${e.place}` : ''}${e.status === 'draft' ? ' — concept' : ''}`);
    doc.text(`Competenties: ${e.competencies.map((c) => COMPETENCE_NL[c] ?? c).join(', ') || '—'}`);
    doc.text(`Gedeeld met: ${e.sharing?.length ? e.sharing.join(', ') : 'niemand (privé)'}`).moveDown(0.3);
    para('Oriëntatie — waar ging het over?', e.reflection.orientatie);
    para('Mening — wat vind jij ervan?', e.reflection.mening);
    para('Reflectie — wat heb je geleerd?', e.reflection.reflectie);
    if (e.evidence.length) doc.text(`Bewijs: ${e.evidence.map((v) => v.filename).join(', ')}`);
    for (const f of e.feedback) {
      doc.font('Helvetica-Oblique').text(`${f.authorName ?? 'Onbekend'} (${ROLE_NL[f.authorRole]}), ${f.createdAt.slice(0, 10)}:`).font('Helvetica').text(f.body);
    }
  }

  doc.outline.addItem('Zelfbeoordeling');
  heading('Zelfbeoordeling', 18);
  if (data.selfAssessments.length === 0) doc.text('Nog geen zelfbeoordeling.');
  for (const a of data.selfAssessments) {
    doc.text(`${a.assessedAt.slice(0, 10)}: ${COMPETENCES.map((c) => `${c} ${a.scores[c]}`).join(', ')}`);
  }

  doc.outline.addItem('Loopbaanplan');
  heading('Loopbaanplan', 18);
  if (data.plan.length === 0) doc.text('Nog geen doelen.');
  for (const g of data.plan) {
    doc.font('Helvetica-Bold').text(g.title).font('Helvetica');
    for (const a of g.actions) doc.text(`• ${a.description}${a.dueOn ? ` (uiterlijk ${a.dueOn})` : ''} — ${a.status === 'done' ? 'klaar' : 'open'}`);
  }

  doc.outline.addItem('Netwerk');
  heading('Netwerk', 18);
  if (data.network.length === 0) doc.text('Nog niemand in je netwerk.');
  for (const c of data.network) {
    doc.text(`${c.name}${c.relation ? `, ${c.relation}` : ''}${c.organisation ? ` (${c.organisation})` : ''}${c.canHelpWith ? ` — kan helpen met: ${c.canHelpWith}` : ''}`);
  }

  doc.outline.addItem('Loopbaanreis');
  heading('Loopbaanreis', 18);
  for (const j of data.journey) doc.text(`${j.date}: ${j.title || j.type}`);

  doc.end();
  return done;
}
