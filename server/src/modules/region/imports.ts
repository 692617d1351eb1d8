import { CsvError, parse } from 'csv-parse/sync';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { AppError, badRequest, registerErrorMessages } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import { ageOn, schoolDate } from '../../platform/clock.js';
import { MAX_AGE, MIN_AGE, recordPlacementStatus, type PlacementInput } from './service.js';
import { PLACE_STATUSES, REASONS, type PlaceStatus, type Reason } from './tables.js';

/**
 * Imports of school leavers (from schools) and municipal registrations (from the gemeente's
 * own records) in the CSV formats documented in docs/region-import.md. Every row is checked
 * first; the valid rows are written in one transaction, each rejected row is reported with
 * its row number (the header is row 1) and the reason.
 */
export type ImportKind = 'school_leavers' | 'municipal';

export const IMPORT_COLUMNS: Record<ImportKind, string[]> = {
  school_leavers: ['ref', 'given_name', 'family_name', 'birth_date', 'gemeente', 'school', 'brin', 'programme', 'level', 'started_on', 'left_on', 'reason'],
  municipal: ['ref', 'given_name', 'family_name', 'birth_date', 'gemeente', 'status', 'since', 'reason'],
};

const MAX_ROWS = 20000;

registerErrorMessages({
  region_import_no_file: { nl: 'Er is geen bestand meegestuurd.', en: 'No file was uploaded.' },
  region_import_unreadable: { nl: 'Het bestand is geen leesbare CSV in UTF-8.', en: 'The file is not readable UTF-8 CSV.' },
  region_import_header: { nl: 'De kopregel klopt niet met het formaat.', en: 'The header row does not match the format.' },
  region_import_no_region: { nl: 'Je organisatie hoort niet bij een RMC-regio.', en: 'Your organisation belongs to no RMC region.' },
});

type Msg = { nl: string; en: string };
const M = {
  missing: (c: string): Msg => ({ nl: `${c} ontbreekt`, en: `${c} is missing` }),
  date: (c: string): Msg => ({ nl: `${c} is geen datum (JJJJ-MM-DD)`, en: `${c} is not a date (YYYY-MM-DD)` }),
  age: (): Msg => ({ nl: `leeftijd valt buiten ${MIN_AGE} tot en met ${MAX_AGE} jaar`, en: `age is outside ${MIN_AGE} to ${MAX_AGE}` }),
  future: (c: string): Msg => ({ nl: `${c} ligt in de toekomst`, en: `${c} lies in the future` }),
  level: (): Msg => ({ nl: 'niveau moet 1, 2, 3 of 4 zijn', en: 'level must be 1, 2, 3 or 4' }),
  reason: (): Msg => ({ nl: `reden onbekend (kies uit ${REASONS.join(', ')})`, en: `unknown reason (one of ${REASONS.join(', ')})` }),
  status: (): Msg => ({ nl: `status onbekend (kies uit ${PLACE_STATUSES.join(', ')})`, en: `unknown status (one of ${PLACE_STATUSES.join(', ')})` }),
  order: (): Msg => ({ nl: 'uitschrijfdatum ligt voor de startdatum', en: 'left_on is before started_on' }),
  duplicate: (): Msg => ({ nl: 'ref staat al eerder in dit bestand', en: 'ref appears earlier in this file' }),
  fields: (n: number): Msg => ({ nl: `verwacht ${n} velden zoals in de kopregel`, en: `expected ${n} fields as in the header` }),
  tooLong: (c: string): Msg => ({ nl: `${c} is te lang`, en: `${c} is too long` }),
};

/** Reads the uploaded CSV file of a multipart request (field "file"). */
export async function readImportFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', { file: 'Stuur het bestand als multipart/form-data / send the file as multipart/form-data.' });
  const part = await req.file({ limits: { files: 1 } });
  if (!part) throw badRequest('region_import_no_file', { file: 'Kies een CSV-bestand / choose a CSV file.' });
  return part.toBuffer();
}

const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** Parses the file into rows by column name; a file that is not CSV at all is a 400 for the whole file. */
function parseRows(content: Buffer, kind: ImportKind): { line: number; fields: string[] }[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw badRequest('region_import_unreadable', { file: 'Niet in UTF-8 / not UTF-8.' });
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    if (err instanceof CsvError) throw badRequest('region_import_unreadable', { file: `CSV: ${err.code}` });
    throw err;
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const expected = IMPORT_COLUMNS[kind];
  if (header.join(',') !== expected.join(',')) throw badRequest('region_import_header', { file: `Kopregel / header: ${expected.join(',')}` });
  if (records.length - 1 > MAX_ROWS) throw new AppError(413, 'payload_too_large', { file: `Maximaal ${MAX_ROWS} regels / at most ${MAX_ROWS} rows.` });
  return records.slice(1).map((fields, i) => ({ line: i + 2, fields }));
}

