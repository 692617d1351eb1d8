import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest } from '../../platform/errors.js';
import { schoolDate } from '../../platform/clock.js';
import { accessLateral, ageSql } from './access.js';
import type { YouthListQuery } from './schema.js';
import type { LegalBasis, Outcome, PlaceStatus, Reason } from './tables.js';

type D = Pick<Deps, 'db' | 'clock' | 'audit'>;

interface YouthRow {
  id: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  age: number;
  gemeente: string;
  status: PlaceStatus;
  since: string;
  days: number;
  reason: Reason | null;
  last_school: string | null;
  last_programme: string | null;
  case_id: string | null;
  owner_id: string | null;
  owner_name: string | null;
  follow_up_on: string | null;
  overdue: boolean;
  basis: LegalBasis | null;
  institution_id: string | null;
  user_id: string | null;
  has_owner: boolean;
}

/** The columns of a list item; `acc` is the reader's access (access.ts), `c` the open case. */
function youthColumns(today: string) {
  return sql`y.id, y.given_name, y.family_name, to_char(y.birth_date, 'YYYY-MM-DD') as birth_date, ${ageSql(today)} as age,
    y.gemeente, y.status, to_char(y.since, 'YYYY-MM-DD') as since, (${today}::date - y.since)::int as days, y.reason,
    y.last_school, y.last_programme, y.user_id,
    c.id as case_id, c.owner_id, ou.display_name as owner_name, to_char(c.follow_up_on, 'YYYY-MM-DD') as follow_up_on,
    ${overdueSql(today)} as overdue, (c.owner_id is not null) as has_owner,
    acc.basis, acc.institution_id`;
}

/**
 * A case is overdue when its follow-up date has passed and nothing was recorded on or after
 * that date: the signal the regional coordinator acts on.
 */
export function overdueSql(today: string) {
  return sql<boolean>`coalesce(c.follow_up_on < ${today}::date
    and (c.last_activity_at at time zone 'Europe/Amsterdam')::date < c.follow_up_on, false)`;
}

function toItem(r: YouthRow) {
  return {
    id: r.id,
    name: `${r.given_name} ${r.family_name}`,
    age: Number(r.age),
    birthDate: r.birth_date,
    gemeente: r.gemeente,
    status: r.status,
    since: r.since,
    daysInStatus: Number(r.days),
    reason: r.reason,
    lastSchool: r.last_school,
    lastProgramme: r.last_programme,
    caseId: r.case_id,
    caseOwner: r.owner_id ? { id: r.owner_id, displayName: r.owner_name ?? '' } : null,
    followUpOn: r.follow_up_on,
    overdue: r.overdue,
    legalBasis: r.basis,
  };
}

