import { parse } from 'csv-parse/sync';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import nlLocale from 'zod/v4/locales/nl.js';
import enLocale from 'zod/v4/locales/en.js';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import type { Locale } from '../../platform/i18n.js';
import { badRequest } from '../../platform/errors.js';
import { DATASETS, INDICATORS, OUTLOOKS, PATHWAYS, type Dataset } from './schema.js';
import { importerInstitutions } from './policy.js';

/**
 * Import of the catalogue, the figures and the labour-market data in the documented format
 * (docs/verkennen-import.md): CSV with a header row, or JSON rows with the same field names.
 * Every row is checked on its own; the good rows are written in one transaction and every bad
 * row is reported with its number (1 = the first data row) and the reason. No scraping: the
 * data comes from files the institution or a national source provides.
 */

const zodLocales = { nl: nlLocale(), en: enLocale() };
const COMPETENCES = ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'] as const;

const REASONS: Record<string, Record<Locale, string>> = {
  programme_unknown: { nl: 'Deze opleiding staat niet in de catalogus. Importeer eerst de opleiding.', en: 'This programme is not in the catalogue. Import the programme first.' },
  institution_unknown: { nl: 'Geen instelling met dit BRIN-nummer.', en: 'No institution with this BRIN number.' },
  institution_not_yours: { nl: 'Je mag alleen gegevens van je eigen instelling importeren.', en: 'You may only import data of your own institution.' },
  region_unknown: { nl: 'Geen arbeidsmarktregio met deze code (AMR-01 t/m AMR-35).', en: 'No labour-market region with this code (AMR-01 to AMR-35).' },
  occupation_unknown: { nl: 'Dit beroep staat niet in de catalogus. Importeer eerst het beroep.', en: 'This occupation is not in the catalogue. Import the occupation first.' },
  follow_on_unknown: { nl: 'Een vervolgopleiding (hbo) in deze rij staat niet in de catalogus.', en: 'A follow-on (hbo) programme in this row is not in the catalogue.' },
  follow_on_not_mbo4: { nl: 'Alleen een mbo-opleiding op niveau 4 heeft hbo-vervolgopleidingen.', en: 'Only an mbo level-4 programme has hbo follow-on programmes.' },
  progression_only_level4: { nl: 'Doorstroom naar het hbo geldt alleen voor niveau 4.', en: 'Progression to hbo applies to level 4 only.' },
  percent_range: { nl: 'Een percentage ligt tussen 0 en 100.', en: 'A percentage lies between 0 and 100.' },
  score_range: { nl: 'Tevredenheid is een cijfer van 1 tot en met 10.', en: 'Satisfaction is a score from 1 to 10.' },
  duplicate_row: { nl: 'Deze rij staat al eerder in hetzelfde bestand.', en: 'This row already appears earlier in the same file.' },
  level_for_kind: { nl: 'Een mbo-opleiding heeft een niveau (1–4) en geen hbo-type; een hbo-opleiding een hbo-type (ad of bachelor) en geen niveau.', en: 'An mbo programme has a level (1–4) and no hbo type; an hbo programme has an hbo type (ad or bachelor) and no level.' },
  pathway_for_kind: { nl: 'mbo kent BOL en BBL; hbo kent voltijd, deeltijd en duaal.', en: 'mbo has BOL and BBL; hbo has voltijd, deeltijd and duaal.' },
  earnings_order: { nl: 'Het hoogste salaris is lager dan het laagste.', en: 'The highest earnings are lower than the lowest.' },
  csv_unreadable: { nl: 'Het CSV-bestand kan niet worden gelezen', en: 'The CSV file cannot be read' },
};
const reason = (code: string, locale: Locale) => REASONS[code][locale];

// CSV cells are text; JSON may carry numbers, booleans and lists. Both end up the same.
const cell = z.preprocess((v) => (v === undefined || v === null ? '' : typeof v === 'number' ? String(v) : v), z.string().trim());
const required = (max: number) => cell.pipe(z.string().min(1).max(max));
const optional = (max: number) => cell.pipe(z.string().max(max)).transform((v) => v || null);
const int = (min: number, max: number) => z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v), z.number().int().min(min).max(max));
const optionalInt = (min: number, max: number) =>
  z.preprocess((v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : typeof v === 'string' ? Number(v.trim()) : v), z.number().int().min(min).max(max).nullable());
const decimal = z.preprocess((v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim().replace(',', '.'))) : v), z.number().min(0).max(100000));
const list = (item: z.ZodType<string>, max: number) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(';').map((s) => s.trim()).filter(Boolean) : v ?? []), z.array(item).max(max));
const flag = z.preprocess((v) => (typeof v === 'string' ? ['1', 'true', 'ja', 'yes'].includes(v.trim().toLowerCase()) : v ?? false), z.boolean());
const kind = cell.pipe(z.enum(['mbo', 'hbo']));
const code = cell.pipe(z.string().regex(/^[0-9]{5}$/, 'crebo/CROHO: 5 cijfers / 5 digits'));
const brin = cell.pipe(z.string().regex(/^[0-9]{2}[A-Z0-9]{2}$/, 'BRIN: 4 tekens / 4 characters'));
const year = int(2000, 2100);

