import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import type { Locale } from '../../platform/i18n.js';
import { schoolDate, toDateString } from '../../platform/clock.js';

/**
 * The mentor's caseload: their students on one screen with the signals that need attention,
 * each explained in words. The whole caseload is one SQL query, filtered by group_mentors; the
 * signals are derived from the row. It reads the LOBbook (entries, feedback, plan actions)
 * read-only, in the same query, to stay at one round trip.
 */
export const THRESHOLDS = {
  /** no new LOBbook entry shared with the mentor for this many weeks (private entries never count: they must not show) */
  entryWeeks: 4,
  /** absence (with or without reason) above this share of sessions in the last four weeks */
  absencePercent: 20,
  absenceWindowDays: 28,
  /** an entry shared with the mentor waits this many days for a first word back */
  feedbackWaitDays: 7,
  /** older requests are no longer a signal: the moment for that feedback has passed */
  feedbackWindowDays: 56,
} as const;

export type SignalCode = 'no_entry' | 'no_conversation' | 'overdue_agreements' | 'unanswered_feedback' | 'absence' | (string & {});

export interface Signal {
  code: SignalCode;
  /** the signal in words, in the reader's language */
  text: string;
  params: Record<string, string | number | null>;
}

export interface CaseloadStudent {
  id: string;
  displayName: string;
  groupId: string;
  groupCode: string;
  lastEntryOn: string | null;
  lastConversationOn: string | null;
  nextConversationAt: string | null;
  overdueAgreements: number;
  unansweredFeedback: number;
  absencePercent: number | null;
  signals: Signal[];
}

/**
 * Extension point: another module (the programme module, for an inspanningsverplichting behind
 * schedule) registers a source of extra signals. A source answers for the whole caseload at once
 * (one query for all student ids), never per student.
 */
export type CaseloadSignalSource = (db: Kysely<DB>, studentIds: string[], today: string, locale: Locale) => Promise<Map<string, Signal[]>>;
const extraSources: CaseloadSignalSource[] = [];
export function registerCaseloadSignals(source: CaseloadSignalSource) {
  extraSources.push(source);
}