function encodeCursor(r: YouthRow) {
  return Buffer.from(`${r.has_owner ? 1 : 0}|${r.since}|${r.id}`).toString('base64url');
}
function decodeCursor(cursor: string) {
  const [owner, since, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!/^[01]$/.test(owner ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(since ?? '') || !/^[0-9a-f-]{36}$/i.test(id ?? '')) {
    throw badRequest('validation_failed', { cursor: 'Ongeldige cursor / invalid cursor.' });
  }
  return { owner: owner === '1', since, id };
}

/**
 * The regional overview: young people of the reader's region they have a legal basis for,
 * filtered in SQL, most urgent first — without a case owner before with one, then the longest
 * in their status. Every young person shown is a read of their record: audited one by one.
 */
export async function listYouth(deps: D, actor: Actor, q: YouthListQuery, ip?: string) {
  const today = schoolDate(deps.clock.now());
  if (q.ageMin !== undefined && q.ageMax !== undefined && q.ageMin > q.ageMax) {
    throw badRequest('validation_failed', { ageMax: 'De leeftijd tot moet hoger zijn dan vanaf / ageMax must be at least ageMin.' });
  }
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const r = await sql<YouthRow>`
    select ${youthColumns(today)}
    from region_youth y
    join lateral ${accessLateral(actor.userId, today)} acc on true
    left join region_cases c on c.youth_id = y.id and c.closed_at is null
    left join users ou on ou.id = c.owner_id
    where true
      ${q.status ? sql`and y.status = ${q.status}` : sql``}
      ${q.ageMin !== undefined ? sql`and ${ageSql(today)} >= ${q.ageMin}` : sql``}
      ${q.ageMax !== undefined ? sql`and ${ageSql(today)} <= ${q.ageMax}` : sql``}
      ${q.gemeente ? sql`and lower(y.gemeente) = lower(${q.gemeente})` : sql``}
      ${q.reason ? sql`and y.reason = ${q.reason}` : sql``}
      ${q.minDays !== undefined ? sql`and y.since <= ${today}::date - ${q.minDays}::int` : sql``}
      ${q.owner === 'none' ? sql`and c.owner_id is null` : q.owner === 'me' ? sql`and c.owner_id = ${actor.userId}` : sql``}
      ${after ? sql`and ((c.owner_id is not null), y.since, y.id) > (${after.owner}, ${after.since}::date, ${after.id}::uuid)` : sql``}
    order by (c.owner_id is not null), y.since, y.id
    limit ${q.limit + 1}`.execute(deps.db);
  const rows = r.rows.slice(0, q.limit);
  for (const row of rows) auditYouthRead(deps, actor, row, 'region.youth.list', ip);
  return { items: rows.map(toItem), nextCursor: r.rows.length > q.limit ? encodeCursor(rows.at(-1)!) : null };
}

function auditYouthRead(deps: D, actor: Actor, row: { id: string; user_id: string | null; institution_id: string | null }, action: string, ip?: string) {
  deps.audit.recordRead({
    action,
    actorId: actor.userId,
    studentId: row.user_id,
    institutionId: row.institution_id,
    subjectType: 'region_youth',
    subjectId: row.id,
    ip,
  });
}

interface CaseRow {
  id: string;
  opened_at: Date;
  owner_id: string | null;
  owner_name: string | null;
  follow_up_on: string | null;
  last_activity_at: Date;
  closed_at: Date | null;
  outcome: Outcome | null;
  outcome_note: string | null;
}

/** One young person with their places over time and their cases; the read is audited. */
export async function getYouth(deps: D, actor: Actor, youthId: string, access: 'legal_basis' | 'meeting', ip?: string) {
  const today = schoolDate(deps.clock.now());
  const r = await sql<YouthRow & { consent: boolean }>`
    select ${youthColumns(today)}, (y.consent_at is not null) as consent
    from region_youth y
    left join lateral ${accessLateral(actor.userId, today)} acc on true
    left join region_cases c on c.youth_id = y.id and c.closed_at is null
    left join users ou on ou.id = c.owner_id
    where y.id = ${youthId}`.execute(deps.db);
  const row = r.rows[0];
  const [placements, cases] = await Promise.all([
    deps.db
      .selectFrom('region_placements')
      .select(['status', sql<string>`to_char(since, 'YYYY-MM-DD')`.as('since'), 'reason', 'institution_name', 'programme', 'level', 'source'])
      .where('youth_id', '=', youthId)
      .orderBy('since', 'desc')
      .orderBy('recorded_at', 'desc')
      .execute(),
    sql<CaseRow>`
      select c.id, c.opened_at, c.owner_id, u.display_name as owner_name, to_char(c.follow_up_on, 'YYYY-MM-DD') as follow_up_on,
        c.last_activity_at, c.closed_at, c.outcome, c.outcome_note
      from region_cases c left join users u on u.id = c.owner_id
      where c.youth_id = ${youthId} order by c.opened_at desc`.execute(deps.db),
  ]);
  const caseIds = cases.rows.map((c) => c.id);
  const [owners, actions] = caseIds.length
    ? await Promise.all([
        sql<{ case_id: string; owner_id: string | null; owner_name: string | null; by_id: string | null; by_name: string | null; assigned_at: Date; ended_at: Date | null }>`
          select h.case_id, h.owner_id, o.display_name as owner_name, h.assigned_by as by_id, b.display_name as by_name, h.assigned_at, h.ended_at
          from region_case_owners h left join users o on o.id = h.owner_id left join users b on b.id = h.assigned_by
          where h.case_id = any(${caseIds}::uuid[]) order by h.assigned_at`.execute(deps.db),
        sql<{ id: string; case_id: string; kind: any; body: string; follow_up_on: string | null; created_by: string | null; by_name: string | null; created_at: Date; meeting_id: string | null; service_id: string | null; service_name: string | null }>`
          select a.id, a.case_id, a.kind, a.body, to_char(a.follow_up_on, 'YYYY-MM-DD') as follow_up_on, a.created_by, u.display_name as by_name, a.created_at, a.meeting_id,
            a.service_id, s.name as service_name
          from region_case_actions a left join users u on u.id = a.created_by left join region_services s on s.id = a.service_id
          where a.case_id = any(${caseIds}::uuid[]) order by a.created_at desc`.execute(deps.db),
      ])
    : [{ rows: [] }, { rows: [] }];
  const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);
  const toCase = (c: CaseRow) => ({
    id: c.id,
    openedAt: new Date(c.opened_at).toISOString(),
    owner: person(c.owner_id, c.owner_name),
    followUpOn: c.follow_up_on,
    lastActivityAt: new Date(c.last_activity_at).toISOString(),
    closedAt: c.closed_at ? new Date(c.closed_at).toISOString() : null,
    outcome: c.outcome,
    outcomeNote: c.outcome_note,
    owners: owners.rows
      .filter((h) => h.case_id === c.id)
      .map((h) => ({ owner: person(h.owner_id, h.owner_name), assignedBy: person(h.by_id, h.by_name), assignedAt: new Date(h.assigned_at).toISOString(), endedAt: h.ended_at ? new Date(h.ended_at).toISOString() : null })),
    actions: actions.rows
      .filter((a) => a.case_id === c.id)
      .map((a) => ({ id: a.id, kind: a.kind, body: a.body, followUpOn: a.follow_up_on, createdBy: person(a.created_by, a.by_name), createdAt: new Date(a.created_at).toISOString(), meetingId: a.meeting_id, service: a.service_id ? { id: a.service_id, name: a.service_name ?? '' } : null })),
  });
  auditYouthRead(deps, actor, row, 'region.youth.read', ip);
  const open = cases.rows.find((c) => c.closed_at === null);
  return {
    ...toItem(row),
    placements: placements.map((p) => ({ status: p.status, since: p.since, reason: p.reason, institutionName: p.institution_name, programme: p.programme, level: p.level === null ? null : Number(p.level), source: p.source })),
    openCase: open ? toCase(open) : null,
    closedCases: cases.rows.filter((c) => c.closed_at !== null).map(toCase),
    access,
    hasAccount: row.user_id !== null,
    consent: row.consent,
  };
}