const ROW_SCHEMAS = {
  programmes: z.object({
    kind,
    code,
    name: required(200),
    level: optionalInt(1, 4),
    hbo_type: cell.pipe(z.enum(['', 'ad', 'bachelor'])).transform((v) => (v || null) as 'ad' | 'bachelor' | null),
    sector: cell.pipe(z.string().max(200)),
    description: cell.pipe(z.string().max(4000)),
    follow_on_codes: list(z.string().regex(/^[0-9]{5}$/), 50),
    demo: flag,
  }),
  offerings: z.object({ kind, code, brin, pathway: cell.pipe(z.enum(PATHWAYS)), city: cell.pipe(z.string().max(100)) }),
  figures: z.object({
    kind,
    code,
    brin: cell.pipe(z.union([z.literal(''), z.string().regex(/^[0-9]{2}[A-Z0-9]{2}$/, 'BRIN: 4 tekens / 4 characters')])),
    indicator: cell.pipe(z.enum(INDICATORS)),
    value: decimal,
    students: int(0, 10_000_000),
    source: required(300),
    year,
    demo: flag,
  }),
  explanations: z.object({ kind, code, brin, year, text: required(2000) }),
  occupations: z.object({
    slug: cell.pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'a-z, 0-9, -')),
    name: required(200),
    description: required(4000),
    tasks: list(z.string().max(300), 30),
    competencies: list(z.string().max(200), 30),
    isco: optional(4).pipe(z.string().regex(/^[0-9]{4}$/, 'ISCO-08: 4 cijfers / 4 digits').nullable()),
    esco_uri: optional(200).pipe(z.string().regex(/^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/, 'ESCO URI').nullable()),
    earnings_low: optionalInt(1, 100_000),
    earnings_high: optionalInt(1, 100_000),
    earnings_source: cell.pipe(z.string().max(300)),
    earnings_year: optionalInt(2000, 2100),
    sector: cell.pipe(z.string().max(200)),
    programme_codes: list(z.string().regex(/^(mbo|hbo):[0-9]{5}$/, 'mbo:12345 / hbo:12345'), 50),
    demo: flag,
  }),
  prospects: z.object({
    slug: required(80),
    region: cell.pipe(z.string().regex(/^AMR-[0-9]{2}$/, 'AMR-01 … AMR-35')),
    outlook: cell.pipe(z.enum(OUTLOOKS)),
    source: required(300),
    as_of: cell.pipe(z.iso.date()),
    demo: flag,
  }),
} satisfies Record<Dataset, z.ZodType>;

export interface Rejection {
  row: number;
  field: string | null;
  reason: string;
}

class RowError extends Error {
  constructor(public readonly field: string | null, message: string) {
    super(message);
  }
}

/** Reads the uploaded rows: parsed CSV (header row = field names) or the JSON rows as given. */
export function readRows(input: { csv: string } | { rows: Record<string, unknown>[] }, locale: Locale): Record<string, unknown>[] {
  if ('rows' in input) return input.rows;
  try {
    return parse(input.csv.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, relax_column_count: true, trim: true }) as Record<string, unknown>[];
  } catch (err) {
    throw badRequest('import_unreadable', { csv: `${reason('csv_unreadable', locale)}: ${(err as Error).message}` });
  }
}

interface Lookups {
  programmes: Map<string, { id: string; level: number | null; kind: string }>;
  institutions: Map<string, string>;
  regions: Map<string, string>;
  occupations: Map<string, string>;
  mine: Set<string>;
}

async function loadLookups(trx: Transaction<DB>, actor: Actor): Promise<Lookups> {
  // institutions and regions belong to module org: read-only lookups by BRIN and code.
  const [programmes, institutions, regions, occupations] = await Promise.all([
    trx.selectFrom('explore_programmes').select(['id', 'kind', 'code', 'level']).execute(),
    trx.selectFrom('institutions').select(['id', 'brin']).where('brin', 'is not', null).execute(),
    trx.selectFrom('regions').select(['id', 'code']).where('kind', '=', 'arbeidsmarkt').execute(),
    trx.selectFrom('explore_occupations').select(['id', 'slug']).execute(),
  ]);
  return {
    programmes: new Map(programmes.map((p) => [`${p.kind}:${p.code}`, { id: p.id, level: p.level === null ? null : Number(p.level), kind: p.kind }])),
    institutions: new Map(institutions.map((i) => [i.brin!, i.id])),
    regions: new Map(regions.map((r) => [r.code, r.id])),
    occupations: new Map(occupations.map((o) => [o.slug, o.id])),
    mine: new Set(importerInstitutions(actor)),
  };
}

