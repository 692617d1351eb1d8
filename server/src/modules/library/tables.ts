import type { Generated } from 'kysely';
import type { Competence } from '../portfolio/schema.js';

/** Tables owned by the library module, the Loopbaanmagazijn (migration 0030). */
export interface LibraryTables {
  library_exercises: {
    id: Generated<string>;
    institution_id: string | null;
    slug: string | null;
    series: string | null;
    series_position: number | null;
    title: string;
    competencies: Competence[];
    levels: Generated<number[]>;
    duration_minutes: number;
    summary: string;
    teacher_instructions: string;
    student_instructions: string;
    shared: Generated<boolean>;
    created_by: string | null;
    created_at: Generated<Date>;
  };
  library_attachments: {
    id: Generated<string>;
    exercise_id: string;
    filename: string;
    media_type: string;
    size_bytes: number;
    content: Buffer;
    created_at: Date;
  };
  library_assignments: {
    id: Generated<string>;
    exercise_id: string;
    group_id: string;
    assigned_by: string | null;
    due_on: string;
    note: string;
    created_at: Date;
  };
  library_completions: {
    assignment_id: string;
    student_id: string;
    entry_id: string;
    completed_at: Date;
  };
}
