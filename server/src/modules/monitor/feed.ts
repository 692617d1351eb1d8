import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { definitionOf, valueOf } from './indicators.js';
import { ensureRollups } from './rollup.js';
import { MIN_CELL } from './suppression.js';

/**
 * The national feed (docs/monitor-feed.md): one institution's aggregates per school year as
 * CSV, suppression applied, no person data. The same format is imported from other Koers
 * installations so a national monitor can sum many of them.
 */
export const FEED_FORMAT = 'koers-monitor-1';
export const FEED_HEADER = ['format', 'school_year', 'brin', 'region_code', 'code', 'value', 'n', 'numerator', 'denominator', 'suppressed'];
type Ctx = Pick<Deps, 'db' | 'clock'>;

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const round = (v: number) => Math.round(v * 10000) / 10000;

/** The institution-level rows of one school year, as the national feed. */
export async function exportFeed(deps: Ctx, institutionId: string, schoolYear: string): Promise<{ csv: string; brin: string }> {
  await ensureRollups(deps, schoolYear, [institutionId]);
  const inst = await sql<{ brin: string | null; region_code: string | null }>`
    select i.brin, r.code as region_code from institutions i left join regions r on r.id = i.rmc_region_id where i.id = ${institutionId}`.execute(deps.db);
  const brin = inst.rows[0]?.brin ?? '';
  const regionCode = inst.rows[0]?.region_code ?? '';
  const rows = await deps.db
    .selectFrom('monitor_rollups')
    .select(['code', 'numerator', 'denominator', 'n', 'suppressed'])
    .where('institution_id', '=', institutionId)
    .where('school_year', '=', schoolYear)
    .where('scope_kind', '=', 'institution')
    .orderBy('code')
    .execute();
  const lines = [FEED_HEADER.join(',')];
  for (const r of rows) {
    const def = definitionOf(r.code);
    if (!def || def.special) continue; // special categories only ever leave as region figures
    const hidden = r.suppressed;
    lines.push(
      [FEED_FORMAT, schoolYear, brin, regionCode, r.code, hidden ? null : valueOf(def.kind, Number(r.numerator), Number(r.denominator)), hidden ? null : Number(r.n), hidden ? null : round(Number(r.numerator)), hidden ? null : round(Number(r.denominator)), hidden ? 1 : 0]
        .map(csvCell)
        .join(','),
    );
  }
  return { csv: `${lines.join('\n')}\n`, brin };
}

const MAX_ROWS = 50_000;

/** Checks one feed row; the reason in Dutch and English, or the row to store. */
function checkRow(cells: Record<string, string>, localBrins: Set<string>): { reason: string } | { row: FeedRow } {
  if (cells.format !== FEED_FORMAT) return { reason: `format moet ${FEED_FORMAT} zijn / format must be ${FEED_FORMAT}` };
  const year = cells.school_year ?? '';
  if (!/^\d{4}-\d{4}$/.test(year) || Number(year.slice(5)) !== Number(year.slice(0, 4)) + 1) return { reason: 'school_year moet zijn als 2026-2027 / school_year must be like 2026-2027' };
  const brin = (cells.brin ?? '').trim().toUpperCase();
  if (!/^[0-9]{2}[A-Z0-9]{2}$/.test(brin)) return { reason: 'brin is geen BRIN-code (zoals 25PZ) / brin is not a BRIN code (like 25PZ)' };
  if (localBrins.has(brin)) return { reason: 'deze instelling zit in deze installatie; haar cijfers komen uit de eigen gegevens / this institution is in this installation; its figures come from its own records' };
  const def = definitionOf(cells.code ?? '');
  if (!def) return { reason: `onbekende indicator ${cells.code} / unknown indicator ${cells.code}` };
  if (def.special) return { reason: 'bijzondere categorieën komen alleen per regio / special categories only per region' };
  if (cells.suppressed !== '0' && cells.suppressed !== '1') return { reason: 'suppressed moet 0 of 1 zijn / suppressed must be 0 or 1' };
  const regionCode = (cells.region_code ?? '').trim().slice(0, 40);
  if (cells.suppressed === '1') {
    if (['value', 'n', 'numerator', 'denominator'].some((k) => (cells[k] ?? '').trim() !== '')) return { reason: 'een onderdrukte cel heeft geen getallen / a suppressed cell carries no numbers' };
    return { row: { brin, regionCode, schoolYear: year, code: cells.code, value: null, n: null, numerator: null, denominator: null, suppressed: true } };
  }
  const num = (k: string) => ((cells[k] ?? '').trim() === '' ? NaN : Number(cells[k]));
  const [value, n, numerator, denominator] = ['value', 'n', 'numerator', 'denominator'].map(num);
  if ([value, n, numerator, denominator].some((v) => !Number.isFinite(v))) return { reason: 'value, n, numerator en denominator moeten getallen zijn / value, n, numerator and denominator must be numbers' };
  if (!Number.isInteger(n) || n < 0 || denominator <= 0 || numerator < (def.kind === 'mean' ? -Infinity : 0)) return { reason: 'n, numerator of denominator klopt niet / n, numerator or denominator is not valid' };
  const personBased = def.family !== 'kwaliteitskaart_done';
  if (personBased && n < MIN_CELL) return { reason: `een cel van minder dan ${MIN_CELL} studenten moet onderdrukt zijn / a cell of fewer than ${MIN_CELL} students must be suppressed` };
  const expected = valueOf(def.kind, numerator, denominator)!;
  if (Math.abs(expected - value) > 0.01) return { reason: `value past niet bij numerator/denominator (${expected}) / value does not match numerator/denominator (${expected})` };
  return { row: { brin, regionCode, schoolYear: year, code: cells.code, value, n, numerator, denominator, suppressed: false } };
}