/** The young person's own records in the registry, with every read of them (right of access). */
export async function ownRecords(deps: D, userId: string) {
  await deps.audit.flush();
  const youth = await sql<{ id: string; status: PlaceStatus; since: string; gemeente: string; owner_id: string | null; owner_name: string | null }>`
    select y.id, y.status, to_char(y.since, 'YYYY-MM-DD') as since, y.gemeente, c.owner_id, u.display_name as owner_name
    from region_youth y
    left join region_cases c on c.youth_id = y.id and c.closed_at is null
    left join users u on u.id = c.owner_id
    where y.user_id = ${userId} order by y.created_at`.execute(deps.db);
  const ids = youth.rows.map((y) => y.id);
  // audit_log belongs to identity; read for the person it is about, by its student index (decision 0003).
  const reads = ids.length
    ? await sql<{ subject_id: string; at: Date; actor_id: string | null; actor_name: string | null; action: string }>`
        select a.subject_id, a.at, a.actor_id, u.display_name as actor_name, a.action
        from audit_log a left join users u on u.id = a.actor_id
        where a.student_id = ${userId} and a.subject_type = 'region_youth' and a.subject_id = any(${ids}::uuid[]) and a.outcome = 'ok'
        order by a.id desc limit 500`.execute(deps.db)
    : { rows: [] };
  return {
    items: youth.rows.map((y) => ({
      id: y.id,
      status: y.status,
      since: y.since,
      gemeente: y.gemeente,
      caseOwner: y.owner_id ? { id: y.owner_id, displayName: y.owner_name ?? '' } : null,
      reads: reads.rows
        .filter((a) => a.subject_id === y.id)
        .map((a) => ({ at: new Date(a.at).toISOString(), actor: a.actor_id ? { id: a.actor_id, displayName: a.actor_name ?? '' } : null, action: a.action })),
    })),
    nextCursor: null,
  };
}
