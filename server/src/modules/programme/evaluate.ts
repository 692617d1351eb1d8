import type { Competence } from '../portfolio/schema.js';
import { DIMENSIONS, type ActivityKind, type ComponentKind, type Dimension } from './schema.js';
import { COMPETENCES } from '../portfolio/schema.js';

/**
 * The rule of the inspanningsverplichting as a pure function: given a programme version, the
 * student's level, pathway and cohort start, and the records that exist (participation,
 * portfolio entries, conversations, completed exercises, overrides), which components are met
 * and is the obligation fulfilled. No database here, so it is easy to test and the same code
 * serves one student's status and a whole group's result list.
 */
export interface Component {
  id: string;
  position: number;
  year: number;
  period: number | null;
  kind: ComponentKind;
  title: string;
  requiredCount: number;
  activityKinds: ActivityKind[];
  minCompetencies: number;
  levels: number[];
  pathways: ('BOL' | 'BBL')[];
  intensity: string;
  guidance: string;
  /** the component accepts attendance of an activity without the student's reflection on it */
  attendanceAlone?: boolean;
  /** institution-defined target groups (entree, oudere instromers, …); empty: every student */
  targetGroupIds?: string[];
  /** the career competencies and burgerschap dimensions the component addresses */
  competencies?: Competence[];
  dimensions?: Dimension[];
}

export interface Version {
  id: string;
  programmeId: string;
  version: number;
  effectiveFrom: string;
  rule: 'all' | 'min_components';
  ruleMin: number | null;
  ruleText: string;
  /** minimal trimmed length of a substantive answer to each aspect (default 40) */
  minAspectLength?: number;
  components: Component[];
}

