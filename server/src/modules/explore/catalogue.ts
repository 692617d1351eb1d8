import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import { INDICATOR_UNITS, type Figure } from './schema.js';
import type { Indicator } from './tables.js';

/**
 * The national catalogue with its Studie in Cijfers figures. Everything here is public: it
 * names programmes and institutions, never a person. A figure based on fewer students than
 * the configured threshold is suppressed — its value and its count are left out — because a
 * tiny programme's percentages are neither reliable nor anonymous.
 */
type Db = Pick<Deps, 'db' | 'config'>;

export interface FigureRow {
  programme_id: string;
  institution_id: string | null;
  indicator: Indicator;
  value: string | number;
  students: number;
  source: string;
  year: number;
  demo: boolean;
}

const INDICATOR_ORDER = Object.keys(INDICATOR_UNITS);

export function toFigure(row: FigureRow, minStudents: number): Figure {
  const suppressed = Number(row.students) < minStudents;
  return {
    indicator: row.indicator,
    unit: INDICATOR_UNITS[row.indicator],
    value: suppressed ? null : Number(row.value),
    students: suppressed ? null : Number(row.students),
    suppressed,
    source: row.source,
    year: Number(row.year),
    demo: row.demo,
  };
}

const byIndicator = (a: Figure, b: Figure) => INDICATOR_ORDER.indexOf(a.indicator) - INDICATOR_ORDER.indexOf(b.indicator);

/** The newest figure per programme, institution (null: national) and indicator, in one query. */
async function latestFigures(deps: Db, programmeIds: string[], nationalOnly: boolean): Promise<FigureRow[]> {
  if (programmeIds.length === 0) return [];
  const r = await sql<FigureRow>`
    select distinct on (f.programme_id, f.institution_id, f.indicator)
      f.programme_id, f.institution_id, f.indicator, f.value, f.students, f.source, f.year, f.demo
    from explore_figures f
    where f.programme_id in (${sql.join(programmeIds)}) ${nationalOnly ? sql`and f.institution_id is null` : sql``}
    order by f.programme_id, f.institution_id, f.indicator, f.year desc`.execute(deps.db);
  return r.rows;
}

interface ProgrammeRow {
  id: string;
  kind: 'mbo' | 'hbo';
  code: string;
  name: string;
  level: number | null;
  hbo_type: 'ad' | 'bachelor' | null;
  sector: string;
  description: string;
  demo: boolean;
}

interface OfferingRow {
  programme_id: string;
  institution_id: string;
  institution_name: string;
  institution_type: string;
  pathway: any;
  city: string;
}

async function offeringsOf(deps: Db, programmeIds: string[]): Promise<OfferingRow[]> {
  if (programmeIds.length === 0) return [];
  // institutions belong to module org: a set-based read of their public name and type.
  const r = await sql<OfferingRow>`
    select o.programme_id, o.institution_id, i.name as institution_name, i.type as institution_type, o.pathway, o.city
    from explore_offerings o join institutions i on i.id = o.institution_id
    where o.programme_id in (${sql.join(programmeIds)})
    order by i.name, o.pathway, o.city`.execute(deps.db);
  return r.rows;
}

function groupOfferings(rows: OfferingRow[]) {
  const byInstitution = new Map<string, { id: string; name: string; type: string; pathways: Set<any>; cities: Set<string> }>();
  for (const o of rows) {
    const entry = byInstitution.get(o.institution_id) ?? { id: o.institution_id, name: o.institution_name, type: o.institution_type, pathways: new Set(), cities: new Set() };
    entry.pathways.add(o.pathway);
    if (o.city) entry.cities.add(o.city);
    byInstitution.set(o.institution_id, entry);
  }
  return [...byInstitution.values()].map((e) => ({ id: e.id, name: e.name, type: e.type, pathways: [...e.pathways], cities: [...e.cities] }));
}

const ref = (p: Pick<ProgrammeRow, 'id' | 'kind' | 'code' | 'name' | 'level'>) => ({ id: p.id, kind: p.kind, code: p.code, name: p.name, level: p.level === null ? null : Number(p.level) });

