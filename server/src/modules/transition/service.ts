import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { ageOn, schoolDate } from '../../platform/clock.js';
import { AppError, badRequest, conflict, forbidden } from '../../platform/errors.js';
import {
  currentStudentPlacement,
  enrolAtInstitution,
  getInstitution,
  getProgramme,
  parentIdsOf,
  type InstitutionSummary,
  type ProgrammeSummary,
} from '../org/service.js';
import { nextSchoolEntries } from '../portfolio/service.js';
import { RECEIVER_ROLES, SENDER_ROLES, type NewTransferResource, type TransferResource } from './policy.js';
import {
  SCHOOL_FIELDS,
  STUDENT_FIELDS,
  type SentForm,
  type TransferView,
  type UpdateTransferInput,
} from './schema.js';
import type { IntakeOutcome, TransitionStatus, TransitionTables } from './tables.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;
type TransferRow = Selectable<TransitionTables['transfers']>;

/** Statuses recorded at the same moment sort in the order of the transition. */
const STATUS_RANK = sql<number>`array_position(array['aangemeld', 'intake_gehad', 'geplaatst', 'ingeschreven', 'gestart', 'werk', 'vervolgopleiding', 'diploma', 'gestopt']::text[], s.status)`;
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const dateOnly = (d: Date | string) => (typeof d === 'string' ? d.slice(0, 10) : schoolDate(d));
const roleList = (roles: readonly string[]) => sql.join(roles.map((r) => sql`${r}`));

/** The first day of the school year after the one a date falls in: when an mbo programme starts. */
export function nextSchoolYearStart(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return `${m >= 8 ? y + 1 : y}-08-01`;
}

// ---- resources ------------------------------------------------------------------------------

/**
 * A transfer with the reader's relation to it, in one query. The sending-school relation is
 * granted only by a role at the sending institution (or being the pupil's mentor there), the
 * receiving one only by a role at the receiving institution.
 */
export async function loadTransferResource(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, id: string): Promise<TransferResource | null> {
  const today = schoolDate(deps.clock.now());
  const a = actor.userId;
  const r = await sql<{ id: string; student_id: string; from_institution_id: string; to_institution_id: string | null; status: TransferResource['status']; parent: boolean; sender: boolean; receiver: boolean }>`
    select t.id, t.student_id, t.from_institution_id, t.to_institution_id, t.status,
      exists (select 1 from parent_links pl join users s on s.id = pl.student_id
              where pl.student_id = t.student_id and pl.parent_id = ${a}
                and (pl.adult_opt_in or s.birth_date is null or s.birth_date > (${today}::date - interval '18 years'))) as parent,
      (exists (select 1 from user_roles r where r.user_id = ${a} and r.institution_id = t.from_institution_id
               and r.role in (${roleList(SENDER_ROLES)}))
       or exists (select 1 from enrolments e join group_mentors gm on gm.group_id = e.group_id
                  where e.student_id = t.student_id and e.institution_id = t.from_institution_id and gm.user_id = ${a}
                    and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date))) as sender,
      exists (select 1 from user_roles r where r.user_id = ${a} and r.institution_id = t.to_institution_id
              and r.role in (${roleList(RECEIVER_ROLES)})) as receiver
    from transfers t where t.id = ${id}`.execute(deps.db);
  const t = r.rows[0];
  if (!t) return null;
  const rel = { self: t.student_id === a, parent: t.parent, sender: t.sender, receiver: t.receiver };
  const readable = rel.self || rel.parent || rel.sender || (rel.receiver && t.status !== 'draft');
  return { id: t.id, studentId: t.student_id, institutionId: t.from_institution_id, toInstitutionId: t.to_institution_id, status: t.status, rel, private: !readable };
}

/**
 * Who may start a transfer for this pupil, and from which school: the pupil themselves from
 * their current school, or staff of a school the pupil is enrolled in today.
 */
export async function loadNewTransferResource(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, studentId: string): Promise<NewTransferResource | null> {
  const today = schoolDate(deps.clock.now());
  const r = await sql<{ institution_id: string; sender: boolean }>`
    select e.institution_id,
      (exists (select 1 from user_roles r where r.user_id = ${actor.userId} and r.institution_id = e.institution_id
               and r.role in (${roleList(SENDER_ROLES)}))
       or exists (select 1 from group_mentors gm where gm.group_id = e.group_id and gm.user_id = ${actor.userId})) as sender
    from enrolments e
    where e.student_id = ${studentId} and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)
    order by e.starts_on desc`.execute(deps.db);
  if (r.rows.length === 0) return null;
  const self = actor.userId === studentId;
  const granting = r.rows.find((row) => row.sender);
  const institutionId = self ? r.rows[0].institution_id : (granting?.institution_id ?? r.rows[0].institution_id);
  return { studentId, institutionId, self, sender: Boolean(granting), private: true };
}

