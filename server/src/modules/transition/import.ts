import { sql } from 'kysely';
import type { Deps } from '../../platform/http.js';
import type { Actor } from '../../platform/policy.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { ensureInstitutionByBrin } from '../org/service.js';
import { RECEIVER_ROLES } from './policy.js';
import type { SentForm } from './schema.js';

type Ctx = Pick<Deps, 'db' | 'clock' | 'audit'>;

/**
 * Imports a form sent by a school without Koers (format koers-overstap/1, see
 * docs/overstapformulier.md). It arrives as a sent transfer to the reader's school: the school
 * whose BRIN the form names, if the reader is intake officer or LOB-coördinator there, else the
 * reader's only receiving school. The pupil must have an account (matched by e-mail); the
 * sending school is registered by its BRIN when Koers does not know it yet.
 */
export async function importTransfer(deps: Ctx, actor: Actor, input: { form: SentForm; studentEmail?: string }, ip?: string): Promise<string> {
  const { form } = input;
  const receiving = [...new Set(actor.roles.filter((r) => RECEIVER_ROLES.includes(r.role)).map((r) => r.institutionId))];
  const named = form.to?.brin
    ? await deps.db.selectFrom('institutions').select('id').where('brin', '=', form.to.brin).executeTakeFirst()
    : undefined;
  const toInstitutionId = named && receiving.includes(named.id) ? named.id : receiving.length === 1 ? receiving[0] : null;
  if (!toInstitutionId) throw forbidden();
  if (!form.from.brin) throw badRequest('validation_failed', { 'form.from.brin': 'Het BRIN-nummer van de school die het formulier stuurde ontbreekt. / The BRIN of the sending school is missing.' });
  if (!/^[0-9]{2}[A-Z0-9]{2}$/.test(form.from.brin)) throw badRequest('validation_failed', { 'form.from.brin': 'Dit is geen geldig BRIN-nummer. / This is not a valid BRIN.' });
  const student = input.studentEmail
    ? await deps.db.selectFrom('users').select('id').where(sql<boolean>`lower(email) = ${input.studentEmail.toLowerCase()}`).executeTakeFirst()
    : undefined;
  if (!student) throw badRequest('import_student_unknown', { studentEmail: 'Geen account met dit e-mailadres. / No account with this e-mail address.' });
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const fromInstitutionId = await ensureInstitutionByBrin(trx, { name: form.from.name, brin: form.from.brin!, type: form.from.type });
    if (fromInstitutionId === toInstitutionId) throw badRequest('validation_failed', { 'form.from.brin': 'De verzendende school is dezelfde als de ontvangende. / The sending school is the receiving school.' });
    const stored: SentForm = { ...form, sentAt: form.sentAt ?? now.toISOString() };
    const row = await trx
      .insertInto('transfers')
      .values({
        student_id: student.id,
        from_institution_id: fromInstitutionId,
        to_institution_id: toInstitutionId,
        destination: 'school',
        status: 'sent',
        choice: form.choice,
        motivation: form.motivation,
        lob_activities: form.lobActivities,
        advice: form.advice,
        support_needs: form.supportNeeds ?? '',
        support_legal_basis: form.supportLegalBasis,
        contact_name: form.contact.name,
        contact_email: form.contact.email,
        contact_phone: form.contact.phone,
        alumni_contact_consent: form.alumniContactConsent,
        sent_form: JSON.stringify(stored),
        imported: true,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        sent_at: new Date(stored.sentAt!),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('transition_statuses')
      .values({ student_id: student.id, transfer_id: row.id, institution_id: toInstitutionId, status: 'aangemeld', reason: '', occurred_on: now.toISOString().slice(0, 10), recorded_by: actor.userId, created_at: now })
      .execute();
    await deps.audit.record({ action: 'transfer.import', actorId: actor.userId, studentId: student.id, institutionId: toInstitutionId, subjectType: 'transfer', subjectId: row.id, ip, details: { fromBrin: form.from.brin } }, trx);
    return row.id;
  });
}
