import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { loadVersions } from './progress.js';
import { coverage } from './evaluate.js';
import type { CreateVersionInput } from './schema.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

/**
 * The LOB programme of an opleiding, as versions. A new version never changes an old one:
 * cohorts that started under an earlier version keep it (see versionForCohort).
 */
export async function listProgrammes(deps: Pick<Deps, 'db'>, institutionIds: string[], programmeId?: string) {
  const r = await sql<any>`
    select p.id, p.name, p.crebo, p.level, p.pathway,
      coalesce((select json_agg(json_build_object('id', v.id, 'version', v.version, 'effectiveFrom', to_char(v.effective_from, 'YYYY-MM-DD'),
          'rule', v.rule, 'ruleMin', v.rule_min,
          'components', (select count(*) from lob_programme_components c where c.version_id = v.id)) order by v.version)
        from lob_programme_versions v where v.programme_id = p.id), '[]'::json) as versions
    from programmes p
    where p.institution_id = any(${institutionIds}::uuid[]) ${programmeId ? sql`and p.id = ${programmeId}` : sql``}
    order by p.name, p.level`.execute(deps.db);
  return r.rows.map((row) => ({
    id: row.id,
    name: row.name,
    crebo: row.crebo,
    level: Number(row.level),
    pathway: row.pathway,
    versions: typeof row.versions === 'string' ? JSON.parse(row.versions) : row.versions,
  }));
}

/** One version with its components and its coverage of the competencies and burgerschap dimensions. */
export async function getVersion(deps: Pick<Deps, 'db'>, versionId: string) {
  const row = await deps.db.selectFrom('lob_programme_versions').select('programme_id').where('id', '=', versionId).executeTakeFirst();
  if (!row) return null;
  const version = (await loadVersions(deps.db, [row.programme_id])).find((v) => v.id === versionId);
  return version ? { ...version, coverage: coverage(version) } : null;
}

/**
 * A new version takes effect only for cohorts that have not started yet: its first day lies after
 * today. So a cohort that already started always keeps the version it started with.
 */
export function assertFutureEffect(effectiveFrom: string, today: string): void {
  if (effectiveFrom <= today) {
    throw new AppError(422, 'version_effective_past', { effectiveFrom: 'Kies een datum na vandaag: een cohort dat al begonnen is, houdt zijn versie.' });
  }
}

/** A component names only target groups of the same institution; anything else is bad input on that field. */
async function assertOwnTargetGroups(deps: Pick<Deps, 'db'>, institutionId: string, components: CreateVersionInput['components']) {
  const ids = [...new Set(components.flatMap((c) => c.targetGroupIds))];
  if (ids.length === 0) return;
  const own = await deps.db.selectFrom('lob_target_groups').select('id').where('institution_id', '=', institutionId).where('id', 'in', ids).execute();
  const known = new Set(own.map((g) => g.id));
  const index = components.findIndex((c) => c.targetGroupIds.some((id) => !known.has(id)));
  if (index >= 0) throw badRequest('validation_failed', { [`components.${index}.targetGroupIds`]: 'Deze doelgroep bestaat niet in jouw instelling.' });
}

/** Publishes the next version of an opleiding's programme, with its components; audited. */
export async function createVersion(deps: Ctx, actor: Actor, institutionId: string, input: CreateVersionInput, ip?: string) {
  assertFutureEffect(input.effectiveFrom, schoolDate(deps.clock.now()));
  await assertOwnTargetGroups(deps, institutionId, input.components);
  const id = await deps.db.transaction().execute(async (trx) => {
    // Serialise version numbers per opleiding: lock the programme row.
    await sql`select id from programmes where id = ${input.programmeId} for update`.execute(trx);
    const last = await trx
      .selectFrom('lob_programme_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('programme_id', '=', input.programmeId)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const v = await trx
      .insertInto('lob_programme_versions')
      .values({
        institution_id: institutionId,
        programme_id: input.programmeId,
        version,
        effective_from: input.effectiveFrom,
        rule: input.rule,
        rule_min: input.rule === 'min_components' ? input.ruleMin : null,
        rule_text: input.ruleText,
        min_aspect_length: input.minAspectLength,
        created_by: actor.userId,
        created_at: deps.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('lob_programme_components')
      .values(
        input.components.map((c, i) => ({
          version_id: v.id,
          position: i + 1,
          year: c.year,
          period: c.period,
          kind: c.kind,
          title: c.title,
          required_count: c.count,
          activity_kinds: c.kind === 'activity' ? c.activityKinds : [],
          min_competencies: c.minCompetencies,
          levels: c.levels,
          pathways: c.pathways,
          intensity: c.intensity,
          guidance: c.guidance,
          attendance_alone: c.kind === 'activity' && c.attendanceAlone,
          competencies: c.competencies,
          dimensions: c.dimensions,
          target_group_ids: c.targetGroupIds,
        })),
      )
      .execute();
    await deps.audit.record(
      { action: 'programme.version.create', actorId: actor.userId, institutionId, subjectType: 'lob_programme_version', subjectId: v.id, ip, details: { programmeId: input.programmeId, version } },
      trx,
    );
    return v.id;
  });
  return getVersion(deps, id);
}
