import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Locale } from '../../platform/i18n.js';
import { registerCaseloadSignals, type Signal } from '../guidance/service.js';
import { computeStatuses, loadEnrolments, type StudentStatus } from './progress.js';

/**
 * The caseload signal "inspanningsverplichting LOB behind schedule": the obligation is not met
 * and at least one component whose period has ended was not met (and has no exception). It is
 * computed for the whole caseload at once with the same engine as the status page and the
 * result list (a fixed number of queries), and disappears as soon as the component is met.
 */
export const LOB_BEHIND = 'lob_behind';

export function behindSignal(status: StudentStatus, locale: Locale): Signal | null {
  if (status.fulfilled || status.reason) return null;
  const missed = status.components.filter((c) => c.status === 'missed');
  if (missed.length === 0) return null;
  const params = { count: missed.length, components: missed.map((c) => c.title).join(', ') };
  return { code: LOB_BEHIND, params, text: behindText(params, locale) };
}

export function behindText(p: { count: number; components: string }, locale: Locale): string {
  if (locale === 'nl') {
    const what = p.count === 1 ? '1 onderdeel uit een afgelopen periode is' : `${p.count} onderdelen uit een afgelopen periode zijn`;
    return `Loopt achter met de inspanningsverplichting LOB: ${what} niet gehaald (${p.components}).`;
  }
  const what = p.count === 1 ? '1 component from a past period was' : `${p.count} components from a past period were`;
  return `Behind on the LOB obligation (inspanningsverplichting): ${what} not met (${p.components}).`;
}

/** The signal source for guidance's caseload: one evaluation for all the mentor's students. */
export async function lobCaseloadSignals(db: Kysely<DB>, studentIds: string[], today: string, locale: Locale): Promise<Map<string, Signal[]>> {
  const out = new Map<string, Signal[]>();
  if (studentIds.length === 0) return out;
  // The engine reads "today" from a clock; noon UTC is the same school date in Amsterdam.
  const deps = { db, clock: { now: () => new Date(`${today}T12:00:00Z`) } };
  const statuses = await computeStatuses(deps, await loadEnrolments(deps, { studentIds }));
  for (const status of statuses) {
    const signal = behindSignal(status, locale);
    if (signal) out.set(status.student.studentId, [signal]);
  }
  return out;
}

let registered = false;
/** Registers the source once per process, however many apps are built (tests build several). */
export function registerLobSignals(): void {
  if (registered) return;
  registered = true;
  registerCaseloadSignals(lobCaseloadSignals);
}