// ---- create and fill in ---------------------------------------------------------------------

export async function createTransfer(
  deps: Ctx,
  actor: Actor,
  res: NewTransferResource,
  input: { toInstitutionId?: string; programmeId?: string; destination: 'school' | 'work'; employer: string },
  ip?: string,
): Promise<string> {
  let toInstitutionId: string | null = null;
  if (input.destination === 'school') {
    const to = await getInstitution(deps, input.toInstitutionId!);
    if (!to || to.type === 'gemeente') throw badRequest('validation_failed', { toInstitutionId: 'Deze school bestaat niet in Koers. / This school is not in Koers.' });
    if (to.id === res.institutionId) throw badRequest('validation_failed', { toInstitutionId: 'Kies een andere school dan de huidige. / Choose another school than the current one.' });
    toInstitutionId = to.id;
  }
  if (input.programmeId) await assertProgrammeOf(deps, input.programmeId, toInstitutionId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('transfers')
      .select('id')
      .where('student_id', '=', res.studentId)
      .where('status', '=', 'draft')
      .where(toInstitutionId ? sql<boolean>`to_institution_id = ${toInstitutionId}` : sql<boolean>`destination = 'work'`)
      .executeTakeFirst();
    if (open) throw conflict('transfer_exists', { toInstitutionId: open.id });
    const row = await trx
      .insertInto('transfers')
      .values({
        student_id: res.studentId,
        from_institution_id: res.institutionId,
        to_institution_id: toInstitutionId,
        programme_id: input.programmeId ?? null,
        destination: input.destination,
        employer: input.employer,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.audit.record(
      { action: 'transfer.create', actorId: actor.userId, studentId: res.studentId, institutionId: res.institutionId, subjectType: 'transfer', subjectId: row.id, ip, details: { toInstitutionId, destination: input.destination } },
      trx,
    );
    return row.id;
  });
}

async function assertProgrammeOf(deps: Pick<Deps, 'db'>, programmeId: string, institutionId: string | null) {
  const p = await getProgramme(deps, programmeId);
  if (!p || p.institutionId !== institutionId) {
    throw badRequest('validation_failed', { programmeId: 'Deze opleiding hoort niet bij de gekozen school. / This programme is not offered by the chosen school.' });
  }
}

const COLUMN: Record<keyof NonNullable<UpdateTransferInput>, keyof TransitionTables['transfers']> = {
  choice: 'choice',
  motivation: 'motivation',
  highlightEntryIds: 'highlight_entry_ids',
  includeCv: 'include_cv',
  alumniContactConsent: 'alumni_contact_consent',
  lobActivities: 'lob_activities',
  advice: 'advice',
  supportNeeds: 'support_needs',
  supportLegalBasis: 'support_legal_basis',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
  programmeId: 'programme_id',
  employer: 'employer',
};

/**
 * The pupil fills in their part (choice, motivation, highlights), the sending school its part
 * (LOB activities, advice, support, contact). Every change raises the form version, so a consent
 * given to an earlier version no longer allows sending.
 */
export async function updateTransfer(deps: Ctx, actor: Actor, res: TransferResource, input: UpdateTransferInput, ip?: string): Promise<void> {
  const keys = Object.keys(input) as (keyof UpdateTransferInput)[];
  for (const key of keys) {
    const mayWrite = (STUDENT_FIELDS as readonly string[]).includes(key) ? res.rel.self : (SCHOOL_FIELDS as readonly string[]).includes(key) && res.rel.sender;
    if (!mayWrite) throw new AppError(403, 'transfer_field_not_yours', { [key]: 'Dit deel van het formulier vult iemand anders in. / Someone else fills in this part of the form.' });
  }
  if (input.highlightEntryIds?.length) {
    const shared = new Set((await nextSchoolEntries(deps, res.studentId)).map((e) => e.id));
    const unknown = input.highlightEntryIds.find((id) => !shared.has(id));
    if (unknown) throw badRequest('validation_failed', { highlightEntryIds: 'Kies alleen ervaringen die je deelt met je volgende school. / Pick only entries you share with your next school.' });
  }
  if (input.programmeId) await assertProgrammeOf(deps, input.programmeId, res.toInstitutionId);
  const values: Record<string, unknown> = {};
  for (const key of keys) values[COLUMN[key]] = input[key];
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('transfers')
      .set({ ...values, form_version: sql`form_version + 1`, updated_at: deps.clock.now() })
      .where('id', '=', res.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw conflict('transfer_not_draft');
    await deps.audit.record(
      { action: 'transfer.update', actorId: actor.userId, studentId: res.studentId, institutionId: res.institutionId, subjectType: 'transfer', subjectId: res.id, ip, details: { fields: keys } },
      trx,
    );
  });
}

// ---- consent and sending --------------------------------------------------------------------

