import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import type { Locale } from '../../platform/i18n.js';
import type { Actor } from '../../platform/policy.js';
import type { StudentRelation } from '../org/relations.js';
import { fieldError } from './messages.js';
import { assertAcceptablePassword, hashPassword } from './passwords.js';
import { loadUserView, type UserView } from './service.js';
import { randomToken, sha256 } from './sessions.js';

/**
 * Invitations: a mentor or institution administrator invites a parent or a praktijkopleider
 * of one student by e-mail. The link carries a random token (stored hashed), works once and
 * for 14 days, and grants exactly one role and one relation.
 *
 * Accepting writes users, user_roles, parent_links and internships, which the org module
 * owns; org has no service for it yet, so the writes are kept together here in one place.
 */
export const INVITATION_DAYS = 14;

export type InvitationKind = 'parent' | 'praktijkopleider';

export interface InvitationInput {
  kind: InvitationKind;
  email: string;
  studentId: string;
  internshipId?: string;
}

export async function createInvitation(
  deps: Deps,
  actor: Actor,
  student: StudentRelation,
  input: InvitationInput,
  locale: Locale,
  ip: string,
) {
  const email = input.email.trim();
  await checkInvitationTarget(deps.db, student, input, email, locale);
  const token = randomToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  const invitation = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('invitations')
      .values({
        token_hash: sha256(token),
        kind: input.kind,
        email,
        institution_id: student.institutionId,
        student_id: student.studentId,
        internship_id: input.kind === 'praktijkopleider' ? input.internshipId! : null,
        invited_by: actor.userId,
        created_at: now,
        expires_at: expiresAt,
      })
      .returning(['id', 'kind', 'expires_at'])
      .executeTakeFirstOrThrow();
    await deps.audit.record(
      {
        action: 'invitation.create',
        actorId: actor.userId,
        institutionId: student.institutionId,
        studentId: student.studentId,
        subjectType: 'invitation',
        subjectId: row.id,
        ip,
        details: { kind: input.kind },
      },
      trx,
    );
    return row;
  });
  const school = await deps.db.selectFrom('institutions').select('name').where('id', '=', student.institutionId).executeTakeFirstOrThrow();
  try {
    await deps.mailer.send({ to: email, ...invitationMail(input.kind, school.name, `${deps.config.publicUrl}/uitnodiging?token=${encodeURIComponent(token)}`) });
  } catch {
    // The invitation stays unusable without its mail; the inviter can simply try again.
    throw new AppError(503, 'mail_unavailable');
  }
  return { id: invitation.id, kind: invitation.kind, expiresAt: new Date(invitation.expires_at).toISOString() };
}

async function checkInvitationTarget(db: Kysely<DB>, student: StudentRelation, input: InvitationInput, email: string, locale: Locale) {
  if (input.kind === 'parent' && input.internshipId) throw fieldError(400, 'internship_not_for_parent', 'internshipId', locale);
  if (input.kind === 'praktijkopleider') {
    if (!input.internshipId) throw fieldError(400, 'field_required', 'internshipId', locale);
    const internship = await db
      .selectFrom('internships')
      .select('id')
      .where('id', '=', input.internshipId)
      .where('student_id', '=', student.studentId)
      .executeTakeFirst();
    if (!internship) throw fieldError(400, 'internship_not_found', 'internshipId', locale);
  }
  const studentUser = await db.selectFrom('users').select('email').where('id', '=', student.studentId).executeTakeFirstOrThrow();
  if (studentUser.email.toLowerCase() === email.toLowerCase()) throw fieldError(400, 'invitation_email_is_student', 'email', locale);
}

/** The invitation mail: which school invites, for what, and the link; the invitee's address may be mistyped, so nothing about the student. */
function invitationMail(kind: InvitationKind, schoolName: string, link: string) {
  const asNl = kind === 'parent' ? 'ouder of verzorger' : 'praktijkopleider';
  const asEn = kind === 'parent' ? 'a parent or carer' : 'praktijkopleider (workplace supervisor)';
  return {
    subject: `Uitnodiging voor Koers van ${schoolName} / Invitation to Koers`,
    text:
      `Hallo,\n\n${schoolName} nodigt je uit voor Koers, als ${asNl} van een student. ` +
      `Open deze link om de uitnodiging te bekijken en je account te maken:\n\n${link}\n\n` +
      `De link werkt één keer en ${INVITATION_DAYS} dagen lang. Verwachtte je deze e-mail niet? Dan kun je hem negeren.\n\n` +
      `---\n\nHello,\n\n${schoolName} invites you to Koers as ${asEn} of a student. ` +
      `Open the link above to see the invitation and create your account. It works once, for ${INVITATION_DAYS} days.\n\nKoers`,
  };
}

interface OpenInvitation {
  id: string;
  kind: InvitationKind;
  email: string;
  institution_id: string;
  student_id: string;
  internship_id: string | null;
  expires_at: Date;
}

async function findOpenInvitation(db: Kysely<DB>, token: string, now: Date): Promise<OpenInvitation | null> {
  const row = await db
    .selectFrom('invitations')
    .select(['id', 'kind', 'email', 'institution_id', 'student_id', 'internship_id', 'expires_at'])
    .where('token_hash', '=', sha256(token))
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ?? null;
}

