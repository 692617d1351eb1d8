import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import type { Locale } from '../../platform/i18n.js';
import type { Actor } from '../../platform/policy.js';
import { currentSchoolYear } from './compute.js';
import { FAMILIES, definitionOf, labelOf, shownAt, valueOf, type Level } from './indicators.js';
import { canSeeLevel, INSTITUTION_WIDE, MONITOR_ROLES, type MonitorScope } from './policy.js';
import { ensureRollups } from './rollup.js';
import { primarySuppressed } from './suppression.js';
import type { ScopeKind } from './tables.js';

/**
 * The read side of the monitor: which scope a request is about, and its indicators from the
 * rollup (never from the raw records). Region and nation are sums over institution rollups and
 * the imported national feeds; a total under 10 students is suppressed there too.
 */
type Ctx = Pick<Deps, 'db' | 'clock'>;

export { refreshAll, refreshRollup } from './rollup.js';
export { refreshUnderLock, startMonitorScheduler } from './scheduler.js';

const SCOPE_KIND: Partial<Record<Level, ScopeKind>> = { group: 'group', team: 'team', opleiding: 'programme', institution: 'institution' };

/** The reader's institution for the monitor: the first where they hold a monitor role. */
function readerInstitution(actor: Actor, roles = MONITOR_ROLES): string | null {
  return actor.roles.find((r) => roles.includes(r.role))?.institutionId ?? null;
}

async function regionMembers(db: Kysely<DB>, regionId: string | null): Promise<string[]> {
  if (!regionId) return [];
  const rows = await db.selectFrom('institutions').select('id').where('rmc_region_id', '=', regionId).execute();
  return rows.map((r) => r.id);
}

/** Loads the scope a request names (or the reader's own one without id); null when it does not exist. */
export async function resolveScope(deps: Ctx, actor: Actor, level: Level, id?: string): Promise<MonitorScope | null> {
  const db = deps.db;
  const base = { level, readerInTeam: false, regionMembers: [] as string[], teamId: null, private: false as const };
  if (level === 'nation') return { ...base, id: null, name: 'Nederland' };
  if (level === 'region') {
    let regionId = id ?? null;
    if (!regionId) {
      const inst = readerInstitution(actor);
      regionId = inst ? ((await db.selectFrom('institutions').select('rmc_region_id').where('id', '=', inst).executeTakeFirst())?.rmc_region_id ?? null) : null;
    }
    if (!regionId) return null;
    const region = await db.selectFrom('regions').select(['id', 'name']).where('id', '=', regionId).executeTakeFirst();
    if (!region) return null;
    return { ...base, id: region.id, name: region.name, regionMembers: await regionMembers(db, region.id) };
  }
  if (level === 'institution') {
    const instId = id ?? readerInstitution(actor);
    if (!instId) return null;
    const inst = await db.selectFrom('institutions').select(['id', 'name']).where('id', '=', instId).executeTakeFirst();
    return inst ? { ...base, id: inst.id, name: inst.name, institutionId: inst.id } : null;
  }
  // team, opleiding, group: their team decides who may look
  const row = await sql<{ id: string; name: string; institution_id: string; team_id: string | null }>`
    ${
      level === 'team'
        ? sql`select t.id, t.name, t.institution_id, t.id as team_id from teams t where ${id ? sql`t.id = ${id}` : sql`t.id in (select tm.team_id from team_members tm where tm.user_id = ${actor.userId})`}`
        : level === 'opleiding'
          ? sql`select p.id, p.name, p.institution_id, p.team_id from programmes p where ${id ? sql`p.id = ${id}` : sql`p.team_id in (select tm.team_id from team_members tm where tm.user_id = ${actor.userId})`}`
          : sql`select g.id, g.name, g.institution_id, p.team_id from groups g left join programmes p on p.id = g.programme_id where ${id ? sql`g.id = ${id}` : sql`p.team_id in (select tm.team_id from team_members tm where tm.user_id = ${actor.userId})`}`
    }
    order by 2, 1 limit 1`.execute(db);
  const r = row.rows[0];
  if (!r) return null;
  const inTeam = r.team_id
    ? !!(await db.selectFrom('team_members').select('team_id').where('team_id', '=', r.team_id).where('user_id', '=', actor.userId).executeTakeFirst())
    : false;
  return { ...base, id: r.id, name: r.name, institutionId: r.institution_id, teamId: r.team_id, readerInTeam: inTeam };
}

interface Sum {
  code: string;
  numerator: number;
  denominator: number;
  n: number;
  personBased: boolean;
  suppressed: boolean;
}

