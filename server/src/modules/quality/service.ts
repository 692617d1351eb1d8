import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { schoolDate } from '../../platform/clock.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { allItems, categories, checkAnswers, definitionProblems, isCategorical, otherKey, type Definition } from './definition.js';
import { parseCsv, toCsv } from './csv.js';
import { compareWaves, crosstab, frequencies, themeScores, type ResponseRow } from './reports.js';
import { QUALITY_ROLES, runsQuality } from './policy.js';
import { findTemplate, TEMPLATES } from './templates.js';
import type { QuestionnaireInput } from './schema.js';

/** Anonymous questionnaires never report below this, whatever is configured. */
export const MIN_GROUP_SIZE = 5;

/** The school year a date falls in, as "2026-2027": it starts on 1 August. */
export function schoolYearOf(date: string): string {
  const [y, m] = date.split('-').map(Number);
  const start = m >= 8 ? y : y - 1;
  return `${start}-${start + 1}`;
}

type QuestionnaireRow = DB['quality_questionnaires'] & { id: string; wave: number; version: number; min_group_size: number; status: 'draft' | 'open' | 'closed'; panel: boolean; description: string; created_at: Date };

/**
 * The threshold under which a report of this questionnaire shows nothing. Anonymous: the
 * configured size, never below 5. Identified (a team-scan the team discusses openly, where each
 * answer carries a name anyway): small teams see their own result.
 */
export function thresholdOf(q: { anonymous: boolean; min_group_size: number }): number {
  return q.anonymous ? Math.max(MIN_GROUP_SIZE, q.min_group_size) : 1;
}

function quality(actor: Actor, institutionId?: string): string {
  const role = actor.roles.find((r) => QUALITY_ROLES.includes(r.role) && (!institutionId || r.institutionId === institutionId));
  if (!role) throw forbidden();
  return role.institutionId;
}

function normaliseDefinition(input: { items?: QuestionnaireInput['items']; sections?: QuestionnaireInput['sections']; themes?: QuestionnaireInput['themes'] }): Definition {
  const def: Definition = { sections: input.sections ?? [{ title: '', items: input.items! }] };
  if (input.themes?.length) def.themes = input.themes;
  const problems = definitionProblems(def, input.sections ? 'sections' : 'items');
  if (Object.keys(problems).length) throw badRequest('validation_failed', problems);
  return def;
}

async function checkTeam(db: Kysely<DB>, institutionId: string, teamId: string | null | undefined) {
  if (!teamId) return;
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).where('institution_id', '=', institutionId).executeTakeFirst();
  if (!team) throw badRequest('validation_failed', { teamId: 'quality_team_not_of_institution' });
}

/** Creates a questionnaire (wave 1 of a new series) from the instrument JSON. */
export async function createQuestionnaire(
  deps: Deps,
  actor: Actor,
  input: QuestionnaireInput & { templateCode?: string | null },
  ip?: string,
) {
  const institutionId = quality(actor, input.institutionId);
  const definition = normaliseDefinition(input);
  await checkTeam(deps.db, institutionId, input.teamId);
  const today = schoolDate(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('quality_questionnaires')
      .values({
        institution_id: institutionId,
        team_id: input.teamId ?? null,
        series_id: crypto.randomUUID(),
        template_code: input.templateCode ?? null,
        title: input.title,
        description: input.description ?? '',
        anonymous: input.anonymous,
        min_group_size: input.minGroupSize ?? MIN_GROUP_SIZE,
        definition: JSON.stringify(definition),
        panel: input.panel ?? false,
        school_year: schoolYearOf(today),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record({ action: 'quality.questionnaire.create', actorId: actor.userId, institutionId, subjectType: 'questionnaire', subjectId: row.id, ip }, trx);
    return getQuestionnaire(trx, row.id);
  });
}

export async function createFromTemplate(deps: Deps, actor: Actor, code: string, input: { title?: string; teamId?: string | null; institutionId?: string; anonymous?: boolean }, ip?: string) {
  const template = findTemplate(code);
  if (!template) throw notFound();
  return createQuestionnaire(
    deps,
    actor,
    {
      title: input.title ?? template.title,
      description: template.description,
      anonymous: input.anonymous ?? template.anonymous,
      sections: template.definition.sections,
      themes: template.definition.themes,
      teamId: input.teamId ?? null,
      institutionId: input.institutionId,
      panel: template.panel ?? false,
      templateCode: template.code,
    },
    ip,
  );
}

export function listTemplates() {
  return {
    items: TEMPLATES.map((t) => ({
      code: t.code,
      title: t.title,
      description: t.description,
      anonymous: t.anonymous,
      audience: t.audience,
      items: allItems(t.definition).length,
      themes: t.definition.themes ?? [],
    })),
  };
}

const summarySelect = (db: Kysely<DB>) =>
  db
    .selectFrom('quality_questionnaires as q')
    .selectAll('q')
    .select((eb) => [
      eb.selectFrom('quality_responses as r').whereRef('r.questionnaire_id', '=', 'q.id').select(sql<number>`count(*)::int`.as('c')).as('responses'),
      eb.selectFrom('quality_response_pool as p').whereRef('p.questionnaire_id', '=', 'q.id').select(sql<number>`count(*)::int`.as('c')).as('pending'),
      eb.selectFrom('quality_invitations as i').whereRef('i.questionnaire_id', '=', 'q.id').select(sql<number>`count(*)::int`.as('c')).as('invited'),
      eb.selectFrom('quality_invitations as i').whereRef('i.questionnaire_id', '=', 'q.id').where('i.responded', '=', true).select(sql<number>`count(*)::int`.as('c')).as('responded'),
    ]);

function summary(r: any) {
  const invited = Number(r.invited ?? 0);
  const responded = Number(r.responded ?? 0);
  return {
    id: r.id,
    institutionId: r.institution_id,
    teamId: r.team_id,
    seriesId: r.series_id,
    wave: r.wave,
    templateCode: r.template_code,
    title: r.title,
    anonymous: r.anonymous,
    panel: r.panel,
    minGroupSize: r.min_group_size,
    version: r.version,
    status: r.status,
    closesOn: r.closes_on ? String(r.closes_on).slice(0, 10) : null,
    schoolYear: r.school_year,
    createdAt: new Date(r.created_at).toISOString(),
    responses: Number(r.responses ?? 0),
    invited,
    responded,
    responseRate: invited ? (100 * responded) / invited : null,
  };
}

export async function getQuestionnaire(db: Kysely<DB>, id: string) {
  const r = await summarySelect(db).where('q.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return { ...summary(r), description: r.description, definition: r.definition as Definition, pending: Number(r.pending ?? 0) };
}

/** The questionnaires of the institutions where the reader runs quality, newest first. */
export async function listQuestionnaires(deps: Deps, actor: Actor) {
  const institutions = actor.roles.filter((r) => QUALITY_ROLES.includes(r.role)).map((r) => r.institutionId);
  if (!institutions.length) return { items: [], nextCursor: null };
  const rows = await summarySelect(deps.db).where('q.institution_id', 'in', institutions).orderBy('q.created_at', 'desc').limit(500).execute();
  return { items: rows.map(summary), nextCursor: null };
}

async function loadRow(db: Kysely<DB>, id: string): Promise<QuestionnaireRow> {
  const q = await db.selectFrom('quality_questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
  if (!q) throw notFound();
  return q as QuestionnaireRow;
}

async function hasAnswers(db: Kysely<DB>, id: string): Promise<boolean> {
  const r = await sql<{ any: boolean }>`select exists (select 1 from quality_responses where questionnaire_id = ${id})
    or exists (select 1 from quality_response_pool where questionnaire_id = ${id}) as any`.execute(db);
  return r.rows[0].any;
}

/** A new version of the questions: only while nobody has answered, so every response matches its version. */
export async function updateDefinition(deps: Deps, actor: Actor, id: string, input: { sections: Definition['sections']; themes?: Definition['themes'] }, ip?: string) {
  const definition = normaliseDefinition(input);
  return deps.db.transaction().execute(async (trx) => {
    await sql`select 1 from quality_questionnaires where id = ${id} for update`.execute(trx);
    if (await hasAnswers(trx, id)) throw conflict('questionnaire_has_responses');
    await trx.updateTable('quality_questionnaires').set({ definition: JSON.stringify(definition), version: sql`version + 1` }).where('id', '=', id).execute();
    const q = await loadRow(trx, id);
    await deps.audit.record({ action: 'quality.questionnaire.update', actorId: actor.userId, institutionId: q.institution_id, subjectType: 'questionnaire', subjectId: id, ip }, trx);
    return getQuestionnaire(trx, id);
  });
}

export async function updateSettings(deps: Deps, actor: Actor, id: string, input: { title?: string; description?: string; minGroupSize?: number; closesOn?: string | null }) {
  return deps.db.transaction().execute(async (trx) => {
    const q = await loadRow(trx, id);
    if (input.minGroupSize !== undefined && input.minGroupSize < q.min_group_size) {
      // Once people answered under a promise of a threshold, it only goes up.
      throw badRequest('validation_failed', { minGroupSize: 'quality_threshold_up_only' });
    }
    await trx
      .updateTable('quality_questionnaires')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.minGroupSize !== undefined ? { min_group_size: input.minGroupSize } : {}),
        ...(input.closesOn !== undefined ? { closes_on: input.closesOn } : {}),
      })
      .where('id', '=', id)
      .execute();
    await deps.audit.record({ action: 'quality.questionnaire.update', actorId: actor.userId, institutionId: q.institution_id, subjectType: 'questionnaire', subjectId: id }, trx);
    return getQuestionnaire(trx, id);
  });
}