interface ConsentState {
  required: ('student' | 'parent')[];
  given: { userId: string; role: 'student' | 'parent'; displayName: string; givenAt: string; includeSupport: boolean; current: boolean }[];
  complete: boolean;
  /** every consent that is needed also covers the support needs */
  coversSupport: boolean;
}

/** The pupil always consents; under 16 a parent too (AVG art. 8 as applied in Dutch schools). */
async function consentState(db: Kysely<DB>, transfer: { id: string; student_id: string; form_version: number }, today: string): Promise<ConsentState> {
  const student = await db.selectFrom('users').select('birth_date').where('id', '=', transfer.student_id).executeTakeFirst();
  const age = student?.birth_date ? ageOn(dateOnly(student.birth_date), today) : null;
  const required: ConsentState['required'] = age !== null && age < 16 ? ['student', 'parent'] : ['student'];
  const rows = await db
    .selectFrom('transfer_consents as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.user_id', 'c.role', 'c.form_version', 'c.include_support', 'c.given_at', 'u.display_name'])
    .where('c.transfer_id', '=', transfer.id)
    .orderBy('c.given_at')
    .execute();
  const given = rows.map((r) => ({
    userId: r.user_id,
    role: r.role,
    displayName: r.display_name,
    givenAt: new Date(r.given_at).toISOString(),
    includeSupport: r.include_support,
    current: r.form_version === transfer.form_version,
  }));
  const currentBy = (role: 'student' | 'parent') => given.filter((g) => g.role === role && g.current);
  const complete = required.every((role) => currentBy(role).length > 0);
  const coversSupport = complete && required.every((role) => currentBy(role).some((g) => g.includeSupport));
  return { required, given, complete, coversSupport };
}

export async function giveConsent(deps: Ctx, actor: Actor, res: TransferResource, includeSupport: boolean, ip?: string): Promise<void> {
  const role = res.rel.self ? 'student' : 'parent';
  await deps.db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('transfers').select(['status', 'form_version']).where('id', '=', res.id).forUpdate().executeTakeFirstOrThrow();
    if (t.status !== 'draft') throw conflict('transfer_not_draft');
    const now = deps.clock.now();
    await trx
      .insertInto('transfer_consents')
      .values({ transfer_id: res.id, user_id: actor.userId, role, form_version: t.form_version, include_support: includeSupport, given_at: now })
      .onConflict((oc) => oc.columns(['transfer_id', 'user_id']).doUpdateSet({ role, form_version: t.form_version, include_support: includeSupport, given_at: now }))
      .execute();
    await deps.audit.record(
      { action: 'transfer.consent', actorId: actor.userId, studentId: res.studentId, institutionId: res.institutionId, subjectType: 'transfer', subjectId: res.id, ip, details: { role, formVersion: t.form_version, includeSupport } },
      trx,
    );
  });
}

/** The form as it would be sent now: the standard format, with support needs only when allowed. */
async function buildForm(deps: Pick<Deps, 'db' | 'clock'>, t: TransferRow, consent: ConsentState, sentAt: Date | null): Promise<SentForm> {
  const [student, from, to, programme, placement, entries] = await Promise.all([
    deps.db.selectFrom('users').select(['given_name', 'family_name', 'birth_date']).where('id', '=', t.student_id).executeTakeFirstOrThrow(),
    getInstitution(deps, t.from_institution_id),
    t.to_institution_id ? getInstitution(deps, t.to_institution_id) : null,
    t.programme_id ? getProgramme(deps, t.programme_id) : null,
    currentStudentPlacement(deps, t.student_id),
    nextSchoolEntries(deps, t.student_id),
  ]);
  const current = placement.find((p) => p.institution_id === t.from_institution_id);
  const currentProgramme = current?.programme_id ? await getProgramme(deps, current.programme_id) : null;
  const supportBasis = t.support_legal_basis ? 'law' : consent.coversSupport ? 'consent' : null;
  const picks = t.highlight_entry_ids ?? [];
  const carried = entries
    .map((e) => ({ ...e, highlight: picks.includes(e.id) }))
    .sort((a, b) => Number(b.highlight) - Number(a.highlight) || (a.highlight ? picks.indexOf(a.id) - picks.indexOf(b.id) : 0));
  const name = `${student.given_name} ${student.family_name}`;
  return {
    format: 'koers-overstap/1',
    student: { givenName: student.given_name, familyName: student.family_name, birthDate: student.birth_date ? dateOnly(student.birth_date) : null },
    from: schoolOf(from!),
    currentProgramme: currentProgramme ? programmeOf(currentProgramme) : null,
    destination: t.destination as 'school' | 'work',
    to: to ? schoolOf(to) : null,
    programme: programme ? programmeOf(programme) : null,
    employer: t.employer as string,
    choice: t.choice as string,
    motivation: t.motivation as string,
    lobActivities: t.lob_activities as string,
    advice: t.advice as string,
    supportNeeds: supportBasis ? (t.support_needs as string) : null,
    supportBasis,
    supportLegalBasis: t.support_legal_basis,
    contact: { name: t.contact_name as string, email: t.contact_email as string, phone: t.contact_phone as string },
    entries: carried,
    cv: t.include_cv
      ? {
          name,
          education: [{ school: from!.name, programme: currentProgramme?.name ?? null }],
          experience: entries
            .filter((e) => ['work', 'bpv', 'volunteering', 'school'].includes(e.kind))
            .map((e) => ({ kind: e.kind, title: e.title, occurredOn: e.occurredOn, place: e.place })),
          competencies: [...new Set(entries.flatMap((e) => e.competencies))].sort(),
        }
      : null,
    alumniContactConsent: t.alumni_contact_consent as boolean,
    consents: consent.given.filter((g) => g.current).map((g) => ({ role: g.role, givenAt: g.givenAt, includeSupport: g.includeSupport })),
    sentAt: iso(sentAt),
  };
}

