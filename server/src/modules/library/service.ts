import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Competence } from '../portfolio/schema.js';

/** What other modules may call: the programme module counts completed exercises. */
export interface CompletedExercise {
  studentId: string;
  assignmentId: string;
  title: string;
  completedOn: string;
  competencies: Competence[];
  /** the portfolio entry the student completed it with: the reflection that makes it count */
  entryId: string;
}

/** Completed assignments of the given students in a date range (school dates), one query. */
export async function listCompletedExercises(db: Kysely<DB>, studentIds: readonly string[], from: string, to: string): Promise<CompletedExercise[]> {
  if (studentIds.length === 0) return [];
  const r = await sql<{ student_id: string; assignment_id: string; entry_id: string; title: string; completed_on: string; competencies: Competence[] }>`
    select c.student_id, c.assignment_id, c.entry_id, x.title, x.competencies,
      to_char(c.completed_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD') as completed_on
    from library_completions c
    join library_assignments a on a.id = c.assignment_id
    join library_exercises x on x.id = a.exercise_id
    where c.student_id = any(${studentIds as string[]}::uuid[])
      and (c.completed_at at time zone 'Europe/Amsterdam')::date between ${from}::date and ${to}::date`.execute(db);
  return r.rows.map((row) => ({ studentId: row.student_id, assignmentId: row.assignment_id, title: row.title, completedOn: row.completed_on, competencies: row.competencies, entryId: row.entry_id }));
}