/** Imports one dataset; good rows are written, bad rows reported. */
export async function importDataset(deps: Pick<Deps, 'db' | 'clock' | 'audit'>, actor: Actor, dataset: Dataset, input: { csv: string } | { rows: Record<string, unknown>[] }, locale: Locale, ip?: string) {
  if (!DATASETS.includes(dataset)) throw badRequest('validation_failed', { dataset: 'unknown' });
  const rows = readRows(input, locale);
  if (rows.length > 5000) throw badRequest('import_too_many_rows', { rows: '5000' });
  const schema = ROW_SCHEMAS[dataset] as z.ZodType<any>;
  const now = deps.clock.now();
  const rejected: Rejection[] = [];
  let imported = 0;
  await deps.db.transaction().execute(async (trx) => {
    const lookups = await loadLookups(trx, actor);
    const seen = new Set<string>();
    for (let i = 0; i < rows.length; i++) {
      const rowNumber = i + 1;
      const parsed = schema.safeParse(rows[i], { error: zodLocales[locale].localeError });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        rejected.push({ row: rowNumber, field: issue.path.map(String).join('.') || null, reason: issue.message });
        continue;
      }
      try {
        await writeRow(trx, dataset, parsed.data, lookups, locale, now, (key) => {
          if (seen.has(key)) throw new RowError(null, reason('duplicate_row', locale));
          seen.add(key);
        });
        imported++;
      } catch (err) {
        if (!(err instanceof RowError)) throw err;
        rejected.push({ row: rowNumber, field: err.field, reason: err.message });
      }
    }
    await deps.audit.record({ action: 'explore.import', actorId: actor.userId, subjectType: 'explore_dataset', subjectId: undefined, ip, details: { dataset, imported, rejected: rejected.length } }, trx);
  });
  return { dataset, imported, rejected };
}

function programmeOf(l: Lookups, kind: string, code: string, locale: Locale) {
  const p = l.programmes.get(`${kind}:${code}`);
  if (!p) throw new RowError('code', reason('programme_unknown', locale));
  return p;
}

function ownInstitution(l: Lookups, brin: string, locale: Locale) {
  const id = l.institutions.get(brin);
  if (!id) throw new RowError('brin', reason('institution_unknown', locale));
  if (!l.mine.has(id)) throw new RowError('brin', reason('institution_not_yours', locale));
  return id;
}

/**
 * Checks one parsed row against the catalogue and writes it (insert or update). Before writing
 * it claims the row's natural key, so a second row with the same key in one file is reported
 * instead of silently overwriting the first.
 */