/** Checks one row and turns it into a placement report, or says why it cannot be imported. */
function checkRow(kind: ImportKind, v: Record<string, string>, today: string, resolveBrin: (brin: string) => { id: string; name: string } | undefined): { input: Omit<PlacementInput, 'rmcRegionId' | 'recordedBy'> } | { reject: Msg } {
  const need = kind === 'school_leavers' ? ['ref', 'given_name', 'family_name', 'birth_date', 'gemeente', 'left_on'] : ['ref', 'given_name', 'family_name', 'birth_date', 'gemeente', 'status', 'since'];
  for (const c of need) if (!v[c]) return { reject: M.missing(c) };
  for (const c of ['ref', 'given_name', 'family_name', 'gemeente', 'school', 'programme']) if ((v[c] ?? '').length > (c === 'ref' ? 100 : 200)) return { reject: M.tooLong(c) };
  for (const c of ['birth_date', 'started_on', 'left_on', 'since']) if (v[c] && !isDate(v[c])) return { reject: M.date(c) };
  const dateColumn = kind === 'school_leavers' ? 'left_on' : 'since';
  if (v[dateColumn] > today) return { reject: M.future(dateColumn) };
  const age = ageOn(v.birth_date, v[dateColumn]);
  if (age < MIN_AGE || age > MAX_AGE) return { reject: M.age() };
  if (v.reason && !(REASONS as readonly string[]).includes(v.reason)) return { reject: M.reason() };
  const base = { source: kind, sourceRef: v.ref, givenName: v.given_name, familyName: v.family_name, birthDate: v.birth_date, gemeente: v.gemeente };
  if (kind === 'municipal') {
    if (!(PLACE_STATUSES as readonly string[]).includes(v.status)) return { reject: M.status() };
    return { input: { ...base, status: v.status as PlaceStatus, since: v.since, reason: (v.reason || null) as Reason | null } };
  }
  if (v.level && !/^[1-4]$/.test(v.level)) return { reject: M.level() };
  if (v.started_on && v.started_on > v.left_on) return { reject: M.order() };
  const school = v.brin ? resolveBrin(v.brin.toUpperCase()) : undefined;
  return {
    input: {
      ...base,
      status: 'without_place',
      since: v.left_on,
      reason: (v.reason || 'dropout') as Reason,
      institutionId: school?.id ?? null,
      institutionName: v.school || school?.name || null,
      programme: v.programme || null,
      level: v.level ? Number(v.level) : null,
      programmeStartedOn: v.started_on || null,
    },
  };
}

export async function importYouth(deps: Pick<Deps, 'db' | 'clock' | 'audit'>, actor: Actor, org: { id: string; rmc_region_id: string }, kind: ImportKind, content: Buffer, locale: Locale, ip?: string) {
  const today = schoolDate(deps.clock.now());
  const rows = parseRows(content, kind);
  const columns = IMPORT_COLUMNS[kind];
  const schools = await deps.db.selectFrom('institutions').select(['id', 'name', 'brin']).where('brin', 'is not', null).execute();
  const byBrin = new Map(schools.map((s) => [s.brin!.toUpperCase(), { id: s.id, name: s.name }]));
  const rejected: { row: number; reason: string }[] = [];
  const accepted: PlacementInput[] = [];
  const seen = new Set<string>();
  for (const { line, fields } of rows) {
    if (fields.length !== columns.length) {
      rejected.push({ row: line, reason: M.fields(columns.length)[locale] });
      continue;
    }
    const values = Object.fromEntries(columns.map((c, i) => [c, fields[i]]));
    const checked = checkRow(kind, values, today, (b) => byBrin.get(b));
    if ('reject' in checked) {
      rejected.push({ row: line, reason: checked.reject[locale] });
      continue;
    }
    if (seen.has(values.ref)) {
      rejected.push({ row: line, reason: M.duplicate()[locale] });
      continue;
    }
    seen.add(values.ref);
    accepted.push({ ...checked.input, rmcRegionId: org.rmc_region_id, recordedBy: actor.userId });
  }
  let imported = 0;
  let updated = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const input of accepted) {
      const r = await recordPlacementStatus(trx, deps.clock, input);
      if (r.created) imported++;
      else updated++;
    }
    await deps.audit.record({ action: 'region.import', actorId: actor.userId, institutionId: org.id, ip, details: { kind, imported, updated, rejected: rejected.length } }, trx);
  });
  return { imported, updated, rejected };
}
