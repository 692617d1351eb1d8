import PDFDocument from 'pdfkit';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { computeStatuses, loadEnrolments, type StudentStatus } from './progress.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

export interface ResultRow {
  studentId: string;
  displayName: string;
  groupCode: string | null;
  programme: string | null;
  cohort: string | null;
  version: number | null;
  fulfilled: boolean;
  required: number;
  done: number;
  /** why not (yet): the components not met, or that there is no programme */
  missing: { id: string; title: string; year: number; period: number | null; status: 'open' | 'missed' }[];
  reason: 'no_enrolment' | 'no_programme' | null;
  overrides: number;
  /** components the programme lets count on attendance alone, where that is what counted */
  attendanceOnly: string[];
}

/**
 * The result list carries ONE verdict: loopbaan and burgerschap together, never split per
 * dimension or component (Loopbaan en burgerschap in het mbo, par. 4, Diplomabeslissing).
 */
export const VERDICT = { nl: 'Loopbaan en burgerschap', en: 'Career and citizenship' } as const;

export interface ResultList {
  /** the one verdict the list carries per student */
  verdict: typeof VERDICT;
  scope: { groupId?: string; programmeId?: string; label: string };
  generatedAt: string;
  items: ResultRow[];
}

function toRow(s: StudentStatus): ResultRow {
  return {
    studentId: s.student.studentId,
    displayName: s.student.displayName,
    groupCode: s.student.groupCode,
    programme: s.student.programmeName,
    cohort: s.student.cohortName,
    version: s.version?.version ?? null,
    fulfilled: s.fulfilled,
    required: s.required,
    done: s.done,
    missing: s.components.filter((c) => !c.met).map((c) => ({ id: c.id, title: c.title, year: c.year, period: c.period, status: c.status as 'open' | 'missed' })),
    reason: s.reason,
    overrides: s.components.filter((c) => c.override).length,
    attendanceOnly: s.components.filter((c) => c.records.some((r) => r.attendanceOnly)).map((c) => c.title),
  };
}

/** The result list of one group or one opleiding: every student, met or not and why. */
export async function resultList(deps: Ctx, scope: { groupId: string } | { programmeId: string }, label: string): Promise<ResultList> {
  const enrolments = await loadEnrolments(deps, scope);
  const statuses = await computeStatuses(deps, enrolments);
  return { verdict: VERDICT, scope: { ...scope, label }, generatedAt: deps.clock.now().toISOString(), items: statuses.map(toRow) };
}

/** Exports of the list leave the system: audited with their scope and size. */
export async function recordResultsExport(deps: Ctx, actor: Actor, institutionId: string, list: ResultList, format: 'csv' | 'pdf', ip?: string) {
  await deps.audit.record({
    action: 'programme.results.export',
    actorId: actor.userId,
    institutionId,
    subjectType: list.scope.groupId ? 'group' : 'programme',
    subjectId: list.scope.groupId ?? list.scope.programmeId,
    ip,
    details: { format, students: list.items.length },
  });
}

const period = (m: ResultRow['missing'][number]) => `jaar ${m.year}${m.period ? ` periode ${m.period}` : ''}`;

/** Why a student has not (yet) met the obligation, in one Dutch sentence for the exam board. */
export function explain(row: ResultRow): string {
  if (row.reason === 'no_programme') return 'Geen LOB-programma vastgelegd voor deze opleiding';
  if (row.reason === 'no_enrolment') return 'Niet ingeschreven bij een opleiding';
  const attendance = row.attendanceOnly.length ? `; telt op aanwezigheid: ${row.attendanceOnly.join(', ')}` : '';
  if (row.fulfilled) return (row.overrides ? `Voldaan (${row.overrides} onderdeel/onderdelen handmatig goedgekeurd)` : 'Voldaan') + attendance;
  return row.missing.map((m) => `${m.title} (${period(m)}${m.status === 'open' ? ', loopt nog' : ''})`).join('; ') + attendance;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // Quote everything; neutralise spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

export function renderCsv(list: ResultList): string {
  const header = ['Student', 'Groep', 'Opleiding', 'Cohort', 'Programmaversie', VERDICT.nl, 'Onderdelen voldaan', 'Onderdelen vereist', 'Toelichting'];
  const lines = list.items.map((r) =>
    [r.displayName, r.groupCode ?? '', r.programme ?? '', r.cohort ?? '', r.version ?? '', r.fulfilled ? 'voldaan' : 'niet voldaan', r.done, r.required, explain(r)].map(csvCell).join(';'),
  );
  // BOM and semicolons: opens correctly in Dutch spreadsheet programs.
  return `\uFEFF${[header.map(csvCell).join(';'), ...lines].join('\r\n')}\r\n`;
}

/**
 * The text of the PDF, line by line: a title naming the one verdict, a sentence that there is no
 * verdict per dimension, and per student "Loopbaan en burgerschap: voldaan / niet voldaan".
 */
export function pdfLines(list: ResultList): { heading: string; intro: string; students: { title: string; detail: string }[] } {
  const met = list.items.filter((r) => r.fulfilled).length;
  return {
    heading: `${VERDICT.nl} — ${list.scope.label}`,
    intro:
      `Gemaakt op ${list.generatedAt.slice(0, 10)} met Koers. ${met} van de ${list.items.length} studenten hebben voldaan aan de inspanningsverplichting. ` +
      'Eén oordeel voor loopbaan en burgerschap samen, zonder onderscheid naar dimensies of onderdelen.',
    students: list.items.map((r) => ({
      title: `${r.displayName}${r.groupCode ? ` (${r.groupCode})` : ''} — ${VERDICT.nl}: ${r.fulfilled ? 'voldaan' : 'niet voldaan'}`,
      detail: `${r.programme ?? '—'}${r.cohort ? `, ${r.cohort}` : ''} — ${r.done} van ${r.required} onderdelen. ${explain(r)}`,
    })),
  };
}

export function renderPdf(list: ResultList): Promise<Buffer> {
  const lines = pdfLines(list);
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Resultatenlijst ${VERDICT.nl.toLowerCase()} — ${list.scope.label}`, Author: 'Koers' }, lang: 'nl-NL', displayTitle: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica-Bold').fontSize(18).text(lines.heading);
  doc.font('Helvetica').fontSize(10).text(lines.intro).moveDown();
  for (const s of lines.students) {
    doc.font('Helvetica-Bold').fontSize(11).text(s.title);
    doc.font('Helvetica').fontSize(10).text(s.detail).moveDown(0.4);
  }
  doc.end();
  return done;
}
