import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { visibleToReader } from './entries.js';
import type { PortfolioRelation } from './policy.js';
import { COMPETENCES, type Competence, type Scores } from './schema.js';

/** The student rates the five competencies; every rating is kept, so growth shows over time. */
export async function addSelfAssessment(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, scores: Scores) {
  const row = await deps.db
    .insertInto('portfolio_self_assessments')
    .values({ student_id: actor.userId, assessed_at: deps.clock.now(), ...scores })
    .returning(['id', 'assessed_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, assessedAt: new Date(row.assessed_at).toISOString(), scores };
}

export interface Growth {
  competences: readonly Competence[];
  assessments: { id: string; assessedAt: string; scores: Scores }[];
  /** entries per competence, counted over what this reader may see, so a count never reveals a private entry */
  entryCounts: Record<Competence, number>;
}

export async function getGrowth(deps: Pick<Deps, 'db'>, rel: PortfolioRelation): Promise<Growth> {
  const [assessments, counts] = await Promise.all([
    deps.db
      .selectFrom('portfolio_self_assessments')
      .select(['id', 'assessed_at', ...COMPETENCES])
      .where('student_id', '=', rel.studentId)
      .orderBy('assessed_at')
      .orderBy('id')
      .execute(),
    sql<{ competence: Competence; n: number }>`
      select c as competence, count(*) as n
      from portfolio_entries e, unnest(e.competencies) as c
      where e.student_id = ${rel.studentId} and ${visibleToReader(rel)}
      group by c`.execute(deps.db),
  ]);
  const entryCounts = Object.fromEntries(COMPETENCES.map((c) => [c, 0])) as Record<Competence, number>;
  for (const row of counts.rows) entryCounts[row.competence] = Number(row.n);
  return {
    competences: COMPETENCES,
    assessments: assessments.map((a) => ({
      id: a.id,
      assessedAt: new Date(a.assessed_at).toISOString(),
      scores: { kwaliteiten: a.kwaliteiten, motieven: a.motieven, werkexploratie: a.werkexploratie, loopbaansturing: a.loopbaansturing, netwerken: a.netwerken },
    })),
    entryCounts,
  };
}