/** The three aspects every LOB activity invites (L&B in het mbo, par. 3). */
export const ASPECTS = ['orientatie', 'mening', 'reflectie'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const DEFAULT_MIN_ASPECT_LENGTH = 40;

export type FactType = 'activity' | 'conversation' | 'entry' | 'exercise';
export interface Fact {
  type: FactType;
  id: string;
  title: string;
  date: string;
  activityKind?: ActivityKind;
  competencies?: Competence[];
  /** entry: published and shared with at least the mentor, so the exam board can open it */
  sharedWithMentor?: boolean;
  /** entry: trimmed length of the answer to each aspect */
  aspectLengths?: Record<Aspect, number>;
  /** entry: the LOB activity it reflects on */
  activityId?: string | null;
  /** exercise: the portfolio entry the student completed it with */
  entryId?: string | null;
}

/** Why a record does not (yet) count; the student's status names it. */
export type NotCountedReason = 'not_shared' | 'aspect_missing' | 'no_reflection';

export interface RecordStatus extends Fact {
  counted: boolean;
  reasons: NotCountedReason[];
  /** the aspects still missing (of the entry itself, or of the reflection on an activity/exercise) */
  missingAspects: Aspect[];
  /** activity/exercise: the entry that is the student's reflection on it */
  reflectionEntryId: string | null;
  /** activity: counted on attendance alone, as the component allows */
  attendanceOnly: boolean;
}

export interface Override {
  id: string;
  componentId: string;
  reason: string;
  decidedBy: string | null;
  decidedAt: string;
}

export interface ComponentStatus {
  id: string;
  year: number;
  period: number | null;
  from: string;
  to: string;
  kind: ComponentKind;
  title: string;
  required: number;
  done: number;
  minCompetencies: number;
  competenciesCovered: Competence[];
  activityKinds: ActivityKind[];
  intensity: string;
  guidance: string;
  met: boolean;
  /** met; open (its period has not ended); missed (ended without being met) */
  status: 'met' | 'open' | 'missed';
  override: Override | null;
  /** the component accepts attendance of an activity without a reflection */
  attendanceAlone: boolean;
  /** the records that counted */
  records: RecordStatus[];
  /** the records that did not count, each with its reasons */
  notCounted: RecordStatus[];
}

export interface Evaluation {
  required: number;
  done: number;
  fulfilled: boolean;
  components: ComponentStatus[];
}

/** Adds months to a YYYY-MM-DD date (day clamped to the month's end). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const dayBefore = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** Period p of year y: a quarter of the school year, counted from the day the cohort started. */
export function componentWindow(cohortStart: string, year: number, period: number | null): { from: string; to: string } {
  const from = addMonths(cohortStart, (year - 1) * 12 + (period ? (period - 1) * 3 : 0));
  return { from, to: dayBefore(addMonths(from, period ? 3 : 12)) };
}

export function applies(c: Component, level: number | null, pathway: string | null, targetGroups: readonly string[] = []): boolean {
  if (c.levels.length > 0 && (level === null || !c.levels.includes(level))) return false;
  if (c.pathways.length > 0 && (pathway === null || !c.pathways.includes(pathway as 'BOL' | 'BBL'))) return false;
  if ((c.targetGroupIds?.length ?? 0) > 0 && !c.targetGroupIds!.some((g) => targetGroups.includes(g))) return false;
  return true;
}

/** The records a component looks at. A career conversation is a conversation, never "an activity". */
function matching(c: Component, facts: Fact[], window: { from: string; to: string }): Fact[] {
  const inWindow = facts.filter((f) => f.date >= window.from && f.date <= window.to);
  switch (c.kind) {
    case 'conversation':
      return inWindow.filter((f) => f.type === 'conversation');
    case 'activity':
      return inWindow.filter(
        (f) => f.type === 'activity' && (c.activityKinds.length === 0 ? f.activityKind !== 'career_conversation' : c.activityKinds.includes(f.activityKind!)),
      );
    case 'entries':
      return inWindow.filter((f) => f.type === 'entry');
    case 'exercise':
      return inWindow.filter((f) => f.type === 'exercise');
  }
}

/** The aspects of an entry that are not answered substantively (trimmed, at least minLength characters). */
export function missingAspects(entry: Fact, minLength: number): Aspect[] {
  return ASPECTS.filter((a) => (entry.aspectLengths?.[a] ?? 0) < minLength);
}

/** Why an entry does not count: it must be shared with the mentor and answer all three aspects. */
function entryReasons(entry: Fact, minLength: number): { reasons: NotCountedReason[]; missing: Aspect[] } {
  const missing = missingAspects(entry, minLength);
  const reasons: NotCountedReason[] = [];
  if (!entry.sharedWithMentor) reasons.push('not_shared');
  if (missing.length > 0) reasons.push('aspect_missing');
  return { reasons, missing };
}

/**
 * Judges one record. An entry counts on its own; an activity or exercise counts together with
 * the student's reflection on it (an entry linked to it) that itself counts, or, for an activity,
 * on attendance alone when the component accepts that.
 */
export function judgeRecord(c: Component, fact: Fact, entries: Fact[], minLength: number): RecordStatus {
  const base = { ...fact, reflectionEntryId: null, attendanceOnly: false };
  if (fact.type === 'conversation') return { ...base, counted: true, reasons: [], missingAspects: [] };
  if (fact.type === 'entry') {
    const { reasons, missing } = entryReasons(fact, minLength);
    return { ...base, counted: reasons.length === 0, reasons, missingAspects: missing };
  }
  if (fact.type === 'activity' && c.attendanceAlone) return { ...base, counted: true, reasons: [], missingAspects: [], attendanceOnly: true };
  const linked = entries.filter((e) => (fact.type === 'activity' ? e.activityId === fact.id : e.id === fact.entryId));
  if (linked.length === 0) return { ...base, counted: false, reasons: ['no_reflection'], missingAspects: [...ASPECTS] };
  // The best reflection decides: one that counts, else the one with the fewest gaps.
  const judged = linked
    .map((e) => ({ e, ...entryReasons(e, minLength) }))
    .sort((a, b) => a.reasons.length - b.reasons.length || a.missing.length - b.missing.length);
  const best = judged[0];
  return { ...base, reflectionEntryId: best.e.id, counted: best.reasons.length === 0, reasons: best.reasons, missingAspects: best.missing };
}

export function evaluate(
  version: Version,
  student: { level: number | null; pathway: string | null; cohortStart: string; targetGroups?: readonly string[] },
  facts: Fact[],
  overrides: Override[],
  today: string,
): Evaluation {
  const minLength = version.minAspectLength ?? DEFAULT_MIN_ASPECT_LENGTH;
  const entries = facts.filter((f) => f.type === 'entry');
  const components = version.components
    .filter((c) => applies(c, student.level, student.pathway, student.targetGroups))
    .sort((a, b) => a.position - b.position)
    .map((c): ComponentStatus => {
      const window = componentWindow(student.cohortStart, c.year, c.period);
      const judged = matching(c, facts, window).map((f) => judgeRecord(c, f, entries, minLength));
      const records = judged.filter((r) => r.counted);
      const notCounted = judged.filter((r) => !r.counted);
      const covered = [...new Set(records.flatMap((f) => f.competencies ?? []))].sort();
      const override = overrides.find((o) => o.componentId === c.id) ?? null;
      const byRecords = records.length >= c.requiredCount && covered.length >= c.minCompetencies;
      const met = byRecords || override !== null;
      return {
        id: c.id,
        year: c.year,
        period: c.period,
        ...window,
        kind: c.kind,
        title: c.title,
        required: c.requiredCount,
        done: records.length,
        minCompetencies: c.minCompetencies,
        competenciesCovered: covered,
        activityKinds: c.activityKinds,
        intensity: c.intensity,
        guidance: c.guidance,
        met,
        status: met ? 'met' : window.to < today ? 'missed' : 'open',
        override,
        attendanceAlone: c.attendanceAlone ?? false,
        records,
        notCounted,
      };
    });
  const done = components.filter((c) => c.met).length;
  const needed = version.rule === 'all' ? components.length : Math.min(version.ruleMin ?? components.length, components.length);
  // A programme with no component for this student cannot be "met": nothing was asked yet.
  return { required: components.length, done, fulfilled: components.length > 0 && done >= needed, components };
}

export interface CoverageCell {
  year: number;
  period: number | null;
  componentId: string;
  title: string;
  /** every student meets it: the component applies to every level and pathway */
  everyone: boolean;
}

export interface Coverage {
  competencies: Record<Competence, CoverageCell[]>;
  dimensions: Record<Dimension, CoverageCell[]>;
  /** never addressed by any component: the resultaatverplichting is not met */
  missing: { competencies: Competence[]; dimensions: Dimension[] };
  /** addressed only by components that not every student follows */
  notForEveryone: { competencies: Competence[]; dimensions: Dimension[] };
}

/**
 * Which career competencies and burgerschap dimensions a programme version addresses, in which
 * period, and for whom. The institution must offer loopbaan and every dimension of burgerschap
 * to every student; the editor warns about what is never addressed, or not for everyone.
 */
export function coverage(version: Pick<Version, 'components'>): Coverage {
  const cell = (c: Component): CoverageCell => ({
    year: c.year,
    period: c.period,
    componentId: c.id,
    title: c.title,
    everyone: c.levels.length === 0 && c.pathways.length === 0 && (c.targetGroupIds?.length ?? 0) === 0,
  });
  const sorted = [...version.components].sort((a, b) => a.year - b.year || (a.period ?? 0) - (b.period ?? 0) || a.position - b.position);
  const competencies = Object.fromEntries(COMPETENCES.map((k) => [k, sorted.filter((c) => c.competencies?.includes(k)).map(cell)])) as Coverage['competencies'];
  const dimensions = Object.fromEntries(DIMENSIONS.map((k) => [k, sorted.filter((c) => c.dimensions?.includes(k)).map(cell)])) as Coverage['dimensions'];
  return {
    competencies,
    dimensions,
    missing: { competencies: COMPETENCES.filter((k) => competencies[k].length === 0), dimensions: DIMENSIONS.filter((k) => dimensions[k].length === 0) },
    notForEveryone: {
      competencies: COMPETENCES.filter((k) => competencies[k].length > 0 && !competencies[k].some((x) => x.everyone)),
      dimensions: DIMENSIONS.filter((k) => dimensions[k].length > 0 && !dimensions[k].some((x) => x.everyone)),
    },
  };
}

/** The version a cohort follows: the one in effect on the day it started, else the first one. */
export function versionForCohort<V extends { effectiveFrom: string; version: number }>(versions: V[], cohortStart: string): V | null {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const inEffect = sorted.filter((v) => v.effectiveFrom <= cohortStart).at(-1);
  return inEffect ?? sorted[0] ?? null;
}
