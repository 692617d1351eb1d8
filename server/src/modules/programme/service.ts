import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { ActivityKind } from './schema.js';
import { computeStatuses, loadEnrolments } from './progress.js';

/**
 * What other modules may call. The programme module is the only writer of its tables.
 * Verkennen (module explore) shows the upcoming open days, meeloopdagen and proeflessen to
 * visitors without an account: only what an outsider may know, never who signed up.
 */
export interface OpenActivity {
  id: string;
  institutionId: string;
  institutionName: string;
  kind: ActivityKind;
  title: string;
  description: string;
  startsAt: Date;
  endsAt: Date;
  location: string;
  capacity: number | null;
  /** students of the institution registered (a count, for the places left) */
  registered: number;
}

/** Upcoming activities of these kinds (one activity with `id`), with their registered count, in one query. */
export async function listOpenActivities(deps: Pick<Deps, 'db' | 'clock'>, kinds: readonly ActivityKind[], id?: string): Promise<OpenActivity[]> {
  if (kinds.length === 0) return [];
  const r = await sql<any>`
    select a.id, a.institution_id, i.name as institution_name, a.kind, a.title, a.description, a.starts_at, a.ends_at, a.location, a.capacity,
      (select count(*) from lob_activity_signups s where s.activity_id = a.id and s.status = 'registered') as registered
    from lob_activities a join institutions i on i.id = a.institution_id
    where a.kind in (${sql.join([...kinds])}) and a.starts_at > ${deps.clock.now()}
      ${id ? sql`and a.id = ${id}` : sql``}
    order by a.starts_at, a.id
    limit 200`.execute(deps.db);
  return r.rows.map((a) => ({
    id: a.id,
    institutionId: a.institution_id,
    institutionName: a.institution_name,
    kind: a.kind,
    title: a.title,
    description: a.description,
    startsAt: new Date(a.starts_at),
    endsAt: new Date(a.ends_at),
    location: a.location,
    capacity: a.capacity === null ? null : Number(a.capacity),
    registered: Number(a.registered),
  }));
}

/**
 * The inspanningsverplichting of many students at once, judged by the programme's own evaluation
 * (evaluate.ts, the three-aspect rule included): `met` when fulfilled, `missed` when a component
 * ended without being met, else `open`; null without an enrolment or a programme. For the
 * monitor, which only counts these per cohort.
 */
export async function lobStatusOfStudents(
  deps: Pick<Deps, 'db' | 'clock'>,
  studentIds: string[],
): Promise<Map<string, { status: 'met' | 'open' | 'missed' | null; cohortStart: string }>> {
  const out = new Map<string, { status: 'met' | 'open' | 'missed' | null; cohortStart: string }>();
  for (let i = 0; i < studentIds.length; i += 2000) {
    const enrolments = await loadEnrolments(deps, { studentIds: studentIds.slice(i, i + 2000) });
    for (const s of await computeStatuses(deps, enrolments)) {
      const status = s.reason ? null : s.fulfilled ? 'met' : s.components.some((c) => c.status === 'missed') ? 'missed' : 'open';
      out.set(s.student.studentId, { status, cohortStart: s.student.cohortStart });
    }
  }
  return out;
}