/** Search the catalogue by name or code, with where each programme is offered and its national figures. */
export async function searchProgrammes(deps: Db, opts: { q?: string; kind?: 'mbo' | 'hbo'; limit: number; cursor?: string }) {
  const offset = Number(opts.cursor ?? 0);
  const q = opts.q?.trim().toLowerCase();
  const r = await sql<ProgrammeRow>`
    select p.id, p.kind, p.code, p.name, p.level, p.hbo_type, p.sector, p.description, p.demo
    from explore_programmes p
    where true
      ${q ? sql`and (lower(p.name) like ${'%' + escapeLike(q) + '%'} or p.code = ${q} or lower(p.sector) like ${'%' + escapeLike(q) + '%'})` : sql``}
      ${opts.kind ? sql`and p.kind = ${opts.kind}` : sql``}
    order by p.kind desc, p.name, p.level, p.id
    limit ${opts.limit + 1} offset ${offset}`.execute(deps.db);
  const page = r.rows.slice(0, opts.limit);
  const ids = page.map((p) => p.id);
  const [offerings, figures] = await Promise.all([offeringsOf(deps, ids), latestFigures(deps, ids, true)]);
  const min = deps.config.exploreMinStudents;
  return {
    items: page.map((p) => ({
      ...ref(p),
      hboType: p.hbo_type,
      sector: p.sector,
      demo: p.demo,
      institutions: groupOfferings(offerings.filter((o) => o.programme_id === p.id)).map(({ type: _t, ...i }) => i),
      national: figures.filter((f) => f.programme_id === p.id).map((f) => toFigure(f, min)).sort(byIndicator),
    })),
    nextCursor: r.rows.length > opts.limit ? String(offset + opts.limit) : null,
  };
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One programme: per institution and national figures, each school's explanation, follow-on programmes and occupations. */
export async function getProgramme(deps: Db, id: string) {
  const p = await deps.db
    .selectFrom('explore_programmes')
    .select(['id', 'kind', 'code', 'name', 'level', 'hbo_type', 'sector', 'description', 'demo'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!p) return null;
  const [offerings, figures, explanations, followOns, leadsFrom, occupations] = await Promise.all([
    offeringsOf(deps, [id]),
    latestFigures(deps, [id], false),
    deps.db.selectFrom('explore_explanations').select(['institution_id', 'body', 'year']).where('programme_id', '=', id).execute(),
    deps.db
      .selectFrom('explore_followons as f')
      .innerJoin('explore_programmes as h', 'h.id', 'f.hbo_programme_id')
      .select(['h.id', 'h.kind', 'h.code', 'h.name', 'h.level'])
      .where('f.mbo_programme_id', '=', id)
      .orderBy('h.name')
      .execute(),
    deps.db
      .selectFrom('explore_followons as f')
      .innerJoin('explore_programmes as m', 'm.id', 'f.mbo_programme_id')
      .select(['m.id', 'm.kind', 'm.code', 'm.name', 'm.level'])
      .where('f.hbo_programme_id', '=', id)
      .orderBy('m.name')
      .execute(),
    deps.db
      .selectFrom('explore_occupation_programmes as op')
      .innerJoin('explore_occupations as o', 'o.id', 'op.occupation_id')
      .select(['o.id', 'o.slug', 'o.name'])
      .where('op.programme_id', '=', id)
      .orderBy('o.name')
      .execute(),
  ]);
  const min = deps.config.exploreMinStudents;
  const institutions = groupOfferings(offerings);
  // An institution with figures but no offering row still gets its column.
  const withFigures = new Set(figures.filter((f) => f.institution_id).map((f) => f.institution_id!));
  const missing = [...withFigures].filter((i) => !institutions.some((x) => x.id === i));
  if (missing.length > 0) {
    const rows = await deps.db.selectFrom('institutions').select(['id', 'name', 'type']).where('id', 'in', missing).execute();
    for (const r of rows) institutions.push({ id: r.id, name: r.name, type: r.type, pathways: [], cities: [] });
  }
  return {
    ...ref(p),
    hboType: p.hbo_type,
    sector: p.sector,
    description: p.description,
    demo: p.demo,
    institutions: institutions.map(({ type: _t, ...i }) => i),
    national: figures.filter((f) => f.institution_id === null).map((f) => toFigure(f, min)).sort(byIndicator),
    perInstitution: institutions.map((i) => {
      const e = explanations.find((x) => x.institution_id === i.id);
      return {
        institution: { id: i.id, name: i.name, type: i.type },
        pathways: i.pathways,
        cities: i.cities,
        figures: figures.filter((f) => f.institution_id === i.id).map((f) => toFigure(f, min)).sort(byIndicator),
        explanation: e ? { body: e.body, year: Number(e.year) } : null,
      };
    }),
    followOns: followOns.map(ref),
    leadsFrom: leadsFrom.map(ref),
    occupations,
    minStudents: min,
  };
}

interface OccupationRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  tasks: string[];
  competencies: string[];
  isco: string | null;
  esco_uri: string | null;
  earnings_low: number | null;
  earnings_high: number | null;
  earnings_source: string;
  earnings_year: number | null;
  sector: string;
  demo: boolean;
}

/** Occupations by name, task or sector, with their prospects (optionally of one region) and the programmes that lead there. */
export async function searchOccupations(deps: Db, opts: { q?: string; region?: string; ids?: string[]; limit: number; cursor?: string }) {
  const offset = Number(opts.cursor ?? 0);
  const q = opts.q?.trim().toLowerCase();
  const like = q ? '%' + escapeLike(q) + '%' : null;
  const r = await sql<OccupationRow>`
    select o.id, o.slug, o.name, o.description, o.tasks, o.competencies, o.isco, o.esco_uri, o.earnings_low, o.earnings_high,
      o.earnings_source, o.earnings_year, o.sector, o.demo
    from explore_occupations o
    where true
      ${like ? sql`and (lower(o.name) like ${like} or lower(o.sector) like ${like} or lower(o.description) like ${like} or o.isco = ${q})` : sql``}
      ${opts.ids ? sql`and o.id in (${sql.join(opts.ids)})` : sql``}
    order by o.name, o.id
    limit ${opts.limit + 1} offset ${offset}`.execute(deps.db);
  const page = r.rows.slice(0, opts.limit);
  const ids = page.map((o) => o.id);
  const [prospects, programmes] = ids.length === 0 ? [[], []] : await Promise.all([
    // regions belong to module org: reference data, read-only.
    sql<{ occupation_id: string; region_id: string; code: string; name: string; outlook: any; source: string; as_of: string | Date; demo: boolean }>`
      select p.occupation_id, p.region_id, g.code, g.name, p.outlook, p.source, p.as_of::text as as_of, p.demo
      from explore_prospects p join regions g on g.id = p.region_id
      where p.occupation_id in (${sql.join(ids)}) ${opts.region ? sql`and g.code = ${opts.region}` : sql``}
      order by g.code`.execute(deps.db).then((x) => x.rows),
    sql<ProgrammeRow & { occupation_id: string }>`
      select op.occupation_id, p.id, p.kind, p.code, p.name, p.level
      from explore_occupation_programmes op join explore_programmes p on p.id = op.programme_id
      where op.occupation_id in (${sql.join(ids)}) order by p.kind desc, p.level, p.name`.execute(deps.db).then((x) => x.rows),
  ]);
  return {
    items: page.map((o) => ({
      id: o.id,
      slug: o.slug,
      name: o.name,
      description: o.description,
      tasks: o.tasks,
      competencies: o.competencies,
      isco: o.isco,
      escoUri: o.esco_uri,
      earnings:
        o.earnings_low === null && o.earnings_high === null
          ? null
          : { low: o.earnings_low === null ? null : Number(o.earnings_low), high: o.earnings_high === null ? null : Number(o.earnings_high), source: o.earnings_source, year: o.earnings_year === null ? null : Number(o.earnings_year) },
      sector: o.sector,
      demo: o.demo,
      prospects: prospects
        .filter((p) => p.occupation_id === o.id)
        .map((p) => ({ region: { id: p.region_id, code: p.code, name: p.name }, outlook: p.outlook, source: p.source, asOf: toDate(p.as_of), demo: p.demo })),
      programmes: programmes.filter((p) => p.occupation_id === o.id).map(ref),
    })),
    nextCursor: r.rows.length > opts.limit ? String(offset + opts.limit) : null,
  };
}

export async function getOccupation(deps: Db, id: string, region?: string) {
  const r = await searchOccupations(deps, { ids: [id], region, limit: 1 });
  return r.items[0] ?? null;
}

export async function listLabourMarketRegions(deps: Pick<Deps, 'db'>) {
  const rows = await deps.db.selectFrom('regions').select(['id', 'code', 'name']).where('kind', '=', 'arbeidsmarkt').orderBy('code').execute();
  return { items: rows };
}

export const toDate = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