const schoolOf = (i: InstitutionSummary) => ({ name: i.name, brin: i.brin, type: i.type });
const programmeOf = (p: ProgrammeSummary) => ({ name: p.name, kind: p.kind, crebo: p.crebo, level: p.level, pathway: p.pathway, voPath: p.voPath, voYear: p.voYear, croho: p.croho });

async function loadRow(db: Kysely<DB>, id: string): Promise<TransferRow> {
  return db.selectFrom('transfers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Sends the form: only with every consent it needs for this version of the form (409 otherwise).
 * What is sent is stored as sent, so the pupil and the receiving school see the same form.
 */
export async function sendTransfer(deps: Ctx, actor: Actor, res: TransferResource, ip?: string): Promise<void> {
  const today = schoolDate(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    await trx.selectFrom('transfers').select('id').where('id', '=', res.id).forUpdate().execute();
    const t = await loadRow(trx, res.id);
    if (t.status !== 'draft') throw conflict('transfer_not_draft');
    const consent = await consentState(trx, t, today);
    if (!consent.complete) {
      const missing = consent.required.filter((role) => !consent.given.some((g) => g.role === role && g.current));
      throw conflict('consent_missing', Object.fromEntries(missing.map((m) => [`consent.${m}`, m === 'parent' ? 'Een ouder moet nog toestemming geven. / A parent has yet to consent.' : 'De leerling moet nog toestemming geven. / The pupil has yet to consent.'])));
    }
    const now = deps.clock.now();
    const form = await buildForm({ db: trx, clock: deps.clock }, t, consent, now);
    await trx
      .updateTable('transfers')
      .set({ status: 'sent', sent_form: JSON.stringify(form), sent_at: now, sent_by: actor.userId, updated_at: now })
      .where('id', '=', res.id)
      .execute();
    await addStatus(trx, { studentId: t.student_id, transferId: t.id, institutionId: t.from_institution_id, status: 'aangemeld', occurredOn: today, recordedBy: actor.userId, now });
    await deps.audit.record(
      { action: 'transfer.send', actorId: actor.userId, studentId: t.student_id, institutionId: t.from_institution_id, subjectType: 'transfer', subjectId: t.id, ip, details: { toInstitutionId: t.to_institution_id, supportBasis: form.supportBasis, entries: form.entries.length } },
      trx,
    );
  });
}

/**
 * The receiving school accepts: the student's record there starts from the form (the student
 * role at that school; entries shared with next_school become readable to its intake staff).
 */
export async function acceptTransfer(deps: Ctx, actor: Actor, res: TransferResource, ip?: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('transfers')
      .set({ status: 'accepted', accepted_at: deps.clock.now(), accepted_by: actor.userId, updated_at: deps.clock.now() })
      .where('id', '=', res.id)
      .where('status', '=', 'sent')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw conflict('transfer_not_sent');
    await enrolAtInstitution(trx, { studentId: res.studentId, institutionId: res.toInstitutionId!, programmeId: null, startsOn: schoolDate(deps.clock.now()) });
    await deps.audit.record(
      { action: 'transfer.accept', actorId: actor.userId, studentId: res.studentId, institutionId: res.toInstitutionId, subjectType: 'transfer', subjectId: res.id, ip },
      trx,
    );
  });
}

// ---- intake, outcome and statuses -----------------------------------------------------------

async function addStatus(
  trx: Kysely<DB>,
  s: { studentId: string; transferId: string | null; institutionId: string | null; status: TransitionStatus; occurredOn: string; reason?: string; recordedBy: string | null; now: Date },
) {
  await trx
    .insertInto('transition_statuses')
    .values({ student_id: s.studentId, transfer_id: s.transferId, institution_id: s.institutionId, status: s.status, reason: s.reason ?? '', occurred_on: s.occurredOn, recorded_by: s.recordedBy, created_at: s.now })
    .execute();
}