/** What the holder of the link may see: the kind, the student's first name and the school. */
export async function describeInvitation(deps: Deps, token: string) {
  const inv = await findOpenInvitation(deps.db, token, deps.clock.now());
  if (!inv) throw new AppError(404, 'invitation_invalid');
  const facts = await deps.db
    .selectFrom(['users as s', 'institutions as i'])
    .select(['s.given_name', 'i.name'])
    .where('s.id', '=', inv.student_id)
    .where('i.id', '=', inv.institution_id)
    .executeTakeFirstOrThrow();
  return {
    kind: inv.kind,
    studentGivenName: facts.given_name,
    institutionName: facts.name,
    expiresAt: new Date(inv.expires_at).toISOString(),
  };
}

export interface AcceptInput {
  givenName?: string;
  familyName?: string;
  password?: string;
}

/**
 * Accepts an invitation: creates the invitee's account, or, when they are signed in with the
 * invited address, links their existing account; then grants the one role and relation.
 * Everything happens in one transaction that first claims the invitation, so it works once.
 */
export async function acceptInvitation(
  deps: Deps,
  token: string,
  signedIn: Actor | null,
  input: AcceptInput,
  locale: Locale,
  ip: string,
): Promise<{ user: UserView; created: boolean }> {
  const preview = await findOpenInvitation(deps.db, token, deps.clock.now());
  if (!preview) throw new AppError(404, 'invitation_invalid');
  const newAccount = signedIn ? null : await prepareNewAccount(deps, preview.email, preview.institution_id, input, locale);

  const userId = await deps.db.transaction().execute(async (trx) => {
    const inv = await claimInvitation(trx, token, deps.clock.now());
    if (!inv) throw new AppError(404, 'invitation_invalid');
    const id = signedIn
      ? await checkSignedInAccount(trx, signedIn, inv.email)
      : await createAccount(trx, inv, newAccount!, locale, deps.clock.now());
    await grantInvitedRelation(trx, inv, id);
    await trx.updateTable('invitations').set({ accepted_by: id }).where('id', '=', inv.id).execute();
    await deps.audit.record(
      {
        action: 'invitation.accept',
        actorId: id,
        institutionId: inv.institution_id,
        studentId: inv.student_id,
        subjectType: 'invitation',
        subjectId: inv.id,
        ip,
        details: { kind: inv.kind, newAccount: !signedIn },
      },
      trx,
    );
    return id;
  });
  return { user: (await loadUserView(deps, userId))!, created: !signedIn };
}

interface NewAccount {
  givenName: string;
  familyName: string;
  passwordHash: string;
}

/** Validates the form for a new account before anything is claimed; hashing is slow, so it runs outside the transaction. */
async function prepareNewAccount(deps: Deps, email: string, institutionId: string, input: AcceptInput, locale: Locale): Promise<NewAccount> {
  const missing = (['givenName', 'familyName', 'password'] as const).filter((f) => !input[f]?.trim());
  if (missing.length > 0) {
    const fields = Object.fromEntries(missing.map((f) => [f, fieldError(400, 'field_required', f, locale).fields![f]]));
    throw new AppError(400, 'validation_failed', fields);
  }
  const existing = await deps.db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  if (existing) throw new AppError(409, 'invitation_sign_in_first');
  const name = [input.givenName!, input.familyName!];
  const school = await deps.db.selectFrom('institutions').select('name').where('id', '=', institutionId).executeTakeFirst();
  assertAcceptablePassword(input.password!, [email, ...name, name.join(' '), ...(school ? [school.name] : [])], locale, 'password');
  return { givenName: input.givenName!.trim(), familyName: input.familyName!.trim(), passwordHash: await hashPassword(input.password!) };
}

async function claimInvitation(trx: Transaction<DB>, token: string, now: Date): Promise<OpenInvitation | null> {
  const row = await trx
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('token_hash', '=', sha256(token))
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'kind', 'email', 'institution_id', 'student_id', 'internship_id', 'expires_at'])
    .executeTakeFirst();
  return row ?? null;
}

async function checkSignedInAccount(trx: Transaction<DB>, actor: Actor, invitedEmail: string): Promise<string> {
  const me = await trx.selectFrom('users').select('email').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (me.email.toLowerCase() !== invitedEmail.toLowerCase()) throw new AppError(403, 'invitation_other_account');
  return actor.userId;
}

async function createAccount(trx: Transaction<DB>, inv: OpenInvitation, account: NewAccount, locale: Locale, now: Date): Promise<string> {
  try {
    const user = await trx
      .insertInto('users')
      .values({
        email: inv.email,
        given_name: account.givenName,
        family_name: account.familyName,
        display_name: `${account.givenName} ${account.familyName}`,
        locale,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('credentials').values({ user_id: user.id, password_hash: account.passwordHash, password_changed_at: now }).execute();
    return user.id;
  } catch (err) {
    // Someone created an account with this address a moment ago (unique index on lower(email)).
    if ((err as { code?: string }).code === '23505') throw new AppError(409, 'invitation_sign_in_first');
    throw err;
  }
}

/** Exactly the role and relation the invitation names, nothing more. */
async function grantInvitedRelation(trx: Transaction<DB>, inv: OpenInvitation, userId: string) {
  await trx
    .insertInto('user_roles')
    .values({ user_id: userId, institution_id: inv.institution_id, role: inv.kind })
    .onConflict((oc) => oc.doNothing())
    .execute();
  if (inv.kind === 'parent') {
    await trx.insertInto('parent_links').values({ parent_id: userId, student_id: inv.student_id }).onConflict((oc) => oc.doNothing()).execute();
  } else {
    await trx
      .updateTable('internships')
      .set({ praktijkopleider_id: userId })
      .where('id', '=', inv.internship_id!)
      .where('student_id', '=', inv.student_id)
      .execute();
  }
}
