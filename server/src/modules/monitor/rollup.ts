import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import { currentSchoolYear, institutionFigures, loadStudentFacts, qualityFigures, transferFigures, withLobStatus, type Figure } from './compute.js';
import { suppress, type Cell, type Partition } from './suppression.js';

/**
 * The rollup: every indicator of an institution and school year, computed from the records once
 * and stored in monitor_rollups with its suppression decided over the whole institution. Reads
 * (dashboards, region, nation, the national feed) only select from it. Refreshed by the
 * scheduler, on demand by the LOB-coördinator, and once on the first read of a year that has none.
 */
type Ctx = Pick<Deps, 'db' | 'clock'>;

const keyOf = (f: { scopeKind: string; scopeId: string; code: string }) => `${f.scopeKind}:${f.scopeId}:${f.code}`;

/** The org structure the partitions follow: teams, their opleidingen, their groups (org tables, read-only). */
async function structure(db: Kysely<DB>, institutionId: string) {
  const [programmes, groups] = await Promise.all([
    db.selectFrom('programmes').select(['id', 'team_id']).where('institution_id', '=', institutionId).execute(),
    db.selectFrom('groups').select(['id', 'programme_id']).where('institution_id', '=', institutionId).execute(),
  ]);
  return { programmes, groups };
}

/** Decides suppression for all figures of one institution: scopes nest institution → team → opleiding → group, cohorts within a scope. */
export function suppressFigures(institutionId: string, figures: Figure[], org: { programmes: { id: string; team_id: string | null }[]; groups: { id: string; programme_id: string | null }[] }): Map<string, Cell> {
  const cells = new Map<string, Cell>(figures.map((f) => [keyOf(f), { key: keyOf(f), n: f.n, personBased: f.personBased, suppressed: false }]));
  const codes = [...new Set(figures.map((f) => f.code))];
  const teams = [...new Set(org.programmes.map((p) => p.team_id).filter((t): t is string => !!t))];
  const programmesOf = (team: string) => org.programmes.filter((p) => p.team_id === team).map((p) => p.id);
  const groupsOf = (programme: string) => org.groups.filter((g) => g.programme_id === programme).map((g) => g.id);
  const partitions: Partition[] = [];
  for (const code of codes) {
    const k = (scopeKind: string, scopeId: string) => keyOf({ scopeKind, scopeId, code });
    partitions.push({ parent: k('institution', institutionId), children: teams.map((t) => k('team', t)) });
    for (const t of teams) partitions.push({ parent: k('team', t), children: programmesOf(t).map((p) => k('programme', p)) });
    for (const p of org.programmes) partitions.push({ parent: k('programme', p.id), children: groupsOf(p.id).map((g) => k('group', g)) });
  }
  // Cohorts partition the judged students of a scope: lob_met → lob_met.2024, lob_met.2025, …
  for (const f of figures) {
    if (!/^lob_(met|open|missed)$/.test(f.code)) continue;
    const children = figures.filter((c) => c.scopeKind === f.scopeKind && c.scopeId === f.scopeId && c.code.startsWith(`${f.code}.`)).map(keyOf);
    partitions.push({ parent: keyOf(f), children });
  }
  const descendants = (key: string): string[] => {
    const [scopeKind, scopeId, code] = key.split(':');
    const k = (kind: string, id: string) => keyOf({ scopeKind: kind, scopeId: id, code });
    const cohortParts = /^lob_(met|open|missed)$/.test(code) ? codes.filter((c) => c.startsWith(`${code}.`)).map((c) => keyOf({ scopeKind, scopeId, code: c })) : [];
    if (scopeKind === 'team') return [...cohortParts, ...programmesOf(scopeId).map((p) => k('programme', p))];
    if (scopeKind === 'programme') return [...cohortParts, ...groupsOf(scopeId).map((g) => k('group', g))];
    return cohortParts;
  };
  suppress(cells, partitions, descendants);
  return cells;
}

/** Recomputes one institution's rollup of a school year, in one transaction. */
export async function refreshRollup(deps: Ctx, institutionId: string, schoolYear = currentSchoolYear(deps)): Promise<Date> {
  const judge = schoolYear === currentSchoolYear(deps);
  const facts = await withLobStatus(deps, await loadStudentFacts(deps.db, institutionId, schoolYear), judge);
  const figures = [...institutionFigures(institutionId, facts), ...(await qualityFigures(deps, institutionId, schoolYear)), ...(await transferFigures(deps, institutionId, schoolYear))];
  const cells = suppressFigures(institutionId, figures, await structure(deps.db, institutionId));
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('monitor_rollups').where('institution_id', '=', institutionId).where('school_year', '=', schoolYear).execute();
    const rows = figures.map((f) => ({
      institution_id: institutionId,
      school_year: schoolYear,
      scope_kind: f.scopeKind,
      scope_id: f.scopeId,
      code: f.code,
      numerator: f.numerator,
      denominator: f.denominator,
      n: f.n,
      person_based: f.personBased,
      suppressed: cells.get(keyOf(f))!.suppressed,
    }));
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('monitor_rollups').values(rows.slice(i, i + 1000)).execute();
    await trx
      .insertInto('monitor_refreshes')
      .values({ institution_id: institutionId, school_year: schoolYear, refreshed_at: now })
      .onConflict((oc) => oc.columns(['institution_id', 'school_year']).doUpdateSet({ refreshed_at: now }))
      .execute();
  });
  return now;
}

/** Institutions of this installation with students in the school year but no rollup yet. */
export async function institutionsWithoutRollup(db: Kysely<DB>, schoolYear: string, institutionIds?: string[]): Promise<string[]> {
  const start = Number(schoolYear.slice(0, 4));
  const r = await sql<{ id: string }>`
    select i.id from institutions i
    where exists (select 1 from enrolments e where e.institution_id = i.id
                  and e.starts_on <= ${`${start + 1}-07-31`}::date and (e.ends_on is null or e.ends_on >= ${`${start}-08-01`}::date))
      and not exists (select 1 from monitor_refreshes r where r.institution_id = i.id and r.school_year = ${schoolYear})
      ${institutionIds ? sql`and i.id = any(${institutionIds}::uuid[])` : sql``}`.execute(db);
  return r.rows.map((x) => x.id);
}

/** Fills the rollups that are missing (first read of a year). */
export async function ensureRollups(deps: Ctx, schoolYear: string, institutionIds?: string[]): Promise<void> {
  for (const id of await institutionsWithoutRollup(deps.db, schoolYear, institutionIds)) await refreshRollup(deps, id, schoolYear);
}

/** Refreshes every institution with students this school year: the scheduled run. */
export async function refreshAll(deps: Ctx): Promise<number> {
  const schoolYear = currentSchoolYear(deps);
  const start = Number(schoolYear.slice(0, 4));
  const r = await sql<{ id: string }>`
    select distinct e.institution_id as id from enrolments e
    where e.starts_on <= ${`${start + 1}-07-31`}::date and (e.ends_on is null or e.ends_on >= ${`${start}-08-01`}::date)`.execute(deps.db);
  for (const { id } of r.rows) await refreshRollup(deps, id, schoolYear);
  return r.rows.length;
}