interface FeedRow {
  brin: string;
  regionCode: string;
  schoolYear: string;
  code: string;
  value: number | null;
  n: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

/** Imports a feed of another installation; each row is imported or rejected with its row number (header = row 1). */
export async function importFeed(deps: Pick<Deps, 'db' | 'clock' | 'audit'>, actor: Actor, institutionId: string, body: unknown, ip?: string) {
  if (typeof body !== 'string' || !body.trim()) throw badRequest('validation_failed', { body: 'Stuur een CSV-bestand in het feed-formaat / send a CSV file in the feed format' });
  let records: string[][];
  try {
    records = parse(body.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    throw badRequest('validation_failed', { body: 'Dit is geen geldig CSV-bestand / this is not a valid CSV file' });
  }
  const [header, ...rows] = records;
  const names = (header ?? []).map((h) => h.trim());
  const missing = FEED_HEADER.filter((h) => !names.includes(h));
  if (missing.length) throw badRequest('validation_failed', { header: `Kolommen ontbreken / columns missing: ${missing.join(', ')}` });
  if (rows.length > MAX_ROWS) throw new AppError(413, 'payload_too_large');
  const local = await deps.db.selectFrom('institutions').select('brin').where('brin', 'is not', null).execute();
  const localBrins = new Set(local.map((l) => l.brin!.toUpperCase()));
  const accepted: FeedRow[] = [];
  const rejected: { row: number; reason: string }[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    const rowNumber = i + 2;
    if (cells.length !== names.length) return void rejected.push({ row: rowNumber, reason: `${cells.length} cellen, de kopregel heeft er ${names.length} / ${cells.length} cells, the header has ${names.length}` });
    const result = checkRow(Object.fromEntries(names.map((h, j) => [h, cells[j]])), localBrins);
    if ('reason' in result) return void rejected.push({ row: rowNumber, reason: result.reason });
    const key = `${result.row.brin}|${result.row.schoolYear}|${result.row.code}`;
    if (seen.has(key)) return void rejected.push({ row: rowNumber, reason: 'deze cel staat er al eerder in / this cell appears earlier in the file' });
    seen.add(key);
    accepted.push(result.row);
  });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < accepted.length; i += 1000) {
      await trx
        .insertInto('monitor_feed_rows')
        .values(accepted.slice(i, i + 1000).map((r) => ({ brin: r.brin, region_code: r.regionCode, school_year: r.schoolYear, code: r.code, value: r.value, n: r.n, numerator: r.numerator, denominator: r.denominator, suppressed: r.suppressed, imported_at: now })))
        .onConflict((oc) =>
          oc.columns(['brin', 'school_year', 'code']).doUpdateSet((eb) => ({
            region_code: eb.ref('excluded.region_code'),
            value: eb.ref('excluded.value'),
            n: eb.ref('excluded.n'),
            numerator: eb.ref('excluded.numerator'),
            denominator: eb.ref('excluded.denominator'),
            suppressed: eb.ref('excluded.suppressed'),
            imported_at: eb.ref('excluded.imported_at'),
          })),
        )
        .execute();
    }
    await deps.audit.record({ action: 'monitor.feed.import', actorId: actor.userId, institutionId, subjectType: 'monitor_feed', subjectId: institutionId, ip, details: { imported: accepted.length, rejected: rejected.length } }, trx);
  });
  return { imported: accepted.length, rejected };
}