/** Fisher–Yates with crypto randomness: the stored order of anonymous rows says nothing. */
function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const MAX_IMPORT_ROWS = 20_000;

/**
 * Imports responses in the contract's CSV format. The header must name known item codes (and
 * `<code>.other` for an "anders, namelijk" text); each row is checked on its own and either
 * imported or rejected with its row number (the header is row 1, as in a spreadsheet) and the
 * reason. Imported rows carry no person and no time.
 */
export async function importResponses(deps: Deps, actor: Actor, id: string, body: unknown, ip?: string) {
  if (typeof body !== 'string' || !body.trim()) throw badRequest('validation_failed', { body: 'quality_csv_empty' });
  const q = await loadRow(deps.db, id);
  const def = q.definition as Definition;
  const known = new Set(allItems(def).flatMap((i) => (i.other ? [i.code, otherKey(i.code)] : [i.code])));
  const [header, ...records] = parseCsv(body);
  const codes = header.map((h) => h.trim());
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw badRequest('validation_failed', { header: `Onbekende vraagcode(s) / unknown item code(s): ${unknown.join(', ')}` });
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) throw badRequest('validation_failed', { header: `De kolom ${dup} staat er twee keer / column ${dup} appears twice` });
  if (records.length > MAX_IMPORT_ROWS) throw new AppError(413, 'payload_too_large');
  const accepted: Record<string, unknown>[] = [];
  const rejected: { row: number; reason: string }[] = [];
  records.forEach((cells, index) => {
    const row = index + 2;
    if (cells.length !== codes.length) {
      rejected.push({ row, reason: `${cells.length} cellen, de kopregel heeft er ${codes.length} / ${cells.length} cells, the header has ${codes.length}` });
      return;
    }
    const input = Object.fromEntries(codes.map((c, i) => [c, cells[i]]));
    const result = checkAnswers(def, input, { dropHidden: false });
    if ('reason' in result) rejected.push({ row, reason: result.reason });
    else if (!Object.keys(result.answers).length) rejected.push({ row, reason: 'geen enkel antwoord / no answers at all' });
    else accepted.push(result.answers);
  });
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < accepted.length; i += 500) {
      const batch = shuffle(accepted.slice(i, i + 500));
      await trx
        .insertInto('quality_responses')
        .values(batch.map((answers) => ({ questionnaire_id: id, definition_version: q.version, respondent_id: null, submitted_at: null, team_id: q.team_id, programme_id: null, source: 'import' as const, answers: JSON.stringify(answers) })))
        .execute();
    }
    await deps.audit.record(
      { action: 'quality.responses.import', actorId: actor.userId, institutionId: q.institution_id, subjectType: 'questionnaire', subjectId: id, ip, details: { imported: accepted.length, rejected: rejected.length } },
      trx,
    );
  });
  return { imported: accepted.length, rejected };
}