export async function planIntake(deps: Ctx, actor: Actor, res: TransferResource, plannedAt: string, ip?: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('transfer_intakes')
      .values({ transfer_id: res.id, intaker_id: actor.userId, planned_at: new Date(plannedAt), created_at: now })
      .onConflict((oc) => oc.column('transfer_id').doUpdateSet({ planned_at: new Date(plannedAt), intaker_id: actor.userId }))
      .execute();
    await deps.audit.record({ action: 'transfer.intake.plan', actorId: actor.userId, studentId: res.studentId, institutionId: res.toInstitutionId, subjectType: 'transfer', subjectId: res.id, ip, details: { plannedAt } }, trx);
  });
}

export interface IntakeInput {
  motivation?: string;
  expectations?: string;
  supportNeeded?: string;
  firstAgreements?: string;
  held?: boolean;
  outcome?: IntakeOutcome | null;
  feedback?: string;
  startsOn?: string;
}

/**
 * Records the intake conversation (motivation, expectations, support needed, first agreements)
 * and its outcome. The outcome and the feedback go back to the sending school; placing the
 * pupil enrols them in the chosen programme from the start of the coming school year.
 */
export async function recordIntake(deps: Ctx, actor: Actor, res: TransferResource, input: IntakeInput, ip?: string): Promise<void> {
  const now = deps.clock.now();
  const today = schoolDate(now);
  await deps.db.transaction().execute(async (trx) => {
    const intake = await trx.selectFrom('transfer_intakes').selectAll().where('transfer_id', '=', res.id).forUpdate().executeTakeFirst();
    if (!intake) throw conflict('intake_not_planned');
    const set: Partial<Record<keyof TransitionTables['transfer_intakes'], unknown>> = {};
    if (input.motivation !== undefined) set.motivation = input.motivation;
    if (input.expectations !== undefined) set.expectations = input.expectations;
    if (input.supportNeeded !== undefined) set.support_needed = input.supportNeeded;
    if (input.firstAgreements !== undefined) set.first_agreements = input.firstAgreements;
    if (input.feedback !== undefined) set.feedback = input.feedback;
    const becomesHeld = (input.held || input.outcome) && !intake.held_at;
    if (becomesHeld) set.held_at = now;
    if (input.held === false && !input.outcome) set.held_at = null;
    const newOutcome = input.outcome !== undefined && input.outcome !== intake.outcome ? input.outcome : undefined;
    if (newOutcome !== undefined) set.outcome = newOutcome;
    if (newOutcome || (input.feedback !== undefined && (intake.outcome || newOutcome))) set.feedback_at = now;
    await trx.updateTable('transfer_intakes').set(set as never).where('id', '=', intake.id).execute();
    const base = { studentId: res.studentId, transferId: res.id, institutionId: res.toInstitutionId, occurredOn: today, recordedBy: actor.userId, now };
    if (becomesHeld) await addStatus(trx, { ...base, status: 'intake_gehad' });
    if (newOutcome === 'placed') {
      await addStatus(trx, { ...base, status: 'geplaatst' });
      const t = await trx.selectFrom('transfers').select('programme_id').where('id', '=', res.id).executeTakeFirstOrThrow();
      await enrolAtInstitution(trx, { studentId: res.studentId, institutionId: res.toInstitutionId!, programmeId: t.programme_id, startsOn: input.startsOn ?? nextSchoolYearStart(today) });
    }
    await deps.audit.record(
      { action: 'transfer.intake.record', actorId: actor.userId, studentId: res.studentId, institutionId: res.toInstitutionId, subjectType: 'transfer', subjectId: res.id, ip, details: { held: Boolean(set.held_at ?? intake.held_at), outcome: newOutcome ?? intake.outcome } },
      trx,
    );
  });
}

export async function recordStatus(deps: Ctx, actor: Actor, res: TransferResource, input: { status: TransitionStatus; occurredOn: string; reason: string }, ip?: string): Promise<void> {
  const receiving = res.rel.receiver && res.status === 'accepted';
  await deps.db.transaction().execute(async (trx) => {
    await addStatus(trx, {
      studentId: res.studentId,
      transferId: res.id,
      institutionId: receiving ? res.toInstitutionId : res.institutionId,
      status: input.status,
      reason: input.reason,
      occurredOn: input.occurredOn,
      recordedBy: actor.userId,
      now: deps.clock.now(),
    });
    await deps.audit.record({ action: 'transfer.status', actorId: actor.userId, studentId: res.studentId, institutionId: receiving ? res.toInstitutionId : res.institutionId, subjectType: 'transfer', subjectId: res.id, ip, details: { status: input.status } }, trx);
  });
}

// ---- reading --------------------------------------------------------------------------------

type ViewerRole = TransferView['viewer']['role'];

