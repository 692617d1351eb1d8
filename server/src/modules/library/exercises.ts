import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { STAFF_ROLES } from '../../platform/policy.js';
import { badRequest } from '../../platform/errors.js';
import type { Competence } from '../portfolio/schema.js';
import type { ExerciseInput } from './schema.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

export interface ExerciseView {
  id: string;
  title: string;
  competencies: Competence[];
  levels: number[];
  durationMinutes: number;
  summary: string;
  teacherInstructions?: string;
  studentInstructions: string;
  series: string | null;
  seriesPosition: number | null;
  /** 'starter' (every installation), 'own' (this institution) or 'shared' (another institution shared it) */
  source: 'starter' | 'own' | 'shared';
  institutionName: string | null;
  shared: boolean;
  canEdit?: boolean;
}

export const staffInstitutions = (actor: Actor) => [...new Set(actor.roles.filter((r) => STAFF_ROLES.includes(r.role)).map((r) => r.institutionId))];

const EXERCISE_COLUMNS = sql`x.id, x.title, x.competencies, x.levels, x.duration_minutes, x.summary, x.teacher_instructions, x.student_instructions,
  x.series, x.series_position, x.institution_id, x.shared, x.created_by, i.name as institution_name`;

function toView(row: any, own: string[], teacher: boolean): ExerciseView {
  return {
    id: row.id,
    title: row.title,
    competencies: row.competencies,
    levels: row.levels.map(Number),
    durationMinutes: Number(row.duration_minutes),
    summary: row.summary,
    ...(teacher ? { teacherInstructions: row.teacher_instructions } : {}),
    studentInstructions: row.student_instructions,
    series: row.series,
    seriesPosition: row.series_position === null ? null : Number(row.series_position),
    source: row.institution_id === null ? 'starter' : own.includes(row.institution_id) ? 'own' : 'shared',
    institutionName: row.institution_name,
    shared: row.shared,
  };
}

function encodeCursor(key: string, id: string) {
  return Buffer.from(`${key}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string) {
  const [key, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (key === undefined || !/^[0-9a-f-]{36}$/i.test(id ?? '')) throw badRequest('validation_failed', { cursor: 'invalid_cursor' });
  return { key, id };
}

/**
 * The exercises a teacher may use: the starter set, their institution's own and those other
 * institutions shared; filtered in SQL, series first in lesson order, then by title.
 */
export async function listExercises(deps: Pick<Deps, 'db'>, actor: Actor, opts: { competence?: Competence; q?: string; limit: number; cursor?: string }) {
  const own = staffInstitutions(actor);
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const sortKey = sql`(coalesce(x.series, '~') || lpad(coalesce(x.series_position, 0)::text, 3, '0') || lower(x.title))`;
  const r = await sql<any>`
    select ${EXERCISE_COLUMNS}, ${sortKey} as sort_key
    from library_exercises x left join institutions i on i.id = x.institution_id
    where (x.institution_id is null or x.shared or x.institution_id = any(${own}::uuid[]))
      ${opts.competence ? sql`and ${opts.competence} = any(x.competencies)` : sql``}
      ${opts.q ? sql`and (x.title ilike ${'%' + opts.q + '%'} or x.summary ilike ${'%' + opts.q + '%'})` : sql``}
      ${after ? sql`and (${sortKey}, x.id) > (${after.key}, ${after.id}::uuid)` : sql``}
    order by sort_key, x.id
    limit ${opts.limit + 1}`.execute(deps.db);
  const rows = r.rows.slice(0, opts.limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => toView(row, own, true)),
    nextCursor: r.rows.length > opts.limit && last ? encodeCursor(last.sort_key, last.id) : null,
  };
}

export async function getExercise(deps: Pick<Deps, 'db'>, actor: Actor, id: string, teacher: boolean, canEdit: boolean): Promise<ExerciseView> {
  const r = await sql<any>`select ${EXERCISE_COLUMNS} from library_exercises x left join institutions i on i.id = x.institution_id where x.id = ${id}`.execute(deps.db);
  return { ...toView(r.rows[0], staffInstitutions(actor), teacher), canEdit };
}

export async function createExercise(deps: Ctx, actor: Actor, institutionId: string, input: ExerciseInput, ip?: string) {
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('library_exercises')
      .values({
        institution_id: institutionId,
        slug: null,
        series: input.series,
        series_position: null,
        title: input.title,
        competencies: input.competencies,
        levels: input.levels,
        duration_minutes: input.durationMinutes,
        summary: input.summary,
        teacher_instructions: input.teacherInstructions,
        student_instructions: input.studentInstructions,
        shared: input.shared,
        created_by: actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record({ action: 'library.exercise.create', actorId: actor.userId, institutionId, subjectType: 'library_exercise', subjectId: row.id, ip, details: { shared: input.shared } }, trx);
    return row.id;
  });
  return getExercise(deps, actor, id, true, true);
}

export async function updateExercise(deps: Ctx, actor: Actor, id: string, institutionId: string, input: Partial<ExerciseInput>, ip?: string) {
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('library_exercises')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.competencies ? { competencies: input.competencies } : {}),
        ...(input.levels ? { levels: input.levels } : {}),
        ...(input.durationMinutes ? { duration_minutes: input.durationMinutes } : {}),
        ...(input.summary !== undefined ? { summary: input.summary } : {}),
        ...(input.teacherInstructions !== undefined ? { teacher_instructions: input.teacherInstructions } : {}),
        ...(input.studentInstructions !== undefined ? { student_instructions: input.studentInstructions } : {}),
        ...(input.series !== undefined ? { series: input.series } : {}),
        ...(input.shared !== undefined ? { shared: input.shared } : {}),
      })
      .where('id', '=', id)
      .execute();
    await deps.audit.record({ action: 'library.exercise.update', actorId: actor.userId, institutionId, subjectType: 'library_exercise', subjectId: id, ip, details: { fields: Object.keys(input) } }, trx);
  });
  return getExercise(deps, actor, id, true, true);
}