async function writeRow(trx: Transaction<DB>, dataset: Dataset, r: any, l: Lookups, locale: Locale, now: Date, claim: (key: string) => void): Promise<void> {
  switch (dataset) {
    case 'programmes': {
      if ((r.kind === 'mbo') !== (r.level !== null) || (r.kind === 'hbo') !== (r.hbo_type !== null)) throw new RowError('level', reason('level_for_kind', locale));
      const followOns = (r.follow_on_codes as string[]).map((c) => l.programmes.get(`hbo:${c}`));
      if (followOns.some((f) => !f)) throw new RowError('follow_on_codes', reason('follow_on_unknown', locale));
      if (followOns.length > 0 && (r.kind !== 'mbo' || r.level !== 4)) throw new RowError('follow_on_codes', reason('follow_on_not_mbo4', locale));
      const key = `${r.kind}:${r.code}`;
      claim(key);
      const row = await trx
        .insertInto('explore_programmes')
        .values({ kind: r.kind, code: r.code, name: r.name, level: r.level, hbo_type: r.hbo_type, sector: r.sector, description: r.description, demo: r.demo, updated_at: now })
        .onConflict((oc) => oc.columns(['kind', 'code']).doUpdateSet({ name: r.name, level: r.level, hbo_type: r.hbo_type, sector: r.sector, description: r.description, demo: r.demo, updated_at: now }))
        .returning('id')
        .executeTakeFirstOrThrow();
      l.programmes.set(key, { id: row.id, level: r.level, kind: r.kind });
      await trx.deleteFrom('explore_followons').where('mbo_programme_id', '=', row.id).execute();
      if (followOns.length > 0) {
        await trx.insertInto('explore_followons').values([...new Set(followOns.map((f) => f!.id))].map((id) => ({ mbo_programme_id: row.id, hbo_programme_id: id }))).execute();
      }
      return;
    }
    case 'offerings': {
      const p = programmeOf(l, r.kind, r.code, locale);
      if ((r.kind === 'mbo') !== ['BOL', 'BBL'].includes(r.pathway)) throw new RowError('pathway', reason('pathway_for_kind', locale));
      const institutionId = ownInstitution(l, r.brin, locale);
      claim(`${p.id}:${institutionId}:${r.pathway}:${r.city}`);
      await trx.insertInto('explore_offerings').values({ programme_id: p.id, institution_id: institutionId, pathway: r.pathway, city: r.city, org_programme_id: null }).onConflict((oc) => oc.doNothing()).execute();
      return;
    }
    case 'figures': {
      const p = programmeOf(l, r.kind, r.code, locale);
      const institutionId = r.brin ? ownInstitution(l, r.brin, locale) : null;
      if (r.indicator === 'progression_hbo' && p.level !== 4) throw new RowError('indicator', reason('progression_only_level4', locale));
      if (['pass_rate', 'progression_hbo', 'work_in_field', 'internship_chance'].includes(r.indicator) && r.value > 100) throw new RowError('value', reason('percent_range', locale));
      if (r.indicator === 'satisfaction' && (r.value < 1 || r.value > 10)) throw new RowError('value', reason('score_range', locale));
      claim(`${p.id}:${institutionId}:${r.indicator}:${r.year}`);
      const existing = await trx
        .selectFrom('explore_figures')
        .select('id')
        .where('programme_id', '=', p.id)
        .where((eb) => (institutionId ? eb('institution_id', '=', institutionId) : eb('institution_id', 'is', null)))
        .where('indicator', '=', r.indicator)
        .where('year', '=', r.year)
        .executeTakeFirst();
      const values = { value: r.value, students: r.students, source: r.source, demo: r.demo, imported_at: now };
      if (existing) await trx.updateTable('explore_figures').set(values).where('id', '=', existing.id).execute();
      else await trx.insertInto('explore_figures').values({ programme_id: p.id, institution_id: institutionId, indicator: r.indicator, year: r.year, ...values }).execute();
      return;
    }
    case 'explanations': {
      const p = programmeOf(l, r.kind, r.code, locale);
      const institutionId = ownInstitution(l, r.brin, locale);
      claim(`${p.id}:${institutionId}`);
      await trx
        .insertInto('explore_explanations')
        .values({ programme_id: p.id, institution_id: institutionId, body: r.text, year: r.year, updated_at: now })
        .onConflict((oc) => oc.columns(['programme_id', 'institution_id']).doUpdateSet({ body: r.text, year: r.year, updated_at: now }))
        .execute();
      return;
    }
    case 'occupations': {
      if (r.earnings_low !== null && r.earnings_high !== null && r.earnings_high < r.earnings_low) throw new RowError('earnings_high', reason('earnings_order', locale));
      const programmeIds = (r.programme_codes as string[]).map((c) => l.programmes.get(c)?.id);
      if (programmeIds.some((id) => !id)) throw new RowError('programme_codes', reason('programme_unknown', locale));
      claim(r.slug);
      const values = {
        name: r.name, description: r.description, tasks: r.tasks, competencies: r.competencies, isco: r.isco, esco_uri: r.esco_uri,
        earnings_low: r.earnings_low, earnings_high: r.earnings_high, earnings_source: r.earnings_source, earnings_year: r.earnings_year,
        sector: r.sector, demo: r.demo, updated_at: now,
      };
      const row = await trx
        .insertInto('explore_occupations')
        .values({ slug: r.slug, ...values })
        .onConflict((oc) => oc.column('slug').doUpdateSet(values))
        .returning('id')
        .executeTakeFirstOrThrow();
      l.occupations.set(r.slug, row.id);
      await trx.deleteFrom('explore_occupation_programmes').where('occupation_id', '=', row.id).execute();
      const unique = [...new Set(programmeIds as string[])];
      if (unique.length > 0) await trx.insertInto('explore_occupation_programmes').values(unique.map((programme_id) => ({ occupation_id: row.id, programme_id }))).execute();
      return;
    }
    case 'prospects': {
      const occupationId = l.occupations.get(r.slug);
      if (!occupationId) throw new RowError('slug', reason('occupation_unknown', locale));
      const regionId = l.regions.get(r.region);
      if (!regionId) throw new RowError('region', reason('region_unknown', locale));
      claim(`${occupationId}:${regionId}`);
      await trx
        .insertInto('explore_prospects')
        .values({ occupation_id: occupationId, region_id: regionId, outlook: r.outlook, source: r.source, as_of: r.as_of, demo: r.demo })
        .onConflict((oc) => oc.columns(['occupation_id', 'region_id']).doUpdateSet({ outlook: r.outlook, source: r.source, as_of: r.as_of, demo: r.demo }))
        .execute();
      return;
    }
  }
}

export { COMPETENCES as EXPLORE_COMPETENCES };