/** The released responses of a questionnaire, optionally of one team. */
async function responses(db: Kysely<DB>, ids: string[], teamId?: string | null): Promise<ResponseRow[]> {
  if (!ids.length) return [];
  let query = db.selectFrom('quality_responses').select(['answers', 'team_id', 'programme_id']).where('questionnaire_id', 'in', ids);
  if (teamId) query = query.where('team_id', '=', teamId);
  const rows = await query.execute();
  return rows.map((r) => ({ answers: (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as Record<string, unknown>, team_id: r.team_id, programme_id: r.programme_id }));
}

export async function crosstabReport(deps: Deps, id: string, query: { row: string; col: string; percent: 'row' | 'column' }) {
  const q = await loadRow(deps.db, id);
  const def = q.definition as Definition;
  const items = new Map(allItems(def).map((i) => [i.code, i]));
  const fields: Record<string, string> = {};
  for (const key of ['row', 'col'] as const) {
    const item = items.get(query[key]);
    if (!item) fields[key] = `Onbekende vraagcode ${query[key]} / unknown item code`;
    else if (!isCategorical(item)) fields[key] = 'quality_not_crossable';
  }
  if (Object.keys(fields).length) throw badRequest('validation_failed', fields);
  return crosstab(def, await responses(deps.db, [id]), items.get(query.row)!, items.get(query.col)!, query.percent, thresholdOf(q));
}

export async function frequencyReport(deps: Deps, id: string, teamId?: string) {
  const q = await loadRow(deps.db, id);
  const rows = await responses(deps.db, [id], teamId);
  const k = thresholdOf(q);
  return {
    questionnaire: { id: q.id, title: q.title, anonymous: q.anonymous, threshold: k },
    respondents: rows.length >= k ? rows.length : null,
    items: frequencies(q.definition as Definition, rows, k),
  };
}

/** The wave before this one in the series, if any. */
async function previousWave(db: Kysely<DB>, q: QuestionnaireRow): Promise<QuestionnaireRow | null> {
  const prev = await db.selectFrom('quality_questionnaires').selectAll().where('series_id', '=', q.series_id).where('wave', '<', q.wave).orderBy('wave', 'desc').executeTakeFirst();
  return (prev as QuestionnaireRow) ?? null;
}

/** Compares this wave with another of the same institution (default: the previous wave of its series). */
export async function compareReport(deps: Deps, id: string, withId?: string) {
  const b = await loadRow(deps.db, id);
  const a = withId ? await deps.db.selectFrom('quality_questionnaires').selectAll().where('id', '=', withId).where('institution_id', '=', b.institution_id).executeTakeFirst() : await previousWave(deps.db, b);
  if (!a) throw badRequest('validation_failed', { with: 'quality_no_earlier_wave' });
  const [rowsA, rowsB] = await Promise.all([responses(deps.db, [a.id]), responses(deps.db, [b.id])]);
  const ka = thresholdOf(a as QuestionnaireRow);
  const kb = thresholdOf(b);
  return {
    a: { id: a.id, title: a.title, wave: a.wave as number, respondents: rowsA.length >= ka ? rowsA.length : null },
    b: { id: b.id, title: b.title, wave: b.wave, respondents: rowsB.length >= kb ? rowsB.length : null },
    items: compareWaves(a.definition as Definition, rowsA, ka, b.definition as Definition, rowsB, kb),
  };
}

/** A next wave (vervolgmeting) of the same instrument, with the same questions. */
export async function createNextWave(deps: Deps, actor: Actor, id: string, ip?: string) {
  const q = await loadRow(deps.db, id);
  return deps.db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('quality_questionnaires').select(sql<number>`max(wave)`.as('wave')).where('series_id', '=', q.series_id).executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('quality_questionnaires')
      .values({
        institution_id: q.institution_id,
        team_id: q.team_id,
        series_id: q.series_id,
        wave: Number(last.wave) + 1,
        template_code: q.template_code,
        title: q.title,
        description: q.description,
        anonymous: q.anonymous,
        min_group_size: q.min_group_size,
        definition: JSON.stringify(q.definition),
        panel: q.panel,
        school_year: schoolYearOf(schoolDate(deps.clock.now())),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record({ action: 'quality.questionnaire.create', actorId: actor.userId, institutionId: q.institution_id, subjectType: 'questionnaire', subjectId: row.id, ip, details: { wave: Number(last.wave) + 1 } }, trx);
    return getQuestionnaire(trx, row.id);
  });
}

/**
 * The profile of a scan: score per theme for the team, for the whole institution (every scan
 * from the same template in that school year) and for the team in the previous wave.
 */
export async function profileReport(deps: Deps, id: string, teamIdInput?: string) {
  const q = await loadRow(deps.db, id);
  const def = q.definition as Definition;
  const teamId = teamIdInput ?? q.team_id;
  const siblings = await deps.db
    .selectFrom('quality_questionnaires')
    .select(['id', 'anonymous', 'min_group_size'])
    .where('institution_id', '=', q.institution_id)
    .where('school_year', '=', q.school_year)
    .where((eb) => (q.template_code ? eb('template_code', '=', q.template_code) : eb('id', '=', q.id)))
    .execute();
  const prev = await previousWave(deps.db, q);
  const [teamRows, instRows, prevRows] = await Promise.all([
    responses(deps.db, [q.id], teamId),
    responses(deps.db, siblings.map((s) => s.id)),
    prev ? responses(deps.db, [prev.id], teamId) : Promise.resolve([]),
  ]);
  const k = thresholdOf(q);
  // Other teams' answers are in the institution figure: the strictest threshold of them all.
  const kInst = Math.max(k, ...siblings.map((s) => thresholdOf(s)));
  const team = themeScores(def, teamRows, k);
  const inst = themeScores(def, instRows, kInst);
  const previous = prev ? themeScores(def, prevRows, Math.max(k, thresholdOf(prev))) : null;
  return {
    questionnaire: { id: q.id, title: q.title, wave: q.wave, teamId: q.team_id },
    teamId: teamId ?? null,
    previousWaveId: prev?.id ?? null,
    themes: team.map((t, i) => ({
      code: t.code,
      label: t.label,
      team: { score: t.score, n: t.n },
      institution: { score: inst[i].score, n: inst[i].n },
      previous: previous ? { score: previous[i].score, n: previous[i].n } : { score: null, n: null },
    })),
  };
}

/** Responses as CSV in the contract's format, rows in random order; Dutch numbers on request. */
export async function exportResponsesCsv(deps: Deps, actor: Actor, id: string, numbers: 'en' | 'nl', ip?: string): Promise<string> {
  const q = await loadRow(deps.db, id);
  const def = q.definition as Definition;
  const columns = allItems(def).flatMap((i) => (i.other ? [i.code, otherKey(i.code)] : [i.code]));
  const rows = shuffle(await responses(deps.db, [id]));
  const sep = numbers === 'nl' ? ';' : ',';
  const cell = (v: unknown) => (Array.isArray(v) ? v.join(';') : typeof v === 'number' && numbers === 'nl' ? String(v).replace('.', ',') : v);
  await deps.audit.record({ action: 'quality.responses.export', actorId: actor.userId, institutionId: q.institution_id, subjectType: 'questionnaire', subjectId: id, ip });
  // Semicolon-separated export keeps ';' inside a multi cell quoted by csvCell.
  return toCsv([columns, ...rows.map((r) => columns.map((c) => cell(r.answers[c])))], sep);
}

/** The codebook: every column of the responses CSV with its question, type and answer codes. */
export async function codebookCsv(deps: Deps, id: string): Promise<string> {
  const q = await loadRow(deps.db, id);
  const def = q.definition as Definition;
  const rows: unknown[][] = [['section', 'code', 'text', 'type', 'value', 'label', 'theme', 'show_if']];
  for (const section of def.sections) {
    for (const item of section.items) {
      const showIf = item.showIf ? `${item.showIf.item} in ${item.showIf.in.join('|')}` : '';
      if (isCategorical(item)) for (const c of categories(item)) rows.push([section.title, item.code, item.text, item.type, c.value, c.label, item.theme ?? '', showIf]);
      else rows.push([section.title, item.code, item.text, item.type, '', item.type === 'number' ? [item.min, item.max].filter((v) => v !== undefined).join('–') : '', item.theme ?? '', showIf]);
      if (item.other) rows.push([section.title, otherKey(item.code), `${item.text} (anders, namelijk)`, 'text', '', '', '', `${item.code} in other`]);
    }
  }
  return toCsv(rows);
}

// ---- distribution and responding --------------------------------------------------------

export interface Audience {
  roles: string[];
  teamIds: string[];
  programmeIds: string[];
  groupIds: string[];
  userIds: string[];
}

/**
 * Everyone the audience names, at this institution: people with one of the roles, members of the
 * teams, students of the opleidingen or groups (current enrolment), and named people with a role
 * here. Each with the team and opleiding their answers will count under.
 */
async function resolveAudience(db: Kysely<DB>, institutionId: string, a: Audience, today: string) {
  const uuidArray = (ids: string[]) => sql`${sql.join(ids.length ? ids : ['00000000-0000-0000-0000-000000000000'])}`;
  const r = await sql<{ user_id: string; team_id: string | null; programme_id: string | null; email: string; display_name: string; locale: string }>`
    with base as (
      select ur.user_id from user_roles ur where ur.institution_id = ${institutionId} and ur.role = any(${a.roles}::text[])
      union select tm.user_id from team_members tm join teams t on t.id = tm.team_id
        where t.institution_id = ${institutionId} and tm.team_id in (${uuidArray(a.teamIds)})
      union select e.student_id from enrolments e where e.institution_id = ${institutionId}
        and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)
        and (e.programme_id in (${uuidArray(a.programmeIds)}) or e.group_id in (${uuidArray(a.groupIds)}))
      union select ur.user_id from user_roles ur where ur.institution_id = ${institutionId} and ur.user_id in (${uuidArray(a.userIds)})
    )
    select u.id as user_id, u.email, u.display_name, u.locale,
      coalesce(
        (select tm.team_id from team_members tm join teams t on t.id = tm.team_id
          where tm.user_id = u.id and t.institution_id = ${institutionId}
          order by (tm.team_id in (${uuidArray(a.teamIds)})) desc, tm.team_id limit 1),
        (select p.team_id from enrolments e join programmes p on p.id = e.programme_id
          where e.student_id = u.id and e.institution_id = ${institutionId}
            and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date) limit 1)) as team_id,
      (select e.programme_id from enrolments e where e.student_id = u.id and e.institution_id = ${institutionId}
        and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date) limit 1) as programme_id
    from base b join users u on u.id = b.user_id
    where u.status = 'active'`.execute(db);
  return r.rows;
}

function invitationMail(deps: Deps, q: { id: string; title: string; anonymous: boolean; closes_on: string | null }, reminder: boolean, message: string) {
  const link = `${deps.config.publicUrl}/vragenlijsten/${q.id}`;
  const closes = q.closes_on ? `\nJe kunt invullen tot en met ${String(q.closes_on).slice(0, 10)}.` : '';
  const anonymity = q.anonymous
    ? '\nJe antwoorden zijn anoniem: niemand kan zien wat jij hebt ingevuld, ook de school niet.'
    : '\nJe naam staat bij je antwoorden; het team bespreekt de uitkomst samen.';
  return {
    subject: `${reminder ? 'Herinnering: ' : ''}vul de vragenlijst "${q.title}" in`,
    text: `Hallo,\n\n${reminder ? 'Je hebt de vragenlijst nog niet ingevuld. ' : ''}Wil je de vragenlijst "${q.title}" invullen? Het duurt een paar minuten.${closes}${anonymity}\n${message ? `\n${message}\n` : ''}\nOpen de vragenlijst: ${link}\n\nKoers`,
  };
}

/** Sends the questionnaire to its audience and opens it; everyone already invited is left alone. */
export async function distribute(deps: Deps, actor: Actor, id: string, input: { audience: Audience; closesOn: string; message: string }, ip?: string) {
  const today = schoolDate(deps.clock.now());
  if (input.closesOn < today) throw badRequest('validation_failed', { closesOn: 'quality_closes_in_past' });
  const q = await loadRow(deps.db, id);
  if (q.status === 'closed') throw conflict('questionnaire_closed');
  const people = await resolveAudience(deps.db, q.institution_id, input.audience, today);
  const { fresh, mailQ } = await deps.db.transaction().execute(async (trx) => {
    const existing = new Set((await trx.selectFrom('quality_invitations').select('user_id').where('questionnaire_id', '=', id).execute()).map((r) => r.user_id));
    const fresh = people.filter((p) => !existing.has(p.user_id));
    if (fresh.length) {
      await trx
        .insertInto('quality_invitations')
        .values(fresh.map((p) => ({ questionnaire_id: id, user_id: p.user_id, team_id: p.team_id, programme_id: p.programme_id, invited_on: today })))
        .execute();
    }
    const audience = { ...(q.audience as object), ...input.audience };
    await trx.updateTable('quality_questionnaires').set({ status: 'open', closes_on: input.closesOn, audience: JSON.stringify(audience) }).where('id', '=', id).execute();
    await deps.audit.record({ action: 'quality.questionnaire.distribute', actorId: actor.userId, institutionId: q.institution_id, subjectType: 'questionnaire', subjectId: id, ip, details: { invited: fresh.length } }, trx);
    return { fresh, mailQ: { ...q, closes_on: input.closesOn } };
  });
  let mailed = 0;
  for (const p of fresh) {
    try {
      await deps.mailer.send({ to: p.email, ...invitationMail(deps, mailQ, false, input.message) });
      mailed++;
    } catch {
      // A mail that fails does not undo the invitation: the questionnaire is on their Koers page too.
    }
  }
  return { invited: fresh.length, alreadyInvited: people.length - fresh.length, mailed };
}

/** A reminder to everyone invited who has not answered yet (at most once a day). */
export async function remind(deps: Deps, actor: Actor, id: string, ip?: string) {
  const today = schoolDate(deps.clock.now());
  const q = await loadRow(deps.db, id);
  if (q.status !== 'open') throw conflict('questionnaire_not_open');
  const open = await deps.db
    .selectFrom('quality_invitations as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['i.user_id', 'u.email'])
    .where('i.questionnaire_id', '=', id)
    .where('i.responded', '=', false)
    .where((eb) => eb.or([eb('i.reminded_on', 'is', null), eb('i.reminded_on', '<', today)]))
    .execute();
  if (open.length) {
    await deps.db.transaction().execute(async (trx) => {
      await trx.updateTable('quality_invitations').set({ reminded_on: today }).where('questionnaire_id', '=', id).where('user_id', 'in', open.map((o) => o.user_id)).execute();
      await deps.audit.record({ action: 'quality.questionnaire.remind', actorId: actor.userId, institutionId: q.institution_id, subjectType: 'questionnaire', subjectId: id, ip, details: { reminded: open.length } }, trx);
    });
  }
  let reminded = 0;
  for (const o of open) {
    try {
      await deps.mailer.send({ to: o.email, ...invitationMail(deps, q, true, '') });
      reminded++;
    } catch {
      /* see distribute */
    }
  }
  return { reminded };
}

/**
 * Moves pooled anonymous answers into the responses, in random order, once at least the
 * threshold has gathered (or always, when closing): see migration 0070.
 */
async function releasePool(trx: Transaction<DB>, q: QuestionnaireRow, force: boolean) {
  const pooled = await trx.selectFrom('quality_response_pool').selectAll().where('questionnaire_id', '=', q.id).execute();
  if (!pooled.length || (!force && pooled.length < thresholdOf(q))) return;
  await trx
    .insertInto('quality_responses')
    .values(shuffle(pooled).map((p) => ({ questionnaire_id: q.id, definition_version: p.definition_version, respondent_id: null, submitted_at: null, team_id: p.team_id, programme_id: p.programme_id, source: 'form' as const, answers: JSON.stringify(p.answers) })))
    .execute();
  await trx.deleteFrom('quality_response_pool').where('questionnaire_id', '=', q.id).execute();
}

/**
 * An invitee answers. Identified: the response carries their id and the time. Anonymous: the
 * answers carry no person and no time, are pooled (see releasePool) and are not audited, since
 * an audit line "X answered Y at T" would be exactly the link anonymity forbids; the invitation
 * only learns that its person answered.
 */
export async function submitAnswers(deps: Deps, actor: Actor, id: string, input: Record<string, unknown>) {
  const today = schoolDate(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const q = await loadRow(trx, id);
    if (q.status !== 'open' || (q.closes_on && String(q.closes_on).slice(0, 10) < today)) throw conflict('questionnaire_not_open');
    // Locks the invitation, so a double click cannot answer twice.
    const inv = await sql<{ responded: boolean; team_id: string | null; programme_id: string | null }>`
      select responded, team_id, programme_id from quality_invitations
      where questionnaire_id = ${id} and user_id = ${actor.userId} for update`.execute(trx);
    const invitation = inv.rows[0];
    if (!invitation) throw forbidden();
    if (invitation.responded) throw conflict('already_responded');
    const result = checkAnswers(q.definition as Definition, input, { dropHidden: true });
    if ('reason' in result) {
      const [code, ...rest] = result.reason.split(': ');
      throw badRequest('validation_failed', { [`answers.${code}`]: rest.join(': ') });
    }
    if (!Object.keys(result.answers).length) throw badRequest('validation_failed', { answers: 'quality_answer_one' });
    await trx.updateTable('quality_invitations').set({ responded: true }).where('questionnaire_id', '=', id).where('user_id', '=', actor.userId).execute();
    const answers = JSON.stringify(result.answers);
    if (q.anonymous) {
      await trx.insertInto('quality_response_pool').values({ questionnaire_id: id, definition_version: q.version, team_id: invitation.team_id, programme_id: invitation.programme_id, answers }).execute();
      await releasePool(trx, q, false);
    } else {
      await trx
        .insertInto('quality_responses')
        .values({ questionnaire_id: id, definition_version: q.version, respondent_id: actor.userId, submitted_at: deps.clock.now(), team_id: invitation.team_id, programme_id: invitation.programme_id, source: 'form', answers })
        .execute();
    }
    return { received: true as const };
  });
}

/** Closes a questionnaire: no more answers, and pooled anonymous answers are released. */
export async function closeQuestionnaire(deps: Deps, actor: Actor, id: string, ip?: string) {
  return deps.db.transaction().execute(async (trx) => {
    const q = await loadRow(trx, id);
    await releasePool(trx, q, true);
    await trx.updateTable('quality_questionnaires').set({ status: 'closed' }).where('id', '=', id).execute();
    await deps.audit.record({ action: 'quality.questionnaire.close', actorId: actor.userId, institutionId: q.institution_id, subjectType: 'questionnaire', subjectId: id, ip }, trx);
    return getQuestionnaire(trx, id);
  });
}

/** The questionnaires the signed-in person is invited to, open ones first. */
export async function myQuestionnaires(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .selectFrom('quality_invitations as i')
    .innerJoin('quality_questionnaires as q', 'q.id', 'i.questionnaire_id')
    .select(['q.id', 'q.title', 'q.anonymous', 'q.closes_on', 'q.panel', 'q.status', 'i.responded'])
    .where('i.user_id', '=', actor.userId)
    .orderBy('i.responded')
    .orderBy('q.closes_on', 'desc')
    .limit(200)
    .execute();
  return {
    items: rows.map((r) => ({ id: r.id, title: r.title, anonymous: r.anonymous, closesOn: r.closes_on ? String(r.closes_on).slice(0, 10) : null, panel: r.panel, status: r.status, responded: r.responded })),
    nextCursor: null,
  };
}

export async function questionnaireForm(deps: Deps, actor: Actor, id: string) {
  const q = await loadRow(deps.db, id);
  const inv = await deps.db.selectFrom('quality_invitations').select('responded').where('questionnaire_id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
  return {
    id: q.id,
    title: q.title,
    description: q.description,
    anonymous: q.anonymous,
    closesOn: q.closes_on ? String(q.closes_on).slice(0, 10) : null,
    status: q.status,
    definition: q.definition as Definition,
    responded: inv?.responded ?? false,
  };
}

/** What the policy decides on for one questionnaire and reader, in one query. */
export async function questionnaireResource(db: Kysely<DB>, actor: Actor, id: string) {
  const r = await sql<{ id: string; institution_id: string; team_id: string | null; created_by: string | null; anonymous: boolean; panel: boolean; status: 'draft' | 'open' | 'closed'; invited: boolean; responded: boolean }>`
    select q.id, q.institution_id, q.team_id, q.created_by, q.anonymous, q.panel, q.status,
      i.user_id is not null as invited, coalesce(i.responded, false) as responded
    from quality_questionnaires q
    left join quality_invitations i on i.questionnaire_id = q.id and i.user_id = ${actor.userId}
    where q.id = ${id}`.execute(db);
  const q = r.rows[0];
  if (!q) return null;
  return {
    id: q.id,
    institutionId: q.institution_id,
    teamId: q.team_id,
    createdBy: q.created_by,
    anonymous: q.anonymous,
    panel: q.panel,
    status: q.status,
    invited: q.invited,
    responded: q.responded,
    private: true as const,
  };
}

// ---- Kwaliteitskaart ----------------------------------------------------------------------

export interface ActionInput {
  step: 'verankeren' | 'faciliteren' | 'verbeteren';
  theme: string;
  title: string;
  description: string;
  ownerId: string | null;
  dueOn: string;
  teamId: string | null;
  sourceQuestionnaireId: string | null;
  institutionId?: string;
}

async function checkOwner(db: Kysely<DB>, institutionId: string, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const staff = await db.selectFrom('user_roles').select('user_id').where('user_id', '=', ownerId).where('institution_id', '=', institutionId).where('role', 'in', ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin']).executeTakeFirst();
  if (!staff) throw badRequest('validation_failed', { ownerId: 'quality_owner_not_staff' });
}

const actionSelect = (db: Kysely<DB>) =>
  db
    .selectFrom('quality_actions as a')
    .leftJoin('teams as t', 't.id', 'a.team_id')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .selectAll('a')
    .select(['t.name as team_name', 'u.display_name as owner_name']);

function actionOut(r: any, today: string) {
  const due = String(r.due_on).slice(0, 10);
  const open = r.status === 'planned' || r.status === 'doing';
  return {
    id: r.id,
    institutionId: r.institution_id,
    teamId: r.team_id,
    teamName: r.team_name ?? null,
    schoolYear: r.school_year,
    step: r.step,
    theme: r.theme,
    sourceQuestionnaireId: r.source_questionnaire_id,
    title: r.title,
    description: r.description,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    dueOn: due,
    status: r.status,
    evidence: r.evidence,
    doneOn: r.done_on ? String(r.done_on).slice(0, 10) : null,
    overdue: open && due < today,
  };
}

/** Staff of the reader's institution who can own an action, and its teams: for the Kwaliteitskaart form. */
export async function kaartChoices(deps: Deps, actor: Actor) {
  const institutionId = quality(actor);
  const [people, teams] = await Promise.all([
    deps.db
      .selectFrom('users as u')
      .innerJoin('user_roles as r', 'r.user_id', 'u.id')
      .select(['u.id', 'u.display_name'])
      .where('r.institution_id', '=', institutionId)
      .where('r.role', 'in', ['mentor', 'docent', 'lob_coordinator', 'manager', 'institution_admin'])
      .where('u.status', '=', 'active')
      .distinct()
      .orderBy('u.display_name')
      .execute(),
    deps.db.selectFrom('teams').select(['id', 'name']).where('institution_id', '=', institutionId).orderBy('name').execute(),
  ]);
  return { institutionId, owners: people.map((p) => ({ id: p.id, name: p.display_name })), teams };
}

export async function createAction(deps: Deps, actor: Actor, input: ActionInput, ip?: string) {
  const institutionId = quality(actor, input.institutionId);
  await checkTeam(deps.db, institutionId, input.teamId);
  await checkOwner(deps.db, institutionId, input.ownerId);
  if (input.sourceQuestionnaireId) {
    const src = await deps.db.selectFrom('quality_questionnaires').select('id').where('id', '=', input.sourceQuestionnaireId).where('institution_id', '=', institutionId).executeTakeFirst();
    if (!src) throw badRequest('validation_failed', { sourceQuestionnaireId: 'quality_scan_not_of_institution' });
  }
  const today = schoolDate(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('quality_actions')
      .values({
        institution_id: institutionId,
        team_id: input.teamId,
        school_year: schoolYearOf(input.dueOn),
        step: input.step,
        theme: input.theme,
        source_questionnaire_id: input.sourceQuestionnaireId,
        title: input.title,
        description: input.description,
        owner_id: input.ownerId,
        due_on: input.dueOn,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record({ action: 'quality.action.create', actorId: actor.userId, institutionId, subjectType: 'quality_action', subjectId: row.id, ip }, trx);
    return actionOut(await actionSelect(trx).where('a.id', '=', row.id).executeTakeFirstOrThrow(), today);
  });
}

export async function actionResource(db: Kysely<DB>, actor: Actor, id: string) {
  const r = await sql<{ id: string; institution_id: string; team_id: string | null; owner_id: string | null; team_member: boolean }>`
    select a.id, a.institution_id, a.team_id, a.owner_id,
      exists (select 1 from team_members tm where tm.team_id = a.team_id and tm.user_id = ${actor.userId}) as team_member
    from quality_actions a where a.id = ${id}`.execute(db);
  const a = r.rows[0];
  return a ? { id: a.id, institutionId: a.institution_id, teamId: a.team_id, ownerId: a.owner_id, teamMember: a.team_member, private: true as const } : null;
}

export async function updateAction(
  deps: Deps,
  actor: Actor,
  id: string,
  input: Partial<Omit<ActionInput, 'teamId' | 'sourceQuestionnaireId' | 'institutionId'>> & { status?: 'planned' | 'doing' | 'done' | 'dropped'; evidence?: string },
  ip?: string,
) {
  const today = schoolDate(deps.clock.now());
  const current = await deps.db.selectFrom('quality_actions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  // The owner who is not a quality role may report progress, not re-plan the action.
  if (!runsQuality(actor, current.institution_id)) {
    const planning = ['step', 'theme', 'title', 'description', 'ownerId', 'dueOn'].filter((k) => (input as any)[k] !== undefined);
    if (planning.length) throw forbidden();
  }
  if (input.ownerId !== undefined) await checkOwner(deps.db, current.institution_id, input.ownerId);
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('quality_actions')
      .set({
        ...(input.step ? { step: input.step } : {}),
        ...(input.theme ? { theme: input.theme } : {}),
        ...(input.title ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
        ...(input.dueOn ? { due_on: input.dueOn } : {}),
        ...(input.evidence !== undefined ? { evidence: input.evidence } : {}),
        ...(input.status ? { status: input.status, done_on: input.status === 'done' ? today : null } : {}),
        updated_at: deps.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    await deps.audit.record({ action: 'quality.action.update', actorId: actor.userId, institutionId: current.institution_id, subjectType: 'quality_action', subjectId: id, ip, details: { fields: Object.keys(input) } }, trx);
    return actionOut(await actionSelect(trx).where('a.id', '=', id).executeTakeFirstOrThrow(), today);
  });
}

/**
 * The Kwaliteitskaart as the reader may see it: quality roles the whole institution, teachers
 * the actions of their own teams and those they own. With the manager's summary of open and
 * overdue actions per step.
 */
export async function listActions(deps: Deps, actor: Actor, query: { schoolYear?: string; teamId?: string; status: 'open' | 'overdue' | 'all' }) {
  const today = schoolDate(deps.clock.now());
  const full = actor.roles.filter((r) => QUALITY_ROLES.includes(r.role)).map((r) => r.institutionId);
  let q = actionSelect(deps.db).where((eb) =>
    eb.or([
      ...(full.length ? [eb('a.institution_id', 'in', full)] : []),
      eb('a.owner_id', '=', actor.userId),
      eb.exists(eb.selectFrom('team_members as tm').whereRef('tm.team_id', '=', 'a.team_id').where('tm.user_id', '=', actor.userId).select('tm.team_id')),
    ]),
  );
  if (query.schoolYear) q = q.where('a.school_year', '=', query.schoolYear);
  if (query.teamId) q = q.where('a.team_id', '=', query.teamId);
  if (query.status !== 'all') q = q.where('a.status', 'in', ['planned', 'doing']);
  if (query.status === 'overdue') q = q.where('a.due_on', '<', today);
  const rows = (await q.orderBy('a.due_on').limit(1000).execute()).map((r) => actionOut(r, today));
  const byStep: Record<string, { open: number; done: number }> = { verankeren: { open: 0, done: 0 }, faciliteren: { open: 0, done: 0 }, verbeteren: { open: 0, done: 0 } };
  for (const r of rows) {
    if (r.status === 'done') byStep[r.step].done++;
    else if (r.status !== 'dropped') byStep[r.step].open++;
  }
  return {
    items: rows,
    summary: {
      open: rows.filter((r) => r.status === 'planned' || r.status === 'doing').length,
      overdue: rows.filter((r) => r.overdue).length,
      done: rows.filter((r) => r.status === 'done').length,
      byStep,
    },
    nextCursor: null,
  };
}

/**
 * The PDCA timeline of a school year: scans are the check, actions planned are the plan, their
 * due dates the do, and actions done (with evidence) the act.
 */
export async function timeline(deps: Deps, actor: Actor, query: { schoolYear?: string; teamId?: string }) {
  const schoolYear = query.schoolYear ?? schoolYearOf(schoolDate(deps.clock.now()));
  const institutions = actor.roles.filter((r) => QUALITY_ROLES.includes(r.role)).map((r) => r.institutionId);
  const actions = await listActions(deps, actor, { schoolYear, teamId: query.teamId, status: 'all' });
  const scans = institutions.length
    ? await deps.db
        .selectFrom('quality_questionnaires')
        .select(['id', 'title', 'status', 'closes_on', 'created_at', 'team_id'])
        .where('institution_id', 'in', institutions)
        .where('school_year', '=', schoolYear)
        .where((eb) => (query.teamId ? eb.or([eb('team_id', '=', query.teamId), eb('team_id', 'is', null)]) : eb.val(true)))
        .execute()
    : [];
  const events = [
    ...scans.map((s) => ({ date: s.closes_on ? String(s.closes_on).slice(0, 10) : schoolDate(new Date(s.created_at)), phase: 'check' as const, kind: 'scan' as const, title: s.title, id: s.id, status: s.status })),
    ...actions.items.map((a) => ({ date: a.dueOn, phase: (a.status === 'planned' ? 'plan' : 'do') as 'plan' | 'do', kind: 'action_due' as const, title: a.title, id: a.id, status: a.overdue ? 'overdue' : a.status })),
    ...actions.items.filter((a) => a.doneOn).map((a) => ({ date: a.doneOn!, phase: 'act' as const, kind: 'action_done' as const, title: a.title, id: a.id, status: 'done' })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return { schoolYear, events };
}

// ---- for the monitor: aggregates only, suppression applied --------------------------------

export interface SuppressedValue {
  value: number | null;
  n: number | null;
  suppressed: boolean;
}

const suppressedValue = (values: number[], k = MIN_GROUP_SIZE): SuppressedValue =>
  values.length < k ? { value: null, n: null, suppressed: true } : { value: values.reduce((a, b) => a + b, 0) / values.length, n: values.length, suppressed: false };

/** Per respondent the mean of their Likert answers on the instrument's themes. */
function respondentMeans(def: Definition, rows: ResponseRow[], theme?: string): number[] {
  const items = allItems(def).filter((i) => i.type === 'likert5' && (!theme || i.theme === theme));
  return rows
    .map((r) => items.map((i) => r.answers[i.code]).filter((v): v is number => typeof v === 'number'))
    .filter((v) => v.length)
    .map((v) => v.reduce((a, b) => a + b, 0) / v.length);
}

/**
 * Student satisfaction with LOB and guidance (the ready satisfaction questionnaire), 1–5, for an
 * institution and per team, in a school year. Never a figure on fewer than 5 respondents.
 */
export async function satisfactionByTeam(db: Kysely<DB>, institutionId: string, schoolYear: string) {
  const qs = await db.selectFrom('quality_questionnaires').select(['id', 'definition', 'anonymous', 'min_group_size']).where('institution_id', '=', institutionId).where('template_code', '=', 'satisfaction').where('school_year', '=', schoolYear).execute();
  const perTeam = new Map<string, number[]>();
  const all: number[] = [];
  let k = MIN_GROUP_SIZE;
  for (const q of qs) {
    k = Math.max(k, q.min_group_size);
    const rows = await responses(db, [q.id]);
    const def = q.definition as Definition;
    rows.forEach((r) => {
      const m = respondentMeans(def, [r]);
      if (!m.length) return;
      all.push(m[0]);
      if (r.team_id) perTeam.set(r.team_id, [...(perTeam.get(r.team_id) ?? []), m[0]]);
    });
  }
  return {
    institution: suppressedValue(all, k),
    teams: [...perTeam.entries()].map(([teamId, values]) => ({ teamId, ...suppressedValue(values, k) })),
  };
}

/**
 * The competence pre/post measurement: per competence the mean of the first wave (voormeting)
 * and the last (nameting) of each series started in the school year, aggregated; suppressed below 5.
 */
export async function competencePrePost(db: Kysely<DB>, institutionId: string, schoolYear: string) {
  // Series whose voormeting (wave 1) falls in the school year; their nameting may fall later.
  const qs = await db
    .selectFrom('quality_questionnaires as q')
    .select(['q.id', 'q.series_id', 'q.wave', 'q.definition', 'q.min_group_size'])
    .where('q.institution_id', '=', institutionId)
    .where('q.template_code', '=', 'competence_prepost')
    .where((eb) => eb.exists(eb.selectFrom('quality_questionnaires as first').whereRef('first.series_id', '=', 'q.series_id').where('first.wave', '=', 1).where('first.school_year', '=', schoolYear).select('first.id')))
    .orderBy('q.wave')
    .execute();
  const series = new Map<string, typeof qs>();
  for (const q of qs) series.set(q.series_id, [...(series.get(q.series_id) ?? []), q]);
  const pre = new Map<string, number[]>();
  const post = new Map<string, number[]>();
  const competences = ['kwaliteiten', 'motieven', 'werkexploratie', 'loopbaansturing', 'netwerken'];
  let k = MIN_GROUP_SIZE;
  for (const waves of series.values()) {
    if (waves.length < 2) continue;
    const first = waves[0];
    const last = waves[waves.length - 1];
    k = Math.max(k, first.min_group_size, last.min_group_size);
    const [rowsPre, rowsPost] = await Promise.all([responses(db, [first.id]), responses(db, [last.id])]);
    for (const c of competences) {
      pre.set(c, [...(pre.get(c) ?? []), ...respondentMeans(first.definition as Definition, rowsPre, c)]);
      post.set(c, [...(post.get(c) ?? []), ...respondentMeans(last.definition as Definition, rowsPost, c)]);
    }
  }
  return competences.map((code) => {
    const a = suppressedValue(pre.get(code) ?? [], k);
    const b = suppressedValue(post.get(code) ?? [], k);
    return { code, pre: a, post: b, growth: a.value !== null && b.value !== null ? b.value - a.value : null };
  });
}

/** Kwaliteitskaart progress: actions done, open and overdue per step, for an institution and school year. */
export async function kwaliteitskaartProgress(db: Kysely<DB>, institutionId: string, schoolYear: string, today: string) {
  const rows = await db.selectFrom('quality_actions').select(['step', 'status', 'due_on']).where('institution_id', '=', institutionId).where('school_year', '=', schoolYear).execute();
  const steps = ['verankeren', 'faciliteren', 'verbeteren'] as const;
  const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  const isOpen = (r: (typeof rows)[number]) => r.status === 'planned' || r.status === 'doing';
  return {
    total: rows.filter((r) => r.status !== 'dropped').length,
    done: count((r) => r.status === 'done'),
    open: count(isOpen),
    overdue: count((r) => isOpen(r) && String(r.due_on).slice(0, 10) < today),
    perStep: steps.map((step) => ({ step, done: count((r) => r.step === step && r.status === 'done'), open: count((r) => r.step === step && isOpen(r)) })),
  };
}