/** The school year has four periods, starting 1 August, 1 November, 1 February and 1 May. */
export function periodStart(today: string): string {
  const [y, m] = today.split('-').map(Number);
  if (m >= 8 && m <= 10) return `${y}-08-01`;
  if (m >= 11) return `${y}-11-01`;
  if (m <= 1) return `${y - 1}-11-01`;
  if (m <= 4) return `${y}-02-01`;
  return `${y}-05-01`;
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

interface Row {
  id: string;
  display_name: string;
  group_id: string;
  group_code: string;
  last_entry: Date | string | null;
  last_held: string | null;
  next_planned: Date | string | null;
  overdue: number;
  unanswered: number;
  sessions: number;
  absent: number;
}

export async function loadCaseload(deps: Pick<Deps, 'db' | 'clock'>, mentorId: string, locale: Locale): Promise<CaseloadStudent[]> {
  const now = deps.clock.now();
  const today = schoolDate(now);
  const period = periodStart(today);
  const absenceFrom = addDays(today, -THRESHOLDS.absenceWindowDays);
  const feedbackBefore = new Date(now.getTime() - THRESHOLDS.feedbackWaitDays * 86_400_000);
  const feedbackAfter = new Date(now.getTime() - THRESHOLDS.feedbackWindowDays * 86_400_000);
  const r = await sql<Row>`
    with mine as (
      select distinct on (e.student_id) e.student_id, g.id as group_id, g.code as group_code
      from group_mentors gm
      join enrolments e on e.group_id = gm.group_id
        and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)
      join groups g on g.id = gm.group_id
      where gm.user_id = ${mentorId}
      order by e.student_id, g.code
    ), entries as (
      -- Only entries the mentor may see: a private entry must not show, not even as a date.
      select pe.student_id, max(pe.created_at) as last_entry from portfolio_entries pe
      where pe.student_id in (select student_id from mine) and pe.status = 'published' and 'mentor' = any(pe.sharing)
      group by pe.student_id
    ), convs as (
      select c.student_id,
        max(c.held_on) filter (where c.status = 'held') as last_held,
        min(c.planned_at) filter (where c.status = 'planned' and c.planned_at >= ${now}) as next_planned
      from guidance_conversations c where c.student_id in (select student_id from mine) group by c.student_id
    ), overdue as (
      select a.student_id, count(*) as n from guidance_agreements a
      join portfolio_actions pa on pa.id = a.plan_action_id
      where a.student_id in (select student_id from mine) and pa.status = 'open' and a.due_on < ${today}::date
      group by a.student_id
    ), waiting as (
      -- shared with the mentor, published, older than the wait, and no mentor word after the student's last one
      select pe.student_id, count(*) as n from portfolio_entries pe
      where pe.student_id in (select student_id from mine) and pe.status = 'published' and 'mentor' = any(pe.sharing)
        and pe.created_at < ${feedbackBefore} and pe.created_at >= ${feedbackAfter}
        and coalesce((select f.author_role from portfolio_feedback f where f.entry_id = pe.id order by f.seq desc limit 1), 'student') = 'student'
      group by pe.student_id
    ), absence as (
      select at.student_id, count(*) as sessions,
        count(*) filter (where at.status in ('absent_excused', 'absent_unexcused')) as absent
      from guidance_attendance at join guidance_sessions s on s.id = at.session_id
      where at.student_id in (select student_id from mine) and s.held_on > ${absenceFrom}::date and s.held_on <= ${today}::date
      group by at.student_id
    )
    select u.id, u.display_name, mine.group_id, mine.group_code, entries.last_entry, convs.last_held, convs.next_planned,
      coalesce(overdue.n, 0) as overdue, coalesce(waiting.n, 0) as unanswered,
      coalesce(absence.sessions, 0) as sessions, coalesce(absence.absent, 0) as absent
    from mine join users u on u.id = mine.student_id
    left join entries on entries.student_id = mine.student_id
    left join convs on convs.student_id = mine.student_id
    left join overdue on overdue.student_id = mine.student_id
    left join waiting on waiting.student_id = mine.student_id
    left join absence on absence.student_id = mine.student_id
    order by u.family_name, u.given_name, u.id`.execute(deps.db);

  const students = r.rows.map((row) => toCaseloadStudent(row, today, period, locale));
  for (const source of extraSources) {
    const extra = await source(deps.db, students.map((s) => s.id), today, locale);
    for (const s of students) s.signals.push(...(extra.get(s.id) ?? []));
  }
  return students;
}

function toCaseloadStudent(row: Row, today: string, period: string, locale: Locale): CaseloadStudent {
  const lastEntryOn = row.last_entry ? new Date(row.last_entry).toISOString().slice(0, 10) : null;
  const lastConversationOn = row.last_held ? toDateString(row.last_held) : null;
  const sessions = Number(row.sessions);
  const absencePercent = sessions > 0 ? Math.round((Number(row.absent) / sessions) * 100) : null;
  const s: CaseloadStudent = {
    id: row.id,
    displayName: row.display_name,
    groupId: row.group_id,
    groupCode: row.group_code,
    lastEntryOn,
    lastConversationOn,
    nextConversationAt: row.next_planned ? new Date(row.next_planned).toISOString() : null,
    overdueAgreements: Number(row.overdue),
    unansweredFeedback: Number(row.unanswered),
    absencePercent,
    signals: [],
  };
  s.signals = deriveSignals(s, today, period, locale);
  return s;
}

/** The signals of one caseload row, each with its explanation. */
export function deriveSignals(s: Omit<CaseloadStudent, 'signals'>, today: string, period: string, locale: Locale): Signal[] {
  const signals: Signal[] = [];
  const add = (code: SignalCode, params: Signal['params']) => signals.push({ code, params, text: signalText(code, params, locale) });
  const weeks = s.lastEntryOn ? Math.floor(daysBetween(s.lastEntryOn, today) / 7) : null;
  if (weeks === null || weeks >= THRESHOLDS.entryWeeks) add('no_entry', { weeks, since: s.lastEntryOn });
  if (!s.lastConversationOn || s.lastConversationOn < period) add('no_conversation', { since: s.lastConversationOn, periodStart: period, planned: s.nextConversationAt });
  if (s.overdueAgreements > 0) add('overdue_agreements', { count: s.overdueAgreements });
  if (s.unansweredFeedback > 0) add('unanswered_feedback', { count: s.unansweredFeedback, days: THRESHOLDS.feedbackWaitDays });
  if (s.absencePercent !== null && s.absencePercent > THRESHOLDS.absencePercent) add('absence', { percent: s.absencePercent, weeks: THRESHOLDS.absenceWindowDays / 7 });
  return signals;
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function signalText(code: SignalCode, p: Signal['params'], locale: Locale): string {
  const nl = locale === 'nl';
  switch (code) {
    case 'no_entry':
      return p.weeks === null
        ? nl ? 'Heeft nog geen ervaring met jou gedeeld.' : 'Has not shared any LOBbook entry with you yet.'
        : nl ? `Geen nieuwe ervaring met jou gedeeld in ${p.weeks} weken.` : `No new LOBbook entry shared with you in ${p.weeks} weeks.`;
    case 'no_conversation': {
      const base = nl ? 'Nog geen loopbaangesprek gehad in deze periode' : 'No career conversation held this period yet';
      const planned = p.planned ? (nl ? ' (wel gepland).' : ' (one is planned).') : nl ? ' en er is er geen gepland.' : ' and none is planned.';
      return base + planned;
    }
    case 'overdue_agreements': {
      const n = Number(p.count);
      return nl ? `${n} ${plural(n, 'afspraak is', 'afspraken zijn')} over de datum en nog niet klaar.` : `${n} ${plural(n, 'agreement is', 'agreements are')} past due and not done.`;
    }
    case 'unanswered_feedback': {
      const n = Number(p.count);
      return nl
        ? `${n} ${plural(n, 'ervaring wacht', 'ervaringen wachten')} al meer dan ${p.days} dagen op jouw feedback.`
        : `${n} ${plural(n, 'entry has', 'entries have')} waited more than ${p.days} days for your feedback.`;
    }
    case 'absence':
      return nl ? `Afwezig bij ${p.percent}% van de lessen en activiteiten in de laatste ${p.weeks} weken.` : `Absent from ${p.percent}% of sessions in the last ${p.weeks} weeks.`;
    default:
      return String(code);
  }
}

export const SIGNAL_CODES = ['no_entry', 'no_conversation', 'overdue_agreements', 'unanswered_feedback', 'absence'] as const;

/** Filter and sort the caseload as the mentor asks (after the one query; the set is already the mentor's). */
export function filterAndSort(items: CaseloadStudent[], q: { signal?: string; group?: string; sort?: 'signals' | 'name' | 'group' | 'last_conversation' }) {
  let out = items;
  if (q.signal) out = out.filter((s) => s.signals.some((x) => x.code === q.signal));
  if (q.group) out = out.filter((s) => s.groupCode === q.group || s.groupId === q.group);
  const byName = (a: CaseloadStudent, b: CaseloadStudent) => a.displayName.localeCompare(b.displayName, 'nl');
  const sorters: Record<string, (a: CaseloadStudent, b: CaseloadStudent) => number> = {
    signals: (a, b) => b.signals.length - a.signals.length || byName(a, b),
    name: byName,
    group: (a, b) => a.groupCode.localeCompare(b.groupCode) || byName(a, b),
    last_conversation: (a, b) => (a.lastConversationOn ?? '').localeCompare(b.lastConversationOn ?? '') || byName(a, b),
  };
  return [...out].sort(sorters[q.sort ?? 'signals']);
}