/** The reader's role on this transfer; the pupil's own view wins over any staff role. */
function viewerRole(res: TransferResource): ViewerRole {
  if (res.rel.self) return 'student';
  if (res.rel.parent) return 'parent';
  if (res.rel.sender) return 'sender';
  return 'receiver';
}

export async function getTransferView(deps: Pick<Deps, 'db' | 'clock'>, res: TransferResource): Promise<TransferView> {
  const today = schoolDate(deps.clock.now());
  const t = await loadRow(deps.db, res.id);
  const role = viewerRole(res);
  const [student, from, to, programme, consent, intake, statuses] = await Promise.all([
    deps.db.selectFrom('users').select(['display_name', 'birth_date']).where('id', '=', t.student_id).executeTakeFirstOrThrow(),
    getInstitution(deps, t.from_institution_id),
    t.to_institution_id ? getInstitution(deps, t.to_institution_id) : null,
    t.programme_id ? getProgramme(deps, t.programme_id) : null,
    consentState(deps.db, t, today),
    deps.db
      .selectFrom('transfer_intakes as i')
      .leftJoin('users as u', 'u.id', 'i.intaker_id')
      .selectAll('i')
      .select('u.display_name as intaker')
      .where('i.transfer_id', '=', t.id)
      .executeTakeFirst(),
    transferStatuses(deps.db, t.id),
  ]);
  const draft = t.status === 'draft';
  const seesDraft = draft && role !== 'receiver';
  const preview = seesDraft ? await buildForm(deps, t, consent, null) : null;
  const shareable = draft && role === 'student' ? (await nextSchoolEntries(deps, t.student_id)).map((e) => ({ id: e.id, title: e.title, occurredOn: e.occurredOn })) : null;
  // The sending school hears the outcome and the feedback, not the conversation itself.
  const conversation = role !== 'sender';
  return {
    id: t.id,
    status: t.status,
    destination: t.destination as 'school' | 'work',
    student: { id: t.student_id, displayName: student.display_name, age: student.birth_date ? ageOn(dateOnly(student.birth_date), today) : null },
    from: from!,
    to,
    programme,
    viewer: {
      role,
      canEdit: draft && (res.rel.self || res.rel.sender),
      canConsent: draft && (res.rel.self || res.rel.parent),
      canSend: draft && res.rel.sender,
      canAccept: t.status === 'sent' && res.rel.receiver,
      canIntake: t.status === 'accepted' && res.rel.receiver,
    },
    formVersion: t.form_version as number,
    form: seesDraft
      ? {
          choice: t.choice as string,
          motivation: t.motivation as string,
          highlightEntryIds: (t.highlight_entry_ids as string[]) ?? [],
          includeCv: t.include_cv as boolean,
          alumniContactConsent: t.alumni_contact_consent as boolean,
          lobActivities: t.lob_activities as string,
          advice: t.advice as string,
          supportNeeds: t.support_needs as string,
          supportLegalBasis: t.support_legal_basis,
          contactName: t.contact_name as string,
          contactEmail: t.contact_email as string,
          contactPhone: t.contact_phone as string,
          employer: t.employer as string,
        }
      : null,
    consent: { required: consent.required, given: consent.given.map(({ userId: _u, ...g }) => g), complete: consent.complete },
    preview,
    sent: t.sent_form ? (typeof t.sent_form === 'string' ? JSON.parse(t.sent_form) : (t.sent_form as SentForm)) : null,
    shareableEntries: shareable,
    intake: intake
      ? {
          plannedAt: new Date(intake.planned_at).toISOString(),
          heldAt: iso(intake.held_at),
          intaker: intake.intaker ?? null,
          motivation: conversation ? intake.motivation : null,
          expectations: conversation ? intake.expectations : null,
          supportNeeded: conversation ? intake.support_needed : null,
          firstAgreements: conversation ? intake.first_agreements : null,
          outcome: intake.outcome,
          feedback: intake.feedback,
          feedbackAt: iso(intake.feedback_at),
        }
      : null,
    statuses,
    imported: t.imported as boolean,
    createdAt: new Date(t.created_at).toISOString(),
    sentAt: iso(t.sent_at),
    acceptedAt: iso(t.accepted_at),
  };
}

async function transferStatuses(db: Kysely<DB>, transferId: string) {
  const rows = await db
    .selectFrom('transition_statuses as s')
    .leftJoin('institutions as i', 'i.id', 's.institution_id')
    .select(['s.id', 's.status', 's.reason', 's.occurred_on', 'i.name as institution'])
    .where('s.transfer_id', '=', transferId)
    .orderBy('s.occurred_on')
    .orderBy('s.created_at')
    .orderBy(STATUS_RANK)
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, reason: r.reason, occurredOn: dateOnly(r.occurred_on), institution: r.institution }));
}

function encodeCursor(at: Date | string, id: string) {
  return Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');
}
function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id ?? '')) throw badRequest('validation_failed', { cursor: 'Deze lijst kan niet verder; begin opnieuw bij het begin. / This list cannot continue; start again from the beginning.' });
  return { at, id };
}

