import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import { schoolDate } from '../../platform/clock.js';

/** The goal that collects the agreements of career conversations; one per student. */
export const CONVERSATION_GOAL_TITLE = 'Afspraken uit gesprekken';

export interface PlanAction {
  id: string;
  goalId: string;
  description: string;
  dueOn: string | null;
  status: 'open' | 'done';
  conversationId: string | null;
  overdue: boolean;
}

export interface PlanGoal {
  id: string;
  kind: 'own' | 'conversations';
  title: string;
  actions: PlanAction[];
}

/** The career plan (loopbaansturing): goals with their actions, in two queries. */
export async function getPlan(deps: Pick<Deps, 'db' | 'clock'>, studentId: string): Promise<{ goals: PlanGoal[] }> {
  const today = schoolDate(deps.clock.now());
  const [goals, actions] = await Promise.all([
    deps.db.selectFrom('portfolio_goals').select(['id', 'kind', 'title']).where('student_id', '=', studentId).orderBy('created_at').orderBy('id').execute(),
    deps.db
      .selectFrom('portfolio_actions')
      .select(['id', 'goal_id', 'description', 'due_on', 'status', 'conversation_id'])
      .where('student_id', '=', studentId)
      .orderBy('due_on', (ob) => ob.asc().nullsLast())
      .orderBy('created_at')
      .execute(),
  ]);
  return {
    goals: goals.map((g) => ({
      id: g.id,
      kind: g.kind,
      title: g.title,
      actions: actions.filter((a) => a.goal_id === g.id).map((a) => toAction(a, today)),
    })),
  };
}

function toAction(a: { id: string; goal_id: string; description: string; due_on: string | null; status: 'open' | 'done'; conversation_id: string | null }, today: string): PlanAction {
  return {
    id: a.id,
    goalId: a.goal_id,
    description: a.description,
    dueOn: a.due_on,
    status: a.status,
    conversationId: a.conversation_id,
    overdue: a.status === 'open' && a.due_on !== null && a.due_on < today,
  };
}

/** Open actions past their due date, for the student's home. */
export async function overdueActions(deps: Pick<Deps, 'db' | 'clock'>, studentId: string): Promise<PlanAction[]> {
  const today = schoolDate(deps.clock.now());
  const rows = await deps.db
    .selectFrom('portfolio_actions')
    .select(['id', 'goal_id', 'description', 'due_on', 'status', 'conversation_id'])
    .where('student_id', '=', studentId)
    .where('status', '=', 'open')
    .where('due_on', '<', today)
    .orderBy('due_on')
    .limit(20)
    .execute();
  return rows.map((a) => toAction(a, today));
}

export async function addGoal(deps: Pick<Deps, 'db' | 'clock'>, studentId: string, title: string) {
  return deps.db
    .insertInto('portfolio_goals')
    .values({ student_id: studentId, title, kind: 'own', created_at: deps.clock.now() })
    .returning(['id', 'kind', 'title'])
    .executeTakeFirstOrThrow();
}

export async function addAction(
  db: Kysely<DB>,
  input: { goalId: string; studentId: string; description: string; dueOn: string | null; conversationId?: string | null; at: Date },
) {
  return db
    .insertInto('portfolio_actions')
    .values({
      goal_id: input.goalId,
      student_id: input.studentId,
      description: input.description,
      due_on: input.dueOn,
      conversation_id: input.conversationId ?? null,
      created_at: input.at,
    })
    .returning(['id', 'goal_id', 'description', 'due_on', 'status', 'conversation_id'])
    .executeTakeFirstOrThrow();
}

/**
 * Called by the guidance module when a career conversation records an agreement: the action
 * lands in the student's plan under the goal 'Afspraken uit gesprekken', created if missing.
 * Runs inside the caller's transaction so the agreement and the plan action commit together.
 */
export async function addPlanActionFromConversation(
  trx: Kysely<DB>,
  input: { studentId: string; action: string; dueOn: string | null; conversationId: string },
  at: Date = new Date(),
): Promise<{ actionId: string; goalId: string }> {
  // The partial unique index makes "create if missing" safe when two agreements arrive at once.
  await trx
    .insertInto('portfolio_goals')
    .values({ student_id: input.studentId, kind: 'conversations', title: CONVERSATION_GOAL_TITLE, created_at: at })
    .onConflict((oc) => oc.column('student_id').where('kind', '=', 'conversations').doNothing())
    .execute();
  const goal = await trx
    .selectFrom('portfolio_goals')
    .select('id')
    .where('student_id', '=', input.studentId)
    .where('kind', '=', 'conversations')
    .executeTakeFirstOrThrow();
  const action = await addAction(trx, {
    goalId: goal.id,
    studentId: input.studentId,
    description: input.action,
    dueOn: input.dueOn,
    conversationId: input.conversationId,
    at,
  });
  return { actionId: action.id, goalId: goal.id };
}
