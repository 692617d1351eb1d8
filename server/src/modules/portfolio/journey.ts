import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { EntryKind, MilestoneKind } from './schema.js';

/**
 * The career journey (Kaart van de Loopbaanrealisatie): the student's own milestones and
 * choices, the start of each opleiding and each internship (from the enrolment record), and
 * every entry, on one timeline, newest first.
 */
export interface JourneyItem {
  type: 'milestone' | 'entry' | 'enrolment' | 'internship';
  id: string;
  date: string;
  title: string;
  kind: MilestoneKind | EntryKind | null;
  note: string | null;
  /** whether the student may remove it (own milestones only) */
  removable: boolean;
}

export async function getJourney(deps: Pick<Deps, 'db'>, studentId: string): Promise<{ items: JourneyItem[] }> {
  const r = await sql<{ type: JourneyItem['type']; id: string; date: string; title: string; kind: string | null; note: string | null }>`
    select 'milestone' as type, m.id, m.occurred_on as date, m.title, m.kind, m.note from portfolio_milestones m where m.student_id = ${studentId}
    union all
    select 'entry', e.id, e.occurred_on, e.title, e.kind, null from portfolio_entries e where e.student_id = ${studentId}
    union all
    select 'enrolment', en.id, en.starts_on, coalesce(p.name, ''), null, null
      from enrolments en left join programmes p on p.id = en.programme_id where en.student_id = ${studentId}
    union all
    select 'internship', i.id, i.starts_on, i.company_name, null, to_char(i.ends_on, 'YYYY-MM-DD')
      from internships i where i.student_id = ${studentId}
    order by date desc, type, id
  `.execute(deps.db);
  return {
    items: r.rows.map((row) => ({
      type: row.type,
      id: row.id,
      date: row.date,
      title: row.title,
      kind: row.kind as JourneyItem['kind'],
      note: row.note,
      removable: row.type === 'milestone',
    })),
  };
}

export async function addMilestone(
  deps: Pick<Deps, 'db' | 'clock'>,
  studentId: string,
  input: { kind: MilestoneKind; title: string; occurredOn: string; note: string },
) {
  return deps.db
    .insertInto('portfolio_milestones')
    .values({ student_id: studentId, kind: input.kind, title: input.title, occurred_on: input.occurredOn, note: input.note, created_at: deps.clock.now() })
    .returning(['id', 'kind', 'title', 'occurred_on', 'note'])
    .executeTakeFirstOrThrow();
}