/**
 * Transfers the reader's institution sent (outgoing: also the pupil's own and a parent's
 * child's) or received (incoming: sent to an institution where the reader is intake officer or
 * LOB-coördinator). Filtered in SQL by the same relations as the policy.
 */
export async function listTransfers(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, opts: { direction: 'incoming' | 'outgoing'; limit: number; cursor?: string }) {
  const today = schoolDate(deps.clock.now());
  const a = actor.userId;
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const filter =
    opts.direction === 'incoming'
      ? sql`t.status <> 'draft' and t.to_institution_id in (select institution_id from user_roles where user_id = ${a} and role in (${roleList(RECEIVER_ROLES)}))`
      : sql`(t.from_institution_id in (select institution_id from user_roles where user_id = ${a} and role in (${roleList(SENDER_ROLES)}))
          or t.student_id = ${a}
          or exists (select 1 from parent_links pl where pl.parent_id = ${a} and pl.student_id = t.student_id
                     and (pl.adult_opt_in or u.birth_date is null or u.birth_date > (${today}::date - interval '18 years')))
          or exists (select 1 from enrolments e join group_mentors gm on gm.group_id = e.group_id
                     where e.student_id = t.student_id and e.institution_id = t.from_institution_id and gm.user_id = ${a}
                       and e.starts_on <= ${today}::date and (e.ends_on is null or e.ends_on >= ${today}::date)))`;
  const r = await sql<{
    id: string; status: TransferResource['status']; destination: 'school' | 'work'; student_id: string; student_name: string;
    from_id: string; from_name: string; to_id: string | null; to_name: string | null; programme: string | null; employer: string;
    consent_complete: boolean; outcome: IntakeOutcome | null; latest_status: TransitionStatus | null; created_at: Date; sent_at: Date | null;
  }>`
    select t.id, t.status, t.destination, t.student_id, u.display_name as student_name,
      fi.id as from_id, fi.name as from_name, ti.id as to_id, ti.name as to_name, p.name as programme, t.employer,
      (exists (select 1 from transfer_consents c where c.transfer_id = t.id and c.role = 'student' and c.form_version = t.form_version)
       and (u.birth_date is null or u.birth_date <= (${today}::date - interval '16 years')
            or exists (select 1 from transfer_consents c where c.transfer_id = t.id and c.role = 'parent' and c.form_version = t.form_version))) as consent_complete,
      (select i.outcome from transfer_intakes i where i.transfer_id = t.id) as outcome,
      (select s.status from transition_statuses s where s.transfer_id = t.id order by s.occurred_on desc, s.created_at desc, ${STATUS_RANK} desc limit 1) as latest_status,
      t.created_at, t.sent_at
    from transfers t
    join users u on u.id = t.student_id
    join institutions fi on fi.id = t.from_institution_id
    left join institutions ti on ti.id = t.to_institution_id
    left join programmes p on p.id = t.programme_id
    where ${filter}
      ${after ? sql`and (t.created_at, t.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
    order by t.created_at desc, t.id desc
    limit ${opts.limit + 1}`.execute(deps.db);
  const rows = r.rows.slice(0, opts.limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => ({
      id: row.id,
      status: row.status,
      destination: row.destination,
      student: { id: row.student_id, displayName: row.student_name },
      from: { id: row.from_id, name: row.from_name },
      to: row.to_id ? { id: row.to_id, name: row.to_name! } : null,
      programme: row.programme,
      employer: row.employer,
      consentComplete: Boolean(row.consent_complete),
      outcome: row.outcome,
      latestStatus: row.latest_status,
      createdAt: new Date(row.created_at).toISOString(),
      sentAt: iso(row.sent_at),
    })),
    nextCursor: r.rows.length > opts.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

const STARTED: readonly TransitionStatus[] = ['gestart', 'werk', 'vervolgopleiding', 'diploma', 'gestopt'];

/**
 * The warm-handover figures of one sending school for one school year: every pupil with a
 * transfer started that year, how far each got, and the share who started at their next
 * school or at work. The school's own pupils, so no suppression; it is not an aggregate that leaves the school.
 */
export async function handoverOverview(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, opts: { institutionId?: string; year?: number }) {
  const today = schoolDate(deps.clock.now());
  const readable = actor.roles.filter((r) => ['decaan', 'lob_coordinator', 'manager', 'institution_admin'].includes(r.role)).map((r) => r.institutionId);
  const institutionId = opts.institutionId ?? readable[0];
  if (!institutionId || !readable.includes(institutionId)) throw forbidden();
  const [ty, tm] = today.split('-').map(Number);
  const year = opts.year ?? (tm >= 8 ? ty : ty - 1);
  const from = `${year}-08-01`;
  const to = `${year + 1}-08-01`;
  const institution = await getInstitution(deps, institutionId);
  const r = await sql<{ id: string; status: TransferResource['status']; student_id: string; display_name: string; destination: string; statuses: string[] | string | null }>`
    select distinct on (t.student_id) t.id, t.status, t.student_id, u.display_name,
      coalesce(ti.name, nullif(t.employer, ''), t.destination) as destination,
      (select array_agg(s.status) from transition_statuses s where s.transfer_id = t.id) as statuses
    from transfers t join users u on u.id = t.student_id left join institutions ti on ti.id = t.to_institution_id
    where t.from_institution_id = ${institutionId} and t.created_at >= ${from}::date and t.created_at < ${to}::date
    order by t.student_id, t.created_at desc`.execute(deps.db);
  const items = r.rows
    .map((row) => {
      const statuses = parseArray(row.statuses) as TransitionStatus[];
      const latest = [...statuses].sort((a, b) => TRANSITION_ORDER.indexOf(b) - TRANSITION_ORDER.indexOf(a))[0] ?? null;
      return {
        transferId: row.id,
        student: { id: row.student_id, displayName: row.display_name },
        destination: row.destination,
        transferStatus: row.status,
        latestStatus: latest,
        started: statuses.some((s) => STARTED.includes(s)),
        placed: statuses.includes('geplaatst'),
      };
    })
    .sort((a, b) => a.student.displayName.localeCompare(b.student.displayName, 'nl'));
  const started = items.filter((i) => i.started).length;
  return {
    institution: { id: institutionId, name: institution?.name ?? '' },
    schoolYear: `${year}-${year + 1}`,
    leavers: items.length,
    sent: items.filter((i) => i.transferStatus !== 'draft').length,
    placed: items.filter((i) => i.placed).length,
    started,
    warmHandoverRate: items.length ? Math.round((1000 * started) / items.length) / 10 : null,
    items: items.map(({ placed: _p, ...i }) => i),
  };
}

const TRANSITION_ORDER: readonly TransitionStatus[] = ['aangemeld', 'intake_gehad', 'geplaatst', 'ingeschreven', 'gestart', 'werk', 'vervolgopleiding', 'diploma', 'gestopt'];

function parseArray(value: string[] | string | null): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return value.replace(/[{}]/g, '').split(',').filter(Boolean);
}

// ---- for other modules ----------------------------------------------------------------------

export interface TransitionStatusRow {
  studentId: string;
  transferId: string;
  fromInstitutionId: string;
  toInstitutionId: string | null;
  destination: 'school' | 'work';
  transferStatus: TransferResource['status'];
  /** the latest status on the timeline; null while the form is not sent */
  status: TransitionStatus | null;
  occurredOn: string | null;
}

/**
 * The transition status of young people, for the region and monitor modules: per transfer the
 * latest status of its timeline. Filter by students, by the institutions involved (sending or
 * receiving), or by RMC region (of either school). No person data beyond the ids; callers apply
 * their own policy and suppression.
 */
export async function listTransitionStatuses(
  deps: Pick<Deps, 'db'>,
  filter: { studentIds?: string[]; institutionIds?: string[]; rmcRegionId?: string },
): Promise<TransitionStatusRow[]> {
  if (filter.studentIds?.length === 0 || filter.institutionIds?.length === 0) return [];
  const r = await sql<{ student_id: string; id: string; from_institution_id: string; to_institution_id: string | null; destination: 'school' | 'work'; status: TransferResource['status']; latest: TransitionStatus | null; occurred_on: string | Date | null }>`
    select t.student_id, t.id, t.from_institution_id, t.to_institution_id, t.destination, t.status, s.status as latest, s.occurred_on
    from transfers t
    left join lateral (select status, occurred_on from transition_statuses s where s.transfer_id = t.id
                       order by s.occurred_on desc, s.created_at desc, ${STATUS_RANK} desc limit 1) s on true
    where true
      ${filter.studentIds ? sql`and t.student_id in (${sql.join(filter.studentIds)})` : sql``}
      ${filter.institutionIds ? sql`and (t.from_institution_id in (${sql.join(filter.institutionIds)}) or t.to_institution_id in (${sql.join(filter.institutionIds)}))` : sql``}
      ${filter.rmcRegionId ? sql`and exists (select 1 from institutions i where i.id in (t.from_institution_id, t.to_institution_id) and i.rmc_region_id = ${filter.rmcRegionId})` : sql``}
    order by t.student_id, t.created_at`.execute(deps.db);
  return r.rows.map((row) => ({
    studentId: row.student_id,
    transferId: row.id,
    fromInstitutionId: row.from_institution_id,
    toInstitutionId: row.to_institution_id,
    destination: row.destination,
    transferStatus: row.status,
    status: row.latest,
    occurredOn: row.occurred_on ? dateOnly(row.occurred_on) : null,
  }));
}

export { parentIdsOf };