async function scopeSums(deps: Ctx, scope: MonitorScope, schoolYear: string): Promise<Sum[]> {
  const kind = SCOPE_KIND[scope.level];
  if (kind) {
    await ensureRollups(deps, schoolYear, [scope.institutionId!]);
    const rows = await deps.db
      .selectFrom('monitor_rollups')
      .select(['code', 'numerator', 'denominator', 'n', 'person_based', 'suppressed'])
      .where('scope_kind', '=', kind)
      .where('scope_id', '=', scope.id!)
      .where('school_year', '=', schoolYear)
      .execute();
    return rows.map((r) => ({ code: r.code, numerator: Number(r.numerator), denominator: Number(r.denominator), n: Number(r.n), personBased: r.person_based, suppressed: r.suppressed }));
  }
  // Region and nation: sums over the institution rollups of this installation (and, for the nation, the imported feeds).
  await ensureRollups(deps, schoolYear, scope.level === 'region' ? scope.regionMembers : undefined);
  const local = await sql<{ code: string; numerator: number; denominator: number; n: number; person_based: boolean }>`
    select r.code, sum(r.numerator)::float as numerator, sum(r.denominator)::float as denominator, sum(r.n)::int as n, bool_and(r.person_based) as person_based
    from monitor_rollups r
    where r.scope_kind = 'institution' and r.school_year = ${schoolYear}
      ${scope.level === 'region' ? sql`and r.institution_id = any(${scope.regionMembers}::uuid[])` : sql``}
    group by r.code`.execute(deps.db);
  const sums = new Map(local.rows.map((r) => [r.code, { code: r.code, numerator: Number(r.numerator), denominator: Number(r.denominator), n: Number(r.n), personBased: r.person_based, suppressed: false }]));
  if (scope.level === 'nation') {
    // Feeds of other installations: only their visible cells carry numbers; our own institutions are never counted twice.
    const feeds = await sql<{ code: string; numerator: number; denominator: number; n: number }>`
      select f.code, sum(f.numerator)::float as numerator, sum(f.denominator)::float as denominator, sum(f.n)::int as n
      from monitor_feed_rows f
      where f.school_year = ${schoolYear} and not f.suppressed and f.numerator is not null
        and not exists (select 1 from institutions i where i.brin = f.brin)
      group by f.code`.execute(deps.db);
    for (const f of feeds.rows) {
      const s = sums.get(f.code) ?? { code: f.code, numerator: 0, denominator: 0, n: 0, personBased: definitionOf(f.code)?.family !== 'kwaliteitskaart_done', suppressed: false };
      sums.set(f.code, { ...s, numerator: s.numerator + Number(f.numerator), denominator: s.denominator + Number(f.denominator), n: s.n + Number(f.n) });
    }
  }
  return [...sums.values()].map((s) => ({ ...s, suppressed: primarySuppressed(s.n, s.personBased) }));
}

const FAMILY_ORDER = Object.keys(FAMILIES);
const byCatalogue = (a: string, b: string) => {
  const fa = FAMILY_ORDER.indexOf(a.split('.')[0]);
  const fb = FAMILY_ORDER.indexOf(b.split('.')[0]);
  return fa - fb || (a.includes('.') ? 1 : 0) - (b.includes('.') ? 1 : 0) || a.localeCompare(b);
};

/** The items of a scope: what its level may show, suppressed cells without value or n. */
export async function indicatorItems(deps: Ctx, scope: MonitorScope, schoolYear: string, locale: Locale) {
  const sums = await scopeSums(deps, scope, schoolYear);
  return sums
    .filter((s) => {
      const def = definitionOf(s.code);
      return !!def && shownAt(def, scope.level);
    })
    .sort((a, b) => byCatalogue(a.code, b.code))
    .map((s) => {
      const def = definitionOf(s.code)!;
      return {
        code: s.code,
        label: labelOf(s.code, locale),
        value: s.suppressed ? null : valueOf(def.kind, s.numerator, s.denominator),
        n: s.suppressed ? null : s.n,
        suppressed: s.suppressed,
        explanation: def.explanation[locale],
      };
    });
}

/** The scopes one level below that the reader may open. */
async function drillDown(deps: Ctx, actor: Actor, scope: MonitorScope) {
  const db = deps.db;
  let rows: { level: Level; id: string; name: string }[] = [];
  if (scope.level === 'institution') {
    rows = (await db.selectFrom('teams').select(['id', 'name']).where('institution_id', '=', scope.id!).orderBy('name').execute()).map((t) => ({ level: 'team', ...t }));
  } else if (scope.level === 'team') {
    rows = (await db.selectFrom('programmes').select(['id', 'name']).where('team_id', '=', scope.id!).orderBy('name').execute()).map((p) => ({ level: 'opleiding', ...p }));
  } else if (scope.level === 'opleiding') {
    rows = (await db.selectFrom('groups').select(['id', 'name']).where('programme_id', '=', scope.id!).orderBy('name').execute()).map((g) => ({ level: 'group', ...g }));
  } else if (scope.level === 'region') {
    rows = (await db.selectFrom('institutions').select(['id', 'name']).where('id', 'in', scope.regionMembers.length ? scope.regionMembers : ['00000000-0000-0000-0000-000000000000']).where('type', '=', 'mbo').orderBy('name').execute()).map((i) => ({ level: 'institution', ...i }));
  }
  const visible: typeof rows = [];
  for (const r of rows) {
    const child = await resolveScope(deps, actor, r.level, r.id);
    if (child && canSeeLevel(actor, child)) visible.push(r);
  }
  return visible;
}

export async function readIndicators(deps: Ctx, actor: Actor, scope: MonitorScope, schoolYear: string | undefined, locale: Locale) {
  const year = schoolYear ?? currentSchoolYear(deps);
  const items = await indicatorItems(deps, scope, year, locale);
  const refreshed = scope.institutionId
    ? await deps.db.selectFrom('monitor_refreshes').select('refreshed_at').where('institution_id', '=', scope.institutionId).where('school_year', '=', year).executeTakeFirst()
    : await deps.db.selectFrom('monitor_refreshes').select(sql<Date>`max(refreshed_at)`.as('refreshed_at')).where('school_year', '=', year).executeTakeFirst();
  const years = await deps.db.selectFrom('monitor_refreshes').select('school_year').distinct().orderBy('school_year').execute();
  return {
    level: scope.level,
    id: scope.id,
    name: scope.name,
    schoolYear: year,
    refreshedAt: refreshed?.refreshed_at ? new Date(refreshed.refreshed_at).toISOString() : null,
    items,
    drillDown: await drillDown(deps, actor, scope),
    schoolYears: years.map((y) => y.school_year),
  };
}

/** The institution the LOB-coördinator or administrator exports, refreshes or imports for. */
export function institutionScope(actor: Actor) {
  return { institutionId: readerInstitution(actor, INSTITUTION_WIDE) ?? undefined, private: false as const };
}
